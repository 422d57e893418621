"""Per-point feature contributions, and the 1D Grad-CAM paper's purity and linearity.

The contributions are the signed 1D Grad-CAM terms ``dy/dA_k(t) * A_k(t)`` summed over the
channels of a feature layer and *spread* to the input points (each layer position shares
its value among the points it covers, so the total is kept). For a network whose output is
linear in that layer's maps -- the global-average-pooling heads of GAP-CNN, ResNet1D and
PACE -- a spectrum's contributions sum to its explained output less the head's bias.

The 1D Grad-CAM paper (Anal. Chem. 2023, 95, 9959) evaluates such contributions by their
"purity" (classification) and "linearity" (regression). Its exact definitions are not public
here; the readings of its abstract implemented below are documented with each function.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from skspectra.explain._grad_cam import _layer_maps, signed_terms
from skspectra.explain._torch_utils import as_2d_float, eval_mode, resolve_targets, torch_module

__all__ = ["contribution_linearity", "contribution_purity", "contributions"]


def spread_to_points(maps: Any, n_features: int) -> Any:
    """Share each of the ``T`` layer positions among the input points it covers.

    Position ``t`` covers the stretch ``[t n / T, (t + 1) n / T)`` of the ``n`` input points;
    point ``i`` (the stretch ``[i, i + 1)``) receives the share of every position equal to
    their overlap over the position's length. The weights of each position sum to one, so
    ``spread_to_points(maps, n).sum(-1) == maps.sum(-1)``.
    """
    import torch

    n_positions = maps.shape[-1]
    if n_positions == n_features:
        return maps
    width = n_features / n_positions
    starts = torch.arange(n_positions, dtype=torch.float64) * width
    points = torch.arange(n_features, dtype=torch.float64)
    overlap = (torch.minimum(starts[:, None] + width, points[None, :] + 1)
               - torch.maximum(starts[:, None], points[None, :])).clamp(min=0)
    weights = (overlap / width).to(dtype=maps.dtype, device=maps.device)
    return maps @ weights


def contributions(
    model: Any,
    X: Any,
    target_indices: Any = None,
    *,
    layer: str | None = None,
    batch_size: int = 256,
) -> np.ndarray:
    """Signed per-point contributions of a spectrum to one output of a network.

    ``C(i) = sum_t w_t(i) sum_k dy/dA_k(t) A_k(t)``: the 1D Grad-CAM terms of the layer
    named ``layer`` (default: the last feature layer, the one the head reads), spread to the
    input points by :func:`spread_to_points` instead of interpolated, so that the total is
    kept. ``y`` is the target logit (a classifier) or the network's output (a regressor, in
    the standardised units the network predicts).

    For a head that is linear in the layer's maps (global average pooling then a linear
    layer, as in GAP-CNN, ResNet1D and PACE), ``C.sum(axis=1)`` equals the output less the
    head's bias for that output, exactly up to rounding: every unit of the output is
    assigned to a point of the spectrum.

    Parameters
    ----------
    model : fitted deep estimator or torch.nn.Module
        A :class:`skspectra.nn.SpectralNet`-like network or an estimator with ``module_``.
    X : array-like of shape (n_samples, n_features)
        Raw spectra.
    target_indices : int, array-like of int of shape (n_samples,), or None
        Output to explain per sample; ``None``: the largest output (the predicted class).
    layer : str, default=None
        Name of the feature layer (see ``module.feature_layers()``); ``None``: the last.
    batch_size : int, default=256
        Spectra per forward/backward pass.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    See Also
    --------
    grad_cam_1d : The same terms, linearly interpolated (the total is not kept).
    contribution_purity, contribution_linearity : The 1D Grad-CAM paper's measures.

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN
    >>> from skspectra.explain import contributions
    >>> _ = torch.manual_seed(0)
    >>> net = GAPCNN(n_outputs=2, n_filters=4).eval()
    >>> X = torch.randn(3, 64)
    >>> C = contributions(net, X.numpy(), target_indices=0)
    >>> logit_less_bias = net(X)[:, 0] - net.head.linear.bias[0]
    >>> bool(torch.allclose(torch.as_tensor(C.sum(1)).float(), logit_less_bias, atol=1e-5))
    True
    """
    return _layer_maps(model, X, target_indices, layer, "logit", batch_size, signed_terms,
                       resample=spread_to_points)


def contribution_purity(
    model: Any,
    X: Any,
    target_indices: Any = None,
    *,
    layer: str | None = None,
    batch_size: int = 256,
) -> np.ndarray:
    """Share of each spectrum's contribution that favours its class over the others.

    Our reading of the 1D Grad-CAM paper's "purity" (its abstract only is public here):
    with ``C_c`` the :func:`contributions` to the logit of class ``c`` and ``c*`` the
    explained class, the margin contribution ``d(i) = C_c*(i) - mean_{c != c*} C_c(i)``
    says how much point ``i`` pushes the decision towards ``c*`` rather than towards the
    other classes (softmax depends on the logits only through such differences). Purity is
    ``sum_i max(d(i), 0) / sum_i |d(i)|``: 1 when every point supports the decision, 0.5
    when support and opposition balance, NaN when ``d`` is zero everywhere.

    Parameters
    ----------
    model : fitted deep classifier or torch.nn.Module
        A network with at least two outputs (class logits).
    X : array-like of shape (n_samples, n_features)
        Raw spectra.
    target_indices : int, array-like of int of shape (n_samples,), or None
        Class index (column of ``predict_proba``) per sample; ``None``: the predicted class.
    layer : str, default=None
        Feature layer of the contributions; ``None``: the last.
    batch_size : int, default=256
        Spectra per forward/backward pass.

    Returns
    -------
    ndarray of shape (n_samples,)

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN
    >>> from skspectra.explain import contribution_purity
    >>> _ = torch.manual_seed(0)
    >>> net = GAPCNN(n_outputs=3, n_filters=4).eval()
    >>> purity = contribution_purity(net, torch.randn(4, 64).numpy())
    >>> purity.shape, bool(((purity >= 0) & (purity <= 1)).all())
    ((4,), True)
    """
    module = torch_module(model)
    X = as_2d_float(X)
    n_outputs = int(getattr(module, "n_outputs", 0))
    if n_outputs < 2:
        raise ValueError(
            "contribution_purity needs a classifier network with at least two outputs; "
            f"this one has {n_outputs}. For a regressor use contribution_linearity."
        )
    with eval_mode(module):
        targets = resolve_targets(module, X, target_indices, batch_size)
    per_class = np.stack([contributions(module, X, c, layer=layer, batch_size=batch_size)
                          for c in range(n_outputs)], axis=1)  # (n, classes, features)
    rows = np.arange(X.shape[0])
    own = per_class[rows, targets]
    others = (per_class.sum(axis=1) - own) / (n_outputs - 1)
    margin = own - others
    total = np.abs(margin).sum(axis=1)
    support = np.clip(margin, 0, None).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, support / total, np.nan)


def contribution_linearity(
    model: Any,
    X: Any,
    concentration: Any,
    mask: Any,
    *,
    target_index: int = 0,
    layer: str | None = None,
    batch_size: int = 256,
) -> float:
    """R^2 of an analyte's summed contribution against its known concentration.

    Our reading of the 1D Grad-CAM paper's "linearity" (its abstract only is public here):
    a regressor that has learnt an analyte's bands should assign them a contribution that
    grows linearly with the analyte's concentration. For each spectrum the
    :func:`contributions` inside ``mask`` are summed; the result is the coefficient of
    determination of the least-squares line of these sums on ``concentration`` (the squared
    Pearson correlation; 1 = perfectly linear, 0 = unrelated).

    Parameters
    ----------
    model : fitted deep regressor or torch.nn.Module
        The network (a classifier's logit works too, with ``target_index``).
    X : array-like of shape (n_samples, n_features)
        Raw spectra, at least 3.
    concentration : array-like of shape (n_samples,)
        The analyte's known concentration (or any reference value) per spectrum.
    mask : array-like of bool of shape (n_features,) or (n_samples, n_features)
        The analyte's bands.
    target_index : int, default=0
        Which output is explained.
    layer : str, default=None
        Feature layer of the contributions; ``None``: the last.
    batch_size : int, default=256
        Spectra per forward/backward pass.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np, torch
    >>> from skspectra.nn import GAPCNN
    >>> from skspectra.explain import contribution_linearity
    >>> _ = torch.manual_seed(0)
    >>> net = GAPCNN(n_outputs=1, n_filters=4).eval()
    >>> X = np.random.default_rng(0).normal(size=(10, 64))
    >>> mask = np.zeros(64, dtype=bool); mask[20:30] = True
    >>> r2 = contribution_linearity(net, X, X[:, 20:30].sum(1), mask)
    >>> 0.0 <= r2 <= 1.0
    True
    """
    X = as_2d_float(X)
    concentration = np.asarray(concentration, dtype=float)
    if concentration.shape != (X.shape[0],):
        raise ValueError(
            f"concentration must have shape ({X.shape[0]},), one value per spectrum; got "
            f"{concentration.shape}."
        )
    if X.shape[0] < 3:
        raise ValueError(f"contribution_linearity needs at least 3 spectra; got {X.shape[0]}.")
    mask = np.asarray(mask)
    if mask.dtype != bool:
        raise TypeError(f"mask must be a boolean array; got dtype {mask.dtype}.")
    try:
        mask = np.broadcast_to(mask, X.shape)
    except ValueError:
        raise ValueError(
            f"mask must have shape ({X.shape[1]},) or {X.shape}; got {mask.shape}."
        ) from None
    if not mask.any(axis=1).all():
        raise ValueError("mask selects no point for at least one spectrum.")
    sums = np.where(mask, contributions(model, X, target_index, layer=layer,
                                        batch_size=batch_size), 0.0).sum(axis=1)
    if np.ptp(concentration) == 0 or np.ptp(sums) == 0:
        return 0.0
    return float(np.corrcoef(sums, concentration)[0, 1] ** 2)
