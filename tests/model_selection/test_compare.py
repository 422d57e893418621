"""compare_models and monte_carlo_cv: complete, ordered, reproducible records."""

import subprocess
import sys

import numpy as np
import pytest
from joblib import parallel_config
from sklearn.base import clone
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.pipeline import make_pipeline

from skspectra.datasets import load_coffee
from skspectra.model_selection import ComparisonResult, compare_models, monte_carlo_cv
from skspectra.models import PACEClassifier, PLSLDAClassifier
from skspectra.preprocessing import SNV

RECORD_KEYS = {"model", "split", "accuracy", "balanced_accuracy", "fit_time", "predict_time",
               "n_train", "n_test"}


@pytest.fixture(scope="module")
def coffee():
    return load_coffee(return_X_y=True)


def tiny_pace(**params):
    return PACEClassifier(patch_size=8, dim=8, depth=1, pool_dim=64, max_epochs=2,
                          device="cpu", random_state=0, **params)


def test_records_are_complete_and_ordered(coffee):
    X, y = coffee
    models = {"pls2": PLSLDAClassifier(2), "snv-pls3": make_pipeline(SNV(), PLSLDAClassifier(3))}
    result = compare_models(models, X, y, cv=monte_carlo_cv(4, random_state=1))
    assert isinstance(result, ComparisonResult)
    assert [(r["model"], r["split"]) for r in result.records] == [
        (name, split) for name in models for split in range(4)
    ]
    for record in result.records:
        assert set(record) == RECORD_KEYS
        assert 0 <= record["accuracy"] <= 1 and 0 <= record["balanced_accuracy"] <= 1
        assert record["fit_time"] >= 0 and record["predict_time"] >= 0
        assert record["n_train"] + record["n_test"] == len(y)
        assert record["n_test"] == 17  # ceil(0.3 * 56)
    assert len(result.splits) == 4 and result.estimators is None
    # the models passed in are cloned, never fitted
    assert not hasattr(models["pls2"], "classes_")


def test_scores_match_a_manual_fit(coffee):
    X, y = coffee
    cv = monte_carlo_cv(3, random_state=0)
    result = compare_models({"pls": PLSLDAClassifier(3)}, X, y, cv=cv)
    for (train, test), record in zip(cv.split(X, y), result.records, strict=True):
        model = PLSLDAClassifier(3).fit(X[train], y[train])
        assert record["accuracy"] == pytest.approx(np.mean(model.predict(X[test]) == y[test]))


def test_same_records_with_one_or_two_jobs_and_on_a_rerun(coffee):
    X, y = coffee
    models = {"pace": tiny_pace(), "pls": PLSLDAClassifier(2)}
    cv = monte_carlo_cv(2, random_state=0)
    one = compare_models(models, X, y, cv=cv, n_jobs=1, return_estimators=True)
    two = compare_models(models, X, y, cv=cv, n_jobs=2, return_estimators=True)
    again = compare_models(models, X, y, cv=cv, n_jobs=1)
    for other in (two, again):
        for a, b in zip(one.records, other.records, strict=True):
            assert (a["model"], a["split"], a["accuracy"]) == (b["model"], b["split"],
                                                                b["accuracy"])
    for split, (_, test) in enumerate(one.splits):
        np.testing.assert_allclose(one.estimators["pace"][split].predict_proba(X[test]),
                                   two.estimators["pace"][split].predict_proba(X[test]),
                                   rtol=1e-5, atol=1e-6)


def test_same_records_in_threads(coffee):
    # torch's generator is per process: compare_models runs deep fits one at a time per
    # process, so a threading backend must give the records of a sequential run
    X, y = coffee
    models = {"pace": tiny_pace(), "pls": PLSLDAClassifier(2)}
    cv = monte_carlo_cv(4, random_state=0)
    one = compare_models(models, X, y, cv=cv, n_jobs=1, return_estimators=True)
    with parallel_config(backend="threading", n_jobs=3):
        threads = compare_models(models, X, y, cv=cv, return_estimators=True)
    for split, (_, test) in enumerate(one.splits):
        np.testing.assert_array_equal(one.estimators["pace"][split].predict_proba(X[test]),
                                      threads.estimators["pace"][split].predict_proba(X[test]))


def test_return_estimators_keeps_each_fitted_model(coffee):
    X, y = coffee
    result = compare_models({"pls": PLSLDAClassifier(2)}, X, y, cv=monte_carlo_cv(3),
                            return_estimators=True)
    fitted = result.estimators["pls"]
    assert len(fitted) == 3 and len({id(model) for model in fitted}) == 3
    for model, (_, test), record in zip(fitted, result.splits, result.records, strict=True):
        assert record["accuracy"] == pytest.approx(np.mean(model.predict(X[test]) == y[test]))


