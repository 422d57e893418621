"""ROAD: remove points by relevance and impute them from their neighbours (numpy only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from skspectra._validation import check_int
from skspectra.explain._metrics import _check_maps, _targets_and_ranks

__all__ = ["noisy_linear_imputation", "road_auc"]

_ORDERS = ("morf", "lerf")


def noisy_linear_imputation(X: Any, removed: Any, *, noise: float = 0.01,
                            random_state: Any = None) -> np.ndarray:
    """Replace the ``removed`` points of each spectrum by interpolation from their neighbours.

    The 1D case of ROAD's noisy linear imputation (Rong et al., 2022): each removed point
    takes the value that makes it the average of its two neighbours, which along one
    axis is the straight line between the nearest kept points on either side (the value
    of the nearest kept point beyond an end), plus Gaussian noise of ``noise`` times the
    spectrum's standard deviation. The spectrum keeps its shape and level, so a model
    sees no out-of-distribution step where points were taken out, and the noise hides
    the removal pattern.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Spectra.
    removed : array-like of bool, shape (n_samples, n_features)
        ``True`` where a point is removed. A spectrum with every point removed becomes
        its own mean (plus noise).
    noise : float, default=0.01
        Standard deviation of the added noise, relative to each spectrum's.
    random_state : int, Generator or None, default=None
        Seeds the noise.

    Returns
    -------
    ndarray of shape (n_samples, n_features)
        The spectra with the removed points imputed (float64).

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.explain import noisy_linear_imputation
    >>> x = np.array([[0.0, 5.0, 5.0, 3.0, 4.0]])
    >>> noisy_linear_imputation(x, [[False, True, True, False, False]], noise=0.0)
    array([[0., 1., 2., 3., 4.]])
    """
    X = np.asarray(X, dtype=float)
    removed = np.asarray(removed, dtype=bool)
    if removed.shape != X.shape:
        raise ValueError(f"removed must have the shape of X {X.shape}; got {removed.shape}.")
    if not noise >= 0:
        raise ValueError(f"noise must be >= 0, got {noise!r}.")
    n_samples, n_features = X.shape
    index = np.broadcast_to(np.arange(n_features), X.shape)
    kept = ~removed
    left = np.maximum.accumulate(np.where(kept, index, -1), axis=1)
    right = np.minimum.accumulate(np.where(kept, index, n_features)[:, ::-1], axis=1)[:, ::-1]
    no_left, no_right = left < 0, right >= n_features
    left_safe = np.where(no_left, right, left).clip(0, n_features - 1)
    right_safe = np.where(no_right, left, right).clip(0, n_features - 1)
    rows = np.arange(n_samples)[:, None]
    span = right_safe - left_safe
    weight = np.where(span > 0, (index - left_safe) / np.where(span > 0, span, 1), 0.0)
    line = (1 - weight) * X[rows, left_safe] + weight * X[rows, right_safe]
    empty = kept.sum(axis=1) == 0
    line[empty] = X[empty].mean(axis=1, keepdims=True)
    rng = np.random.default_rng(random_state)
    jitter = noise * X.std(axis=1, keepdims=True) * rng.standard_normal(X.shape)
    return np.where(removed, line + jitter, X)


def road_auc(
    predict_proba: Callable[[np.ndarray], np.ndarray],
    X: Any,
    attributions: Any,
    target_indices: Any = None,
    *,
    order: str = "morf",
    n_steps: int = 9,
    max_fraction: float = 0.9,
    relevance: str = "signed",
    noise: float = 0.01,
    random_state: Any = 0,
    batch_size: int = 1024,
    return_curve: bool = False,
) -> Any:
    """ROAD (remove and debias) faithfulness: remove points by relevance, impute, re-predict.

    As deletion (:func:`deletion_auc`), the points of each spectrum are removed in order
    of relevance and the target-class probability is recorded; but the removed points
    are imputed from their kept neighbours (:func:`noisy_linear_imputation`), not set to
    a baseline spectrum, so that the curve measures the information taken away rather
    than the shock of an unnatural spectrum (Rong et al., ICML 2022). Two orders:
    ``"morf"`` (most relevant first; a faithful map makes the probability fall fast, a
    small area) and ``"lerf"`` (least relevant first; the probability should stay high,
    a large area). Compare both with a random map's.

    Parameters
    ----------
    predict_proba : callable
        Maps (m, n_features) to class probabilities, e.g. ``model.predict_proba``.
    X : array-like of shape (n_samples, n_features)
        Spectra that were explained.
    attributions : array-like of shape (n_samples, n_features)
        Their explanations.
    target_indices : int, array-like of int of shape (n_samples,), or None
        Column of ``predict_proba`` explained per sample; ``None``: the most probable.
    order : {"morf", "lerf"}, default="morf"
        Most relevant first, or least relevant first.
    n_steps : int, default=9
        Steps between 0 and ``max_fraction``: the curve has ``n_steps + 1`` points.
    max_fraction : float, default=0.9
        Largest fraction of points removed (the paper stops at 90 %, where imputation
        from the remaining points is still defined).
    relevance : {"signed", "absolute", "positive"}, default="signed"
        How attributions rank the points (as in :func:`deletion_auc`).
    noise : float, default=0.01
        Imputation noise, relative to each spectrum's standard deviation.
    random_state : int, Generator or None, default=0
        Seeds the imputation noise.
    batch_size : int, default=1024
        Imputed spectra per ``predict_proba`` call.
    return_curve : bool, default=False
        Also return the fractions and the probability curves.

    Returns
    -------
    auc : ndarray of shape (n_samples,)
        Area under the probability curve over the removed fraction, divided by
        ``max_fraction`` (so that it lies in [0, 1]).
    fractions, curves : ndarray of shape (n_steps + 1,) and (n_samples, n_steps + 1)
        Only with ``return_curve=True``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from skspectra.explain import road_auc
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(60, 40)).cumsum(axis=1)
    >>> y = (X[:, 20] - X[:, 19] > 0).astype(int)  # one local step decides
    >>> clf = LogisticRegression(max_iter=2000).fit(X, y)
    >>> good = np.zeros_like(X)
    >>> good[:, 19:21] = 1.0
    >>> random = rng.random(X.shape)
    >>> bool(road_auc(clf.predict_proba, X, good).mean()
    ...      < road_auc(clf.predict_proba, X, random).mean())
    True
    """
    X, attributions = _check_maps(X, attributions)
    if order not in _ORDERS:
        raise ValueError(f"order must be one of {_ORDERS}; got {order!r}.")
    n_steps = check_int("n_steps", n_steps, 1)
    batch_size = check_int("batch_size", batch_size, 1)
    if not 0 < max_fraction < 1:
        raise ValueError(f"max_fraction must be in (0, 1), got {max_fraction!r}.")
    n_samples, n_features = X.shape
    targets, rank = _targets_and_ranks(predict_proba, X, attributions, target_indices,
                                       relevance, most_relevant_first=order == "morf")
    fractions = np.linspace(0.0, max_fraction, n_steps + 1)
    counts = np.round(fractions * n_features).astype(int)
    rng = np.random.default_rng(random_state)
    curve = np.empty(n_samples * len(counts))
    for lo in range(0, len(curve), batch_size):
        pairs = np.arange(lo, min(lo + batch_size, len(curve)))
        rows, steps = np.divmod(pairs, len(counts))
        removed = rank[rows] < counts[steps][:, None]
        imputed = noisy_linear_imputation(X[rows], removed, noise=noise, random_state=rng)
        proba = np.asarray(predict_proba(imputed), dtype=float)
        curve[pairs] = proba[np.arange(len(pairs)), targets[rows]]
    curves = curve.reshape(n_samples, len(counts))
    auc = ((curves[:, 1:] + curves[:, :-1]) / 2 * np.diff(fractions)).sum(axis=1) / max_fraction
    return (auc, fractions, curves) if return_curve else auc
