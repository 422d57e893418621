"""PLSLDAClassifierCV against GridSearchCV over PLSLDAClassifier(n_components)."""

import warnings

import numpy as np
import pytest
from joblib import parallel_config
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.model_selection import GridSearchCV, ShuffleSplit, StratifiedKFold

from skspectra.datasets import load_beef, load_meat
from skspectra.models import PLSLDAClassifier, PLSLDAClassifierCV, _pls_lda_cv


def grid_search(X, y, max_components, cv, scoring=None):
    grid = {"n_components": range(1, max_components + 1)}
    return GridSearchCV(PLSLDAClassifier(), grid, cv=cv, scoring=scoring).fit(X, y)


def assert_same_selection(ours, grid):
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"], grid.cv_results_["mean_test_score"], atol=1e-12
    )
    np.testing.assert_array_equal(
        ours.cv_results_["rank_test_score"], grid.cv_results_["rank_test_score"]
    )
    assert ours.n_components_ == grid.best_params_["n_components"]
    assert ours.best_score_ == pytest.approx(grid.best_score_)


def noisy_classes(n, p, n_classes, seed):
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n) % n_classes)
    X = rng.normal(size=(n, p)).cumsum(axis=1) * 0.2
    for c in range(n_classes):
        X[y == c, 3 * c : 3 * c + 8] += 0.15 * (c + 1)
    return X, y


def test_same_selection_as_grid_search_on_meat():
    X, y = load_meat(return_X_y=True)
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    ours = PLSLDAClassifierCV(max_components=20, cv=cv).fit(X, y)
    assert_same_selection(ours, grid_search(X, y, 20, cv))
    assert ours.best_estimator_.n_components == ours.n_components_
    np.testing.assert_array_equal(ours.predict(X), ours.best_estimator_.predict(X))


@pytest.mark.parametrize("seed", [0, 1])
def test_same_selection_on_noisy_data_with_shuffle_split(seed):
    X, y = noisy_classes(90, 40, 3, seed)
    cv = ShuffleSplit(6, test_size=0.3, random_state=seed)
    ours = PLSLDAClassifierCV(max_components=15, cv=cv).fit(X, y)
    grid = grid_search(X, y, 15, cv)
    assert_same_selection(ours, grid)
    for i in range(6):
        key = f"split{i}_test_score"
        np.testing.assert_allclose(ours.cv_results_[key], grid.cv_results_[key])


def test_custom_scoring_matches_grid_search():
    X, y = noisy_classes(80, 30, 4, 3)
    ours = PLSLDAClassifierCV(max_components=8, cv=4, scoring="balanced_accuracy").fit(X, y)
    assert_same_selection(ours, grid_search(X, y, 8, 4, scoring="balanced_accuracy"))


def test_fallback_path_when_scores_are_near_collinear(monkeypatch):
    # A huge safety factor makes every fold take the per-k LDA path.
    monkeypatch.setattr(_pls_lda_cv, "_SAFETY", 1e12)
    X, y = noisy_classes(60, 30, 3, 5)
    ours = PLSLDAClassifierCV(max_components=10, cv=3).fit(X, y)
    assert_same_selection(ours, grid_search(X, y, 10, 3))


@pytest.mark.parametrize("priors", [(10, 30, 20), (25, 5)])
def test_nested_lda_accuracy_equals_sklearn_lda(priors):
    rng = np.random.default_rng(len(priors))
    y = np.repeat(np.arange(len(priors)), priors)
    T = rng.normal(size=(len(y), 6)) + y[:, None] * rng.normal(size=6) * 0.7
    T_test = rng.normal(size=(40, 6)) * 1.5
    y_test = rng.integers(-1, len(priors), 40)  # -1: a class unseen in training
    nested = _pls_lda_cv._nested_lda_accuracy(T, y, T_test, y_test, len(priors))
    expected = [
        np.mean(LinearDiscriminantAnalysis().fit(T[:, :k], y).predict(T_test[:, :k]) == y_test)
        for k in range(1, 7)
    ]
    np.testing.assert_array_equal(nested, expected)


def test_divisor_convention_is_detected():
    assert _pls_lda_cv._lda_classes_in_divisor() in (0, 1)


def test_nested_lda_declines_collinear_scores():
    rng = np.random.default_rng(0)
    T = rng.normal(size=(30, 3))
    T[:, 2] = T[:, 0] - T[:, 1]
    y = np.arange(30) % 2
    assert _pls_lda_cv._nested_lda_accuracy(T, y, T, y, 2) is None


