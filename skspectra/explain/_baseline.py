"""Reference spectra for the methods that replace points by a fixed baseline (numpy only)."""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np

BASELINES = ("zero", "mean", "interp")


def baseline_values(baseline: Any, X: np.ndarray) -> np.ndarray | str:
    """A (1, p) or (n, p) array of replacement values, or ``"interp"``."""
    if isinstance(baseline, str):
        if baseline not in BASELINES:
            raise ValueError(
                f"baseline must be one of {BASELINES}, a number or an array; got {baseline!r}."
            )
        if baseline == "zero":
            return np.zeros((1, X.shape[1]))
        if baseline == "mean":
            return X.mean(axis=0, keepdims=True)
        return "interp"
    if isinstance(baseline, Real):
        return np.full((1, X.shape[1]), float(baseline))
    values = np.asarray(baseline, dtype=float)
    if values.shape == (X.shape[1],):
        return values[None, :]
    if values.shape == X.shape:
        return values
    raise ValueError(
        f"an array baseline must have shape (n_features,)={X.shape[1:]} or "
        f"(n_samples, n_features)={X.shape}; got {values.shape}."
    )


def fixed_baseline(baseline: Any, X: np.ndarray) -> np.ndarray:
    """The baseline as an (n_samples, n_features) view: "zero", "mean", a number or an array.

    ``"interp"`` (a window-dependent line) only makes sense for occlusion and is refused.
    """
    if isinstance(baseline, str) and baseline == "interp":
        raise ValueError("baseline='interp' is for occlusion; use 'zero', 'mean' or an array.")
    return np.broadcast_to(baseline_values(baseline, X), X.shape)
