"""``PLSRegressorCV``: PLS regression with ``n_components`` chosen by cross-validation.

Per fold, PLS is fitted once at ``max_components``. PLS components are nested, so the
prediction of the model with ``k`` components is the cumulative sum of the first ``k``
component terms: every ``k`` is scored from that one fit.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.model_selection import KFold, check_cv
from sklearn.utils.parallel import Parallel, delayed
from sklearn.utils.validation import check_is_fitted, validate_data

from skspectra._validation import Interval, validate_parameters
from skspectra.explain import ExplainMixin
from skspectra.models._pls import pls_fit, pls_transform, pls_vip
from skspectra.models._pls_lda import SOLVER_CHECK, coef_map, vip_explanation

__all__ = ["PLSRegressorCV"]

_DEFAULT_FOLDS = 5


def _component_terms(fit: Any, X: np.ndarray) -> np.ndarray:
    """Per component, its term of the prediction: shape (n_samples, k, n_targets)."""
    scores = pls_transform(fit, X)
    return scores[:, :, None] * (fit.y_loadings * fit.y_std[:, None]).T[None]


def _fold_rmse(X, Y, train, test, max_components, scale, solver) -> tuple[np.ndarray, int]:
    """Test RMSE of the nested models k = 1..max_components on one split.

    Where the fold supports fewer components (rank exhausted), larger ``k`` score as
    the largest supported model. Returns the RMSEs and that supported count.
    """
    fit = pls_fit(X[train], Y[train], max_components, scale=scale, solver=solver)
    supported = fit.n_components
    if supported == 0:
        raise ValueError("X carries no variance correlated with y in a training fold.")
    predictions = fit.y_mean + np.cumsum(_component_terms(fit, X[test]), axis=1)
    rmse = np.sqrt(np.mean((predictions - Y[test][:, None, :]) ** 2, axis=(0, 2)))
    scores = np.full(max_components, rmse[-1])
    scores[:supported] = rmse
    return scores, supported


def _coef_explanation(est, X, target_indices, *, kind: str = "contribution") -> np.ndarray:
    return coef_map(est.coef_[target_indices], X, est.x_mean_, kind)


class PLSRegressorCV(ExplainMixin, RegressorMixin, BaseEstimator):
    """PLS regression with ``n_components`` chosen by cross-validation (minimum RMSECV).

    For every split, PLS is fitted once with ``max_components`` components; the
    prediction with ``k`` components is the sum of the first ``k`` component terms, so
    all ``k = 1..max_components`` are scored from that one fit. The chosen ``k``
    minimises the mean root-mean-squared error over the test folds (RMSECV; the
    smallest ``k`` on ties), which is what ``GridSearchCV(PLSRegression(scale=False),
    {"n_components": range(1, max_components + 1)},
    scoring="neg_root_mean_squared_error")`` selects. The model is then refitted on all
    the data with ``k`` components. PLS is the package's native implementation
    (:mod:`skspectra.models._pls`), equal to scikit-learn's NIPALS.

    Parameters
    ----------
    max_components : int, default=20
        Largest number of components tried (clipped to n_features and to the smallest
        training fold's size less one).
    scale : bool, default=False
        Scale ``X`` and ``y`` to unit variance before PLS (``PLSRegression(scale=True)``).
    solver : {"auto", "direct", "gram"}, default="auto"
        PLS algorithm (see :class:`PLSLDAClassifier`).
    cv : int, cross-validation generator or iterable, default=None
        ``None``: 5-fold :class:`~sklearn.model_selection.KFold` with a fixed shuffle
        (seed 0), so that spectra sorted by concentration do not put the extremes in
        one fold. An int is an unshuffled k-fold, as in scikit-learn.
    n_jobs : int, default=None
        Folds run in parallel with joblib.

    Attributes
    ----------
    n_components_ : int
        The chosen number of components.
    rmsecv_ : float
        Its mean cross-validated RMSE, in the units of ``y``.
    cv_results_ : dict of ndarray
        ``"n_components"``, ``"split{i}_rmse"``, ``"mean_rmse"`` and ``"std_rmse"``, one
        entry per ``k``.
    coef_ : ndarray of shape (n_targets, n_features)
        ``predict(X) == X @ coef_.T + intercept_``.
    intercept_ : ndarray of shape (n_targets,)
        Intercepts.
    x_mean_ : ndarray of shape (n_features,)
        Mean training spectrum.
    vip_ : ndarray of shape (n_features,)
        Variable importance in projection of the refitted model.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen during fit, when ``X`` has string column names.

    Notes
    -----
    ``explain(X, method=...)`` supports ``"coef"`` (default; ``kind="contribution"``
    gives ``coef * (x - mean)``, which sums to the prediction less the mean training
    target; ``kind="coefficient"`` the regression vector) and ``"vip"``. ``target`` is
    the output index (``None`` with one target).

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.models import PLSRegressorCV
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(60, 40))
    >>> y = X[:, :5].sum(axis=1) + 0.1 * rng.normal(size=60)
    >>> reg = PLSRegressorCV(max_components=10).fit(X, y)
    >>> 1 <= reg.n_components_ <= 10, reg.predict(X[:3]).shape
    (True, (3,))
    """

    _parameter_checks: ClassVar[dict[str, Any]] = {
        "max_components": Interval(int, 1), "solver": SOLVER_CHECK}

    def __init__(
        self,
        max_components: int = 20,
        *,
        scale: bool = False,
        solver: str = "auto",
        cv: Any = None,
        n_jobs: int | None = None,
    ):
        self.max_components = max_components
        self.scale = scale
        self.solver = solver
        self.cv = cv
        self.n_jobs = n_jobs

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.single_output = True
        tags.target_tags.multi_output = True
        return tags

    def fit(self, X: Any, y: Any) -> PLSRegressorCV:
        """Score every number of components by cross-validation, then refit the best.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training spectra.
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Numeric targets.

        Returns
        -------
        self : PLSRegressorCV
            The fitted estimator.
        """
        validate_parameters(self)
        X, y = validate_data(self, X, y, dtype=np.float64, multi_output=True, y_numeric=True,
                             ensure_min_samples=2)
        Y = np.asarray(y, dtype=np.float64).reshape(len(y), -1)
        self._y_is_1d = np.ndim(y) == 1
        max_components = int(self.max_components)
        cv = KFold(_DEFAULT_FOLDS, shuffle=True, random_state=0) if self.cv is None else self.cv
        splits = list(check_cv(cv, Y, classifier=False).split(X, Y))
        smallest_train = min(len(train) for train, _ in splits)
        max_components = max(1, min(max_components, X.shape[1], smallest_train - 1))
        per_fold = Parallel(n_jobs=self.n_jobs)(
            delayed(_fold_rmse)(X, Y, train, test, max_components, bool(self.scale),
                                self.solver)
            for train, test in splits
        )
        rmse = np.column_stack([fold[0] for fold in per_fold])  # (k, n_splits)
        mean = rmse.mean(axis=1)
        best = int(np.argmin(mean))
        self.cv_results_ = {
            "n_components": np.arange(1, max_components + 1),
            **{f"split{i}_rmse": rmse[:, i] for i in range(rmse.shape[1])},
            "mean_rmse": mean,
            "std_rmse": rmse.std(axis=1),
        }
        fit = pls_fit(X, Y, best + 1, scale=bool(self.scale), solver=self.solver)
        if fit.n_components == 0:
            raise ValueError("X carries no variance correlated with y.")
        self.n_components_ = fit.n_components
        self.rmsecv_ = float(mean[best])
        rotations = fit.x_rotations / fit.x_std[:, None]
        self.coef_ = (rotations @ (fit.y_loadings * fit.y_std[:, None]).T).T
        self.intercept_ = fit.y_mean - self.coef_ @ fit.x_mean
        self.x_mean_ = fit.x_mean
        self.vip_ = pls_vip(fit.x_weights, fit.x_scores, fit.y_loadings)
        self.n_outputs_ = Y.shape[1]
        return self

    def predict(self, X: Any) -> np.ndarray:
        """Predicted targets.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra.

        Returns
        -------
        ndarray of shape (n_samples,) or (n_samples, n_targets)
            Predictions, 1-D when ``y`` was 1-D.
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        predictions = X @ self.coef_.T + self.intercept_
        return predictions[:, 0] if self._y_is_1d else predictions

    def _explanation_methods(self) -> dict[str, Any]:
        return {"coef": _coef_explanation, "vip": vip_explanation}
