"""The command line on instrument files: class sub-folders to fit, folders and globs to predict."""

import re
import shutil

import pandas as pd
import pytest

pytest.importorskip("jcamp")

from skspectra.cli import main
from skspectra.io import example_path

# two "classes" of real JCAMP-DX files; neo-pentane is on another grid than the rest
CLASSES = {"alkene": ["1-butene.jdx", "iso-butylene.jdx"],
           "other": ["water.jdx", "neo-pentane.jdx"]}


@pytest.fixture
def class_folders(tmp_path):
    root = tmp_path / "train"
    for label, names in CLASSES.items():
        (root / label).mkdir(parents=True)
        for copy in range(3):  # three copies of each file: enough spectra to cross-validate
            for name in names:  # each copy scaled (its YFACTOR), so no two are identical
                text = example_path(name).read_text()
                factor = re.search(r"##YFACTOR=(\S+)", text).group(1)
                scaled = f"##YFACTOR={float(factor) * (1 + 0.05 * copy):.9f}"
                (root / label / f"{copy}-{name}").write_text(
                    text.replace(f"##YFACTOR={factor}", scaled))
    return root


def test_fit_on_class_folders_then_predict_a_folder_and_a_glob(class_folders, tmp_path, capsys):
    model = str(tmp_path / "m.joblib")
    assert main(["fit", str(class_folders), "--model", "pls-lda", "--param", "max_components=2",
                 "--param", "cv=2", "-o", model]) == 0
    captured = capsys.readouterr()
    assert "12 spectra x 825 points, 2 classes (alkene, other)" in captured.out
    assert "different x grids; resampled onto the range they all cover (550.0 to 3846.0" \
        in captured.err
    out = tmp_path / "predictions.csv"
    assert main(["predict", model, str(class_folders / "alkene"), "--proba", "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["source", "prediction", "proba_alkene", "proba_other"]
    assert table["source"].str.endswith(".jdx").all() and len(table) == 6
    assert set(table["prediction"]) <= {"alkene", "other"}
    # the water spectra (880 points, 450-3966 cm^-1) are resampled onto the model's axis
    assert main(["predict", model, str(class_folders / "other" / "*water.jdx")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "source,prediction" and len(lines) == 4
    relevance = tmp_path / "relevance.csv"
    assert main(["explain", model, str(example_path("water.jdx")), "--no-figure",
                 "--relevance-csv", str(relevance)]) == 0
    assert pd.read_csv(relevance).shape[0] == 1


def test_compare_on_class_folders(class_folders, tmp_path, capsys):
    assert main(["compare", "--dataset", str(class_folders), "--models", "pls-lda",
                 "--param", "max_components=2", "--param", "cv=2", "--n-splits", "2",
                 "--test-size", "0.5", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert "pls-lda" in capsys.readouterr().out


def test_instrument_file_errors_are_one_line(class_folders, tmp_path, capsys):
    model = str(tmp_path / "m.joblib")
    cases = [
        (["fit", str(class_folders / "alkene"), "--model", "pls-lda"], "sub-folder named after"),
        (["fit", str(class_folders), "--model", "pls-lda", "--task", "regression"],
         "holds classes; --task regression"),
    ]
    (class_folders / "empty").mkdir()
    cases.append((["fit", str(class_folders), "--model", "pls-lda"], "holds no spectrum file"))
    for argv, message in cases:
        assert main(argv) == 2
        assert message in capsys.readouterr().err
    shutil.rmtree(class_folders / "empty")
    assert main(["fit", str(class_folders), "--model", "pls-lda", "--param", "max_components=2",
                 "--param", "cv=2", "-o", model]) == 0
    capsys.readouterr()
    assert main(["predict", model, str(tmp_path / "missing")]) == 2
    assert "no such file" in capsys.readouterr().err
    broken = tmp_path / "cut.jdx"
    broken.write_text(example_path("water.jdx").read_text()[:1500])
    assert main(["predict", model, str(broken)]) == 2
    err = capsys.readouterr().err
    assert "cut.jdx" in err and "cut short" in err and "Traceback" not in err


def test_a_model_fitted_on_unnamed_columns_cannot_place_files(tmp_path, capsys):
    csv = tmp_path / "train.csv"
    rows = ["a,b,c,label"] + [f"{i},{i + 1},{i % 3},{'xy'[i % 2]}" for i in range(12)]
    csv.write_text("\n".join(rows) + "\n")
    model = str(tmp_path / "m.joblib")
    assert main(["fit", str(csv), "--model", "pls-lda", "--param", "max_components=2",
                 "--param", "cv=2", "-o", model]) == 0
    capsys.readouterr()
    assert main(["predict", model, str(example_path("water.jdx"))]) == 2
    assert "columns that are not numbers" in capsys.readouterr().err


def test_predict_reads_spc_files(class_folders, tmp_path, capsys):
    pytest.importorskip("spc_io")
    from spc_files import write_spc

    from skspectra.io import read_spectra

    water = read_spectra(example_path("water.jdx"))
    spc = write_spc(tmp_path / "water.spc", water.columns.to_numpy(), water.to_numpy())
    model = str(tmp_path / "m.joblib")
    assert main(["fit", str(class_folders), "--model", "pls-lda", "--param", "max_components=2",
                 "--param", "cv=2", "-o", model]) == 0
    capsys.readouterr()
    assert main(["predict", model, str(spc)]) == 0
    by_spc = capsys.readouterr().out
    assert main(["predict", model, str(example_path("water.jdx"))]) == 0
    by_jcamp = capsys.readouterr().out
    assert by_spc.splitlines()[1].split(",")[1] == by_jcamp.splitlines()[1].split(",")[1]
