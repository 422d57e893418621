"""What the model-agnostic explanation methods share: scoring a model, checking counts.

numpy only: the perturbation methods (occlusion, LIME) and the faithfulness metrics work
on any model that returns scores, without torch.
"""

from __future__ import annotations

from collections.abc import Callable
from numbers import Integral
from typing import Any

import numpy as np


def check_int(name: str, value: Any, low: int, high: int | None = None) -> int:
    """``value`` as an int, or a TypeError/ValueError naming ``name`` and the bounds."""
    if not isinstance(value, Integral) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int; got {value!r}.")
    if value < low or (high is not None and value > high):
        bound = f">= {low}" if high is None else f"in [{low}, {high}]"
        raise ValueError(f"{name} must be {bound}; got {value}.")
    return int(value)


def scores_function(model: Any) -> Callable[[np.ndarray], np.ndarray]:
    """A function mapping spectra (m, p) to a 2-D float array of scores (m, n_outputs).

    ``model`` is a callable (e.g. ``clf.predict_proba`` or ``reg.predict``) or a fitted
    estimator: its ``predict_proba`` when it has one (a classifier), else its ``predict``
    (a regressor). A 1-D output (a single-target regressor) becomes one column.

    Examples
    --------
    >>> import numpy as np
    >>> scores_function(lambda X: X.sum(axis=1))(np.ones((2, 3)))
    array([[3.],
           [3.]])
    """
    if callable(model):
        function = model
    elif hasattr(model, "predict_proba"):
        function = model.predict_proba
    elif hasattr(model, "predict"):
        function = model.predict
    else:
        raise TypeError(
            "expected a function of the spectra (e.g. clf.predict_proba or reg.predict) or a "
            f"fitted estimator with predict_proba or predict; got {type(model).__name__}."
        )

    def scores(X: np.ndarray) -> np.ndarray:
        values = np.asarray(function(X), dtype=float)
        if values.ndim == 1:
            return values[:, None]
        if values.ndim != 2 or values.shape[0] != len(X):
            raise ValueError(
                f"the model returned shape {values.shape} for {len(X)} spectra; expected "
                "(n_spectra,) or (n_spectra, n_outputs)."
            )
        return values

    return scores
