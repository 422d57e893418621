"""The package's one set of argument checks: constraints declared per class, checked in fit.

An estimator declares ``_parameter_checks``, a dict from each parameter's name to its
constraint (an :class:`Interval`, an :class:`Options` or a callable check) or a tuple of
them with ``None`` when ``None`` is allowed, and calls :func:`validate_parameters` at the
start of ``fit`` (``__init__`` only stores). The name differs from scikit-learn's
``_parameter_constraints`` on purpose: scikit-learn's own ``_validate_params`` reads that
attribute with its private constraint types, which these are not. Functions and networks
check one argument at a time with :func:`check_int`, :func:`check_real`,
:func:`check_odd_int` and :func:`check_option`. Every failure is a ``TypeError`` (wrong
type) or ``ValueError`` (out of range) whose message names the argument, the allowed values
and what was given.

Examples
--------
>>> from skspectra._validation import Interval, Options, check_int, validate_parameters
>>> check_int("window", 5, 1)
5
>>> class Smoother:
...     _parameter_checks = {"window": Interval(int, 1), "mode": Options(("a", "b")),
...                               "patience": (None, Interval(int, 1))}
...     window, mode, patience = 0, "a", None
>>> validate_parameters(Smoother())
Traceback (most recent call last):
...
ValueError: window must be >= 1, got 0.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "IntOrAuto",
    "Interval",
    "Options",
    "check_int",
    "check_odd_int",
    "check_option",
    "check_probability",
    "check_real",
    "validate_parameters",
]

_CLOSED = ("both", "left", "right", "neither")


@dataclass(frozen=True)
class Interval:
    """An int (``kind=int``) or a finite real number (``kind=float``) in ``[low, high]``.

    ``closed`` says which ends belong to the interval: ``"both"`` (the default),
    ``"left"``, ``"right"`` or ``"neither"``; ``None`` bounds are open-ended.
    """

    kind: type
    low: float | None = None
    high: float | None = None
    closed: str = "both"

    def describe(self) -> str:
        """The allowed values in words: ``">= 1"`` for ints, ``"in [0, 1)"`` for reals."""
        if self.kind is int and self.high is None and self.low is not None:
            return f"{'>=' if self.closed in ('both', 'left') else '>'} {self.low:g}"
        left = "[" if self.closed in ("both", "left") and self.low is not None else "("
        right = "]" if self.closed in ("both", "right") and self.high is not None else ")"
        low = "-inf" if self.low is None else f"{self.low:g}"
        high = "inf" if self.high is None else f"{self.high:g}"
        return f"in {left}{low}, {high}{right}"

    def type_name(self) -> str:
        return "an integer" if self.kind is int else "a real number"

    def accepts_type(self, value: Any) -> bool:
        kind = numbers.Integral if self.kind is int else numbers.Real
        return isinstance(value, kind) and not isinstance(value, bool)

    def __call__(self, name: str, value: Any) -> Any:
        if self.closed not in _CLOSED:
            raise ValueError(f"closed must be one of {_CLOSED}, got {self.closed!r}.")
        if not self.accepts_type(value):
            raise TypeError(f"{name} must be {self.type_name()}, got {value!r} "
                            f"({type(value).__name__}).")
        number = int(value) if self.kind is int else float(value)
        low_ok = self.low is None or number > self.low or (
            number == self.low and self.closed in ("both", "left"))
        high_ok = self.high is None or number < self.high or (
            number == self.high and self.closed in ("both", "right"))
        if not (np.isfinite(number) and low_ok and high_ok):
            raise ValueError(f"{name} must be {self.describe()}, got {value!r}.")
        return number


@dataclass(frozen=True)
class Options:
    """One of a fixed set of values (compared with ``==``, e.g. strings)."""

    choices: tuple

    def __call__(self, name: str, value: Any) -> Any:
        try:
            allowed = any(isinstance(value, type(c)) and value == c for c in self.choices)
        except (TypeError, ValueError):  # e.g. an array compared with a string
            allowed = False
        if not allowed:
            raise ValueError(f"{name} must be one of {list(self.choices)}, got {value!r}.")
        return value


@dataclass(frozen=True)
class IntOrAuto:
    """An integer ``>= low``, or the string ``"auto"`` (a count chosen by the estimator)."""

    low: int = 0

    def __call__(self, name: str, value: Any) -> Any:
        if isinstance(value, str):
            if value == "auto":
                return value
            raise ValueError(f"{name} must be an integer >= {self.low} or 'auto', got {value!r}.")
        return Interval(int, self.low)(name, value)


Constraint = Interval | Options | IntOrAuto | Callable[[str, Any], Any]


def _check(name: str, value: Any, constraint: Constraint | tuple) -> Any:
    allowed = constraint if isinstance(constraint, tuple) else (constraint,)
    if value is None and None in allowed:
        return None
    checks = [c for c in allowed if c is not None]
    if len(checks) != 1:
        raise TypeError(f"the constraint of {name} must hold one check (and maybe None).")
    try:
        return checks[0](name, value)
    except TypeError as exc:
        if None in allowed:  # say that None is allowed too
            raise TypeError(str(exc).replace(" must be ", " must be None or ", 1)) from None
        raise


def validate_parameters(estimator: Any, constraints: dict[str, Any] | None = None) -> None:
    """Check every parameter of ``estimator`` that ``constraints`` names.

    Parameters
    ----------
    estimator : object
        Its attributes hold the parameters (as ``__init__`` stored them).
    constraints : dict, default=None
        Parameter name -> constraint, or a tuple of a constraint and ``None``;
        ``None``: the estimator's class attribute ``_parameter_checks``.

    Raises
    ------
    TypeError, ValueError
        For the first parameter that breaks its constraint, naming it.
    """
    if constraints is None:
        constraints = type(estimator)._parameter_checks
    for name, constraint in constraints.items():
        _check(name, getattr(estimator, name), constraint)


def check_int(name: str, value: Any, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an int in ``[low, high]``; numpy integers pass, bools do not.

    Examples
    --------
    >>> check_int("n_steps", 3, 1)
    3
    """
    return Interval(int, low, high)(name, value)


def check_real(name: str, value: Any, low: float | None = None, high: float | None = None,
               closed: str = "neither") -> float:
    """``value`` as a finite float in the interval (``closed``: see :class:`Interval`).

    Examples
    --------
    >>> check_real("lam", 1e5, 0)
    100000.0
    """
    return Interval(float, low, high, closed)(name, value)


def check_probability(name: str, value: Any) -> float:
    """``value`` as a float in ``[0, 1)`` (a dropout rate)."""
    return check_real(name, value, 0.0, 1.0, closed="left")


def check_odd_int(name: str, value: Any, low: int = 1) -> int:
    """Like :func:`check_int`, and odd (a kernel with symmetric 'same' padding)."""
    value = check_int(name, value, low)
    if value % 2 == 0:
        raise ValueError(
            f"{name} must be odd so that the padding is symmetric and the feature maps "
            f"stay aligned with the input positions, got {value}."
        )
    return value


def check_option(name: str, value: Any, options: Iterable[Any]) -> Any:
    """``value`` if it is one of ``options``; a ValueError listing them otherwise."""
    return Options(tuple(options))(name, value)
