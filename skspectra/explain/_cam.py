"""Class activation maps (CAM) for networks with a global-average-pooling linear head."""

from __future__ import annotations

from typing import Any

import numpy as np

from skspectra._validation import check_int
from skspectra.explain._patch_resolution import check_upsampling, to_points
from skspectra.explain._progress import progress_batches
from skspectra.explain._torch_utils import (
    as_2d_float,
    eval_mode,
    resolve_targets,
    tensor,
    torch_module,
)

__all__ = ["cam"]


def cam(
    model: Any,
    X: Any,
    target_indices: Any = None,
    *,
    batch_size: int = 256,
    upsampling: str = "linear",
) -> np.ndarray:
    """Class activation map ``M_c(t) = sum_k w_k^c A_k(t)``, upsampled to the input length.

    ``A_k`` are the last convolutional feature maps (``forward_features``) and
    ``w^c`` the row of the global-average-pooling linear head for class ``c``
    (``head_weight``), so that the logit is ``mean_t M_c(t) + b_c``: the map splits
    the logit (less its bias) over positions. The maps are interpolated linearly
    (``align_corners=False``) from the feature-map positions to ``n_features``.
    No gradient is needed; the values are signed.

    Parameters
    ----------
    model : fitted deep estimator or torch.nn.Module
        A :class:`skspectra.nn.SpectralNet`-like network with a GAP-linear head
        (``head_weight`` not None), or an estimator whose ``module_`` is one.
    X : array-like of shape (n_samples, n_features)
        Raw spectra (the network's input units).
    target_indices : int, array-like of int of shape (n_samples,), or None
        Output (class) column to explain per sample; ``None``: the predicted class.
    batch_size : int, default=256
        Spectra per forward pass.
    upsampling : {"linear", "patch", "auto"}, default="linear"
        ``"linear"`` interpolation of the positions; ``"patch"`` (patch networks such as
        PACE) shares each token's value among the points of its patch by their gradient x
        input through the patch embedding (then one backward pass of the target logit per
        batch); ``"auto"``: ``"patch"`` when the network has a patch embedding.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN
    >>> from skspectra.explain import cam
    >>> _ = torch.manual_seed(0)
    >>> net = GAPCNN(n_outputs=2, n_filters=4).eval()
    >>> cam(net, torch.randn(3, 64).numpy()).shape
    (3, 64)
    """
    import torch

    module = torch_module(model)
    weight = getattr(module, "head_weight", None)
    if weight is None:
        raise ValueError(
            f"CAM needs a global-average-pooling linear head; {type(module).__name__} has none "
            "(head_weight is None). Use 'grad_cam' or 'grad_cam_1d' instead."
        )
    X = as_2d_float(X)
    batch_size = check_int("batch_size", batch_size, 1)
    check_upsampling(upsampling)
    out = np.empty_like(X)
    with eval_mode(module), torch.no_grad():
        targets = resolve_targets(module, X, target_indices, batch_size)
        w = weight.detach()
        for lo, hi in progress_batches(X.shape[0], batch_size):
            batch = tensor(module, X[lo:hi])
            feats = module.forward_features(batch)
            idx = torch.as_tensor(targets[lo:hi], device=w.device).long()
            maps = torch.einsum("bkt,bk->bt", feats, w[idx])
            maps = to_points(module, batch, targets[lo:hi], "logit", maps, X.shape[1],
                             upsampling)
            out[lo:hi] = maps.double().cpu().numpy()
    return out
