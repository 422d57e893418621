"""``explain(estimator_or_pipeline, X, ...)``: attributions in the raw input's coordinates."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import is_classifier
from sklearn.pipeline import Pipeline

from skspectra.explain._lime import lime
from skspectra.explain._methods import (
    PERTURBATION_METHODS,
    default_method,
    final_step_methods,
)
from skspectra.explain._mixin import class_indices, output_indices
from skspectra.explain._occlusion import occlusion

__all__ = ["explain"]

# The model-agnostic methods' functions: on a Pipeline they perturb the raw spectra (exact).
_PERTURBATION_FUNCTIONS = {"occlusion": occlusion, "lime": lime}


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


def _scores_and_targets(estimator: Any, X: Any, target: Any) -> tuple[Any, np.ndarray]:
    """The function a perturbation method scores (probabilities or predictions) and the
    output column to explain for each sample (duck typing: ``predict_proba`` means a
    classifier, otherwise ``predict`` gives a regressor's predictions)."""
    if hasattr(estimator, "predict_proba"):
        classes = getattr(estimator, "classes_", None)
        if classes is None:
            raise ValueError("target needs a classifier with classes_.")
        labels = estimator.predict(X) if target is None else target
        return estimator.predict_proba, class_indices(classes, labels)
    if is_classifier(estimator):
        raise TypeError(
            f"{type(estimator).__name__} is a classifier without predict_proba; occlusion and "
            "lime need its class probabilities."
        )
    reference = np.asarray(estimator.predict(X))
    n_outputs = 1 if reference.ndim == 1 else reference.shape[1]
    return estimator.predict, output_indices(n_outputs, target, reference.shape[0])


def _explain_by_perturbation(
    estimator: Any, X: Any, method: str, target: Any, options: dict[str, Any]
) -> np.ndarray:
    X_raw = np.asarray(X if not hasattr(X, "iloc") else X.to_numpy(), dtype=float)
    predict, indices = _scores_and_targets(estimator, X, target)
    columns = getattr(X, "columns", None)

    def scores(rows: np.ndarray) -> np.ndarray:
        if columns is not None:  # keep feature names for steps fitted on a DataFrame
            import pandas as pd

            rows = pd.DataFrame(rows, columns=columns)
        return predict(rows)

    return _PERTURBATION_FUNCTIONS[method](scores, X_raw, indices, **options)


def explain(
    estimator: Any, X: Any, method: str | None = None, target: Any = None, **options: Any
) -> np.ndarray:
    """Explain a fitted estimator or Pipeline, with attributions in the raw input's coordinates.

    For an estimator with ``explain`` (every skspectra model) this is
    ``estimator.explain(X, method, target, **options)``. For a
    :class:`~sklearn.pipeline.Pipeline`, or any other fitted scikit-learn estimator
    (e.g. sklearn's :class:`~sklearn.cross_decomposition.PLSRegression`):

    * ``"occlusion"`` and ``"lime"`` perturb the *raw* spectra and score them with
      ``predict_proba`` (a classifier: the drop of the class probability) or ``predict``
      (a regressor: the drop of the prediction, in the target's units): exact, the
      preprocessing is part of the model. They work on any classifier with
      ``predict_proba`` and any regressor.
    * every other method (CAM, Grad-CAM, saliency, ..., PLS-LDA's ``"vip"``) needs a
      Pipeline whose last step has ``explain``: it explains the last step on the
      transformed spectra and maps the attributions back step
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
        The model; for methods other than ``"occlusion"``/``"lime"``, a skspectra model
        or a Pipeline whose last step supports ``explain``.
    X : array-like of shape (n_samples, n_features)
        Raw spectra, as passed to ``pipeline.predict``.
    method : str, default=None
        Method name; ``None``: the last step's default method.
    target : class label, array-like of labels, int, or None, default=None
        Classifiers: the class to explain (``None``: each sample's predicted class).
        Regressors: the output index (``None``: the only output; required with several).
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

    Any regressor, e.g. a Savitzky-Golay + PLS regression pipeline, by occlusion:

    >>> from sklearn.cross_decomposition import PLSRegression
    >>> from skspectra.preprocessing import SavGol
    >>> reg = make_pipeline(SavGol(7, 2), PLSRegression(3)).fit(X, X[:, 40])
    >>> explain(reg, X[:3], method="occlusion", window=5).shape
    (3, 100)
    """
    is_pipeline = isinstance(estimator, Pipeline)
    if not is_pipeline and hasattr(estimator, "explain"):
        return estimator.explain(X, method=method, target=target, **options)
    if not is_pipeline and (method not in PERTURBATION_METHODS
                            or not hasattr(estimator, "predict")):
        raise TypeError(
            f"{type(estimator).__name__} has no explain(); pass a skspectra model or a "
            f"Pipeline ending in one, or use a model-agnostic method {list(PERTURBATION_METHODS)}."
        )

    final, supported = final_step_methods(estimator)
    if method is None:
        method = default_method(estimator)
    if method in PERTURBATION_METHODS:
        return _explain_by_perturbation(estimator, X, method, target, options)
    if method not in supported:
        raise ValueError(
            f"Unknown explanation method {method!r} for {type(final).__name__}; supported "
            f"methods: {sorted(set(supported) | set(PERTURBATION_METHODS), key=str)}."
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
