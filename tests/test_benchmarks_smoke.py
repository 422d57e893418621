"""Smoke runs (``--quick``) of the benchmark scripts: they must keep working."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.parametrize(
    "script",
    ["preprocessing.py", "pls_lda.py", "datasets.py", "deep_speed.py", "mccv.py",
     "patch_size.py", "regression.py", "published.py", "deep_defaults.py", "resamples.py",
     "batchnorm_recalibration.py", "within_class.py", "tecator_bands.py",
     "explain_band_shapes.py", "map_throughput.py", "explain_batching.py",
     "resample_neighbours.py",
     pytest.param("onnx_export.py", marks=pytest.mark.skipif(
         importlib.util.find_spec("onnxruntime") is None, reason="needs onnxruntime")),
     pytest.param("dask_cluster.py", marks=pytest.mark.skipif(
         importlib.util.find_spec("distributed") is None, reason="needs dask.distributed"))],
)
def test_benchmark_quick_run(script):
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "|" in result.stdout  # printed a results table


@pytest.mark.parametrize("kind", ["label_smoothing", "linear", "flatten_head", "position"])
def test_small_data_variants_train_and_predict(kind, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from _small_data_variants import variant

    from skspectra.datasets import make_spectra
    from skspectra.models import PACEClassifier

    X, y, _ = make_spectra(n_samples=30, n_features=64, n_classes=3, random_state=0)
    clf = variant(PACEClassifier, kind, 0.1 if kind == "label_smoothing" else 0.4)(
        patch_size=8, dim=8, depth=1, pool_dim=64, max_epochs=2, random_state=0).fit(X, y)
    assert clf.predict(X).shape == (30,)


def test_group_norm_variant_replaces_every_batchnorm(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from _small_data_variants import variant
    from torch import nn

    from skspectra.datasets import make_spectra
    from skspectra.models import ResNet1DClassifier

    X, y, _ = make_spectra(n_samples=30, n_features=64, n_classes=3, random_state=0)
    clf = variant(ResNet1DClassifier, "group_norm", 8)(
        hidden_channels=12, stem_channels=12, n_stages=2, n_members=2, max_epochs=2,
        random_state=0).fit(X, y)
    layers = list(clf.net_.module_.modules())
    assert not any(isinstance(m, nn.BatchNorm1d) for m in layers)
    groups = {m.num_groups for m in layers if isinstance(m, nn.GroupNorm)}
    assert groups == {4}  # gcd(8, 12)
    assert clf.predict(X).shape == (30,)


def test_lda_head_variant_predicts_from_pooled_features(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import torch
    from _small_data_variants import variant

    from skspectra.datasets import make_spectra
    from skspectra.models import GAPCNNClassifier

    X, y, _ = make_spectra(n_samples=30, n_features=64, n_classes=3, random_state=0)
    clf = variant(GAPCNNClassifier, "lda_head", 0)(
        n_filters=8, n_members=2, max_epochs=2, random_state=0).fit(X, y)
    with torch.no_grad():
        feats = clf.net_.module_.forward_features(torch.as_tensor(X, dtype=torch.float32))
    # one pooled feature per channel of each member's last feature maps
    members = clf.net_.module_.net.members
    assert clf.lda_head_.n_features_in_ == 2 * members[0].head.linear.in_features
    expected = clf.lda_head_.predict(feats.mean(-1).numpy())
    assert set(expected) <= set(clf.classes_)
    np.testing.assert_array_equal(clf.predict(X), expected)


def test_explain_benchmark_method_syntax(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from explain import parse_methods

    assert parse_methods(None) is None
    assert parse_methods("cam, occlusion:interp,grad_cam_1d@embed") == [
        ("cam", "cam", {}),
        ("occlusion:interp", "occlusion", {"baseline": "interp"}),
        ("grad_cam_1d@embed", "grad_cam_1d", {"layer": "embed"}),
    ]


def test_resamples_paired_cell_counts_and_tests(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from resamples import paired_cell
    from scipy.stats import wilcoxon

    ours = {0: 90.0, 1: 80.0, 2: 100.0, 3: 70.0, 4: 95.0, 5: 85.0}
    theirs = {0: 80.0, 1: 80.0, 2: 90.0, 3: 75.0, 4: 85.0, 5: 80.0, 6: 50.0}  # 6: not ours
    expected_p = wilcoxon([10.0, 10.0, -5.0, 10.0, 5.0]).pvalue
    # differences 10, 0, 10, -5, 10, 5: sd sqrt(40), t(0.975, 5) = 2.5706, half width 6.64
    assert paired_cell(ours, theirs) == f"4/1/1; +5.0 [-1.6, +11.6]; p = {expected_p:.3f}"
    assert paired_cell(ours, ours) == "0/6/0; +0.0 [+0.0, +0.0]; p = 1"
    assert paired_cell({0: 90.0}, {0: 80.0}).startswith("1/0/0; +10.0; p")
    assert paired_cell(ours, {}) == "-"


def test_resamples_deep_params_parse_and_reach_the_model(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from resamples import make_model, parse_params

    assert parse_params("") == {}
    assert parse_params("distill_weight=0.5, epo_components=auto,max_steps=none") == {
        "distill_weight": 0.5, "epo_components": "auto", "max_steps": None}
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parse_params("distill_weight")
    model = make_model("gap-cnn", 3, "cpu", False, deep_params={"distill_weight": 0.5})
    assert (model.distill_weight, model.random_state) == (0.5, 3)


def test_resamples_variant_trains_the_deep_model_with_it(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from resamples import make_model

    from skspectra.models import ResNet1DClassifier

    plain = make_model("resnet1d", 0, "cpu", False)
    variant = make_model("resnet1d", 0, "cpu", False, variant=("label_smoothing", 0.1))
    assert type(plain) is ResNet1DClassifier
    assert isinstance(variant, ResNet1DClassifier) and type(variant) is not ResNet1DClassifier
    assert variant.get_params() == plain.get_params()


def test_resamples_against_pairs_the_same_fits(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from resamples import report_against

    def row(dataset, resample, model, accuracy):
        return dict(part="resamples", dataset=dataset, resample=str(resample), seed=str(resample),
                    model=model, accuracy=str(accuracy), fit_seconds="1")

    here = [row("beef", 0, "pace", 90), row("beef", 1, "pace", 80), row("ham", 0, "pace", 70),
            row("ham", 1, "pace", 75)]
    there = [row("beef", 0, "pace", 80), row("beef", 1, "pace", 80), row("ham", 0, "pace", 75),
             row("beef", 2, "pace", 10)]  # ham 1 and beef 2: not in both, not paired
    lines = report_against(here, there, ["beef", "ham"], ["pace"], "x.csv").splitlines()
    assert "| beef | pace | 2 | 85.0 | 80.0 | 1/1/0 | +5.00 |" in lines
    assert "| ham | pace | 1 | 70.0 | 75.0 | 0/0/1 | -5.00 |" in lines
    assert lines[-1] == "| all | pace | 3 | | | 1/1/1 | +1.67 |"


def test_resamples_rank_significance_is_demsar_nemenyi(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from resamples import rank_significance
    from scipy.stats import friedmanchisquare

    names = ["a", "b", "c", "d", "e"]
    models = ["m1", "m2", "m3", "m4", "m5", "m6"]
    rng = np.random.default_rng(0)
    table = rng.uniform(70, 100, size=(6, 5))
    means = {m: dict(zip(names, row, strict=True)) for m, row in zip(models, table, strict=True)}
    text = rank_significance(means, names, models)
    # Demsar (2006), table 5a: q_0.05 = 2.850 for 6 models; CD = 2.850 * sqrt(6 * 7 / 30)
    assert "critical difference at 0.05: 3.37 ranks" in text
    assert f"p = {friedmanchisquare(*table).pvalue:.3f}" in text
    assert "Too few" in rank_significance(means, names, models[:2])


def test_deep_defaults_auto_folds_follow_the_rarest_class(monkeypatch):
    import argparse

    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from deep_defaults import fold_count, folds_option

    assert folds_option("auto") == "auto" and folds_option("5") == 5
    for bad in ("1", "x", "-3"):
        with pytest.raises(argparse.ArgumentTypeError, match="--folds"):
            folds_option(bad)
    assert fold_count(4, "beef", None) == 4
    assert fold_count("auto", "beef", None) == 6  # 6 training spectra per class
    assert fold_count("auto", "ham", None) == 10  # capped


def test_deep_defaults_pairs_each_candidate_with_the_defaults_fold_by_fold(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from deep_defaults import paired_gains

    defaults = {("beef", 0, 0): 0.8, ("beef", 0, 1): 0.6, ("ham", 1, 0): 0.9}
    candidate = {("beef", 0, 0): 0.9, ("beef", 0, 1): 0.6, ("ham", 1, 0): 0.8}
    lines = paired_gains({("pace", "defaults"): defaults, ("pace", "x"): candidate,
                          ("gap-cnn", "y"): candidate})  # no defaults beside it: no line
    assert lines[0] == "" and len(lines) == 2
    # differences +0.1, 0, -0.1: mean 0, sd 0.1, standard error 0.1 / sqrt(3)
    assert lines[1] == ("pace x - defaults, paired over 3 folds: +0.0000 +/- 0.0577 "
                        "(standard error; r0 +0.050, r1 -0.100)")


def test_training_size_pooled_draw_partitions_the_pool(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from training_size import pooled_draw

    y_train, y_test = np.repeat([0, 1, 2], 6), np.repeat([0, 1, 2], 4)
    X_train = np.arange(18.0)[:, None]
    X_test = 100 + np.arange(12.0)[:, None]
    Xa, ya, Xb, yb = pooled_draw(X_train, y_train, X_test, y_test, 0.67, seed=3)
    assert np.bincount(ya).tolist() == [4, 4, 4]  # round(0.67 * 6) per class
    assert sorted(np.concatenate([Xa, Xb]).ravel()) == sorted(
        np.concatenate([X_train, X_test]).ravel())
    assert np.bincount(yb).tolist() == [6, 6, 6]  # the rest of 10 per class


def test_training_fit_reports_the_fit_on_training_spectra_only(monkeypatch, capsys):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import training_fit

    assert training_fit.main(["--dataset", "coffee", "--model", "pace", "--resamples", "0,1",
                              "--deep-params", "max_epochs=2",
                              "--deep-params", "max_epochs=1"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if " pace " in line]
    assert [line.split(":")[0] for line in lines] == [
        f"coffee r{r} pace max_epochs={e}" for r in (0, 1) for e in (2, 1)]
    assert all(f"{e} epochs," in line for line, e in zip(lines, (2, 1, 2, 1), strict=True))
    accuracy = float(lines[0].split("training spectra ")[1].split(",")[0])
    assert 0.0 <= accuracy <= 1.0
