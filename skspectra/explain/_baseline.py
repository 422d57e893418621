"""Reference spectra for the methods that replace points by a fixed baseline (numpy only)."""

from __future__ import annotations

from typing import Any

import numpy as np

from skspectra.explain._occlusion import _baseline_values


def fixed_baseline(baseline: Any, X: np.ndarray) -> np.ndarray:
    """The baseline as an (n_samples, n_features) view: "zero", "mean", a number or an array.

    ``"interp"`` (a window-dependent line) only makes sense for occlusion and is refused.
    """
    if isinstance(baseline, str) and baseline == "interp":
        raise ValueError("baseline='interp' is for occlusion; use 'zero', 'mean' or an array.")
    return np.broadcast_to(_baseline_values(baseline, X), X.shape)
