"""Smoke runs (``--quick``) of the benchmark scripts: they must keep working."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.parametrize(
    "script",
    ["preprocessing.py", "pls_lda.py", "datasets.py", "deep_speed.py", "mccv.py",
     "patch_size.py", "regression.py", "published.py", "deep_defaults.py", "resamples.py",
     "batchnorm_recalibration.py",
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
