"""Stability of a model's explanations across resampled training sets."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import StratifiedShuffleSplit, check_cv
from sklearn.utils.parallel import Parallel, delayed

from skspectra._validation import check_int
from skspectra.explain._pipeline import explain

__all__ = ["ExplanationStability", "explanation_stability"]


@dataclass
class ExplanationStability:
    """What :func:`explanation_stability` measured.

    Attributes
    ----------
    classes : ndarray of shape (n_classes,)
        The class labels, in the order of the other arrays.
    maps : ndarray of shape (n_splits, n_classes, n_features)
        Per split and class ``c``: the mean explanation, for target ``c``, of the spectra
        of class ``c``, scaled to a largest absolute value of 1.
    mean_r, min_r : ndarray of shape (n_classes,)
        Mean and smallest Pearson correlation over all pairs of splits.
    top_k_overlap : ndarray of shape (n_classes,)
        Mean share of the ``top_k`` most relevant points (by absolute value) that two
        splits have in common.
    n_constant : ndarray of shape (n_classes,)
        Splits whose map is constant (e.g. all zeros); they have no correlation and are
        left out of the three statistics above (NaN when fewer than 2 remain).
    """

    classes: np.ndarray
    maps: np.ndarray
    mean_r: np.ndarray
    min_r: np.ndarray
    top_k_overlap: np.ndarray
    n_constant: np.ndarray

    @property
    def r(self) -> float:
        """The mean pairwise correlation, averaged over the classes."""
        return float(np.nanmean(self.mean_r))


def explanation_stability(
    estimator: Any,
    X: Any,
    y: Any,
    *,
    method: str | None = None,
    cv: Any = None,
    top_k: int = 20,
    n_jobs: int | None = None,
    **options: Any,
) -> ExplanationStability:
    """How much a model's explanations change when it is trained on other spectra.

    A clone of ``estimator`` is fitted on the training part of every split of ``cv``;
    each fitted model explains all of ``X``, and per class ``c`` the mean map of the
    spectra of class ``c`` (target ``c``) is compared across splits by Pearson
    correlation and by the overlap of their most relevant points. Maps that point at the
    chemistry should not depend much on which spectra trained the model.

    Parameters
    ----------
    estimator : classifier
        An unfitted skspectra model or Pipeline (explained through
        :func:`skspectra.explain.explain`).
    X : array-like of shape (n_samples, n_features)
        Spectra.
    y : array-like of shape (n_samples,)
        Class labels.
    method : str or None, default=None
        Explanation method; ``None`` is the model's default.
    cv : int, cross-validation generator, iterable or None, default=None
        The training sets. ``None``: 5 stratified Monte-Carlo splits with 30 % held out
        (``StratifiedShuffleSplit(5, test_size=0.3, random_state=0)``).
    top_k : int, default=20
        Points compared by ``top_k_overlap``.
    n_jobs : int or None, default=None
        Splits fitted in parallel (joblib).
    **options
        Passed to the explanation method.

    Returns
    -------
    ExplanationStability

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.explain import explanation_stability
    >>> from skspectra.models import PLSLDAClassifier
    >>> X, y, _ = make_spectra(n_samples=200, n_features=100, n_classes=3, class_sep=2.0,
    ...                        random_state=0)
    >>> result = explanation_stability(PLSLDAClassifier(5), X, y, method="coef")
    >>> result.maps.shape, bool(result.r > 0.9)
    ((5, 3, 100), True)
    """
    top_k = check_int("top_k", top_k, 1)
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError(
            f"X must be 2-D with one row per label; got X of shape {X.shape} and "
            f"{len(y)} labels."
        )
    splitter = (StratifiedShuffleSplit(5, test_size=0.3, random_state=0) if cv is None
                else check_cv(cv, y, classifier=True))
    splits = list(splitter.split(X, y))
    if len(splits) < 2:
        raise ValueError(f"explanation_stability needs at least 2 splits; got {len(splits)}.")
    classes = np.unique(y)
    maps = np.stack(Parallel(n_jobs=n_jobs)(
        delayed(_class_mean_maps)(clone(estimator), X, y, train, classes, method, options)
        for train, _ in splits))
    stats = np.array([_pairwise_agreement(maps[:, c], top_k) for c in range(len(classes))])
    return ExplanationStability(
        classes=classes, maps=maps, mean_r=stats[:, 0], min_r=stats[:, 1],
        top_k_overlap=stats[:, 2], n_constant=stats[:, 3].astype(int))


def _class_mean_maps(model, X, y, train, classes, method, options) -> np.ndarray:
    """Fit on ``train``; per class, the scaled mean map of its spectra for that target."""
    model.fit(X[train], y[train])
    rows = []
    for label in classes:
        mean_map = explain(model, X[y == label], method=method, target=label,
                           **options).mean(axis=0)
        peak = np.abs(mean_map).max()
        rows.append(mean_map / peak if peak > 0 else mean_map)
    return np.array(rows)


def _pairwise_agreement(maps: np.ndarray, top_k: int) -> tuple[float, float, float, int]:
    """Mean and min pairwise Pearson r of the rows of ``maps``, mean top-k overlap, and
    the number of constant rows (left out)."""
    varying = maps[np.ptp(maps, axis=1) > 0]
    constant = len(maps) - len(varying)
    if len(varying) < 2:
        return float("nan"), float("nan"), float("nan"), constant
    r = np.corrcoef(varying)[np.triu_indices(len(varying), k=1)]
    k = min(top_k, maps.shape[1])
    top = [set(np.argsort(-np.abs(row), kind="stable")[:k]) for row in varying]
    overlap = [len(a & b) / k for a, b in combinations(top, 2)]
    return float(r.mean()), float(r.min()), float(np.mean(overlap)), constant
