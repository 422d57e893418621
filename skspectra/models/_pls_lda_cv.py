"""``PLSLDAClassifierCV``: choose ``n_components`` by cross-validation from nested fits.

Per fold, PLS is fitted once at ``max_components``; the model with ``k`` components is
its first ``k`` components. With the default accuracy scoring the LDA of every ``k`` is
scored at once: the Cholesky factor of a leading block of the within-class covariance
is the leading block of the full factor, so the Mahalanobis distances of all ``k`` are
cumulative sums over the whitened score columns.
"""

from __future__ import annotations

import numbers
import warnings
from functools import cache, partial
from typing import Any, ClassVar

import numpy as np
from scipy.linalg import svdvals
from scipy.linalg.lapack import dtrtri
from scipy.stats import rankdata
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    ClassNamePrefixFeaturesOutMixin,
    TransformerMixin,
)
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.metrics import check_scoring
from sklearn.model_selection import check_cv
from sklearn.utils.parallel import Parallel, delayed
from sklearn.utils.validation import check_is_fitted, validate_data

from skspectra._validation import Interval, validate_parameters
from skspectra.explain import ExplainMixin
from skspectra.models._pls import pls_fit, pls_transform, pls_truncate
from skspectra.models._pls_lda import (
    ONE_SPECTRUM_PER_CLASS,
    SOLVER_CHECK,
    PLSLDAClassifier,
    encode_classes,
)

__all__ = ["PLSLDAClassifierCV"]

# scikit-learn's svd LDA drops directions whose within-class singular value is below
# this (its default ``tol``); the closed form below is only used well above it.
_LDA_TOL = 1e-4
_SAFETY = 4.0
_MAX_BLOCK = 2**21


@cache
def _lda_classes_in_divisor() -> int | None:
    """How scikit-learn's svd LDA normalises the within-class scatter.

    scikit-learn >= 1.9 divides it by ``n_samples`` (returns 0), earlier versions by
    ``n_samples - n_classes`` (returns 1): the divisor is
    ``n_samples - returned * n_classes``. It sets how the class priors weigh against
    the distances, so the closed form must follow the installed version. Found once
    from a one-feature fit whose coefficient is ``mean difference / variance``;
    ``None`` (an unknown convention) makes the caller fall back to fitting LDA.
    """
    X = np.array([[0.0], [1.0], [2.0], [10.0], [12.0]])
    coef = LinearDiscriminantAnalysis().fit(X, [0, 0, 0, 1, 1]).coef_[0, 0]
    scatter, mean_difference, n_samples, n_classes = 4.0, 10.0, 5, 2
    for per_class in (0, 1):
        variance = scatter / (n_samples - per_class * n_classes)
        if np.isclose(coef, mean_difference / variance, rtol=1e-9):
            return per_class
    return None


