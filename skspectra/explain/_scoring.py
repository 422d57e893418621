"""What the model-agnostic explanation methods share: scoring a model, checking counts.

numpy only: the perturbation methods (occlusion, LIME) and the faithfulness metrics work
on any model that returns scores, without torch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


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
