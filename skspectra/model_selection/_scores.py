"""The scores of :func:`compare_models`: names, metric functions and the task they fit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    mean_absolute_error,
    r2_score,
    root_mean_squared_error,
)

__all__ = ["SCORES", "Score", "check_scoring_names", "default_scoring"]


@dataclass(frozen=True)
class Score:
    """One score: its metric ``function(y_true, y_pred)``, task, table label and sense."""

    function: Callable[[Any, Any], float]
    task: str
    label: str
    greater_is_better: bool


SCORES: dict[str, Score] = {
    "accuracy": Score(accuracy_score, "classification", "accuracy", True),
    "balanced_accuracy": Score(balanced_accuracy_score, "classification", "balanced acc.",
                               True),
    "rmse": Score(root_mean_squared_error, "regression", "RMSEP", False),
    "r2": Score(r2_score, "regression", "R^2", True),
    "mae": Score(mean_absolute_error, "regression", "MAE", False),
}
"""Score name -> :class:`Score`. ``rmse`` on a test part is the RMSEP of chemometrics."""

_DEFAULTS = {"classification": ("accuracy", "balanced_accuracy"), "regression": ("rmse", "r2")}


def default_scoring(task: str) -> tuple[str, ...]:
    """The scores recorded when ``scoring=None``: accuracy for classifiers, RMSE for regressors.

    Examples
    --------
    >>> default_scoring("regression")
    ('rmse', 'r2')
    """
    return _DEFAULTS[task]


def check_scoring_names(scoring: Any, task: str) -> tuple[str, ...]:
    """``scoring`` (None, one name or a list of names) as a tuple of names for ``task``.

    Examples
    --------
    >>> check_scoring_names("r2", "regression")
    ('r2',)
    """
    if scoring is None:
        return default_scoring(task)
    names = (scoring,) if isinstance(scoring, str) else tuple(scoring) \
        if isinstance(scoring, list | tuple) else None
    if not names or not all(isinstance(name, str) for name in names):
        raise TypeError(f"scoring must be a score name or a list of names; got {scoring!r}.")
    valid = [name for name, score in SCORES.items() if score.task == task]
    for name in names:
        if name not in SCORES:
            raise ValueError(f"unknown score {name!r}; the {task} scores are {valid}.")
        if SCORES[name].task != task:
            raise ValueError(f"score {name!r} is for {SCORES[name].task}, but the models are "
                             f"{'regressors' if task == 'regression' else 'classifiers'}; "
                             f"the {task} scores are {valid}.")
    if len(set(names)) != len(names):
        raise ValueError(f"scoring names a score twice: {list(names)}.")
    return names


def compute(names: tuple[str, ...], y_true: Any, y_pred: Any) -> dict[str, float]:
    """Each named score of the predictions."""
    return {name: float(SCORES[name].function(y_true, np.asarray(y_pred))) for name in names}