def test_folds_with_fewer_components_reuse_the_clipped_model():
    X, y = noisy_classes(12, 40, 2, 7)  # training folds of 8 samples: rank 7
    cv = StratifiedKFold(3)
    with pytest.warns(UserWarning, match="support only 7 PLS component"):
        ours = PLSLDAClassifierCV(max_components=10, cv=cv).fit(X, y)
    with pytest.warns(UserWarning, match="Only 7 PLS component"):
        grid = grid_search(X, y, 10, cv)
    assert_same_selection(ours, grid)


def test_parallel_folds_give_the_same_result():
    X, y = load_beef(split="train", return_X_y=True)
    serial = PLSLDAClassifierCV(max_components=10, cv=3).fit(X, y)
    with parallel_config(backend="threading"):
        parallel = PLSLDAClassifierCV(max_components=10, cv=3, n_jobs=2).fit(X, y)
    np.testing.assert_array_equal(
        serial.cv_results_["mean_test_score"], parallel.cv_results_["mean_test_score"]
    )


def test_delegation_and_fitted_attributes():
    X, y = noisy_classes(60, 25, 3, 2)
    labels = np.array(["a", "b", "c"])[y]
    clf = PLSLDAClassifierCV(max_components=6, cv=3).fit(X, labels)
    best = clf.best_estimator_
    np.testing.assert_array_equal(clf.classes_, ["a", "b", "c"])
    assert clf.n_features_in_ == 25
    assert set(clf.cv_results_) >= {"n_components", "mean_test_score", "rank_test_score"}
    np.testing.assert_array_equal(clf.cv_results_["n_components"], np.arange(1, 7))
    np.testing.assert_array_equal(clf.predict_proba(X), best.predict_proba(X))
    np.testing.assert_array_equal(clf.decision_function(X), best.decision_function(X))
    np.testing.assert_array_equal(clf.transform(X), best.transform(X))
    assert clf.score(X, labels) == best.score(X, labels)
    np.testing.assert_array_equal(
        clf.explain(X[:3], method="coef", target="b"),
        best.explain(X[:3], method="coef", target="b"),
    )
    with pytest.raises(ValueError, match="supported methods"):
        clf.explain(X[:3], method="lime")


def test_max_components_is_clipped_to_n_features_and_validated():
    X, y = noisy_classes(40, 5, 2, 1)
    clf = PLSLDAClassifierCV(max_components=30, cv=3).fit(X, y)
    assert len(clf.cv_results_["mean_test_score"]) == 5
    with pytest.raises(ValueError, match="max_components must be >= 1"):
        PLSLDAClassifierCV(max_components=0).fit(X, y)


def test_integer_cv_is_capped_at_the_smallest_class_with_a_warning():
    X, y = noisy_classes(20, 30, 5, 2)  # 4 spectra per class: 5 stratified folds cannot hold
    with pytest.warns(UserWarning, match="smallest class has 4 spectra.*4-fold"):
        clf = PLSLDAClassifierCV(max_components=6).fit(X, y)
    folds = [k for k in clf.cv_results_ if k.startswith("split")]
    assert len(folds) == 4
    assert_same_selection(clf, grid_search(X, y, 6, cv=StratifiedKFold(4)))


def test_a_class_of_one_spectrum_gets_one_clear_warning():
    X, y = noisy_classes(20, 30, 5, 2)
    keep = [*np.flatnonzero(y != 0), np.flatnonzero(y == 0)[0]]
    X, y = X[keep], y[keep]  # class 0 keeps one spectrum
    assert np.unique(y, return_counts=True)[1].min() == 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        clf = PLSLDAClassifierCV(max_components=4).fit(X, y)
    messages = [str(w.message) for w in caught]
    assert sum("smallest class has 1 spectrum" in m and "2-fold" in m for m in messages) == 1
    assert not any("least populated class" in m for m in messages)  # scikit-learn's, hidden
    assert len([k for k in clf.cv_results_ if k.startswith("split")]) == 2


def test_a_cv_splitter_is_used_as_given():
    X, y = noisy_classes(20, 30, 5, 2)
    with pytest.raises(ValueError, match="n_splits=5 cannot be greater"):
        PLSLDAClassifierCV(max_components=6, cv=StratifiedKFold(5)).fit(X, y)
