"""Progress lines of long explanations: printed when asked, never changing a map."""

import io

import numpy as np
import pytest

pytest.importorskip("torch")

from skspectra.datasets import make_spectra
from skspectra.explain._progress import progress_batches, reporting_progress
from skspectra.models import GAPCNNClassifier


@pytest.fixture(scope="module")
def fitted():
    X, y, _ = make_spectra(n_samples=24, n_features=48, n_classes=2, random_state=0)
    clf = GAPCNNClassifier(n_filters=4, n_blocks=2, n_members=1, max_epochs=2, random_state=0,
                           device="cpu").fit(X, y)
    return clf, X


def test_a_loop_reports_its_inputs_and_the_time_left(slow_progress_clock):
    out = io.StringIO()
    with reporting_progress("explain occlusion", stream=out):
        assert list(progress_batches(10, 4)) == [(0, 4), (4, 8), (8, 10)]
    lines = out.getvalue().splitlines()
    assert lines == [
        "explain occlusion: 4/10 network inputs (40 %), 10 s, about 15 s left",
        "explain occlusion: 8/10 network inputs (80 %), 20 s, about 5 s left",
        "explain occlusion: 10/10 network inputs (100 %), 30 s",
    ]


def test_a_short_loop_and_a_loop_outside_the_block_print_nothing(capsys):
    out = io.StringIO()
    with reporting_progress("explain", stream=out):  # real clock, 2 s interval
        list(progress_batches(1000, 10))
    list(progress_batches(10, 4))
    assert out.getvalue() == ""
    assert capsys.readouterr().err == ""


def test_verbose_deep_estimator_reports_on_stderr_with_the_same_maps(
        fitted, slow_progress_clock, capsys):
    clf, X = fitted
    quiet = clf.explain(X, method="occlusion", window=5, batch_size=64)
    assert capsys.readouterr().err == ""
    clf.set_params(verbose=1)
    try:
        loud = clf.explain(X, method="occlusion", window=5, batch_size=64)
    finally:
        clf.set_params(verbose=0)
    err = capsys.readouterr().err.splitlines()
    assert err and all(line.startswith("GAPCNNClassifier.explain occlusion: ") for line in err)
    assert "network inputs (100 %)" in err[-1]
    np.testing.assert_array_equal(loud, quiet)