def test_cv_int_and_explicit_splits(coffee):
    X, y = coffee
    result = compare_models({"pls": PLSLDAClassifier(2)}, X, y, cv=4)
    tested = np.concatenate([test for _, test in result.splits])
    assert sorted(tested.tolist()) == list(range(len(y)))  # k-fold: each sample once
    splits = [(np.arange(0, 40), np.arange(40, 56))]
    one = compare_models({"pls": PLSLDAClassifier(2)}, X, y, cv=splits)
    assert len(one.records) == 1 and one.records[0]["n_test"] == 16


def test_default_cv_is_twenty_monte_carlo_splits(coffee):
    X, y = coffee
    result = compare_models({"pls": PLSLDAClassifier(2)}, X, y)
    assert len(result.splits) == 20
    assert result.summary()[0]["n_splits"] == 20


def test_summary_report_and_frame(coffee):
    X, y = coffee
    result = compare_models({"a": PLSLDAClassifier(1), "b": PLSLDAClassifier(4)}, X, y,
                            cv=monte_carlo_cv(3))
    summary = result.summary()
    assert [row["model"] for row in summary] == ["a", "b"]
    for row in summary:
        values = result.scores(row["model"])
        assert row["accuracy_mean"] == pytest.approx(values.mean())
        assert row["accuracy_std"] == pytest.approx(values.std())
    report = result.report()
    assert report.splitlines()[0].split()[:3] == ["model", "splits", "accuracy"]
    assert f"{summary[1]['accuracy_mean']:.4f}" in report
    frame = result.to_frame()
    assert frame.shape == (6, len(RECORD_KEYS))
    assert frame.groupby("model")["accuracy"].mean()["b"] == pytest.approx(
        summary[1]["accuracy_mean"])
    with pytest.raises(KeyError, match="no model 'c'"):
        result.scores("c")


def test_verbose_prints_one_line_per_task(coffee, capsys):
    X, y = coffee
    compare_models({"a": PLSLDAClassifier(1), "b": PLSLDAClassifier(2)}, X, y,
                   cv=monte_carlo_cv(3), verbose=1)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 6
    assert lines[-1].startswith("[6/6] ") and "accuracy" in lines[-1]


def test_bad_models_are_clear_errors(coffee):
    X, y = coffee
    with pytest.raises(TypeError, match="non-empty dict"):
        compare_models({}, X, y)
    with pytest.raises(TypeError, match="non-empty dict"):
        compare_models([PLSLDAClassifier()], X, y)
    with pytest.raises(TypeError, match=r"models\['x'\] must be a scikit-learn estimator"):
        compare_models({"x": object()}, X, y)
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        compare_models({"a": PLSLDAClassifier()}, X, y[:-1])


def test_fit_errors_propagate(coffee):
    X, y = coffee
    with pytest.raises(ValueError, match="patch_size"):
        compare_models({"p": clone(tiny_pace()).set_params(patch_size=512, pool_dim=512)},
                       X, y, cv=monte_carlo_cv(1))


def test_monte_carlo_cv_is_stratified_and_seeded():
    y = np.array([0] * 30 + [1] * 10)
    X = np.zeros((40, 2))
    cv = monte_carlo_cv(5, test_size=0.2, random_state=3)
    assert isinstance(cv, StratifiedShuffleSplit)
    for _, test in cv.split(X, y):
        assert np.bincount(y[test]).tolist() == [6, 2]
    first = [test.tolist() for _, test in cv.split(X, y)]
    second = [test.tolist() for _, test in monte_carlo_cv(5, test_size=0.2,
                                                          random_state=3).split(X, y)]
    assert first == second and len({tuple(t) for t in first}) == 5
    assert type(monte_carlo_cv(2, stratify=False)).__name__ == "ShuffleSplit"
    assert len(next(monte_carlo_cv(1, test_size=7).split(X, y))[1]) == 7


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_splits": 0}, ValueError, "n_splits"),
        ({"n_splits": 2.5}, ValueError, "n_splits"),
        ({"test_size": 1.5}, ValueError, "test_size"),
        ({"test_size": 0}, ValueError, "test_size"),
        ({"test_size": "0.3"}, TypeError, "test_size"),
    ],
)
def test_monte_carlo_cv_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        monte_carlo_cv(**kwargs)


def test_importing_model_selection_imports_neither_torch_nor_dask():
    code = ("import sys, skspectra.model_selection\n"
            "assert 'torch' not in sys.modules and 'dask' not in sys.modules, "
            "[m for m in ('torch', 'dask') if m in sys.modules]\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
