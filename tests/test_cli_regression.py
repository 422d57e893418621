"""The ``skspectra`` command line with a numeric target: compare, fit, predict, explain."""

import numpy as np
import pytest
from test_cli import assert_one_line_error, read_csv, write_spectra_csv

from skspectra.cli import main
from skspectra.datasets import load_tecator


@pytest.fixture(scope="module")
def tecator_csvs(tmp_path_factory):
    bunch = load_tecator()
    folder = tmp_path_factory.mktemp("tecator")
    columns = [f"{850 + 2 * i}" for i in range(bunch.data.shape[1])]
    return tuple(
        str(write_spectra_csv(folder / f"{part}.csv", bunch.data[index],
                              [repr(float(v)) for v in bunch.target[index]], columns,
                              target="fat"))
        for part, index in (("train", bunch.train_index), ("test", bunch.test_index))
    )


def test_compare_tecator_scores_pls_and_a_deep_regressor_by_rmsep(tmp_path, capsys):
    out = tmp_path / "cmp"
    tiny_pace = [f"pace:{name}" for name in ("patch_size=10", "dim=8", "depth=1", "pool_dim=64")]
    argv = ["compare", "--dataset", "tecator", "--models", "pls,pace", "--n-splits", "2",
            "--max-epochs", "1", *(arg for p in tiny_pace for arg in ("--param", p)),
            "--n-jobs", "1", "--out", str(out)]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "numeric target 0.9 to 49.1" in captured.out
    assert "2 splits, test size" in captured.out and "stratified" not in captured.out
    table = captured.out[captured.out.index("\nmodel ") + 1:].splitlines()
    assert table[0].split() == ["model", "splits", "RMSEP", "std", "R^2", "fit", "(s)",
                                "predict", "(s)"]
    rows = read_csv(out / "scores.csv")
    assert rows[0][:4] == ["model", "split", "rmse", "r2"]
    pls_rmsep = [float(r[2]) for r in rows[1:] if r[0] == "pls"]
    assert len(pls_rmsep) == 2 and all(0 < v < 5 for v in pls_rmsep)
    for name in ("rmsep_boxplot.png", "predicted_vs_measured.png", "explanation_pace.png"):
        assert (out / name).stat().st_size > 1000
    assert not (out / "accuracy_boxplot.png").exists()


def test_fit_predict_explain_a_regressor_on_csv_files(tecator_csvs, tmp_path, capsys):
    train, test = tecator_csvs
    model = str(tmp_path / "pls.joblib")
    assert main(["fit", train, "--target", "fat", "--model", "pls", "-o", model]) == 0
    assert "numeric target" in capsys.readouterr().out
    predictions = str(tmp_path / "pred.csv")
    assert main(["predict", model, test, "-o", predictions]) == 0
    err = capsys.readouterr().err
    assert "On the 43 spectra with a measured target (column 'fat'): RMSE" in err
    rows = read_csv(predictions)
    assert rows[0] == ["prediction"] and len(rows) == 44
    predicted = np.array([float(r[0]) for r in rows[1:]])
    measured = np.array([float(r[0]) for r in read_csv(test)[1:]])
    assert np.sqrt(np.mean((predicted - measured) ** 2)) < 4
    relevance = str(tmp_path / "rel.csv")
    figure = str(tmp_path / "fig.png")
    assert main(["explain", model, test, "--relevance-csv", relevance, "-o", figure]) == 0
    rows = read_csv(relevance)
    assert rows[0][0] == "prediction" and len(rows[0]) == 101 and len(rows) == 44
    assert float(rows[1][0]) == pytest.approx(predicted[0])
    assert (tmp_path / "fig.png").stat().st_size > 1000


def test_whole_number_targets_stay_classes_unless_told(tmp_path, capsys):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(24, 16))
    path = write_spectra_csv(tmp_path / "ints.csv", X, [str(i % 3) for i in range(24)])
    model = str(tmp_path / "m.joblib")
    assert main(["fit", str(path), "--model", "pls", "--task", "regression", "-o", model]) == 0
    assert "regression" in capsys.readouterr().out
    assert_one_line_error(capsys, ["fit", str(path), "--model", "pls", "-o", model],
                          "'pls' is a regressor", "class labels (classification)")


def test_regression_mistakes_are_one_line_errors(tecator_csvs, tmp_path, capsys):
    train, test = tecator_csvs
    model = str(tmp_path / "pls.joblib")
    assert main(["fit", train, "--target", "fat", "--model", "pls", "-o", model]) == 0
    assert_one_line_error(capsys, ["compare", "--dataset", "tecator", "--models", "pls-lda"],
                          "'pls-lda' is a classifier", "choose from pls")
    assert_one_line_error(capsys, ["compare", "--dataset", "meat", "--task", "regression"],
                          "meat is a classification dataset")
    assert_one_line_error(capsys, ["predict", model, test, "--proba"], "is a regressor")
    assert_one_line_error(capsys, ["explain", model, test, "--class", "3"], "is a regressor")
    labels = write_spectra_csv(tmp_path / "labels.csv", np.ones((4, 3)), ["a", "b", "a", "b"])
    assert_one_line_error(capsys, ["fit", str(labels), "--model", "pls", "--task",
                                   "regression"], "must hold numbers", "'a'")
