"""Grad-CAM (averaged gradients, ReLU) and 1D Grad-CAM (position-wise, signed)."""

from __future__ import annotations

from typing import Any

import numpy as np

from skspectra._validation import check_int
from skspectra.explain._patch_resolution import (
    check_upsampling,
    patch_terms,
    recording_patches,
    to_points,
)
from skspectra.explain._progress import progress_batches
from skspectra.explain._torch_utils import (
    as_2d_float,
    capture_outputs,
    check_output,
    class_scores,
    eval_mode,
    resolve_layer,
    resolve_targets,
    tensor,
    torch_module,
)

__all__ = ["grad_cam", "grad_cam_1d"]


def _layer_maps(
    model: Any,
    X: Any,
    target_indices: Any,
    layer: str | None,
    output: str,
    batch_size: int,
    combine: Any,
    resample: Any = None,
    upsampling: str = "linear",
) -> np.ndarray:
    """``combine(A, dy/dA)`` at the named layer, one backward pass per batch, resampled.

    ``resample(maps, n_features)`` brings the layer's positions to the input's points;
    ``None``: :func:`to_points` with ``upsampling`` (interpolation, or through a patch
    network's embedding).
    """
    import torch

    module = torch_module(model)
    X = as_2d_float(X)
    check_output(output)
    check_upsampling(upsampling)
    batch_size = check_int("batch_size", batch_size, 1)
    name, submodule = resolve_layer(module, layer)
    out = np.empty_like(X)
    with eval_mode(module):
        targets = resolve_targets(module, X, target_indices, batch_size)
        for lo, hi in progress_batches(X.shape[0], batch_size):
            batch = tensor(module, X[lo:hi])
            with (capture_outputs({name: submodule}) as captured,
                  recording_patches(module, upsampling if resample is None else "linear")
                  as patches, torch.enable_grad()):
                scores = class_scores(module(batch), targets[lo:hi], output)
                acts = captured[name]
                # Samples are independent in eval mode, so the gradient of the sum gives
                # every sample's own gradient in one backward pass; the patch embeddings'
                # gradients (upsampling="patch") come from the same pass.
                grads, *patch_grads = torch.autograd.grad(
                    scores.sum(), [acts, *(embedded for _, embedded in patches)])
            maps = combine(acts.detach(), grads)
            if resample is None:
                terms = patch_terms(module, patches, patch_grads) if patches else None
                maps = to_points(module, batch, targets[lo:hi], output, maps, X.shape[1],
                                 upsampling, terms)
            else:
                maps = resample(maps, X.shape[1])
            out[lo:hi] = maps.double().cpu().numpy()
    return out


def signed_terms(acts: Any, grads: Any) -> Any:
    """1D Grad-CAM's terms ``sum_k dy/dA_k(t) A_k(t)`` of activations and gradients
    of shape (batch, channels, positions)."""
    return (grads * acts).sum(dim=1)


def grad_cam(
    model: Any,
    X: Any,
    target_indices: Any = None,
    *,
    layer: str | None = None,
    relu: bool = True,
    output: str = "logit",
    batch_size: int = 256,
    upsampling: str = "linear",
) -> np.ndarray:
    """Grad-CAM: ``ReLU(sum_k alpha_k^c A_k(t))`` with ``alpha_k^c = mean_t dy^c/dA_k(t)``.

    ``A_k`` are the feature maps of the layer named ``layer`` (one of the network's
    ``feature_layers()``; default the last one) and ``y^c`` the logit of class ``c``
    (``output="logit"``, the standard choice) or its softmax probability. The map is
    interpolated linearly (``align_corners=False``) to ``n_features``. Gradients are
    computed batched: one forward and one backward pass per ``batch_size`` spectra.

    Parameters
    ----------
    model : fitted deep estimator or torch.nn.Module
        A :class:`skspectra.nn.SpectralNet`-like network or an estimator with ``module_``.
    X : array-like of shape (n_samples, n_features)
        Raw spectra.
    target_indices : int, array-like of int of shape (n_samples,), or None
        Output (class) to explain per sample; ``None``: the largest output.
    layer : str, default=None
        Name of the feature layer (see ``module.feature_layers()``); ``None``: the last.
    relu : bool, default=True
        Apply the ReLU of standard Grad-CAM (``False`` keeps the signed map).
    output : {"logit", "proba"}, default="logit"
        Which score ``y^c`` is differentiated.
    batch_size : int, default=256
        Spectra per forward/backward pass.
    upsampling : {"linear", "patch", "auto"}, default="linear"
        How the layer's positions reach the input's points: ``"linear"`` interpolation;
        ``"patch"`` (patch networks such as PACE) shares each token's value among the
        points of its patch by their gradient x input through the patch embedding (one
        more forward and backward pass); ``"auto"``: ``"patch"`` when the network has a
        patch embedding, else ``"linear"``.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    See Also
    --------
    grad_cam_1d : Position-wise, signed variant.
    cam : Equals ``T * grad_cam(relu=False)`` for a GAP-linear head with ``T`` positions.

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN
    >>> from skspectra.explain import grad_cam
    >>> _ = torch.manual_seed(0)
    >>> net = GAPCNN(n_outputs=2, n_filters=4).eval()
    >>> maps = grad_cam(net, torch.randn(3, 64).numpy(), layer="conv2")
    >>> maps.shape, bool((maps >= 0).all())
    ((3, 64), True)
    """

    def combine(acts: Any, grads: Any) -> Any:
        maps = (grads.mean(dim=-1, keepdim=True) * acts).sum(dim=1)
        return maps.clamp(min=0) if relu else maps

    return _layer_maps(model, X, target_indices, layer, output, batch_size, combine,
                       upsampling=upsampling)


def grad_cam_1d(
    model: Any,
    X: Any,
    target_indices: Any = None,
    *,
    layer: str | None = None,
    output: str = "logit",
    batch_size: int = 256,
    upsampling: str = "linear",
) -> np.ndarray:
    """1D Grad-CAM: ``L_c(t) = sum_k dy^c/dA_k(t) * A_k(t)``, signed, upsampled.

    The variant of Anal. Chem. 2023, 95, 9959 for spectra, *as inferred from the
    paper's public abstract* (the full method is not public here): it removes
    Grad-CAM's averaging of the gradients over positions and its ReLU, so that each
    position keeps its own gradient and negative evidence is shown. It also applies
    to single-output regression networks (``y`` = the prediction). Same layer,
    target, output and batching options as :func:`grad_cam`.

    Parameters
    ----------
    model : fitted deep estimator or torch.nn.Module
        A :class:`skspectra.nn.SpectralNet`-like network or an estimator with ``module_``.
    X : array-like of shape (n_samples, n_features)
        Raw spectra.
    target_indices : int, array-like of int of shape (n_samples,), or None
        Output to explain per sample; ``None``: the largest output.
    layer : str, default=None
        Name of the feature layer; ``None``: the last.
    output : {"logit", "proba"}, default="logit"
        Which score is differentiated.
    batch_size : int, default=256
        Spectra per forward/backward pass.
    upsampling : {"linear", "patch", "auto"}, default="linear"
        How the layer's positions reach the input's points, as in :func:`grad_cam`.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN
    >>> from skspectra.explain import grad_cam_1d
    >>> _ = torch.manual_seed(0)
    >>> net = GAPCNN(n_outputs=2, n_filters=4).eval()
    >>> grad_cam_1d(net, torch.randn(3, 64).numpy()).shape
    (3, 64)
    """

    return _layer_maps(model, X, target_indices, layer, output, batch_size, signed_terms,
                       upsampling=upsampling)
