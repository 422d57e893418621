"""LIME over contiguous spectral segments (model-agnostic, batched, numpy only)."""

from __future__ import annotations

from collections.abc import Callable
from numbers import Real
from typing import Any

import numpy as np
from sklearn.utils import check_random_state

from skspectra._validation import check_int
from skspectra.explain._baseline import fixed_baseline
from skspectra.explain._progress import progress_batches
from skspectra.explain._scoring import scores_function

__all__ = ["lime"]


def _segment_ids(n_features: int, n_segments: int) -> np.ndarray:
    """Segment index of every feature: ``n_segments`` contiguous, near-equal stretches."""
    return np.repeat(np.arange(n_segments), [len(s) for s in np.array_split(
        np.arange(n_features), n_segments)])


def _kernel_weights(Z: np.ndarray, kernel_width: float) -> np.ndarray:
    """LIME's exponential kernel on the cosine distance between ``z`` and all-ones."""
    norms = np.sqrt(Z.sum(axis=-1)) * np.sqrt(Z.shape[-1])
    cosine = np.divide(Z.sum(axis=-1), norms, out=np.zeros(Z.shape[:-1]), where=norms > 0)
    return np.sqrt(np.exp(-((1 - cosine) ** 2) / kernel_width**2))


def _weighted_ridge(Z: np.ndarray, y: np.ndarray, w: np.ndarray, alpha: float) -> np.ndarray:
    """Slopes of a weighted ridge regression with intercept, batched over the first axis."""
    share = w / w.sum(axis=1, keepdims=True)
    Zc = Z - np.einsum("nm,nms->ns", share, Z)[:, None, :]
    yc = y - np.einsum("nm,nm->n", share, y)[:, None]
    gram = np.einsum("nms,nm,nmt->nst", Zc, w, Zc) + alpha * np.eye(Z.shape[2])
    rhs = np.einsum("nms,nm,nm->ns", Zc, w, yc)
    return np.linalg.solve(gram, rhs[..., None])[..., 0]


def lime(
    predict_proba: Callable[[np.ndarray], np.ndarray] | Any,
    X: Any,
    target_indices: Any = None,
    *,
    n_segments: int = 20,
    n_perturbations: int = 500,
    baseline: Any = "mean",
    kernel_width: float = 0.25,
    alpha: float = 1.0,
    random_state: Any = None,
    batch_size: int = 1024,
) -> np.ndarray:
    """LIME attribution over contiguous spectral segments (a weighted linear surrogate).

    The spectrum is cut into ``n_segments`` contiguous stretches of (nearly) equal
    width. For each spectrum, ``n_perturbations`` random on/off patterns ``z`` (the
    first one all on) replace the "off" segments by a baseline; the target score (class
    probability, or a regressor's prediction) of each perturbed copy is regressed on
    ``z`` by a ridge regression
    weighted with LIME's kernel ``sqrt(exp(-d^2 / kernel_width^2))`` of the cosine
    distance ``d`` between ``z`` and the unperturbed pattern. Every feature gets
    the slope of its segment: the score the segment contributes. All perturbed
    copies of all spectra are scored in chunks of ``batch_size`` rows, one call of
    the model per chunk.

    Parameters
    ----------
    predict_proba : callable or fitted estimator
        Maps (m, n_features) to scores (m, n_outputs): a classifier's or Pipeline's
        ``predict_proba``, or a regressor's ``predict`` (a 1-D output is one column). A
        fitted estimator stands for its ``predict_proba``, else its ``predict``.
    X : array-like of shape (n_samples, n_features)
        Spectra to explain.
    target_indices : int, array-like of int of shape (n_samples,), or None
        Column of the scores to explain per sample; ``None``: the largest (the most
        probable class; the only output of a single-target regressor).
    n_segments : int, default=20
        Number of contiguous segments (at most ``n_features``).
    n_perturbations : int, default=500
        Perturbed copies per spectrum.
    baseline : {"zero", "mean"}, float or array-like, default="mean"
        Values of the switched-off segments: zeros, the mean spectrum of ``X``, a
        constant, or an array of shape (n_features,) or (n_samples, n_features).
    kernel_width : float, default=0.25
        Width of the similarity kernel (LIME's default for images).
    alpha : float, default=1.0
        Ridge penalty of the surrogate (LIME's default).
    random_state : int, RandomState or None, default=None
        Seed of the on/off patterns.
    batch_size : int, default=1024
        Perturbed spectra per call of the model.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(60, 20))
    >>> y = (X[:, 2] > 0).astype(int)
    >>> clf = LogisticRegression().fit(X, y)
    >>> maps = lime(clf.predict_proba, X[:2], n_segments=5, n_perturbations=100, random_state=0)
    >>> maps.shape
    (2, 20)
    """
    predict_proba = scores_function(predict_proba)
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got shape {X.shape}.")
    n_samples, n_features = X.shape
    n_segments = check_int("n_segments", n_segments, 1, n_features)
    n_perturbations = check_int("n_perturbations", n_perturbations, 2)
    batch_size = check_int("batch_size", batch_size, 1)
    for name, value in (("kernel_width", kernel_width), ("alpha", alpha)):
        if not isinstance(value, Real) or not value > 0:
            raise ValueError(f"{name} must be a number > 0; got {value!r}.")
    base = fixed_baseline(baseline, X)
    rng = check_random_state(random_state)

    Z = rng.randint(0, 2, size=(n_samples, n_perturbations, n_segments)).astype(float)
    Z[:, 0] = 1.0
    segments = _segment_ids(n_features, n_segments)
    if target_indices is None:
        target_indices = predict_proba(X).argmax(axis=1)
    targets = np.broadcast_to(np.asarray(target_indices), (n_samples,)).astype(np.intp)
    scores = np.empty((n_samples, n_perturbations))
    total = n_samples * n_perturbations
    for lo, hi in progress_batches(total, batch_size):
        pairs = np.arange(lo, hi)
        rows, draws = np.divmod(pairs, n_perturbations)
        keep = Z[rows, draws][:, segments].astype(bool)
        proba = predict_proba(np.where(keep, X[rows], base[rows]))
        if targets.min() < 0 or targets.max() >= proba.shape[1]:
            raise ValueError(f"target_indices must lie in [0, {proba.shape[1] - 1}].")
        scores[rows, draws] = proba[np.arange(len(pairs)), targets[rows]]
    coef = _weighted_ridge(Z, scores, _kernel_weights(Z, kernel_width), alpha)
    return coef[:, segments]
