"""``PLSLDAClassifier``: PLS on the one-hot classes, LDA on the X scores (no torch)."""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

import numpy as np
from sklearn import config_context
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    ClassNamePrefixFeaturesOutMixin,
    TransformerMixin,
)
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.utils.validation import check_is_fitted, validate_data

from skspectra._validation import Interval, Options, validate_parameters
from skspectra.explain import ExplainMixin, occlusion
from skspectra.models._pls import PLSFit, pls_fit, pls_transform, pls_vip

__all__ = ["PLSLDAClassifier"]

ONE_SPECTRUM_PER_CLASS = (
    "{name}: every class has a single training spectrum, so the within-class scatter "
    "that LDA needs cannot be estimated; add a second spectrum to some class, or use a "
    "model that learns from one example per class (e.g. the deep classifiers).")

_SOLVERS = ("auto", "direct", "gram")
SOLVER_CHECK = Options(_SOLVERS)  # shared by PLS-LDA, PLS-LDA-CV and PLSRegressorCV
_COEF_KINDS = ("contribution", "coefficient")


def check_n_components_fit(value: int, name: str, n_features: int) -> int:
    """An already validated number of components against the spectra's number of points."""
    if value > n_features:
        raise ValueError(f"{name}={value} must be <= n_features={n_features}.")
    return int(value)


def encode_classes(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted classes and the one-hot indicator matrix (n_samples, n_classes).

    ``y`` is 1-D and finite (``validate_data``). The label-type check is the cheap
    core of scikit-learn's ``check_classification_targets`` (whose generic version
    costs more than the whole PLS fit on small data): non-integer floats are
    continuous targets, and labels that cannot be sorted are of unknown type.
    """
    if y.dtype.kind == "f" and np.any(y != np.round(y)):
        raise ValueError(
            "Unknown label type: continuous. PLS-LDA is a classifier: y must hold "
            "class labels (strings or integers), not continuous values."
        )
    try:
        classes, y_index = np.unique(y, return_inverse=True)
    except TypeError as error:
        raise ValueError(f"Unknown label type: labels that cannot be sorted ({error}).") from None
    if len(classes) < 2:
        raise ValueError(
            f"PLS-LDA needs samples of at least 2 classes; got 1 class ({classes[0]!r})."
        )
    one_hot = np.zeros((len(y), len(classes)))
    one_hot[np.arange(len(y)), y_index] = 1.0
    return classes, one_hot


def coef_map(directions: np.ndarray, X: np.ndarray, x_mean: np.ndarray, kind: str) -> np.ndarray:
    """A linear PLS model's ``"coef"`` explanation, one coefficient row per spectrum.

    ``kind="contribution"``: ``coef * (x - mean)``; ``"coefficient"``: the row itself.
    """
    if kind not in _COEF_KINDS:
        raise ValueError(f"kind must be one of {_COEF_KINDS}; got {kind!r}.")
    if kind == "coefficient":
        return directions
    return directions * (X - x_mean)


def _coef_explanation(est, X, target_indices, *, kind: str = "contribution") -> np.ndarray:
    if est.coef_.shape[0] == 1:  # binary: coef_ scores classes_[1] against classes_[0]
        directions = np.where(target_indices[:, None] == 1, est.coef_, -est.coef_)
    else:
        directions = est.coef_[target_indices]
    return coef_map(directions, X, est._pls.x_mean, kind)


def vip_explanation(est, X, target_indices) -> np.ndarray:
    """The ``"vip"`` explanation: the estimator's ``vip_``, the same for every spectrum."""
    return np.tile(est.vip_, (X.shape[0], 1))


def _occlusion_explanation(est, X, target_indices, **options) -> np.ndarray:
    return occlusion(est._proba_from_array, X, target_indices, **options)


