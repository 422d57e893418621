"""skspectra: deep learning and chemometrics for spectra as scikit-learn estimators.

Importing :mod:`skspectra` is cheap: it does not import torch. The public names
below are re-exported lazily (PEP 562) from the sub-packages that define them,
so ``skspectra.SavGol`` only imports :mod:`skspectra.preprocessing` when first
used, and the deep models only import torch when first used.

Examples
--------
>>> import skspectra
>>> from skspectra import SavGol, SNV
>>> skspectra.__version__  # doctest: +SKIP
'0.1.0'
"""

from __future__ import annotations

import importlib
from typing import Any

from skspectra._registry import model_exports

__version__ = "0.1.0"

# public name -> sub-module that defines it
_LAZY_EXPORTS: dict[str, str] = {
    # preprocessing
    "SavGol": "skspectra.preprocessing",
    "SNV": "skspectra.preprocessing",
    "MSC": "skspectra.preprocessing",
    "Detrend": "skspectra.preprocessing",
    "AsLS": "skspectra.preprocessing",
    "Normalize": "skspectra.preprocessing",
    "RangeCut": "skspectra.preprocessing",
    "EPO": "skspectra.preprocessing",
    "Resample": "skspectra.preprocessing",
    "ToAbsorbance": "skspectra.preprocessing",
}
# models: PLS-LDA and the deep estimators of the registry (skspectra/_registry.py)
_LAZY_EXPORTS.update(dict.fromkeys(model_exports(), "skspectra.models"))

_SUBMODULES = (
    "cli", "datasets", "explain", "export", "io", "maps", "model_selection", "models", "nn",
    "plotting", "preprocessing",
)

__all__ = ["__version__", *_LAZY_EXPORTS, *_SUBMODULES]


def __getattr__(name: str) -> Any:
    if name in _LAZY_EXPORTS:
        module = importlib.import_module(_LAZY_EXPORTS[name])
        value = getattr(module, name)
        globals()[name] = value  # cache: later look-ups skip __getattr__
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"skspectra.{name}")
    raise AttributeError(f"module 'skspectra' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
