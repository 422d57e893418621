"""Quality metrics of explanations: faithfulness curves and localisation (numpy only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from skspectra._validation import check_int
from skspectra.explain._baseline import fixed_baseline

__all__ = ["deletion_auc", "insertion_auc", "localisation"]

_RELEVANCE = ("absolute", "positive", "signed")


def _check_maps(X: Any, attributions: Any) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    attributions = np.asarray(attributions, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got shape {X.shape}.")
    if attributions.shape != X.shape:
        raise ValueError(
            f"attributions must have the shape of X {X.shape}; got {attributions.shape}."
        )
    return X, attributions


def _relevance(attributions: np.ndarray, relevance: str) -> np.ndarray:
    if relevance not in _RELEVANCE:
        raise ValueError(f"relevance must be one of {_RELEVANCE}; got {relevance!r}.")
    if relevance == "absolute":
        return np.abs(attributions)
    if relevance == "positive":
        return np.clip(attributions, 0, None)
    return attributions


def _targets_and_ranks(
    predict_proba: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    attributions: np.ndarray,
    target_indices: Any,
    relevance: str,
    most_relevant_first: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """The explained class per sample, and ``rank[i, j]``: the position of feature ``j``
    in sample ``i``'s removal order (most relevant first, or least relevant first)."""
    n_samples, n_features = X.shape
    if target_indices is None:
        target_indices = np.asarray(predict_proba(X), dtype=float).argmax(axis=1)
    targets = np.broadcast_to(np.asarray(target_indices), (n_samples,)).astype(np.intp)
    score = _relevance(attributions, relevance)
    order = np.argsort(-score if most_relevant_first else score, axis=1, kind="stable")
    rank = np.empty_like(order)
    rank[np.arange(n_samples)[:, None], order] = np.arange(n_features)
    return targets, rank