class PLSLDAClassifier(
    ExplainMixin, ClassNamePrefixFeaturesOutMixin, TransformerMixin, ClassifierMixin, BaseEstimator
):
    """PLS-LDA: PLS2 on the one-hot encoded classes, then LDA on the X scores.

    Fitting one-hot encodes the classes (two columns for a binary problem), fits PLS2
    on the centred (and, with ``scale=True``, scaled) ``X`` and ``Y`` with a native
    implementation of the improved kernel algorithms of Dayal and MacGregor (1997),
    which gives the same components as NIPALS (and so as
    :class:`sklearn.cross_decomposition.PLSRegression`) without iterating, and fits
    :class:`~sklearn.discriminant_analysis.LinearDiscriminantAnalysis` on the X scores.
    Predictions therefore equal those of ``PLSRegression`` followed by LDA. numpy/scipy
    only: no torch.

    Components are nested: the model with ``k`` components is the first ``k``
    components of any model with more, which :class:`PLSLDAClassifierCV` uses to choose
    ``n_components`` from one PLS fit per fold.

    Parameters
    ----------
    n_components : int, default=2
        Number of PLS components, in ``[1, n_features]`` (a larger value raises a
        ValueError). When the data support fewer components (the centred ``X`` has
        rank at most ``n_samples - 1``; the deflated ``X'Y`` can also vanish earlier,
        e.g. in symmetric toy data), the number is clipped to what can be extracted,
        with a warning; ``n_components_`` holds the number used.
    scale : bool, default=False
        Scale ``X`` and the class indicators to unit variance before PLS (as
        ``PLSRegression(scale=True)``). Spectra are usually left unscaled.
    solver : {"auto", "direct", "gram"}, default="auto"
        PLS algorithm: ``"direct"`` works on ``X`` (two passes over ``X`` per
        component; best for ``n_samples << n_features``), ``"gram"`` on ``X'X``
        (best for tall data with few features and many components); ``"auto"`` picks
        by shape. All give the same model up to rounding.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Class labels (sorted).
    n_components_ : int
        Number of components used (``n_components`` unless clipped, see above).
    x_weights_ : ndarray of shape (n_features, n_components)
        PLS weights (unit norm; largest absolute entry positive, as scikit-learn).
    x_loadings_ : ndarray of shape (n_features, n_components)
        X loadings.
    x_rotations_ : ndarray of shape (n_features, n_components)
        Projection from the centred/scaled X to the scores, ``W (P'W)^-1``.
    x_scores_ : ndarray of shape (n_samples, n_components)
        Scores of the training samples.
    y_loadings_ : ndarray of shape (n_classes, n_components)
        Loadings of the (centred/scaled) class indicators.
    vip_ : ndarray of shape (n_features,)
        Variable importance in projection (Wold); ``mean(vip_**2) == 1``.
    lda_ : LinearDiscriminantAnalysis
        The LDA fitted on ``x_scores_``.
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
        LDA discriminant directions mapped back to the features:
        ``decision_function(X) == X @ coef_.T + intercept_`` (up to rounding).
    intercept_ : ndarray of shape (1,) or (n_classes,)
        Intercept of that linear form.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen during fit, when ``X`` has string column names.

    See Also
    --------
    PLSLDAClassifierCV : chooses ``n_components`` by cross-validation, fast.

    Notes
    -----
    ``explain(X, method=...)`` returns maps of shape (n_samples, n_features):
    ``"coef"`` (default; ``kind="contribution"`` gives ``coef * (x - mean)``, whose sum
    plus ``lda_.intercept_`` is the decision value of the target class;
    ``kind="coefficient"`` gives the discriminant direction itself), ``"vip"`` (the same
    row for every sample) and ``"occlusion"`` (see :func:`skspectra.explain.occlusion`).

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.models import PLSLDAClassifier
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(60, 100))
    >>> y = np.repeat(["a", "b", "c"], 20)
    >>> X[y == "b", 10:20] += 1.0
    >>> clf = PLSLDAClassifier(n_components=3).fit(X, y)
    >>> clf.transform(X).shape
    (60, 3)
    >>> clf.explain(X[:2], method="vip").shape
    (2, 100)
    """

    _parameter_checks: ClassVar[dict[str, Any]] = {
        "n_components": Interval(int, 1), "solver": SOLVER_CHECK}

    def __init__(self, n_components: int = 2, *, scale: bool = False, solver: str = "auto"):
        self.n_components = n_components
        self.scale = scale
        self.solver = solver

    def fit(self, X: Any, y: Any) -> PLSLDAClassifier:
        """Fit PLS on the one-hot classes, then LDA on the X scores.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training spectra.
        y : array-like of shape (n_samples,)
            Class labels (strings allowed).

        Returns
        -------
        self : PLSLDAClassifier
            The fitted estimator.
        """
        validate_parameters(self)
        X, y = validate_data(self, X, y, dtype=np.float64, ensure_min_samples=2)
        _, one_hot = encode_classes(y)
        n_components = check_n_components_fit(self.n_components, "n_components", X.shape[1])
        fit = pls_fit(X, one_hot, n_components, scale=bool(self.scale), solver=self.solver)
        if fit.n_components == 0:
            raise ValueError(
                "X carries no variance correlated with the classes (X'Y is zero after "
                "centring): PLS cannot extract a component."
            )
        if fit.n_components < n_components:
            warnings.warn(
                f"Only {fit.n_components} PLS component(s) can be extracted from these "
                "data (X'Y vanishes after them: the centred X has rank at most "
                f"n_samples - 1 = {X.shape[0] - 1}, or the classes are already fully "
                f"explained); using n_components_={fit.n_components} instead of "
                f"n_components={n_components}.",
                UserWarning,
                stacklevel=2,
            )
        return self._set_model(fit, y)

    def _set_model(self, fit: PLSFit, y: np.ndarray) -> PLSLDAClassifier:
        """Set the fitted attributes from a PLS fit and the training labels."""
        self._pls = fit
        self.n_components_ = fit.n_components
        self.x_weights_ = fit.x_weights
        self.x_loadings_ = fit.x_loadings
        self.x_rotations_ = fit.x_rotations
        self.x_scores_ = fit.x_scores
        self.y_loadings_ = fit.y_loadings
        self.vip_ = pls_vip(fit.x_weights, fit.x_scores, fit.y_loadings)
        scores = fit.x_scores
        labels = np.asarray(y)
        within = sum(float(np.ptp(scores[labels == c], axis=0).max(initial=0.0))
                     for c in np.unique(labels))
        if within <= 1e-12 * float(np.ptp(scores, axis=0).max(initial=0.0)):
            # LDA's SVD solver fails (an IndexError) on a zero within-class scatter
            if np.unique(labels, return_counts=True)[1].max() < 2:
                raise ValueError(ONE_SPECTRUM_PER_CLASS.format(name="PLSLDAClassifier"))
            raise ValueError(
                "PLSLDAClassifier: within every class the spectra are identical (zero "
                "within-class scatter), so LDA cannot be fitted; remove duplicated spectra or "
                "add spectra that show each class's variation.")
        # The scores are finite (X was validated) and LDA's defaults are valid.
        with config_context(assume_finite=True, skip_parameter_validation=True):
            self.lda_ = LinearDiscriminantAnalysis().fit(fit.x_scores, y)
        self.classes_ = self.lda_.classes_
        self.coef_ = (fit.x_rotations @ self.lda_.coef_.T).T / fit.x_std
        self.intercept_ = self.lda_.intercept_ - self.coef_ @ fit.x_mean
        self._n_features_out = fit.n_components
        return self

    def _validate_X(self, X: Any) -> np.ndarray:
        check_is_fitted(self)
        return validate_data(self, X, reset=False, dtype=np.float64)

    _validate_explain_X = _validate_X

    def _scores(self, X: Any) -> np.ndarray:
        X = self._validate_X(X)  # checks fitted first
        return pls_transform(self._pls, X)

    def _proba_from_array(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities of an already validated array (used by occlusion)."""
        return self.lda_.predict_proba(pls_transform(self._pls, X))

    def transform(self, X: Any) -> np.ndarray:
        """PLS X scores of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra.

        Returns
        -------
        ndarray of shape (n_samples, n_components)
            ``((X - mean) / scale) @ x_rotations_``.
        """
        return self._scores(X)

    def decision_function(self, X: Any) -> np.ndarray:
        """LDA decision function on the PLS scores.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra.

        Returns
        -------
        ndarray of shape (n_samples,) or (n_samples, n_classes)
            As :meth:`LinearDiscriminantAnalysis.decision_function`: one column (the
            log-odds of ``classes_[1]``) for a binary problem.
        """
        scores = self._scores(X)
        return self.lda_.decision_function(scores)

    def predict(self, X: Any) -> np.ndarray:
        """Predicted class labels.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra.

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels from ``classes_``.
        """
        scores = self._scores(X)
        return self.lda_.predict(scores)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities (columns in the order of ``classes_``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra.

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Posterior probabilities of the LDA.
        """
        scores = self._scores(X)
        return self.lda_.predict_proba(scores)

    def predict_log_proba(self, X: Any) -> np.ndarray:
        """Log of :meth:`predict_proba`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra.

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Log posterior probabilities.
        """
        scores = self._scores(X)
        return self.lda_.predict_log_proba(scores)

    def _explanation_methods(self) -> dict[str, Any]:
        return {
            "coef": _coef_explanation,
            "vip": vip_explanation,
            "occlusion": _occlusion_explanation,
        }
