"""Token maps of patch networks brought to the input's points through the patch embedding.

A patch network (PACE) cuts its pooled input into patches with one strided convolution,
the patch embedding: token ``t`` has read the points of patch ``t`` and no others. A map
over tokens (CAM, Grad-CAM, 1D Grad-CAM) therefore says *which patch* mattered, and linear
interpolation spreads that evenly over the patch's points. ``upsampling="patch"`` shares
each token's value among the points of its patch instead, in proportion to how much each
point moved the explained output through that token: the absolute gradient x input of the
output at the embedding's input, restricted to the path through token ``t``,

    ``c_t(j) = sum_c u_c(t s + j) * sum_k dy/de_k(t) W_kcj``

(``u`` the embedding's input, ``e`` its output, ``W`` its kernel, ``s`` its stride). The
shares ``|c_t(j)| / sum_j |c_t(j)|`` of a token add to one, so a token's sign and total are
kept; the points of the pooled spectrum are then taken back to the input's points through
the adaptive average pooling windows that made them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from skspectra.explain._torch_utils import class_scores, upsample

__all__ = ["UPSAMPLINGS", "check_upsampling", "patch_terms", "recording_patches", "to_points"]

UPSAMPLINGS = ("auto", "linear", "patch")


class PatchTerms(NamedTuple):
    """``c_t(j)`` (batch, tokens, patch size), the embedding's input length, patch, stride."""

    terms: Any
    length: int
    size: int
    stride: int


def check_upsampling(upsampling: str) -> str:
    """Validate the ``upsampling`` option of the CAM and Grad-CAM family."""
    if upsampling not in UPSAMPLINGS:
        raise ValueError(f"upsampling must be one of {UPSAMPLINGS}; got {upsampling!r}.")
    return upsampling


def patch_embeddings(module: Any) -> tuple:
    """The network's patch-embedding convolutions, ``()`` when it has none."""
    getter = getattr(module, "patch_embeddings", None)
    return tuple(getter()) if getter is not None else ()


def resolve_upsampling(module: Any, upsampling: str) -> str:
    """``"patch"`` or ``"linear"`` for the maps of ``module``.

    ``"auto"`` is ``"patch"`` when the network has a patch embedding, else ``"linear"``
    (:func:`to_points` also falls back to ``"linear"`` when a map's positions are not the
    embedding's tokens). An explicit ``"patch"`` that cannot apply raises.
    """
    check_upsampling(upsampling)
    if upsampling == "linear":
        return "linear"
    convs = patch_embeddings(module)
    problem = None
    if not convs:
        problem = f"{type(module).__name__} has no patch embedding (patch_embeddings() is empty)"
    elif any(conv.padding[0] != 0 or conv.dilation[0] != 1 or conv.groups != 1
             for conv in convs):
        problem = "its patch embedding is padded, dilated or grouped"
    elif len({(conv.kernel_size[0], conv.stride[0]) for conv in convs}) > 1:
        problem = "its patch embeddings cut different patches"
    if problem is None:
        return "patch"
    if upsampling == "patch":
        raise ValueError(f"upsampling='patch' needs a patch network: {problem}. "
                         "Use upsampling='linear'.")
    return "linear"


@contextmanager
def recording_patches(module: Any, upsampling: str) -> Iterator[list[tuple[Any, Any]]]:
    """Record ``(input, output)`` of every patch embedding during a forward pass.

    Records nothing (an empty list) when ``upsampling`` resolves to ``"linear"`` for
    ``module``, so a caller can always wrap its forward pass in it.
    """
    records: list[tuple[Any, Any]] = []
    if resolve_upsampling(module, upsampling) == "linear":
        yield records
        return

    def hook(_conv: Any, inputs: Any, out: Any) -> None:
        records.append((inputs[0], out))

    handles = [conv.register_forward_hook(hook) for conv in patch_embeddings(module)]
    try:
        yield records
    finally:
        for handle in handles:
            handle.remove()


