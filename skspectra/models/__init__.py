"""scikit-learn estimators: PLS-LDA (numpy/scipy) and the deep classifiers and regressors.

Importing this package does not import torch: PLS-LDA is numpy/scipy only, and the
deep estimators are resolved lazily (PEP 562) when first used.

Examples
--------
>>> from skspectra.models import PLSLDAClassifier, PLSLDAClassifierCV
"""

from __future__ import annotations

import importlib
from typing import Any

from skspectra.models._pls_lda import PLSLDAClassifier
from skspectra.models._pls_lda_cv import PLSLDAClassifierCV

# public name -> defining sub-module, imported on first use (the deep models go here)
_LAZY_EXPORTS: dict[str, str] = {
    "GAPCNNClassifier": "skspectra.models._gap_cnn",
    "PACEClassifier": "skspectra.models._pace",
    "ResNet1DClassifier": "skspectra.models._resnet1d",
    "GAPCNNRegressor": "skspectra.models._gap_cnn",
    "PACERegressor": "skspectra.models._pace",
    "ResNet1DRegressor": "skspectra.models._resnet1d",
}

__all__ = ["PLSLDAClassifier", "PLSLDAClassifierCV", *_LAZY_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _LAZY_EXPORTS:
        value = getattr(importlib.import_module(_LAZY_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'skspectra.models' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
