"""The model card of `skspectra fit` (with `--cv`), `skspectra info`, and atomic saving."""

import json

import joblib
import numpy as np
import pandas as pd
import pytest

from skspectra.cli import main
from skspectra.datasets import load_coffee
from skspectra.models import PLSLDAClassifier


@pytest.fixture(scope="module")
def coffee_csv(tmp_path_factory):
    bunch = load_coffee()
    frame = pd.DataFrame(bunch.data, columns=[f"{4000 - 2 * i}" for i in range(286)])
    frame["label"] = bunch.target
    path = tmp_path_factory.mktemp("data") / "coffee.csv"
    frame.to_csv(path, index=False)
    return str(path)


def test_fit_with_cv_writes_a_card_that_info_prints(tmp_path, coffee_csv, capsys):
    model = str(tmp_path / "m.joblib")
    assert main(["fit", coffee_csv, "--model", "pls-lda", "--cv", "3", "-o", model]) == 0
    out = capsys.readouterr().out
    assert out.count("cv fold") == 3 and "Cross-validated accuracy" in out
    card = joblib.load(model)["card"]
    assert card["task"] == "classification"
    assert card["classes"] == ["arabica", "robusta"]
    assert card["x_axis"][0] == "4000" and len(card["x_axis"]) == 286
    assert card["training_shape"] == [56, 286]
    assert card["cv_metric"] == "accuracy" and len(card["cv_scores"]) == 3
    assert {"python", "skspectra", "numpy", "sklearn"} <= set(card["versions"])
    assert main(["info", model]) == 0
    text = capsys.readouterr().out
    assert "classes: arabica, robusta" in text
    assert "x-axis: 286 columns, 4000 ... 3430" in text
    assert "training data: 56 spectra x 286 points" in text
    assert "cross-validated accuracy:" in text
    assert main(["info", model, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cv_scores"] == card["cv_scores"]


def test_without_cv_the_card_says_so(tmp_path, coffee_csv, capsys):
    model = str(tmp_path / "m.joblib")
    assert main(["fit", coffee_csv, "--model", "pls-lda", "-o", model]) == 0
    assert joblib.load(model)["card"]["cv_scores"] is None
    capsys.readouterr()
    assert main(["info", model]) == 0
    assert "cross-validation: not run" in capsys.readouterr().out


def test_a_bare_joblib_model_has_no_card(tmp_path, capsys):
    X = np.random.default_rng(0).normal(size=(20, 10))
    path = tmp_path / "bare.joblib"
    joblib.dump(PLSLDAClassifier(2).fit(X, np.arange(20) % 2), path)
    assert main(["info", str(path)]) == 0
    assert "card: none" in capsys.readouterr().out


@pytest.mark.parametrize("folds", ["1", "x"])
def test_bad_cv_is_a_usage_error(coffee_csv, folds):
    with pytest.raises(SystemExit) as exit_info:
        main(["fit", coffee_csv, "--model", "pls-lda", "--cv", folds])
    assert exit_info.value.code == 2


def test_more_folds_than_the_smallest_class_is_refused(tmp_path, coffee_csv, capsys):
    model = tmp_path / "m.joblib"
    assert main(["fit", coffee_csv, "--model", "pls-lda", "--cv", "40", "-o", str(model)]) == 2
    assert "smallest class has 27 spectra" in capsys.readouterr().err
    assert not model.exists()


def test_a_failed_save_leaves_no_file(tmp_path, coffee_csv, capsys):
    target = tmp_path / "no_such_folder" / "m.joblib"
    assert main(["fit", coffee_csv, "--model", "pls-lda", "-o", str(target)]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert not target.parent.exists()
    assert not list(tmp_path.glob("**/.skspectra-*"))
