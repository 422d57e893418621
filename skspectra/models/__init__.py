"""scikit-learn estimators: PLS-LDA (numpy/scipy) and the deep classifiers and regressors.

The deep estimators are :class:`SpectralNetClassifier` and :class:`SpectralNetRegressor`
(any :class:`skspectra.nn.SpectralNet`, ``module=``) and their presets, one pair per
architecture of the registry (GAP-CNN, ResNet1D, PACE); they live in the sub-package
:mod:`skspectra.models.deep`. :func:`is_deep_estimator` tells them from the others.

Importing this package does not import torch: PLS-LDA is numpy/scipy only, and the
deep estimators are resolved lazily (PEP 562) when first used.

Examples
--------
>>> from skspectra.models import PLSLDAClassifier, PLSLDAClassifierCV, is_deep_estimator
>>> is_deep_estimator(PLSLDAClassifier())
False
"""

from __future__ import annotations

import importlib
from typing import Any

from skspectra._registry import model_exports
from skspectra.models import _moved_modules
from skspectra.models._pls_lda import PLSLDAClassifier
from skspectra.models._pls_lda_cv import PLSLDAClassifierCV

_moved_modules.install()  # models pickled before skspectra.models.deep still load

# public name -> defining sub-module, imported on first use: every export of the registry
# (skspectra/_registry.py) but PLS-LDA, imported above
_LAZY_EXPORTS: dict[str, str] = {
    name: module for name, module in model_exports().items() if name not in globals()
}

__all__ = ["PLSLDAClassifier", "PLSLDAClassifierCV", *_LAZY_EXPORTS, "is_deep_estimator"]


def is_deep_estimator(estimator: Any) -> bool:
    """Whether ``estimator`` (or a Pipeline's last step) trains a torch network.

    True for :class:`SpectralNetClassifier`, :class:`SpectralNetRegressor` and their
    presets (fitted or not); checking does not import torch.

    Parameters
    ----------
    estimator : object
        An estimator or a :class:`~sklearn.pipeline.Pipeline`.

    Returns
    -------
    bool

    Examples
    --------
    >>> from sklearn.pipeline import make_pipeline
    >>> from skspectra.models import PACEClassifier, PLSLDAClassifier, is_deep_estimator
    >>> from skspectra.preprocessing import SNV
    >>> is_deep_estimator(make_pipeline(SNV(), PACEClassifier())), is_deep_estimator(
    ...     PLSLDAClassifier())
    (True, False)
    """
    from skspectra.models.deep._base import BaseDeepEstimator

    final = estimator.steps[-1][1] if hasattr(estimator, "steps") else estimator
    return isinstance(final, BaseDeepEstimator)


def __getattr__(name: str) -> Any:
    if name in _LAZY_EXPORTS:
        value = getattr(importlib.import_module(_LAZY_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'skspectra.models' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
