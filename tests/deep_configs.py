"""The deep estimators that the common tests run: every registry preset, and SpectralNet.

Derived from ``skspectra._registry.ARCHITECTURES`` so that a new architecture is tested
as soon as it has its entry (with its ``small_params`` and ``any_length_params``); the
bring-your-own-network estimators are tested with the GAP-CNN network passed as
``module=``.
"""

from __future__ import annotations

from typing import Any

import skspectra.models as models
from skspectra._registry import ARCHITECTURES, architecture
from skspectra.nn import GAPCNN


def _as_module_arguments(params: dict[str, Any]) -> dict[str, Any]:
    return {"module": GAPCNN, **{f"module__{name}": value for name, value in params.items()}}


def _configs(task: str, field: str) -> dict[type, dict[str, Any]]:
    configs = {}
    for entry in ARCHITECTURES:
        name = getattr(entry, task)
        if name is not None:
            configs[getattr(models, name)] = dict(getattr(entry, field))
    spectral_net = getattr(models, f"SpectralNet{task.capitalize()}")
    configs[spectral_net] = _as_module_arguments(getattr(architecture("gap-cnn"), field))
    return configs


SMALL_CLASSIFIERS = _configs("classifier", "small_params")
SMALL_REGRESSORS = _configs("regressor", "small_params")
ANY_LENGTH_CLASSIFIERS = _configs("classifier", "any_length_params")
ANY_LENGTH_REGRESSORS = _configs("regressor", "any_length_params")


def kernel_size_argument(cls: type, kernel_size: int) -> dict[str, int]:
    """``kernel_size`` as ``cls`` takes it (``module__kernel_size`` for SpectralNet)."""
    is_spectral_net = cls in (models.SpectralNetClassifier, models.SpectralNetRegressor)
    return {("module__kernel_size" if is_spectral_net else "kernel_size"): kernel_size}


FLOAT32_BATCH_NOISE = {
    "check_methods_subset_invariance": "float32 outputs vary ~1e-7 with batch composition",
    "check_methods_sample_order_invariance": "float32 outputs vary ~1e-7 with batch order",
}
"""Expected failures of every deep model in scikit-learn's checks: float32 network outputs
depend on how a batch is composed (BLAS picks other kernels for other batch shapes), at
the 1e-7 level; the subset- and order-invariance checks compare with atol=1e-7, so they
fail now and then for some architectures. Predictions (argmax) are unaffected."""
