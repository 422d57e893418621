"""Fitted preprocessing steps as torch modules, so that ONNX can carry them with the network.

Each builder takes a fitted transformer and returns a ``torch.nn.Module`` that computes its
``transform`` in float32 (the same formulas and zero guards as the numpy code, with float32's
machine epsilon). Steps without a builder are refused by :func:`skspectra.export.to_onnx`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["EXPORTABLE_STEPS", "torch_step"]


def _guarded(divisor: Any, magnitude: Any) -> Any:
    """``guard_zero`` of skspectra.preprocessing: divisors that are zero up to rounding -> 1."""
    import torch

    tiny = divisor.abs() <= 10 * torch.finfo(divisor.dtype).eps * magnitude
    return torch.where(tiny, torch.ones_like(divisor), divisor)


def _module(forward: Any, **buffers: np.ndarray) -> Any:
    import torch

    class Step(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            for name, value in buffers.items():
                self.register_buffer(name, torch.as_tensor(np.asarray(value)))

        def forward(self, x: Any) -> Any:
            return forward(self, x)

    return Step()


def _snv(step: Any) -> Any:
    ddof = int(step.ddof)

    def forward(_: Any, x: Any) -> Any:
        centred = x - x.mean(dim=1, keepdim=True)
        std = ((centred**2).sum(dim=1, keepdim=True) / (x.shape[1] - ddof)).sqrt()
        return centred / _guarded(std, x.abs().amax(dim=1, keepdim=True))

    return _module(forward)


def _normalize(step: Any) -> Any:
    norm = step.norm

    def forward(_: Any, x: Any) -> Any:
        magnitude = x.abs().amax(dim=1, keepdim=True)
        if norm == "l2":
            divisor = (x**2).sum(dim=1, keepdim=True).sqrt()
        elif norm == "area":
            divisor = x.abs().sum(dim=1, keepdim=True)
        elif norm == "max":
            divisor = magnitude
        else:  # minmax
            x = x - x.amin(dim=1, keepdim=True)
            divisor = x.amax(dim=1, keepdim=True)
        return x / _guarded(divisor, magnitude)

    return _module(forward)


def _msc(step: Any) -> Any:
    reference = np.asarray(step.reference_, dtype=np.float32)
    centred = reference - reference.mean()

    def forward(self: Any, x: Any) -> Any:
        ref_norm2 = (self.centred**2).sum()
        slope = (x @ self.centred) / ref_norm2
        offset = x.mean(dim=1) - slope * self.ref_mean
        scale = (x**2).sum(dim=1).sqrt() / ref_norm2.sqrt()
        slope = _guarded(slope, scale)
        return (x - offset[:, None]) / slope[:, None]

    return _module(forward, centred=centred, ref_mean=np.float32(reference.mean()))


def _rangecut(step: Any) -> Any:
    def forward(self: Any, x: Any) -> Any:
        return x.index_select(1, self.columns)

    return _module(forward, columns=np.flatnonzero(step.support_).astype(np.int64))


def _resample(step: Any) -> Any:
    def forward(self: Any, x: Any) -> Any:
        return (x.index_select(1, self.left) * (1 - self.weight)
                + x.index_select(1, self.right) * self.weight)

    return _module(forward, left=step._left.astype(np.int64), right=step._right.astype(np.int64),
                   weight=step._weight.astype(np.float32))


#: skspectra.preprocessing class name -> builder
EXPORTABLE_STEPS = {"SNV": _snv, "Normalize": _normalize, "MSC": _msc, "RangeCut": _rangecut,
                    "Resample": _resample}


def torch_step(step: Any) -> Any:
    """The torch module of a fitted preprocessing step; ValueError for one ONNX cannot carry."""
    import skspectra.preprocessing as preprocessing

    builder = next((build for name, build in EXPORTABLE_STEPS.items()
                    if type(step) is getattr(preprocessing, name)), None)
    if builder is None:
        raise ValueError(
            f"{type(step).__name__} cannot be exported to ONNX; exportable preprocessing: "
            f"{sorted(EXPORTABLE_STEPS)}. Export the final estimator alone (and run this "
            "step in Python), or fit the pipeline without it."
        )
    return builder(step)
