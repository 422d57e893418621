"""Shared machinery of the spectral transformers: validation, dtype, feature names.

Every transformer in :mod:`skspectra.preprocessing` works row-wise on a 2D array
of spectra, shape ``(n_samples, n_features)``: one spectrum per row, one
wavelength / wavenumber per column. The base class below validates the input
with :func:`sklearn.utils.validation.validate_data` (2D, finite, float64 or
float32; integers become float64), records ``n_features_in_`` and
``feature_names_in_`` at ``fit`` and checks them again at ``transform``, and
casts the result back to the input's float dtype.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data

__all__ = [
    "SpectralTransformer",
    "check_integer",
    "check_option",
    "check_real",
    "guard_zero",
]

#: dtypes accepted as they are; anything else (ints, bools, float16) becomes float64.
FLOAT_DTYPES = (np.float64, np.float32)


def check_integer(name: str, value: object, min_value: int) -> int:
    """Return ``value`` as an int, or raise if it is not an integer >= ``min_value``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__}).")
    if value < min_value:
        raise ValueError(f"{name} must be >= {min_value}, got {name}={value}.")
    return int(value)


def check_real(
    name: str,
    value: object,
    low: float | None = None,
    high: float | None = None,
    closed: str = "neither",
) -> float:
    """Return ``value`` as a float, or raise if it is not a finite real in the interval.

    ``closed`` is one of ``"neither"``, ``"left"``, ``"right"``, ``"both"``.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__}).")
    value = float(value)
    too_low = low is not None and (value < low or (value == low and closed not in ("left", "both")))
    too_high = high is not None and (
        value > high or (value == high and closed not in ("right", "both"))
    )
    if not np.isfinite(value) or too_low or too_high:
        left = "[" if closed in ("left", "both") else "("
        right = "]" if closed in ("right", "both") else ")"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        raise ValueError(f"{name} must be in {left}{lo}, {hi}{right}, got {name}={value!r}.")
    return value


def check_option(name: str, value: object, options: tuple[str, ...]) -> str:
    """Return ``value``, or raise if it is not one of the allowed strings."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {list(options)}, got {name}={value!r}.")
    return value


def guard_zero(divisor: np.ndarray, magnitude: np.ndarray) -> np.ndarray:
    """Replace divisors that are zero up to rounding by 1, in place, and return them.

    A divisor counts as zero when it is at most ``10 * eps`` times
    ``magnitude`` (the size of the values it was computed from), so that a
    constant spectrum is left unscaled instead of being blown up to noise or NaN.
    """
    tiny = np.abs(divisor) <= 10 * np.finfo(divisor.dtype).eps * magnitude
    divisor[tiny] = 1
    return divisor


class SpectralTransformer(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Base class of the row-wise spectral transformers.

    Subclasses implement ``_transform(X)`` (``X`` is validated, 2D, float32 or
    float64) and may override ``_check_params(n_features)`` (raise on bad
    parameters, called at ``fit`` and ``transform``) and ``_fit(X)`` (learn
    state, e.g. a reference spectrum). The output keeps the input's float
    dtype: float32 stays float32, float64 stays float64, integers become
    float64.
    """

    def _check_params(self, n_features: int) -> None:
        """Validate the parameters against the number of features; override."""

    def _fit(self, X: np.ndarray) -> None:
        """Learn fitted attributes from validated ``X``; stateless by default."""

    def _transform(self, X: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def fit(self, X: ArrayLike, y: None = None) -> SpectralTransformer:
        """Validate the spectra and learn what the transform needs.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra, one per row. A pandas DataFrame's column names are kept as
            ``feature_names_in_``.
        y : None
            Ignored; present for the scikit-learn API.

        Returns
        -------
        self : object
            The fitted transformer.
        """
        self._fit(self._validate_fit(X))
        return self

    def _validate_fit(self, X: ArrayLike) -> np.ndarray:
        """Validate ``X`` at fit time: sets ``n_features_in_`` and ``feature_names_in_``."""
        X = validate_data(self, X, dtype=FLOAT_DTYPES)
        self._check_params(X.shape[1])
        return X

    def transform(self, X: ArrayLike) -> np.ndarray:
        """Transform the spectra.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra, one per row, with the same features as at ``fit``.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_features_out)
            The transformed spectra, float32 for float32 input, else float64.
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=FLOAT_DTYPES, reset=False)
        self._check_params(X.shape[1])
        return np.asarray(self._transform(X), dtype=X.dtype)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
