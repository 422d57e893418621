"""Occlusion gated by Grad-CAM: point-resolution maps that depend on what the network learnt."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from skspectra.explain._grad_cam import grad_cam
from skspectra.explain._occlusion import occlusion
from skspectra.explain._torch_utils import (
    as_2d_float,
    eval_mode,
    network_softmax,
    resolve_targets,
    torch_module,
)

__all__ = ["grad_cam_occlusion"]


def grad_cam_occlusion(
    model: Any,
    X: Any,
    target_indices: Any = None,
    *,
    window: int | Sequence[int] = 5,
    stride: int = 1,
    baseline: Any = "interp",
    layer: str | None = None,
    batch_size: int = 1024,
) -> np.ndarray:
    """Occlusion sensitivity weighted by the spectrum's Grad-CAM, scaled to [0, 1].

    ``map = occlusion(x) * G(x) / max_t G(x)(t)`` with ``G`` the Grad-CAM map (ReLU of the
    gradient-weighted feature maps of ``layer``) of the explained class. The product keeps
    occlusion's point resolution and units (a drop of the class probability, signed) inside
    the regions where Grad-CAM finds class evidence, and is zero elsewhere. It is the
    construction of Guided Grad-CAM (Selvaraju et al., ICCV 2017), which multiplies a
    high-resolution map by Grad-CAM, with occlusion as the high-resolution map.

    Why: occlusion alone localises known bands best, but removing a large band changes the
    output of *any* network, so its map follows the input and fails the model-randomisation
    check of Adebayo et al. (2018); Grad-CAM passes that check but is coarse. Their product
    measured both (``benchmarks/explain.py``, benchmarks/RESULTS.md). A spectrum whose
    Grad-CAM is zero everywhere gets a zero map.

    Parameters
    ----------
    model : fitted deep classifier or torch.nn.Module
        A network with ``feature_layers()`` (all skspectra networks), or an estimator with
        ``module_``; its softmax is the occluded score.
    X : array-like of shape (n_samples, n_features)
        Raw spectra.
    target_indices : int, array-like of int of shape (n_samples,), or None
        Class column to explain per sample; ``None``: the predicted class.
    window, stride, baseline, batch_size
        Occlusion's options (:func:`skspectra.explain.occlusion`); the baseline defaults to
        ``"interp"``, the straight line across the window.
    layer : str, default=None
        Grad-CAM's layer (``module.feature_layers()``); ``None``: the last.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.explain import grad_cam_occlusion
    >>> from skspectra.models import GAPCNNClassifier
    >>> X, y, _ = make_spectra(n_samples=30, n_features=64, random_state=0)
    >>> clf = GAPCNNClassifier(max_epochs=2, random_state=0).fit(X, y)
    >>> grad_cam_occlusion(clf, X[:2]).shape
    (2, 64)
    """
    module = torch_module(model)
    X = as_2d_float(X)
    with eval_mode(module):
        targets = resolve_targets(module, X, target_indices, 256)
    sensitivity = occlusion(network_softmax(module), X, targets, window=window, stride=stride,
                            baseline=baseline, batch_size=batch_size)
    gate = grad_cam(module, X, targets, layer=layer, upsampling="linear")
    peak = gate.max(axis=1, keepdims=True)
    gate = np.divide(gate, peak, out=np.zeros_like(gate), where=peak > 0)
    return sensitivity * gate