def patch_terms(module: Any, records: list[tuple[Any, Any]], grads: Any) -> PatchTerms:
    """``c_t(j)`` of every token and patch point from a recorded pass and the gradients
    of the explained scores at the embeddings' outputs."""
    import torch

    convs = patch_embeddings(module)
    total = None
    for conv, (u, _), v in zip(convs, records, grads, strict=True):
        size, stride = conv.kernel_size[0], conv.stride[0]
        patches = u.detach().unfold(-1, size, stride)  # (batch, channels, tokens, size)
        back = torch.einsum("bkt,kcj->bctj", v, conv.weight.detach())
        terms = (patches * back).sum(dim=1)
        total = terms if total is None else total + terms
    return PatchTerms(total, records[0][0].shape[-1], convs[0].kernel_size[0],
                      convs[0].stride[0])


def _patch_contributions(module: Any, x: Any, targets: Any, output: str) -> PatchTerms:
    """:func:`patch_terms` from a forward and backward pass of its own (CAM has none)."""
    import torch

    with recording_patches(module, "patch") as records, torch.enable_grad():
        scores = class_scores(module(x), targets, output)
        grads = torch.autograd.grad(scores.sum(), [out for _, out in records])
    return patch_terms(module, records, grads)


def pooled_to_points(maps: Any, n_features: int) -> Any:
    """Maps over ``L`` adaptive-average-pooled points back to ``n_features`` input points.

    Pooled point ``p`` averaged the input points ``[floor(p n / L), ceil((p + 1) n / L))``
    (torch's adaptive pooling windows); each input point takes the mean of the pooled
    points whose window holds it.
    """
    import torch

    length = maps.shape[-1]
    if length == n_features:
        return maps
    p = torch.arange(length, dtype=torch.float64)
    starts = torch.floor(p * n_features / length)
    stops = torch.ceil((p + 1) * n_features / length)
    points = torch.arange(n_features, dtype=torch.float64)
    inside = ((points[None, :] >= starts[:, None]) & (points[None, :] < stops[:, None]))
    weights = inside.double()
    weights = weights / weights.sum(dim=0, keepdim=True)
    return maps @ weights.to(dtype=maps.dtype, device=maps.device)


def to_points(module: Any, x: Any, targets: Any, output: str, maps: Any, n_features: int,
              upsampling: str, terms: PatchTerms | None = None) -> Any:
    """Bring maps (batch, positions) of ``module``'s layer to (batch, n_features).

    ``upsampling`` as resolved by :func:`resolve_upsampling`: ``"linear"`` interpolates;
    ``"patch"`` shares each token's value among its patch's points, scaled so that a
    token's mean over the ``stride`` points it adds equals its value, as interpolation
    would give. The shares are ``terms`` (:func:`patch_terms` of the caller's own pass) or,
    when ``None``, come from one more forward and backward pass of ``x``.
    """
    import torch

    if resolve_upsampling(module, upsampling) == "linear":
        return upsample(maps, n_features)
    if terms is None:
        terms = _patch_contributions(module, x, targets, output)
    terms, length, size, stride = terms
    if terms.shape[1] != maps.shape[-1]:
        if upsampling == "patch":
            raise ValueError(
                f"upsampling='patch' needs a map over the patch embedding's "
                f"{terms.shape[1]} tokens; this layer has {maps.shape[-1]} positions. "
                "Use upsampling='linear'.")
        return upsample(maps, n_features)
    weight = terms.abs()
    norm = weight.sum(dim=-1, keepdim=True)
    shares = torch.where(norm > 0, weight / norm.clamp(min=torch.finfo(norm.dtype).tiny),
                         torch.full_like(weight, 1.0 / size))
    values = maps[:, :, None].to(shares.dtype) * shares * stride
    index = (torch.arange(terms.shape[1], device=values.device)[:, None] * stride
             + torch.arange(size, device=values.device)[None, :]).reshape(-1)
    pooled = values.new_zeros(values.shape[0], length).index_add_(
        1, index, values.reshape(values.shape[0], -1))
    return pooled_to_points(pooled, n_features)
