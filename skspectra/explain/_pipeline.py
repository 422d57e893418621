"""``explain(estimator_or_pipeline, X, ...)``: attributions in the raw input's coordinates."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from skspectra.explain._lime import lime
from skspectra.explain._mixin import class_indices
from skspectra.explain._occlusion import occlusion

__all__ = ["explain"]

# Model-agnostic methods: on a Pipeline they perturb the raw spectra (exact).
_PERTURBATION_METHODS = {"occlusion": occlusion, "lime": lime}


def _supported_methods(final: Any) -> list[str]:
    methods = getattr(final, "_explanation_methods", None)
    if methods is None:
        return []
    return list(methods())


def _map_back(step: Any, name: str, maps: np.ndarray, n_features_in: int) -> np.ndarray:
    """Carry maps over a transformer's output columns back to its input columns."""
    support = getattr(step, "support_", None)
    if support is None and hasattr(step, "get_support"):
        support = step.get_support()
    if support is not None:
        support = np.asarray(support, dtype=bool)
        full = np.zeros((maps.shape[0], support.size))
        full[:, support] = maps
        return full
    names_in = np.array([f"x{i}" for i in range(n_features_in)], dtype=object)
    try:
        names_out = np.asarray(step.get_feature_names_out(names_in))
    except Exception:  # no names, or names that cannot be checked
        names_out = None
    if names_out is None or names_out.shape != names_in.shape or np.any(names_out != names_in):
        raise ValueError(
            f"explain cannot map attributions back through the pipeline step {name!r} "
            f"({type(step).__name__}): it neither keeps the feature positions (its "
            "get_feature_names_out does not return its input names) nor selects columns "
            "(support_ / get_support). Use method='occlusion' or 'lime', which perturb "
            "the raw spectra."
        )
    return maps


def explain(
    estimator: Any, X: Any, method: str | None = None, target: Any = None, **options: Any
) -> np.ndarray:
    """Explain a fitted estimator or Pipeline, with attributions in the raw input's coordinates.

    For an estimator this is ``estimator.explain(X, method, target, **options)``.
    For a :class:`~sklearn.pipeline.Pipeline` whose last step has ``explain``:

    * ``"occlusion"`` and ``"lime"`` perturb the *raw* spectra and score them with
      ``pipeline.predict_proba``: exact, the preprocessing is part of the model.
    * every other method (CAM, Grad-CAM, saliency, ..., PLS-LDA's ``"vip"``) explains
      the last step on the transformed spectra and maps the attributions back step
      by step: a step that keeps positions (SavGol, SNV, MSC, Detrend, AsLS,
      Normalize, StandardScaler: ``get_feature_names_out`` returns the input names)
      maps 1:1, a column selection (``RangeCut``'s ``support_``, or
      ``get_support()``) maps back with zeros outside the kept columns. This is an
      approximation: it reports the relevance of the *transformed* value at each
      position, not the derivative through the preprocessing (e.g. a Savitzky-Golay
      derivative mixes neighbouring points and SNV couples all points of a
      spectrum, which the mapping ignores). Any other step (PCA, ...) raises a
      ValueError pointing to the perturbation methods.

    Parameters
    ----------
    estimator : fitted estimator or Pipeline
        The model; a Pipeline's last step must support ``explain`` (an
        :class:`ExplainMixin` estimator), except for ``"occlusion"``/``"lime"``,
        which only need ``pipeline.predict_proba``.
    X : array-like of shape (n_samples, n_features)
        Raw spectra, as passed to ``pipeline.predict``.
    method : str, default=None
        Method name; ``None``: the last step's default method.
    target : class label, array-like of labels, or None, default=None
        ``None`` explains each sample's predicted class.
    **options
        Passed to the method.

    Returns
    -------
    ndarray of shape (n_samples, n_features)
        Attributions on the raw spectra's points.

    Examples
    --------
    >>> from sklearn.pipeline import make_pipeline
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.models import PLSLDAClassifier
    >>> from skspectra.preprocessing import RangeCut, SNV
    >>> from skspectra.explain import explain
    >>> X, y, mask = make_spectra(n_samples=60, n_features=100, random_state=0)
    >>> pipe = make_pipeline(SNV(), RangeCut(10, 89), PLSLDAClassifier()).fit(X, y)
    >>> maps = explain(pipe, X[:3], method="coef")
    >>> maps.shape, bool((maps[:, :10] == 0).all())
    ((3, 100), True)
    """
    if not isinstance(estimator, Pipeline):
        if not hasattr(estimator, "explain"):
            raise TypeError(
                f"{type(estimator).__name__} has no explain(); pass a skspectra model or a "
                "Pipeline ending in one."
            )
        return estimator.explain(X, method=method, target=target, **options)

    check_is_fitted(estimator)
    final = estimator._final_estimator
    supported = _supported_methods(final)
    if method is None:
        if not supported:
            raise ValueError(
                f"The last pipeline step {type(final).__name__} has no explanation methods; "
                f"name one of {list(_PERTURBATION_METHODS)}."
            )
        method = supported[0]
    if method in _PERTURBATION_METHODS:
        if not hasattr(estimator, "predict_proba"):
            raise TypeError(f"method {method!r} needs a pipeline with predict_proba.")
        X_raw = np.asarray(X if not hasattr(X, "iloc") else X.to_numpy(), dtype=float)
        indices = None
        if target is not None:
            classes = getattr(estimator, "classes_", None)
            if classes is None:
                raise ValueError("target needs a classifier pipeline (with classes_).")
            indices = class_indices(classes, target)
        else:
            indices = class_indices(estimator.classes_, estimator.predict(X))
        columns = getattr(X, "columns", None)

        def predict_proba(rows: np.ndarray) -> np.ndarray:
            if columns is not None:  # keep feature names for steps fitted on a DataFrame
                import pandas as pd

                rows = pd.DataFrame(rows, columns=columns)
            return estimator.predict_proba(rows)

        return _PERTURBATION_METHODS[method](predict_proba, X_raw, indices, **options)
    if method not in supported:
        raise ValueError(
            f"Unknown explanation method {method!r} for {type(final).__name__}; supported "
            f"methods: {sorted(set(supported) | set(_PERTURBATION_METHODS), key=str)}."
        )

    steps = [(name, step) for name, step in estimator.steps[:-1]
             if step is not None and step != "passthrough"]
    Xt, widths = X, []
    for _name, step in steps:
        widths.append(np.shape(Xt)[1])
        Xt = step.transform(Xt)
    maps = final.explain(Xt, method=method, target=target, **options)
    for (name, step), width in zip(reversed(steps), reversed(widths), strict=True):
        maps = _map_back(step, name, maps, width)
    return maps