def _perturbation_curve(
    predict_proba: Callable[[np.ndarray], np.ndarray],
    X: Any,
    attributions: Any,
    target_indices: Any,
    *,
    insert: bool,
    baseline: Any,
    n_steps: int,
    relevance: str,
    batch_size: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Target-class probability after removing (or inserting) the top-k features."""
    X, attributions = _check_maps(X, attributions)
    n_samples, n_features = X.shape
    n_steps = check_int("n_steps", n_steps, 1)
    batch_size = check_int("batch_size", batch_size, 1)
    base = fixed_baseline(baseline, X)
    targets, rank = _targets_and_ranks(predict_proba, X, attributions, target_indices,
                                       relevance)
    fractions = np.linspace(0.0, 1.0, n_steps + 1)
    counts = np.round(fractions * n_features).astype(int)
    curve = np.empty(n_samples * len(counts))
    total = len(curve)
    for lo in range(0, total, batch_size):
        pairs = np.arange(lo, min(lo + batch_size, total))
        rows, steps = np.divmod(pairs, len(counts))
        changed = rank[rows] < counts[steps][:, None]
        start, other = (base, X) if insert else (X, base)
        perturbed = np.where(changed, other[rows], start[rows])
        proba = np.asarray(predict_proba(perturbed), dtype=float)
        curve[pairs] = proba[np.arange(len(pairs)), targets[rows]]
    return fractions, curve.reshape(n_samples, len(counts))


_PARAMS = """
    Parameters
    ----------
    predict_proba : callable
        Maps (m, n_features) to class probabilities, e.g. ``model.predict_proba``.
    X : array-like of shape (n_samples, n_features)
        Spectra that were explained.
    attributions : array-like of shape (n_samples, n_features)
        Their explanations (e.g. from ``model.explain(X)``).
    target_indices : int, array-like of int of shape (n_samples,), or None
        Column of ``predict_proba`` explained per sample; ``None``: the most probable.
    baseline : {"zero", "mean"}, float or array-like, default="mean"
        Values that replace the removed (deletion) or stand for the not-yet-inserted
        (insertion) features: zeros, the mean spectrum of ``X``, a constant, or an
        array of shape (n_features,) or (n_samples, n_features).
    n_steps : int, default=20
        Number of steps: the curve has ``n_steps + 1`` points, at fractions
        ``0, 1/n_steps, ..., 1`` of the features.
    relevance : {"signed", "absolute", "positive"}, default="signed"
        How attributions rank features: by signed value, largest first (the evidence
        *for* the class first; the standard, and the same as "absolute" for
        non-negative maps such as saliency), by absolute value, or by positive part.
    batch_size : int, default=1024
        Perturbed spectra per ``predict_proba`` call.
    return_curve : bool, default=False
        Also return the fractions and the probability curves.

    Returns
    -------
    auc : ndarray of shape (n_samples,)
        Area under the probability curve (trapezoid rule over fractions in [0, 1]).
    fractions, curves : ndarray of shape (n_steps + 1,) and (n_samples, n_steps + 1)
        Only with ``return_curve=True``.
"""


def _auc(insert: bool, predict_proba, X, attributions, target_indices, baseline, n_steps,
         relevance, batch_size, return_curve):
    fractions, curves = _perturbation_curve(
        predict_proba, X, attributions, target_indices, insert=insert, baseline=baseline,
        n_steps=n_steps, relevance=relevance, batch_size=batch_size)
    # the trapezoid rule (np.trapezoid is numpy >= 2 only)
    auc = ((curves[:, 1:] + curves[:, :-1]) / 2 * np.diff(fractions)).sum(axis=1)
    return (auc, fractions, curves) if return_curve else auc


def deletion_auc(
    predict_proba: Callable[[np.ndarray], np.ndarray],
    X: Any,
    attributions: Any,
    target_indices: Any = None,
    *,
    baseline: Any = "mean",
    n_steps: int = 20,
    relevance: str = "signed",
    batch_size: int = 1024,
    return_curve: bool = False,
) -> Any:
    """Deletion AUC: remove the most relevant features first; lower is more faithful.

    The features of each spectrum are replaced by the baseline in order of decreasing
    relevance; the target class probability is recorded after each step. A faithful
    explanation makes the probability fall fast, so the area is small. Compare with
    the area for random attributions.
    {params}
    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(80, 10))
    >>> y = (X[:, 0] > 0).astype(int)
    >>> clf = LogisticRegression().fit(X, y)
    >>> good = np.zeros_like(X)
    >>> good[:, 0] = 1.0  # feature 0 decides
    >>> bad = np.zeros_like(X)
    >>> bad[:, -1] = 1.0
    >>> bool(deletion_auc(clf.predict_proba, X, good).mean()
    ...      < deletion_auc(clf.predict_proba, X, bad).mean())
    True
    """
    return _auc(False, predict_proba, X, attributions, target_indices, baseline, n_steps,
                relevance, batch_size, return_curve)


def insertion_auc(
    predict_proba: Callable[[np.ndarray], np.ndarray],
    X: Any,
    attributions: Any,
    target_indices: Any = None,
    *,
    baseline: Any = "mean",
    n_steps: int = 20,
    relevance: str = "signed",
    batch_size: int = 1024,
    return_curve: bool = False,
) -> Any:
    """Insertion AUC: insert the most relevant features first; higher is more faithful.

    Starting from the baseline, the features of each spectrum are put back in order
    of decreasing relevance; the target class probability is recorded after each
    step. A faithful explanation makes the probability rise fast, so the area is large.
    {params}
    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(80, 10))
    >>> y = (X[:, 0] > 0).astype(int)
    >>> clf = LogisticRegression().fit(X, y)
    >>> good = np.zeros_like(X)
    >>> good[:, 0] = 1.0
    >>> insertion_auc(clf.predict_proba, X[:3], good[:3], n_steps=10).shape
    (3,)
    """
    return _auc(True, predict_proba, X, attributions, target_indices, baseline, n_steps,
                relevance, batch_size, return_curve)


for _function in (deletion_auc, insertion_auc):
    if _function.__doc__:  # None under ``python -OO``
        _function.__doc__ = _function.__doc__.replace("{params}", _PARAMS)


def localisation(
    attributions: Any,
    mask: Any,
    *,
    metric: str = "mass",
    relevance: str = "absolute",
) -> np.ndarray:
    """How well explanations point at known bands (e.g. the ``mask`` of ``make_spectra``).

    Parameters
    ----------
    attributions : array-like of shape (n_samples, n_features)
        Explanations.
    mask : array-like of bool, shape (n_features,) or (n_samples, n_features)
        True on the points that truly matter.
    metric : {"mass", "pointing_game"}, default="mass"
        ``"mass"``: the share of the relevance that falls inside the mask (relevance
        mass accuracy; a random map scores about ``mask.mean()``). ``"pointing_game"``:
        1 if the most relevant point lies inside the mask, else 0.
    relevance : {"absolute", "positive"}, default="absolute"
        Relevance taken from the attributions: absolute values (bands that speak for
        or against the class) or the positive part only.

    Returns
    -------
    ndarray of shape (n_samples,)
        Scores in [0, 1]; NaN for a sample whose relevance is zero everywhere.

    Examples
    --------
    >>> import numpy as np
    >>> maps = np.array([[0.0, 3.0, 1.0, 0.0], [1.0, 0.0, 0.0, 1.0]])
    >>> mask = np.array([False, True, True, False])
    >>> localisation(maps, mask)
    array([1., 0.])
    >>> localisation(maps, mask, metric="pointing_game")
    array([1., 0.])
    """
    attributions = np.asarray(attributions, dtype=float)
    if attributions.ndim != 2:
        raise ValueError(f"attributions must be 2-D; got shape {attributions.shape}.")
    mask = np.asarray(mask)
    if mask.dtype != bool:
        raise TypeError(f"mask must be a boolean array; got dtype {mask.dtype}.")
    mask = np.broadcast_to(mask, attributions.shape) if mask.shape in (
        attributions.shape[1:], attributions.shape) else None
    if mask is None:
        raise ValueError(
            "mask must have shape (n_features,) or (n_samples, n_features) matching "
            f"attributions {attributions.shape}."
        )
    if relevance not in _RELEVANCE[:2]:
        raise ValueError(f"relevance must be one of {_RELEVANCE[:2]}; got {relevance!r}.")
    rel = _relevance(attributions, relevance)
    total = rel.sum(axis=1)
    if metric == "mass":
        inside = np.where(mask, rel, 0.0).sum(axis=1)
        return np.divide(inside, total, out=np.full(len(total), np.nan), where=total > 0)
    if metric == "pointing_game":
        hit = mask[np.arange(len(rel)), rel.argmax(axis=1)].astype(float)
        return np.where(total > 0, hit, np.nan)
    raise ValueError(f"metric must be 'mass' or 'pointing_game'; got {metric!r}.")
