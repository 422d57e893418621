"""Occlusion sensitivity for any model that returns scores: class probabilities or
regression predictions (numpy only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from numbers import Integral
from typing import Any

import numpy as np

from skspectra._validation import check_int
from skspectra.explain._baseline import baseline_values
from skspectra.explain._progress import progress_batches
from skspectra.explain._scoring import scores_function

__all__ = ["occlusion"]

def _windows(n_features: int, window: int, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """Start (inclusive) and end (exclusive) of each window, centred on its position."""
    centres = np.arange(0, n_features, stride)
    if centres[-1] != n_features - 1:
        centres = np.append(centres, n_features - 1)
    starts = centres - window // 2
    return np.clip(starts, 0, n_features), np.clip(starts + window, 0, n_features)


def _interp_values(X, rows, windows, starts, ends):
    """Straight line between the points just outside each window (flat at an edge)."""
    n_features = X.shape[1]
    left, right = starts[windows] - 1, ends[windows]
    left_at = np.where(left < 0, right, left)
    right_at = np.where(right >= n_features, left_at, right)
    lo, hi = X[rows, left_at], X[rows, right_at]
    frac = (np.arange(n_features) - left[:, None]) / (right - left)[:, None]
    return lo[:, None] + (hi - lo)[:, None] * frac


def occlusion(
    predict_proba: Callable[[np.ndarray], np.ndarray] | Any,
    X: Any,
    target_indices: Any = None,
    *,
    window: int | Sequence[int] = 5,
    stride: int = 1,
    baseline: Any = "zero",
    batch_size: int = 1024,
) -> np.ndarray:
    """Occlusion sensitivity map of each sample, batched (model-agnostic).

    For each window position ``i`` the ``window`` features centred on ``i`` (clipped at
    the ends) are replaced by a baseline and the drop of the target score is recorded:
    ``sensitivity = p_c(x) - p_c(x_occluded)`` (positive where occluding lowers it). The
    score is a class probability for a classifier and a prediction (in the target's
    units) for a regressor. With ``stride=1`` there is one window per feature and the map is
    the sensitivity of the window centred on each feature. With ``stride > 1`` windows
    are centred on features ``0, stride, 2*stride, ...`` and the last feature, and each
    feature gets the mean sensitivity of the windows that cover it, so the map always
    has one value per feature.

    The perturbed copies of all samples are built in chunks of ``batch_size`` rows and
    each chunk is scored by one call of the model.

    Parameters
    ----------
    predict_proba : callable or fitted estimator
        Maps an array (m, n_features) to scores (m, n_outputs): a classifier's or
        Pipeline's ``predict_proba``, or a regressor's ``predict`` (a 1-D output is one
        column). A fitted estimator stands for its ``predict_proba``, or its ``predict``
        when it has no ``predict_proba``.
    X : array-like of shape (n_samples, n_features)
        Samples to explain.
    target_indices : int, array-like of int of shape (n_samples,), or None
        Column of the scores to explain for each sample; ``None`` takes each sample's
        largest score (the most probable class; the only output of a single-target
        regressor). Pass it for a multi-output regressor.
    window : int or sequence of int, default=5
        Width of the occluded window, in features. Several widths (e.g. ``(3, 9, 27)``,
        for bands of different widths) give the mean of the single-width maps
        (multi-scale occlusion).
    stride : int, default=1
        Distance between window centres; at most ``window`` so that every feature is
        covered.
    baseline : {"zero", "mean", "interp"}, float or array-like, default="zero"
        Replacement values. ``"zero"``: 0. ``"mean"``: the per-feature mean of ``X``
        (pass e.g. the training mean as an array for a fixed reference). ``"interp"``:
        the straight line joining the two features just outside the window (which
        removes a band but keeps the baseline; flat at the spectrum ends). A number:
        that constant. An array of shape (n_features,) or (n_samples, n_features):
        those values.
    batch_size : int, default=1024
        Number of perturbed spectra per call of the model.

    Returns
    -------
    ndarray of shape (n_samples, n_features)
        The sensitivity map.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(40, 12))
    >>> y = (X[:, 3] > 0).astype(int)
    >>> clf = LogisticRegression().fit(X, y)
    >>> maps = occlusion(clf.predict_proba, X[:2], window=3)
    >>> maps.shape
    (2, 12)

    A regressor: the drop of its prediction, in the target's units. For a linear model
    and one-point windows on a zero baseline that is ``coef_i * x_i``:

    >>> from sklearn.cross_decomposition import PLSRegression
    >>> pls = PLSRegression(n_components=2).fit(X, X[:, 3] * 2.0)
    >>> bool(np.allclose(occlusion(pls, X[:2], window=1), X[:2] * pls.coef_[0]))
    True
    """
    predict_proba = scores_function(predict_proba)
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got shape {X.shape}.")
    if not isinstance(window, Integral) and isinstance(window, Sequence | np.ndarray):
        if len(window) == 0:
            raise ValueError("window must be a width or a non-empty sequence of widths.")
        maps = [
            occlusion(predict_proba, X, target_indices, window=w, stride=stride,
                      baseline=baseline, batch_size=batch_size)
            for w in window
        ]
        return np.mean(maps, axis=0)
    n_samples, n_features = X.shape
    window = check_int("window", window, 1, n_features)
    stride = check_int("stride", stride, 1, window)
    batch_size = check_int("batch_size", batch_size, 1)
    base = baseline_values(baseline, X)
    if isinstance(base, str) and window >= n_features:
        raise ValueError("baseline='interp' needs window < n_features (points outside it).")

    reference = predict_proba(X)
    if target_indices is None:
        target_indices = reference.argmax(axis=1)
    targets = np.broadcast_to(np.asarray(target_indices), (n_samples,)).astype(np.intp)
    if targets.min() < 0 or targets.max() >= reference.shape[1]:
        raise ValueError(
            f"target_indices must lie in [0, {reference.shape[1] - 1}] (columns of the "
            "model's output)."
        )
    p_ref = reference[np.arange(n_samples), targets]

    starts, ends = _windows(n_features, window, stride)
    positions = np.arange(n_features)
    masks = (positions >= starts[:, None]) & (positions < ends[:, None])
    n_windows = len(starts)
    sensitivity = np.empty(n_samples * n_windows)
    for lo, hi in progress_batches(n_samples * n_windows, batch_size):
        pairs = np.arange(lo, hi)
        rows, wins = np.divmod(pairs, n_windows)
        if isinstance(base, str):
            values = _interp_values(X, rows, wins, starts, ends)
        else:
            values = base if base.shape[0] == 1 else base[rows]
        perturbed = np.where(masks[wins], values, X[rows])
        proba = predict_proba(perturbed)
        sensitivity[pairs] = p_ref[rows] - proba[np.arange(len(pairs)), targets[rows]]
    sensitivity = sensitivity.reshape(n_samples, n_windows)
    if stride == 1:
        return sensitivity
    return (sensitivity @ masks) / masks.sum(axis=0)
