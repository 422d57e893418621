"""PLSLDAClassifier and the native PLS against scikit-learn's PLSRegression and LDA."""

import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.cross_decomposition import PLSRegression
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import Pipeline

from skspectra.datasets import load_beef, load_coffee, load_ham, load_meat, load_olive_oil
from skspectra.models import PLSLDAClassifier, PLSLDAClassifierCV
from skspectra.models._pls import choose_solver, pls_fit, pls_transform, pls_truncate

# NIPALS iterated to convergence: scikit-learn's default tol (1e-6 on the squared step)
# leaves multi-column-Y weights accurate to only ~1e-3.
TIGHT = {"tol": 1e-22, "max_iter": 100_000}


class OneHotPLS(PLSRegression):
    """PLSRegression fitted on the one-hot classes, usable as a Pipeline step."""

    def fit(self, X, y):
        y = np.asarray(y)
        return super().fit(X, (y[:, None] == np.unique(y)).astype(float))

    def fit_transform(self, X, y=None):
        return self.fit(X, y).transform(X)


def sklearn_pls_lda(n_components, scale, **pls_options):
    return Pipeline(
        [
            ("pls", OneHotPLS(n_components, scale=scale, **pls_options)),
            ("lda", LinearDiscriminantAnalysis()),
        ]
    )


def random_classes(n, p, n_classes, seed=0, offset=3.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)).cumsum(axis=1) * 0.1 + offset
    y = np.arange(n) % n_classes
    for c in range(1, n_classes):
        X[y == c, 5 * c : 5 * c + 6] += 0.3
    return X, y


def assert_rel_close(actual, desired, rtol=1e-6):
    scale = np.max(np.abs(desired))
    np.testing.assert_array_less(np.max(np.abs(actual - desired)), rtol * scale)


def assert_matches_sklearn(fit, ref, rtol=1e-6):
    # Same sign convention as scikit-learn, so no sign flips are needed.
    assert_rel_close(fit.x_weights, ref.x_weights_, rtol)
    assert_rel_close(fit.x_loadings, ref.x_loadings_, rtol)
    assert_rel_close(fit.x_rotations, ref.x_rotations_, rtol)
    assert_rel_close(fit.y_loadings, ref.y_loadings_, rtol)
    assert_rel_close(fit.x_scores, ref.x_scores_, rtol)


@pytest.mark.parametrize("solver", ["direct", "gram"])
@pytest.mark.parametrize("scale", [False, True])
@pytest.mark.parametrize(
    ("n", "p", "n_targets"), [(30, 80, 3), (200, 15, 4), (40, 25, 2), (50, 60, 1)]
)
def test_pls_matches_sklearn_nipals_on_random_data(n, p, n_targets, scale, solver):
    rng = np.random.default_rng(n + p)
    X = rng.normal(size=(n, p)) + rng.normal(size=p) * 5
    Y = rng.normal(size=(n, n_targets)) + X[:, :n_targets]
    k = 6
    ref = PLSRegression(k, scale=scale, **TIGHT).fit(X, Y)
    fit = pls_fit(X, Y, k, scale=scale, solver=solver)
    assert fit.n_components == k
    assert_matches_sklearn(fit, ref)
    assert_rel_close(pls_transform(fit, X[:7] * 1.1), ref.transform(X[:7] * 1.1))


@pytest.mark.parametrize("scale", [False, True])
def test_classifier_matches_sklearn_on_meat(scale):
    X, y = load_meat(return_X_y=True)
    clf = PLSLDAClassifier(10, scale=scale).fit(X, y)
    ref = PLSRegression(10, scale=scale, **TIGHT).fit(X.astype(float), np.eye(3)[y - 1])
    assert_matches_sklearn(clf._pls, ref)
    np.testing.assert_array_equal(clf.x_weights_, clf._pls.x_weights)
    np.testing.assert_allclose(clf.transform(X), clf.x_scores_, rtol=1e-9, atol=1e-9)


def test_solvers_agree():
    X, y = random_classes(300, 40, 3)
    Y = np.eye(3)[y]
    direct = pls_fit(X, Y, 12, solver="direct")
    gram = pls_fit(X, Y, 12, solver="gram")
    for a, b in zip(direct, gram, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-8, atol=1e-10 * np.max(np.abs(b)))


def test_choose_solver_rule():
    assert choose_solver(100, 2000, 20) == "direct"
    assert choose_solver(20000, 100, 20) == "gram"
    assert choose_solver(20000, 500, 5) == "direct"
    assert choose_solver(20000, 500, 20) == "gram"
    assert choose_solver(2000, 1000, 30) == "direct"