def _nested_lda_accuracy(T_train, y_train, T_test, y_test, n_classes) -> np.ndarray | None:
    """Accuracy of LDA on the first k score columns, for every k at once.

    ``y_train`` holds class indices in ``[0, n_classes)`` (all present); ``y_test`` may
    hold ``-1`` for classes unseen in training. Returns ``None`` when the closed form
    may differ from scikit-learn's LDA (near-collinear scores, unknown convention).
    scikit-learn's LDA also drops between-class directions below 1e-4 of the largest
    (class means almost collinear in the whitened space); that moves decision values
    by about that fraction, so it can only flip near-ties, and is not checked.
    """
    per_class = _lda_classes_in_divisor()
    if per_class is None:
        return None
    n, n_components = T_train.shape
    counts = np.bincount(y_train, minlength=n_classes)
    means = np.zeros((n_classes, n_components))
    np.add.at(means, y_train, T_train)
    means /= counts[:, None]
    within = T_train - means[y_train]
    std = within.std(axis=0)
    std[std == 0.0] = 1.0
    Z = within / std / np.sqrt(n - per_class * n_classes)
    R = np.linalg.qr(Z, mode="r")
    # Singular values of any leading columns of Z are >= the smallest of Z (interlacing),
    # so above the tolerance here means scikit-learn keeps every direction for every k.
    if svdvals(R).min() <= _SAFETY * _LDA_TOL:
        return None
    # rows @ inv(R) whitens; inv(R) is upper triangular, so column k of the result
    # only depends on the first k score columns (the nested property).
    R_inv, info = dtrtri(R, lower=0)  # scipy's solve_triangular is ~1000x slower here
    if info != 0:
        return None
    whiten = R_inv / std[:, None]
    whitened_means = means @ whiten
    log_priors = np.log(counts / n)
    correct = np.zeros(n_components)
    step = max(1, _MAX_BLOCK // (n_classes * n_components))
    for lo in range(0, len(T_test), step):
        whitened = T_test[lo : lo + step] @ whiten
        dist = np.cumsum((whitened[:, None, :] - whitened_means[None]) ** 2, axis=2)
        pred = np.argmax(log_priors[None, :, None] - 0.5 * dist, axis=1)
        correct += (pred == y_test[lo : lo + step, None]).sum(axis=0)
    return correct / len(T_test)


def _fold_count(cv: Any, y: np.ndarray) -> Any:
    """``cv``, with an integer fold count capped at the smallest class's size (>= 2).

    Stratified k-fold needs ``k`` members of a class to put one in every fold; with
    fewer spectra in the smallest class (4 per class is common in spectroscopy), the
    folds are reduced to that count, with a warning, instead of failing.
    """
    if cv is not None and not isinstance(cv, numbers.Integral):
        return cv
    requested = 5 if cv is None else int(cv)
    smallest = int(np.unique(y, return_counts=True)[1].min())
    if smallest >= requested:
        return requested
    capped = max(2, smallest)
    if smallest < 2:
        message = (f"The smallest class has 1 spectrum, which cannot be in every one of the "
                   f"cv={requested} folds; choosing n_components by 2-fold stratified CV, "
                   f"where that class is in one fold's training part only.")
    else:
        message = (f"The smallest class has {smallest} spectra, fewer than cv={requested} "
                   f"folds; choosing n_components by {capped}-fold stratified CV instead.")
    warnings.warn(message, UserWarning, stacklevel=3)
    return capped


def _fold_scores(X, y, train, test, max_components, scale, solver, scorer):
    """Test scores of the nested models k = 1..max_components on one split.

    Returns the scores and the number of components the training fold supports; for
    larger ``k`` the score is that of the clipped model, as ``PLSLDAClassifier`` clips.
    """
    scores = np.empty(max_components)
    y_train = y[train]
    classes, one_hot = encode_classes(y_train)
    fit = pls_fit(X[train], one_hot, max_components, scale=scale, solver=solver)
    supported = fit.n_components
    if supported == 0:
        raise ValueError("X carries no variance correlated with the classes in a training fold.")
    accuracy = None
    if scorer is None:
        lookup = {c: i for i, c in enumerate(classes.tolist())}
        y_test = np.array([lookup.get(c, -1) for c in y[test].tolist()])
        T_test = pls_transform(fit, X[test])
        accuracy = _nested_lda_accuracy(
            fit.x_scores, one_hot.argmax(axis=1), T_test, y_test, len(classes)
        )
        scorer = check_scoring(PLSLDAClassifier(), scoring="accuracy")
    if accuracy is not None:
        scores[:supported] = accuracy
    else:
        for k in range(1, supported + 1):
            model = PLSLDAClassifier(k, scale=scale, solver=solver)
            model._set_model(pls_truncate(fit, k), y_train)
            model.n_features_in_ = X.shape[1]
            scores[k - 1] = scorer(model, X[test], y[test])
    scores[supported:] = scores[supported - 1]
    return scores, supported


def _delegate(method, estimator, X, target_indices, **options):
    return method(estimator.best_estimator_, X, target_indices, **options)


class PLSLDAClassifierCV(
    ExplainMixin, ClassNamePrefixFeaturesOutMixin, TransformerMixin, ClassifierMixin, BaseEstimator
):
    """PLS-LDA with ``n_components`` chosen by cross-validation, one PLS fit per fold.

    For every split, PLS is fitted once with ``max_components`` components; the model
    with ``k`` components is its first ``k`` components (PLS components are nested),
    so all ``k = 1..max_components`` are scored from that one fit. With the default
    accuracy scoring the LDA of all ``k`` is evaluated in closed form at once (it equals
    scikit-learn's LDA; a fold whose scores are nearly collinear falls back to fitting
    LDA per ``k``); another ``scoring`` fits LDA per ``k``. The chosen number of
    components maximises the mean test score (the smallest on ties, as
    :class:`~sklearn.model_selection.GridSearchCV`), and ``best_estimator_`` is a
    :class:`PLSLDAClassifier` refitted on all the data with it.

    The result is what ``GridSearchCV(PLSLDAClassifier(), {"n_components":
    range(1, max_components + 1)}, cv=cv)`` selects, at the cost of one PLS fit per
    fold instead of ``max_components``.

    Parameters
    ----------
    max_components : int, default=30
        Largest number of components tried (clipped to n_features). Where a training
        fold supports fewer components (rank exhausted), larger ``k`` score as the
        clipped model, exactly as ``PLSLDAClassifier`` clips, with a warning.
    scale : bool, default=False
        Passed to :class:`PLSLDAClassifier`.
    solver : {"auto", "direct", "gram"}, default="auto"
        Passed to :class:`PLSLDAClassifier`.
    cv : int, cross-validation generator or iterable, default=None
        As in scikit-learn: ``None`` is 5-fold stratified. An integer larger than the
        smallest class's size is reduced to that size (at least 2), with a warning, so
        that 4 spectra per class still work.
    scoring : str, callable or None, default=None
        Scorer; ``None`` is accuracy (the fast path).
    n_jobs : int, default=None
        Folds run in parallel with joblib.

    Attributes
    ----------
    n_components_ : int
        The chosen number of components.
    best_score_ : float
        Its mean cross-validated score.
    cv_results_ : dict of ndarray
        ``"n_components"``, ``"split{i}_test_score"``, ``"mean_test_score"``,
        ``"std_test_score"`` and ``"rank_test_score"``, one entry per ``k``, as in
        ``GridSearchCV.cv_results_``.
    best_estimator_ : PLSLDAClassifier
        Refitted on the whole data with ``n_components_``.
    classes_ : ndarray of shape (n_classes,)
        Class labels.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen during fit, when ``X`` has string column names.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.models import PLSLDAClassifierCV
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(90, 60))
    >>> y = np.repeat([0, 1, 2], 30)
    >>> X[y == 1, :10] += 0.8
    >>> clf = PLSLDAClassifierCV(max_components=10).fit(X, y)
    >>> 1 <= clf.n_components_ <= 10
    True
    >>> clf.predict(X[:3]).shape
    (3,)
    """

    _parameter_checks: ClassVar[dict[str, Any]] = {
        "max_components": Interval(int, 1), "solver": SOLVER_CHECK}

    def __init__(
        self,
        max_components: int = 30,
        *,
        scale: bool = False,
        solver: str = "auto",
        cv: Any = None,
        scoring: Any = None,
        n_jobs: int | None = None,
    ):
        self.max_components = max_components
        self.scale = scale
        self.solver = solver
        self.cv = cv
        self.scoring = scoring
        self.n_jobs = n_jobs

    def fit(self, X: Any, y: Any) -> PLSLDAClassifierCV:
        """Score every number of components by cross-validation, then refit the best.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training spectra.
        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        self : PLSLDAClassifierCV
            The fitted estimator.
        """
        validate_parameters(self)
        X_in = X
        X, y = validate_data(self, X, y, dtype=np.float64, ensure_min_samples=2)
        encode_classes(y)
        if np.unique(y, return_counts=True)[1].max() < 2:
            raise ValueError(ONE_SPECTRUM_PER_CLASS.format(name="PLSLDAClassifierCV"))
        max_components = min(int(self.max_components), X.shape[1])
        scorer = (
            None
            if self.scoring in (None, "accuracy")
            else check_scoring(PLSLDAClassifier(), scoring=self.scoring)
        )
        cv = _fold_count(self.cv, y)
        with warnings.catch_warnings():  # said once, above, in the package's words
            warnings.filterwarnings("ignore", message="The least populated class in y")
            splits = list(check_cv(cv, y, classifier=True).split(X, y))
        per_fold = Parallel(n_jobs=self.n_jobs)(
            delayed(_fold_scores)(
                X, y, train, test, max_components, bool(self.scale), self.solver, scorer
            )
            for train, test in splits
        )
        scores = np.column_stack([fold[0] for fold in per_fold])  # (k, n_splits)
        supported = min(fold[1] for fold in per_fold)
        if supported < max_components:
            warnings.warn(
                f"Some training folds support only {supported} PLS component(s); there, "
                "larger n_components reuse that model (as PLSLDAClassifier clips).",
                UserWarning,
                stacklevel=2,
            )
        mean = np.average(scores, axis=1)
        best = int(np.argmax(mean))
        self.cv_results_ = {
            "n_components": np.arange(1, max_components + 1),
            **{f"split{i}_test_score": scores[:, i] for i in range(scores.shape[1])},
            "mean_test_score": mean,
            "std_test_score": np.std(scores, axis=1),
            "rank_test_score": rankdata(-mean, method="min").astype(np.int32),
        }
        self.n_components_ = best + 1
        self.best_score_ = float(mean[best])
        self.best_estimator_ = PLSLDAClassifier(
            self.n_components_, scale=self.scale, solver=self.solver
        ).fit(X_in, y)
        self.classes_ = self.best_estimator_.classes_
        self._n_features_out = self.n_components_
        return self

    def _best(self) -> PLSLDAClassifier:
        check_is_fitted(self)
        return self.best_estimator_

    def transform(self, X: Any) -> np.ndarray:
        """PLS scores of ``X`` under ``best_estimator_`` (n_samples, `n_components_`).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra.

        Returns
        -------
        ndarray of shape (n_samples, `n_components_`)
            The scores.
        """
        return self._best()._scores(X)

    def decision_function(self, X: Any) -> np.ndarray:
        """Decision function of ``best_estimator_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra.

        Returns
        -------
        ndarray of shape (n_samples,) or (n_samples, n_classes)
            LDA decision values.
        """
        return self._best().decision_function(X)

    def predict(self, X: Any) -> np.ndarray:
        """Class labels predicted by ``best_estimator_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra.

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels from ``classes_``.
        """
        return self._best().predict(X)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities from ``best_estimator_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra.

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Posterior probabilities.
        """
        return self._best().predict_proba(X)

    def _explanation_methods(self) -> dict[str, Any]:
        methods = self.best_estimator_._explanation_methods()
        return {name: partial(_delegate, method) for name, method in methods.items()}
