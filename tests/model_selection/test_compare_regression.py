"""compare_models on regressors: RMSE and R^2 per split, held-out predictions, scoring=."""

import numpy as np
import pytest
from sklearn.metrics import r2_score, root_mean_squared_error
from sklearn.model_selection import ShuffleSplit

from skspectra.datasets import load_tecator
from skspectra.model_selection import compare_models, monte_carlo_cv
from skspectra.models import PACERegressor, PLSLDAClassifier, PLSRegressorCV


@pytest.fixture(scope="module")
def tecator():
    return load_tecator(return_X_y=True)


def test_regressors_are_scored_by_rmse_and_r2(tecator):
    X, y = tecator
    cv = monte_carlo_cv(3, stratify=False, random_state=0)
    result = compare_models({"pls": PLSRegressorCV(8)}, X, y, cv=cv)
    assert result.scoring == ("rmse", "r2") and result.task == "regression"
    for (train, test), record in zip(cv.split(X, y), result.records, strict=True):
        predicted = PLSRegressorCV(8).fit(X[train], y[train]).predict(X[test])
        assert record["rmse"] == pytest.approx(root_mean_squared_error(y[test], predicted))
        assert record["r2"] == pytest.approx(r2_score(y[test], predicted))
    assert "RMSEP" in result.report() and "R^2" in result.report()
    assert set(result.summary()[0]) >= {"rmse_mean", "rmse_std", "r2_mean"}
    assert list(result.to_frame().columns[:4]) == ["model", "split", "rmse", "r2"]


def test_default_cv_for_regressors_is_unstratified_monte_carlo(tecator):
    X, y = tecator
    result = compare_models({"pls": PLSRegressorCV(5)}, X, y)
    expected = list(ShuffleSplit(20, test_size=0.3, random_state=0).split(X))
    assert len(result.splits) == 20
    np.testing.assert_array_equal(result.splits[3][1], expected[3][1])


def test_held_out_predictions_pool_the_splits(tecator):
    X, y = tecator
    result = compare_models({"pls": PLSRegressorCV(5), "pls-mae": PLSRegressorCV(3)}, X, y,
                            cv=monte_carlo_cv(2, stratify=False), scoring=["mae", "rmse"])
    indices, predicted = result.held_out_predictions("pls")
    assert indices.shape == predicted.shape == (2 * 65,)
    first = result.splits[0][1]
    assert np.sqrt(np.mean((predicted[:65] - y[first]) ** 2)) == pytest.approx(
        result.records[0]["rmse"])
    assert result.scores("pls").tolist() == [r["mae"] for r in result.records[:2]]


def test_a_deep_regressor_runs(tecator):
    X, y = tecator
    deep = PACERegressor(patch_size=10, dim=8, depth=1, pool_dim=64, max_epochs=2,
                         device="cpu", random_state=0)
    result = compare_models({"pace": deep}, X, y, cv=monte_carlo_cv(1, stratify=False))
    assert np.isfinite(result.records[0]["rmse"])


def test_classification_scores_still_default(tecator):
    X, y = tecator
    labels = (y > np.median(y)).astype(int)
    result = compare_models({"pls-lda": PLSLDAClassifier(3)}, X, labels, cv=2,
                            scoring="balanced_accuracy")
    assert result.scoring == ("balanced_accuracy",) and result.task == "classification"
    indices, predicted = result.held_out_predictions("pls-lda")
    assert set(predicted) <= {0, 1} and len(indices) == len(y)


@pytest.mark.parametrize(("models", "y_kind", "scoring", "error", "match"), [
    ({"pls": PLSRegressorCV(), "lda": PLSLDAClassifier()}, "numeric", None, ValueError,
     "mixes regressors"),
    ({"pls": PLSRegressorCV()}, "numeric", "accuracy", ValueError, "is for classification"),
    ({"lda": PLSLDAClassifier()}, "labels", "rmse", ValueError, "is for regression"),
    ({"pls": PLSRegressorCV()}, "numeric", "rmsep", ValueError, "unknown score"),
    ({"pls": PLSRegressorCV()}, "numeric", 3, TypeError, "scoring must be"),
    ({"pls": PLSRegressorCV()}, "numeric", ["r2", "r2"], ValueError, "twice"),
    ({"pls": PLSRegressorCV()}, "labels", None, ValueError, "not numeric"),
])
def test_bad_combinations_are_clear_errors(tecator, models, y_kind, scoring, error, match):
    X, y = tecator
    target = y if y_kind == "numeric" else np.where(y > 20, "fat", "lean")
    with pytest.raises(error, match=match):
        compare_models(models, X, target, cv=2, scoring=scoring)
