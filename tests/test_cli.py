"""The ``skspectra`` console script."""

import csv
import subprocess
import sys

import numpy as np
import pytest

from skspectra.cli import main
from skspectra.datasets import list_datasets, load_coffee


def test_datasets_lists_every_bundled_set(capsys):
    assert main(["datasets"]) == 0
    out = capsys.readouterr().out
    for info in list_datasets():
        assert info["name"] in out
    assert "meat" in out


def test_datasets_describes_one_set(capsys):
    assert main(["datasets", "meat"]) == 0
    out = capsys.readouterr().out
    assert "Dau" in out  # the UCR archive citation


def test_unknown_dataset_is_one_line_and_exit_code_2(capsys):
    assert main(["datasets", "no-such-set"]) == 2
    err = capsys.readouterr().err
    assert "unknown dataset 'no-such-set'" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_no_command_prints_help(capsys):
    assert main([]) == 0
    assert "datasets" in capsys.readouterr().out


def test_console_script_entry_point_runs():
    result = subprocess.run(
        [sys.executable, "-m", "skspectra.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("skspectra ")


# -- compare, fit, predict, explain ---------------------------------------------------------

TINY_PACE = ["--param", "pace:patch_size=8", "--param", "pace:dim=8", "--param", "pace:depth=1",
             "--param", "pace:pool_dim=64"]


def write_spectra_csv(path, X, labels=None, columns=None, target="label"):
    columns = columns if columns is not None else [f"{1000 + 2 * i:.1f}" for i in
                                                   range(X.shape[1])]
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(([target] if labels is not None else []) + list(columns))
        for i, row in enumerate(X):
            writer.writerow(([labels[i]] if labels is not None else []) + [repr(float(v))
                                                                            for v in row])
    return path


def read_csv(path):
    with open(path, newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def coffee_csv(tmp_path_factory):
    bunch = load_coffee()
    return str(write_spectra_csv(tmp_path_factory.mktemp("data") / "coffee.csv", bunch.data,
                                 bunch.target))


@pytest.fixture(scope="module")
def pls_model(coffee_csv, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("model") / "pls.joblib")
    assert main(["fit", coffee_csv, "--model", "pls-lda", "-o", path]) == 0
    return path


def assert_one_line_error(capsys, argv, *fragments):
    capsys.readouterr()  # drop the output of earlier commands
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"skspectra {argv[0]}: error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def test_compare_trains_deep_models_for_their_own_epochs(tmp_path, capsys, monkeypatch):
    # Without --max-epochs, compare fits the defaults chosen by CV (200 epochs), not fewer.
    import skspectra.cli.compare as compare

    built, build = [], compare.build_estimator

    def recording(name, **kwargs):  # records the estimator, then trains it for one step
        built.append(build(name, **kwargs))
        return built[-1].set_params(max_steps=1) if name == "pace" else built[-1]

    monkeypatch.setattr(compare, "build_estimator", recording)
    argv = ["compare", "--dataset", "coffee", "--models", "pls-lda,pace", "--n-splits", "2",
            *TINY_PACE, "--n-jobs", "1", "--quiet", "--out", str(tmp_path / "cmp")]
    assert main(argv) == 0
    assert "deep models: their own epochs (200)" in capsys.readouterr().out
    assert built[1].max_epochs == type(built[1])().max_epochs == 200


def test_compare_tiny_run_writes_every_output(tmp_path, capsys):
    out = tmp_path / "cmp"
    argv = ["compare", "--dataset", "coffee", "--models", "pls-lda,pace", "--n-splits", "2",
            "--max-epochs", "1", *TINY_PACE, "--preprocess", "snv", "--n-jobs", "1",
            "--out", str(out)]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "Comparing pls-lda, pace on coffee (56 spectra x 286 points, 2 classes)" in \
        captured.out
    table = captured.out[captured.out.index("model"):]
    assert "pls-lda" in table and "pace" in table
    progress = [line for line in captured.err.splitlines() if line.startswith("[")]
    assert len(progress) == 4 and progress[-1].startswith("[4/4]")
    rows = read_csv(out / "scores.csv")
    assert rows[0] == ["model", "split", "accuracy", "balanced_accuracy", "fit_time",
                       "predict_time", "n_train", "n_test"]
    assert [(r[0], r[1]) for r in rows[1:]] == [("pls-lda", "0"), ("pls-lda", "1"),
                                                ("pace", "0"), ("pace", "1")]
    assert all(r[7] == "17" for r in rows[1:])
    assert len(read_csv(out / "summary.csv")) == 3
    paired = read_csv(out / "paired.csv")
    assert paired[0] == ["model", "reference", "score", "n_splits", "mean_difference",
                         "ci_low", "ci_high", "p_value", "better", "tied", "worse"]
    assert paired[1][:4] == ["pace", "pls-lda", "accuracy", "2"]
    assert "Paired with pls-lda on the same 2 splits" in captured.out
    for name in ("accuracy_boxplot.png", "explanation_pace.png"):
        assert (out / name).stat().st_size > 1000
    assert not (out / "explanation_pls-lda.png").exists()
    assert f"Wrote to {out}/" in captured.out


def test_compare_csv_with_preprocessing_and_published_split(tmp_path, coffee_csv, capsys):
    out = tmp_path / "cmp"
    argv = ["compare", "--dataset", coffee_csv, "--models", "pls-lda", "--n-splits", "3",
            "--preprocess", "savgol,snv", "--param", "savgol__window_length=15", "--quiet",
            "--n-jobs", "1", "--out", str(out)]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "preprocessing savgol -> snv" in captured.out and captured.err == ""
    assert len(read_csv(out / "scores.csv")) == 4
    assert main(["compare", "--dataset", "coffee", "--models", "pls-lda", "--split",
                 "published", "--out", str(out)]) == 0
    rows = read_csv(out / "scores.csv")
    assert len(rows) == 2 and rows[1][6:] == ["28", "28"]


def test_fit_predict_explain_round_trip(tmp_path, coffee_csv, capsys):
    model = str(tmp_path / "pace.joblib")
    argv = ["fit", coffee_csv, "--model", "pace", *[p.replace("pace:", "") for p in TINY_PACE],
            "--max-epochs", "2", "-o", model]
    assert main(argv) == 0
    assert f"Saved to {model}" in capsys.readouterr().out

    predictions = tmp_path / "pred.csv"
    assert main(["predict", model, coffee_csv, "--proba", "-o", str(predictions)]) == 0
    assert "Accuracy on the 56 labelled spectra" in capsys.readouterr().err
    rows = read_csv(predictions)
    assert rows[0] == ["prediction", "proba_arabica", "proba_robusta"]
    assert len(rows) == 57
    proba = np.array([[float(v) for v in r[1:]] for r in rows[1:]])
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-9)
    assert {r[0] for r in rows[1:]} <= {"arabica", "robusta"}

    # unlabelled spectra to stdout
    unlabelled = write_spectra_csv(tmp_path / "unlabelled.csv", load_coffee().data[:5])
    assert main(["predict", model, str(unlabelled)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "prediction"
    assert captured.out.splitlines()[1:] == [r[0] for r in rows[1:6]]

    figure, relevance = tmp_path / "fig.png", tmp_path / "rel.csv"
    assert main(["explain", model, coffee_csv, "--method", "grad_cam", "-o", str(figure),
                 "--relevance-csv", str(relevance)]) == 0
    assert figure.stat().st_size > 1000
    rows = read_csv(relevance)
    assert rows[0][:3] == ["class", "1000.0", "1002.0"] and len(rows) == 57
    assert [r[0] for r in rows[1:]] == [r[0] for r in read_csv(predictions)[1:]]


def test_explain_prints_progress_of_a_long_explanation(tmp_path, coffee_csv, capsys,
                                                      slow_progress_clock):
    model = str(tmp_path / "pace.joblib")
    argv = ["fit", coffee_csv, "--model", "pace", *[p.replace("pace:", "") for p in TINY_PACE],
            "--max-epochs", "1", "-o", model]
    assert main(argv) == 0

    capsys.readouterr()
    assert main(["explain", model, coffee_csv, "--method", "occlusion", "--no-figure",
                 "--relevance-csv", str(tmp_path / "rel.csv")]) == 0
    err = capsys.readouterr().err.splitlines()
    progress = [line for line in err if line.startswith("explain (occlusion): ")]
    assert len(progress) >= 2 and "(100 %)" in progress[-1], err
    assert err[-1].startswith("Explained 56 spectra with occlusion")


def test_explain_for_a_class_and_pls_methods(tmp_path, coffee_csv, pls_model, capsys):
    relevance = tmp_path / "rel.csv"
    assert main(["explain", pls_model, coffee_csv, "--method", "coef", "--class", "robusta",
                 "--no-figure", "--relevance-csv", str(relevance)]) == 0
    rows = read_csv(relevance)
    assert {r[0] for r in rows[1:]} == {"robusta"}
    values = np.array([[float(v) for v in r[1:]] for r in rows[1:]])
    assert values.shape == (56, 286) and np.abs(values).max() > 0
    assert_one_line_error(capsys, ["explain", pls_model, coffee_csv, "--class", "tea",
                                   "--no-figure", "--relevance-csv", str(relevance)],
                          "--class 'tea'", "arabica, robusta")
    assert_one_line_error(capsys, ["explain", pls_model, coffee_csv, "--method", "magic",
                                   "-o", str(tmp_path / "f.png")], "magic")


@pytest.fixture()
def bad_files(tmp_path):
    X = load_coffee().data[:6]
    labels = ["a", "a", "a", "b", "b", "b"]
    files = {
        "no_label": write_spectra_csv(tmp_path / "no_label.csv", X, labels, target="class"),
        "short": write_spectra_csv(tmp_path / "short.csv", X[:, :100], labels),
        "renamed": write_spectra_csv(tmp_path / "renamed.csv", X, labels,
                                     columns=[f"{500 + i}" for i in range(X.shape[1])]),
    }
    good = (tmp_path / "good.csv")
    write_spectra_csv(good, X, labels)
    lines = good.read_text().splitlines()
    cells = lines[3].split(",")
    cells[5] = "abc"
    (tmp_path / "text.csv").write_text("\n".join([*lines[:3], ",".join(cells), *lines[4:]]))
    (tmp_path / "ragged.csv").write_text("\n".join([*lines[:2], lines[2] + ",1.0",
                                                    *lines[3:]]))
    (tmp_path / "empty.csv").write_text("")
    (tmp_path / "notamodel.joblib").write_text("hello")
    files.update({name: tmp_path / f"{name}.csv" for name in ("text", "ragged", "empty")})
    files["good"] = good
    files["notamodel"] = tmp_path / "notamodel.joblib"
    return {name: str(path) for name, path in files.items()}


def test_bad_csv_files_are_one_line_errors(bad_files, tmp_path, capsys):
    model = str(tmp_path / "m.joblib")
    fit = ["--model", "pls-lda", "-o", model]
    assert_one_line_error(capsys, ["fit", bad_files["no_label"], *fit],
                          "no label column 'label'", "--target")
    assert_one_line_error(capsys, ["fit", bad_files["text"], *fit],
                          "line 4", "'abc' is not a number", "column '1008.0'")
    assert_one_line_error(capsys, ["fit", bad_files["ragged"], *fit],
                          "line 3: 288 cells", "287 columns")
    assert_one_line_error(capsys, ["fit", bad_files["empty"], *fit], "empty")
    assert_one_line_error(capsys, ["fit", str(tmp_path / "missing.csv"), *fit], "no such file")
    assert_one_line_error(capsys, ["compare", "--dataset", bad_files["ragged"]], "288 cells")
    assert not (tmp_path / "m.joblib").exists()


def test_bad_models_and_parameters_are_one_line_errors(bad_files, tmp_path, capsys):
    good, model = bad_files["good"], str(tmp_path / "m.joblib")
    assert_one_line_error(capsys, ["fit", good, "--model", "svm", "-o", model],
                          "unknown model 'svm'", "pls-lda, gap-cnn, resnet1d, pace")
    assert_one_line_error(capsys, ["compare", "--models", "pace,xgb"], "unknown model 'xgb'")
    assert_one_line_error(capsys, ["fit", good, "--model", "pace", "--param", "patchsize=8",
                                   "-o", model], "patchsize", "patch_size")
    assert_one_line_error(capsys, ["compare", "--models", "pls-lda", "--param",
                                   "pace:dim=8"], "not among the chosen models")
    assert_one_line_error(capsys, ["fit", good, "--model", "pace", "--param", "dim",
                                   "-o", model], "expected NAME=VALUE")
    assert_one_line_error(capsys, ["fit", good, "--model", "pace", "--preprocess", "fft",
                                   "-o", model], "unknown preprocessing 'fft'")
    assert_one_line_error(capsys, ["fit", good, "--model", "pls-lda", "--preprocess", "savgol",
                                   "--param", "savgol__window=3", "-o", model],
                          "savgol__window_length")
    assert_one_line_error(capsys, ["fit", good, "--model", "pace", "--param",
                                   "patch_size=1024", "--max-epochs", "1", "-o", model],
                          "cannot fit pace", "patch_size")
    assert_one_line_error(capsys, ["compare", "--dataset", "no-such-set"],
                          "unknown dataset 'no-such-set'", "meat")
    assert_one_line_error(capsys, ["compare", "--dataset", good, "--split", "published"],
                          "--split published needs a bundled dataset")
    single = str(tmp_path / "single.csv")
    write_spectra_csv(single, load_coffee().data[:3], ["a", "b", "b"])
    assert_one_line_error(capsys, ["compare", "--dataset", single, "--out",
                                   str(tmp_path / "cmp")],
                          "at least 2 spectra per class", "1 class(es) have one (a)")
    assert not (tmp_path / "cmp").exists()
    regression = [d["name"] for d in list_datasets() if d.get("task") == "regression"]
    for name in regression[:1]:
        assert_one_line_error(capsys, ["compare", "--dataset", name, "--task",
                                       "classification"], "regression dataset")
    assert not (tmp_path / "m.joblib").exists()


def test_model_files_are_checked_against_the_data(bad_files, pls_model, capsys):
    assert_one_line_error(capsys, ["predict", pls_model, bad_files["short"]],
                          "has 100 spectral columns", "fitted on 286")
    assert_one_line_error(capsys, ["predict", pls_model, bad_files["renamed"]],
                          "spectral column 1 is '500'", "'1000.0'")
    assert_one_line_error(capsys, ["explain", pls_model, bad_files["short"]],
                          "fitted on 286")
    assert_one_line_error(capsys, ["predict", bad_files["notamodel"], bad_files["good"]],
                          "not a readable model file")
    assert_one_line_error(capsys, ["predict", "missing.joblib", bad_files["good"]],
                          "no such model file")


def test_console_script_reports_a_bad_file_without_traceback(bad_files):
    result = subprocess.run(
        [sys.executable, "-m", "skspectra.cli", "fit", bad_files["text"], "--model", "pls-lda"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"skspectra fit: error: {bad_files['text']} line 4, column '1008.0': 'abc' is not a "
        "number"
    ]


def test_help_documents_the_csv_convention_and_defaults(capsys):
    for command in ("compare", "fit", "predict", "explain"):
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        assert "one spectrum per row" in out and "--target" in out
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    out = capsys.readouterr().out
    assert "With no options: pls-lda and pace on the bundled meat set" in out


def test_without_matplotlib_compare_writes_the_tables_and_explain_says_why(
        tmp_path, coffee_csv, pls_model, capsys, monkeypatch):
    from skspectra.cli import figures

    monkeypatch.setattr(figures, "pyplot", lambda: None)
    out = tmp_path / "cmp"
    assert main(["compare", "--dataset", "coffee", "--models", "pls-lda", "--n-splits", "2",
                 "--n-jobs", "1", "--quiet", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "No figures: matplotlib is not installed" in captured.err
    assert sorted(p.name for p in out.iterdir()) == ["scores.csv", "summary.csv"]
    assert_one_line_error(capsys, ["explain", pls_model, coffee_csv, "-o",
                                   str(tmp_path / "f.png")], "matplotlib", "--no-figure")
