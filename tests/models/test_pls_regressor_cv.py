"""PLSRegressorCV against GridSearchCV over scikit-learn's PLSRegression(n_components)."""

import numpy as np
import pytest
from sklearn.cross_decomposition import PLSRegression
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.utils.estimator_checks import parametrize_with_checks

from skspectra.datasets import load_tecator
from skspectra.models import PLSRegressorCV


@parametrize_with_checks([PLSRegressorCV(), PLSRegressorCV(max_components=2, cv=3)])
def test_sklearn_compatible(estimator, check):
    check(estimator)


@pytest.fixture(scope="module")
def tecator():
    bunch = load_tecator()
    return bunch.data[bunch.train_index], bunch.target[bunch.train_index]


def test_same_selection_and_predictions_as_grid_search_on_tecator(tecator):
    X, y = tecator
    cv = KFold(5, shuffle=True, random_state=1)
    ours = PLSRegressorCV(max_components=15, cv=cv).fit(X, y)
    grid = GridSearchCV(PLSRegression(scale=False), {"n_components": range(1, 16)}, cv=cv,
                        scoring="neg_root_mean_squared_error").fit(X, y)
    np.testing.assert_allclose(ours.cv_results_["mean_rmse"],
                               -grid.cv_results_["mean_test_score"], rtol=1e-5)
    assert ours.n_components_ == grid.best_params_["n_components"]
    assert ours.rmsecv_ == pytest.approx(-grid.best_score_, rel=1e-5)
    # sklearn's NIPALS iterates to a tolerance; the closed form here is exact
    np.testing.assert_allclose(ours.predict(X), grid.predict(X).ravel(), atol=1e-3)


def test_default_cv_is_shuffled_five_fold(tecator):
    X, y = tecator
    order = np.argsort(y)  # sorted by fat: an unshuffled fold would hold the extremes
    ours = PLSRegressorCV(max_components=8).fit(X[order], y[order])
    assert len([k for k in ours.cv_results_ if k.startswith("split")]) == 5
    shuffled = PLSRegressorCV(max_components=8, cv=KFold(5, shuffle=True, random_state=0))
    np.testing.assert_allclose(ours.cv_results_["mean_rmse"],
                               shuffled.fit(X[order], y[order]).cv_results_["mean_rmse"])


def test_two_targets_and_their_explanations(tecator):
    X, y = tecator
    Y = np.column_stack([y, -2 * y + 1])
    reg = PLSRegressorCV(max_components=6, cv=3).fit(X, Y)
    assert reg.predict(X[:4]).shape == (4, 2)
    assert reg.coef_.shape == (2, X.shape[1])
    np.testing.assert_allclose(reg.predict(X[:4]), X[:4] @ reg.coef_.T + reg.intercept_)
    with pytest.raises(ValueError, match="2 outputs"):
        reg.explain(X[:2])
    assert reg.explain(X[:2], target=1).shape == (2, X.shape[1])


def test_coef_contributions_sum_to_the_prediction_less_the_mean(tecator):
    X, y = tecator
    reg = PLSRegressorCV(max_components=10).fit(X, y)
    contributions = reg.explain(X[:5])
    np.testing.assert_allclose(contributions.sum(axis=1), reg.predict(X[:5]) - y.mean(),
                               atol=1e-8)
    np.testing.assert_allclose(reg.explain(X[:2], kind="coefficient"),
                               np.tile(reg.coef_[0], (2, 1)))
    vip = reg.explain(X[:2], method="vip")
    assert np.mean(vip[0] ** 2) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="kind"):
        reg.explain(X[:2], kind="loadings")


def test_components_are_clipped_to_what_the_folds_support():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(12, 30)), rng.normal(size=12)
    reg = PLSRegressorCV(max_components=50, cv=3).fit(X, y)
    assert len(reg.cv_results_["n_components"]) == 7  # 8 training spectra per fold, less 1
    assert 1 <= reg.n_components_ <= 7


@pytest.mark.parametrize(("value", "error"), [(0, ValueError), (2.5, TypeError)])
def test_bad_max_components(tecator, value, error):
    X, y = tecator
    with pytest.raises(error, match="max_components"):
        PLSRegressorCV(max_components=value).fit(X, y)


def test_class_labels_are_rejected(tecator):
    X, _ = tecator
    with pytest.raises(ValueError):
        PLSRegressorCV().fit(X[:6], np.array(["a", "b"] * 3))
