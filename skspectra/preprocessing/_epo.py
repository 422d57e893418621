"""External parameter orthogonalisation (EPO) with class labels."""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import FLOAT_DTYPES, check_is_fitted, validate_data

from skspectra._class_means import deviations_from_class_means
from skspectra._validation import Interval, IntOrAuto, validate_parameters

_BLOCK = 2**22  # floats per block of the 1-NN distance computation


class EPO(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Remove the directions along which spectra of one class vary.

    External parameter orthogonalisation (Roger et al., 2003) projects spectra onto the
    orthogonal complement of a nuisance subspace. Here the nuisance is estimated from
    the labels: the deviations of the training spectra from their class means (sample
    thickness, scatter, moisture, instrument drift: whatever varies *within* a class)
    are decomposed by an SVD, and the ``n_components`` leading directions are removed,
    ``x -> x - (x V^T) V``. The result is still a spectrum on the same axis, so it can
    feed a convolutional network, a PLS-LDA or any other model.

    On small sets where that variation dominates (Beef: 20 training spectra, 5 classes),
    it turns distance-based and deep models from chance-like into competitive ones;
    where the classes differ along the largest variation (OliveOil), removing it hurts.
    ``n_components="auto"`` therefore chooses the count by stratified cross-validation
    of a 1-nearest-neighbour classifier on the training spectra (the nuisance subspace
    is refitted in each fold; ties go to fewer components, down to 0 = identity). With
    one spectrum per class there is no within-class variation, and ``"auto"`` removes
    nothing.

    Parameters
    ----------
    n_components : int or "auto", default="auto"
        Number of within-class directions removed; 0 leaves the spectra unchanged.
    max_components : int, default=10
        Largest count tried by ``"auto"``.
    cv : int, default=5
        Folds of the ``"auto"`` selection, reduced to the smallest class's size
        (at least 2).
    min_gain : float, default=0.0
        ``"auto"`` removes directions only if the best count's CV accuracy exceeds that
        of removing none by at least this much (0.2: twenty points); otherwise it keeps
        the spectra unchanged. A margin makes the choice conservative on sets where the
        within-class variation is not the problem.

    Attributes
    ----------
    n_components_ : int
        The number of directions removed (``n_components``, the choice of ``"auto"``,
        or fewer when the training set's within-class variation has a lower rank).
    components_ : ndarray of shape (`n_components_`, n_features)
        The removed directions (orthonormal rows).
    cv_scores_ : ndarray of shape (max_components + 1,) or None
        With ``"auto"``: the cross-validated 1-NN accuracy for 0..max_components removed
        directions. ``None`` otherwise, and when no class has two spectra.
    n_features_in_ : int
        Number of points per spectrum seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names seen during ``fit``, when ``X`` had string column names.

    See Also
    --------
    MSC, SNV : Unsupervised scatter corrections.

    Notes
    -----
    ``fit`` needs the class labels ``y``: inside a :class:`~sklearn.pipeline.Pipeline`
    they are passed on automatically. The deep classifiers apply the same projection
    inside their network (``epo_components``), after the input standardisation.

    References
    ----------
    .. [1] J.-M. Roger, F. Chauchard and V. Bellon-Maurel, "EPO-PLS external parameter
       orthogonalisation of PLS application to temperature-independent measurement of
       sugar content of intact fruits", Chemometrics and Intelligent Laboratory Systems
       66(2), 191-204, 2003.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.preprocessing import EPO
    >>> rng = np.random.default_rng(0)
    >>> y = np.repeat([0, 1], 10)
    >>> nuisance = rng.normal(size=(20, 1)) * np.linspace(0, 1, 30)  # a within-class slope
    >>> X = 0.1 * y[:, None] * np.sin(np.linspace(0, 3, 30)) + nuisance
    >>> epo = EPO(n_components=1).fit(X, y)
    >>> bool(np.abs(epo.transform(X) @ epo.components_.T).max() < 1e-12)
    True
    """

    _parameter_checks: ClassVar[dict[str, Any]] = {
        "n_components": IntOrAuto(0), "max_components": Interval(int, 0),
        "cv": Interval(int, 2), "min_gain": Interval(float, 0.0, 1.0)}

    def __init__(self, n_components: int | str = "auto", max_components: int = 10,
                 cv: int = 5, min_gain: float = 0.0) -> None:
        self.n_components = n_components
        self.max_components = max_components
        self.cv = cv
        self.min_gain = min_gain

    def fit(self, X: ArrayLike, y: ArrayLike) -> EPO:
        """Learn the within-class directions of ``X`` (and their count, for ``"auto"``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training spectra.
        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        self : EPO
            The fitted transformer.
        """
        validate_parameters(self)
        X, y = validate_data(self, X, y, dtype=FLOAT_DTYPES)
        check_classification_targets(y)
        X = X.astype(np.float64)
        if self.n_components == "auto" and np.unique(y, return_counts=True)[1].max() < 2:
            # one spectrum per class: no within-class variation exists to be removed
            count, self.cv_scores_ = 0, None
        elif self.n_components == "auto":
            self.cv_scores_ = nearest_neighbour_scores(X, y, self.max_components, self.cv)
            count = int(np.argmax(self.cv_scores_))  # first maximum: fewest components
            if self.cv_scores_[count] - self.cv_scores_[0] < self.min_gain - 1e-9:
                count = 0
        else:
            count = int(self.n_components)
            self.cv_scores_ = None
        self.components_ = within_class_directions(X, y, count)
        self.n_components_ = len(self.components_)
        return self

    def transform(self, X: ArrayLike) -> np.ndarray:
        """Remove the fitted directions from each spectrum.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra on the training axis.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_features)
            ``X - (X @ components_.T) @ components_``; float32 stays float32.
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=FLOAT_DTYPES, reset=False)
        return remove_directions(X, self.components_.astype(X.dtype))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags


def remove_directions(X: np.ndarray, V: np.ndarray) -> np.ndarray:
    """``X`` without its components along the orthonormal rows of ``V``."""
    return X - (X @ V.T) @ V


def within_class_directions(X: np.ndarray, y: np.ndarray, n_components: int) -> np.ndarray:
    """The ``n_components`` leading right singular vectors of ``X`` minus its class means.

    Fewer rows when the within-class deviations have a lower numerical rank.
    """
    deviations = deviations_from_class_means(X, y)
    if n_components == 0:
        return np.zeros((0, X.shape[1]))
    _, singular, Vt = np.linalg.svd(deviations, full_matrices=False)
    tol = singular.max(initial=0.0) * max(deviations.shape) * np.finfo(float).eps
    rank = int((singular > tol).sum())
    return Vt[: min(n_components, rank)]


def nearest_neighbour_scores(X: np.ndarray, y: np.ndarray, max_components: int,
                             cv: int) -> np.ndarray:
    """Stratified-CV accuracy of 1-NN after removing 0..max_components directions.

    The directions are refitted on each training fold; all counts are scored from one
    SVD per fold (removing ``q`` directions lowers a squared distance by the squares of
    the difference's first ``q`` coordinates). Some class must hold two spectra:
    :meth:`EPO.fit` removes nothing, without calling this, when none does.
    """
    folds = max(2, min(cv, int(np.unique(y, return_counts=True)[1].min())))
    correct = np.zeros(max_components + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # classes smaller than the folds
        splits = StratifiedKFold(folds, shuffle=True, random_state=0).split(X, y)
        for train, test in splits:
            V = within_class_directions(X[train], y[train], max_components)
            correct += _nearest_neighbour_hits(X[train], y[train], X[test], y[test], V,
                                               max_components)
    return correct / len(y)


def _nearest_neighbour_hits(X_train, y_train, X_test, y_test, V, max_components):
    """Correct 1-NN predictions of ``X_test`` for 0..max_components removed directions."""
    P_train, P_test = X_train @ V.T, X_test @ V.T
    train_sq = (X_train**2).sum(axis=1)
    hits = np.zeros(max_components + 1)
    step = max(1, _BLOCK // max(1, len(X_train) * (len(V) + 1)))
    for lo in range(0, len(X_test), step):
        block, p_block = X_test[lo: lo + step], P_test[lo: lo + step]
        full = (block**2).sum(axis=1)[:, None] + train_sq[None] - 2 * block @ X_train.T
        removed = np.cumsum((p_block[:, None, :] - P_train[None]) ** 2, axis=2)
        dist = np.concatenate([full[..., None], full[..., None] - removed], axis=2)
        pred = y_train[np.argmin(dist, axis=1)]  # (block, n_counts)
        hit = pred == y_test[lo: lo + step, None]
        hits[: dist.shape[2]] += hit.sum(axis=0)
        hits[dist.shape[2]:] += hit[:, -1].sum()  # beyond the rank: as the last count
    return hits