DATASETS = [load_meat, load_coffee, load_beef, load_olive_oil, load_ham]


@pytest.mark.parametrize("loader", DATASETS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(("k", "scale"), [(3, False), (8, False), (8, True)])
def test_predictions_equal_sklearn_pipeline(loader, k, scale):
    X_train, y_train = loader(split="train", return_X_y=True)
    X_test, _ = loader(split="test", return_X_y=True)
    ours = PLSLDAClassifier(k, scale=scale).fit(X_train, y_train)
    # scikit-learn at its defaults: the predictions agree even though its NIPALS stops
    # at tol=1e-6; the decision values agree to that precision.
    ref = sklearn_pls_lda(k, scale).fit(X_train, y_train)
    np.testing.assert_array_equal(ours.predict(X_test), ref.predict(X_test))
    tight = sklearn_pls_lda(k, scale, **TIGHT).fit(X_train, y_train)
    np.testing.assert_allclose(ours.predict_proba(X_test), tight.predict_proba(X_test), atol=1e-6)
    assert_rel_close(ours.decision_function(X_test), tight.decision_function(X_test))


def test_nested_components_equal_smaller_fits():
    X, y = random_classes(60, 120, 3)
    big = pls_fit(X, np.eye(3)[y], 15)
    for k in (1, 4, 9):
        small = pls_fit(X, np.eye(3)[y], k)
        for a, b in zip(pls_truncate(big, k), small, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)


def test_vip_against_independent_formula():
    X, y = random_classes(50, 30, 3)
    clf = PLSLDAClassifier(4).fit(X, y)
    W, T, Q = clf.x_weights_, clf.x_scores_, clf.y_loadings_
    p, k = W.shape
    explained = [np.sum(np.outer(T[:, a], Q[:, a]) ** 2) for a in range(k)]
    expected = np.empty(p)
    for j in range(p):
        num = sum(explained[a] * (W[j, a] / np.linalg.norm(W[:, a])) ** 2 for a in range(k))
        expected[j] = np.sqrt(p * num / sum(explained))
    np.testing.assert_allclose(clf.vip_, expected, rtol=1e-10)
    assert np.sum(clf.vip_**2) / p == pytest.approx(1.0, abs=1e-12)


def test_string_labels_and_pandas_input():
    X, y = random_classes(45, 20, 3)
    labels = np.array(["chicken", "pork", "turkey"])[y]
    frame = pd.DataFrame(X, columns=[f"wn{i}" for i in range(20)])
    clf = PLSLDAClassifier(3).fit(frame, pd.Series(labels))
    np.testing.assert_array_equal(clf.classes_, ["chicken", "pork", "turkey"])
    np.testing.assert_array_equal(clf.feature_names_in_, frame.columns)
    assert clf.n_features_in_ == 20
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pred = clf.predict(frame)
        clf.explain(frame, method="occlusion", window=3)
    np.testing.assert_array_equal(pred, PLSLDAClassifier(3).fit(X, labels).predict(X))
    assert set(pred) <= set(clf.classes_)
    with pytest.raises(ValueError, match="feature names"):
        clf.predict(frame.rename(columns={"wn0": "other"}))


def test_transform_set_output_pandas():
    X, y = random_classes(30, 12, 2)
    clf = PLSLDAClassifier(3).set_output(transform="pandas").fit(X, y)
    out = clf.transform(X)
    assert list(out.columns) == ["plsldaclassifier0", "plsldaclassifier1", "plsldaclassifier2"]
    np.testing.assert_array_equal(clf.predict(X), PLSLDAClassifier(3).fit(X, y).predict(X))


def test_coef_is_the_decision_function_in_feature_space():
    for n_classes in (2, 4):
        X, y = random_classes(60, 25, n_classes)
        clf = PLSLDAClassifier(5, scale=True).fit(X, y)
        linear = X @ clf.coef_.T + clf.intercept_
        np.testing.assert_allclose(
            clf.decision_function(X), linear.ravel() if n_classes == 2 else linear, atol=1e-9
        )


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("scale", [False, True])
def test_coef_contributions_sum_to_decision_function(n_classes, scale):
    X, y = random_classes(48, 30, n_classes)
    clf = PLSLDAClassifier(4, scale=scale).fit(X, y)
    decision = clf.decision_function(X[:10])
    if n_classes == 2:  # one column: classes_[1] against classes_[0]
        decision = np.column_stack([-decision, decision])
        intercepts = np.r_[-clf.lda_.intercept_, clf.lda_.intercept_]
    else:
        intercepts = clf.lda_.intercept_
    for c, label in enumerate(clf.classes_):
        contributions = clf.explain(X[:10], method="coef", target=label)
        np.testing.assert_allclose(contributions.sum(axis=1) + intercepts[c], decision[:, c])
    # the default explains the predicted class and is the "coef" method
    predicted = np.searchsorted(clf.classes_, clf.predict(X[:10]))
    default = clf.explain(X[:10])
    np.testing.assert_allclose(
        default.sum(axis=1) + intercepts[predicted], decision[np.arange(10), predicted]
    )


def test_coef_coefficient_kind_is_global():
    X, y = random_classes(40, 15, 3)
    clf = PLSLDAClassifier(3).fit(X, y)
    coefficient = clf.explain(X[:4], method="coef", target=2, kind="coefficient")
    np.testing.assert_allclose(coefficient, np.tile(clf.coef_[2], (4, 1)))
    with pytest.raises(ValueError, match="kind must be one of"):
        clf.explain(X[:4], method="coef", kind="local")


def test_vip_and_occlusion_explanations():
    X, y = random_classes(40, 15, 3)
    clf = PLSLDAClassifier(3).fit(X, y)
    vip = clf.explain(X[:5], method="vip")
    np.testing.assert_array_equal(vip, np.tile(clf.vip_, (5, 1)))
    occ = clf.explain(X[:5], method="occlusion", target=1, window=3, baseline="mean")
    assert occ.shape == (5, 15)
    with pytest.raises(ValueError, match=r"supported methods: \['coef', 'vip', 'occlusion'\]"):
        clf.explain(X[:5], method="grad_cam")
    with pytest.raises(ValueError, match="is not one of the classes"):
        clf.explain(X[:5], method="vip", target=7)
    with pytest.raises(ValueError, match="expecting 15 features"):
        clf.explain(X[:5, :10], method="vip")


def test_errors_are_clear():
    X, y = random_classes(20, 6, 2)
    with pytest.raises(ValueError, match=r"n_components=7 must be <= n_features=6"):
        PLSLDAClassifier(7).fit(X, y)
    with pytest.raises(TypeError, match="n_components must be an int"):
        PLSLDAClassifier(2.5).fit(X, y)
    with pytest.raises(ValueError, match="n_components must be >= 1"):
        PLSLDAClassifier(0).fit(X, y)
    with pytest.raises(ValueError, match="solver must be one of"):
        PLSLDAClassifier(solver="simpls").fit(X, y)
    with pytest.raises(ValueError, match="at least 2 classes"):
        PLSLDAClassifier().fit(X, np.zeros(20))
    with pytest.raises(ValueError, match="Unknown label type"):
        PLSLDAClassifier().fit(X, np.linspace(0, 1, 20))
    with pytest.raises(NotFittedError):
        PLSLDAClassifier().predict(X)
    duplicated = np.repeat(X[:2], 2, axis=0)  # two identical spectra per class
    with pytest.raises(ValueError, match="within every class the spectra are identical"):
        PLSLDAClassifier(1).fit(duplicated, [y[0], y[0], y[1], y[1]])
    for model in (PLSLDAClassifier(1), PLSLDAClassifierCV()):
        with pytest.raises(ValueError, match="every class has a single training spectrum"):
            model.fit(X[:3], [0, 1, 2])


def test_more_components_than_the_rank_are_clipped_with_a_warning():
    X, y = random_classes(8, 50, 2)  # centred X has rank 7
    seven = PLSLDAClassifier(7).fit(X, y)
    with pytest.warns(UserWarning, match=r"Only 7 PLS component\(s\) can be extracted"):
        nine = PLSLDAClassifier(9).fit(X, y)
    assert nine.n_components_ == 7 and nine.x_weights_.shape == (50, 7)
    np.testing.assert_allclose(nine.decision_function(X), seven.decision_function(X))
    assert pls_fit(X, np.eye(2)[y], 9).n_components == 7
    with pytest.raises(ValueError, match="no variance correlated with the classes"):
        PLSLDAClassifier(1).fit(np.ones((8, 3)), y)


def test_float32_input_is_fitted_in_float64():
    X, y = load_coffee(split="train", return_X_y=True)
    clf = PLSLDAClassifier(4).fit(X, y)
    assert X.dtype == np.float32 and clf.x_weights_.dtype == np.float64
    np.testing.assert_allclose(
        clf.predict_proba(X), PLSLDAClassifier(4).fit(X.astype(float), y).predict_proba(X)
    )


def test_no_torch_import():
    code = (
        "import sys, skspectra, skspectra.models, skspectra.explain; "
        "skspectra.PLSLDAClassifier, skspectra.PLSLDAClassifierCV; "
        "assert 'torch' not in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
