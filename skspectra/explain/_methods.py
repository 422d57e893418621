"""Which explanation methods a fitted model supports, and which one is its default."""

from __future__ import annotations

from typing import Any

from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

__all__ = [
    "PERTURBATION_METHODS",
    "default_method",
    "final_step_methods",
    "own_methods",
    "supported_methods",
]

# Model-agnostic methods: they need only predict_proba (or a regressor's predict), so they
# explain any fitted scikit-learn estimator or Pipeline, on the raw spectra.
PERTURBATION_METHODS = ("occlusion", "lime")


def own_methods(estimator: Any) -> list[str]:
    """The methods a model declares through ``ExplainMixin`` (default first), or ``[]``."""
    methods = getattr(estimator, "_explanation_methods", None)
    return [] if methods is None else list(methods())


def final_step_methods(estimator: Any) -> tuple[Any, list[str]]:
    """The fitted model (a Pipeline's last step) and the methods it declares."""
    check_is_fitted(estimator)
    final = estimator._final_estimator if isinstance(estimator, Pipeline) else estimator
    return final, own_methods(final)


def supported_methods(estimator: Any) -> list[str]:
    """Names of the explanation methods that :func:`explain` accepts for ``estimator``.

    For a skspectra model, or a Pipeline ending in one, its own methods, the default first
    (the order of ``estimator.explain``). For any other fitted scikit-learn estimator or
    Pipeline, the model-agnostic methods that its ``predict_proba`` (classifiers) or
    ``predict`` (regressors) allow: ``["occlusion", "lime"]``.

    Parameters
    ----------
    estimator : fitted estimator or Pipeline
        The model to explain.

    Returns
    -------
    list of str
        Method names; the first is :func:`default_method` when the model has methods of
        its own.

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.explain import supported_methods
    >>> from skspectra.models import PLSLDAClassifier
    >>> X, y, _ = make_spectra(n_samples=40, n_features=50, random_state=0)
    >>> supported_methods(PLSLDAClassifier(2).fit(X, y))
    ['coef', 'vip', 'occlusion']
    """
    _, own = final_step_methods(estimator)
    if own:
        return own
    return list(PERTURBATION_METHODS) if hasattr(estimator, "predict") else []


def default_method(estimator: Any) -> str:
    """The method that ``explain(estimator, X)`` uses when no method is named.

    Each skspectra model's default is the method that measured best for it
    (benchmarks/RESULTS.md, section *Explanations*): ``"grad_cam_occlusion"`` for PACE and
    GAP-CNN, ``"occlusion"`` for ResNet1D and networks of your own, ``"integrated_gradients"``
    for the deep regressors, ``"coef"`` for PLS-LDA. A Pipeline's default is its last step's.

    Parameters
    ----------
    estimator : fitted estimator or Pipeline
        A skspectra model, or a Pipeline ending in one.

    Returns
    -------
    str
        The method name.

    Raises
    ------
    ValueError
        When the model has no explanation methods of its own (any other scikit-learn
        estimator): name ``"occlusion"`` or ``"lime"`` instead.

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.explain import default_method
    >>> from skspectra.models import PLSLDAClassifier
    >>> X, y, _ = make_spectra(n_samples=40, n_features=50, random_state=0)
    >>> default_method(PLSLDAClassifier(2).fit(X, y))
    'coef'
    """
    final, own = final_step_methods(estimator)
    if not own:
        raise ValueError(
            f"{type(final).__name__} has no explanation methods of its own, hence no default; "
            f"name one of the model-agnostic methods {list(PERTURBATION_METHODS)}."
        )
    return own[0]
