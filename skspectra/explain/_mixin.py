"""``ExplainMixin``: the ``explain(X, method=..., target=None, **options)`` entry point.

numpy only (no torch, no :mod:`skspectra.models`): each estimator registers its methods
through ``_explanation_methods``; the mixin checks, validates and dispatches.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from numbers import Integral
from typing import Any

import numpy as np
from sklearn.utils.validation import check_is_fitted, validate_data

from skspectra.explain._progress import reporting_progress

__all__ = ["ExplainMixin", "class_indices", "output_indices"]

ExplanationMethod = Callable[..., np.ndarray]


def class_indices(classes: np.ndarray, labels: Any) -> np.ndarray:
    """Column index in ``classes`` of each label (a scalar label or a 1-D array).

    Raises a ValueError listing ``classes`` for a label that is not one of them.

    Examples
    --------
    >>> import numpy as np
    >>> class_indices(np.array(["a", "b", "c"]), ["c", "a"])
    array([2, 0])
    """
    labels = np.asarray(labels)
    scalar = labels.ndim == 0
    flat = labels.reshape(-1)
    try:
        uniques, inverse = np.unique(flat, return_inverse=True)
    except TypeError:  # labels of mixed types cannot be sorted
        uniques, inverse = flat, np.arange(flat.size)
    positions = np.empty(len(uniques), dtype=np.intp)
    for u, label in enumerate(uniques.tolist()):
        hits = [i for i, c in enumerate(classes.tolist()) if c == label]
        if not hits:
            raise ValueError(
                f"target {label!r} is not one of the classes of the estimator: {classes.tolist()}."
            )
        positions[u] = hits[0]
    indices = positions[inverse.reshape(-1)]
    return indices.reshape(()) if scalar else indices


def output_indices(n_outputs: int, target: Any, n_samples: int) -> np.ndarray:
    """Output column of a regressor to explain for each sample.

    ``target=None`` means the only output and is an error for several outputs; an int
    selects one output for every sample, an array of ints one output per sample.
    Raises a TypeError for a non-integer target and a ValueError for an index outside
    ``[0, n_outputs)``.

    Examples
    --------
    >>> output_indices(1, None, 3)
    array([0, 0, 0])
    >>> output_indices(3, 2, 2)
    array([2, 2])
    """
    if target is None:
        if n_outputs != 1:
            raise ValueError(
                f"the regressor has {n_outputs} outputs: pass target=<output index> (0 to "
                f"{n_outputs - 1}) to choose the one to explain."
            )
        return np.zeros(n_samples, dtype=np.intp)
    values = np.asarray(target)
    if values.dtype == bool or not np.issubdtype(values.dtype, np.integer):
        raise TypeError(
            "target must be an output index (int) or one index per sample for a "
            f"regressor; got {target!r}."
        )
    if values.ndim == 0:
        values = np.full(n_samples, int(values), dtype=np.intp)
    elif values.shape != (n_samples,):
        raise ValueError(
            "target must be None, one output index, or one index per sample; got "
            f"{values.shape[0]} indices for {n_samples} samples."
        )
    if values.size and (values.min() < 0 or values.max() >= n_outputs):
        raise ValueError(
            f"target must be an output index in [0, {n_outputs - 1}]; got {target!r}."
        )
    return values.astype(np.intp)


class ExplainMixin:
    """Mixin adding ``explain`` (attribution maps of shape (n_samples, n_features)).

    An estimator using it implements ``_explanation_methods()``, returning an ordered
    ``dict`` from method name to a callable
    ``f(estimator, X, target_indices, **options) -> ndarray (n_samples, n_features)``;
    the first entry is the default method. ``X`` reaches ``f`` validated by the
    estimator (``_validate_explain_X``, by default ``validate_data(self, X,
    reset=False)``, so the feature count and names are checked) and
    ``target_indices`` holds, for each sample, the column of ``classes_`` to explain; for a
    regressor (no ``classes_`` but ``n_outputs_``) the output index (see
    :func:`output_indices`); ``None`` for other estimators.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.base import BaseEstimator, ClassifierMixin
    >>> class Linear(ExplainMixin, ClassifierMixin, BaseEstimator):
    ...     def fit(self, X, y):
    ...         self.classes_ = np.unique(y)
    ...         self.n_features_in_ = X.shape[1]
    ...         return self
    ...     def predict(self, X):
    ...         return self.classes_[(np.asarray(X).sum(axis=1) > 0).astype(int)]
    ...     def _explanation_methods(self):
    ...         return {"input": lambda est, X, idx: X * np.where(idx == 1, 1.0, -1.0)[:, None]}
    >>> X = np.array([[1.0, 2.0], [-3.0, 1.0]])
    >>> Linear().fit(X, [0, 1]).explain(X, method="input")
    array([[ 1.,  2.],
           [ 3., -1.]])
    """

    def _explanation_methods(self) -> dict[str, ExplanationMethod]:
        raise NotImplementedError(
            f"{type(self).__name__} must implement _explanation_methods() to use explain()."
        )

    def _validate_explain_X(self, X: Any) -> np.ndarray:
        return validate_data(self, X, reset=False)

    def _explain_target_indices(self, X: Any, n_samples: int, target: Any) -> np.ndarray | None:
        classes = getattr(self, "classes_", None)
        n_outputs = getattr(self, "n_outputs_", None)
        if classes is None and n_outputs is not None:
            return output_indices(n_outputs, target, n_samples)
        if classes is None:
            if target is not None:
                raise ValueError(
                    f"target is only meaningful for classifiers; {type(self).__name__} "
                    "has no classes_. Leave target=None."
                )
            return None
        if target is None:
            return class_indices(classes, self.predict(X))
        indices = class_indices(classes, target)
        if indices.ndim == 0:
            return np.full(n_samples, int(indices), dtype=np.intp)
        if indices.shape != (n_samples,):
            raise ValueError(
                "target must be None, one class label, or one label per sample; got "
                f"{indices.shape[0]} labels for {n_samples} samples."
            )
        return indices

    def explain(
        self, X: Any, method: str | None = None, target: Any = None, **options: Any
    ) -> np.ndarray:
        """Attribution map of each sample: one relevance value per feature.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Samples to explain, in the coordinates the estimator was fitted on.
        method : str, default=None
            Explanation method; ``None`` picks the estimator's default (the first of
            its supported methods). An unknown name raises a ValueError listing them.
        target : class label, array-like of labels, int, or None, default=None
            Classifiers: the class to explain; ``None`` explains each sample's predicted
            class, one label of ``classes_`` that class for every sample, an array one
            label per sample. Regressors: the index of the output to explain; ``None``
            for a single-output regressor (an error with several outputs).
        **options
            Passed to the method (e.g. ``window`` for ``"occlusion"``).

        Returns
        -------
        ndarray of shape (n_samples, n_features)
            Relevance of each feature.

        Notes
        -----
        An estimator whose ``verbose`` parameter is above 0 (the deep estimators) prints a
        progress line on stderr every two seconds of a long explanation: network inputs
        done, seconds elapsed and left.
        """
        check_is_fitted(self)
        methods = self._explanation_methods()
        if method is None:
            method = next(iter(methods))
        if method not in methods:
            raise ValueError(
                f"Unknown explanation method {method!r} for {type(self).__name__}; "
                f"supported methods: {list(methods)}."
            )
        X_valid = self._validate_explain_X(X)
        verbose = getattr(self, "verbose", 0)
        progress = (reporting_progress(f"{type(self).__name__}.explain {method}")
                    if isinstance(verbose, Integral) and verbose > 0 else nullcontext())
        with progress:
            target_indices = self._explain_target_indices(X, X_valid.shape[0], target)
            result = np.asarray(methods[method](self, X_valid, target_indices, **options),
                                float)
        if result.shape != X_valid.shape:
            raise RuntimeError(
                f"explanation method {method!r} returned shape {result.shape}; expected "
                f"{X_valid.shape}."
            )
        return result
