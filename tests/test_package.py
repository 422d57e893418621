"""The package's public face: cheap import, version, lazy re-exports."""

import subprocess
import sys

import pytest

import skspectra


def _run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )


def test_version_is_a_string():
    assert isinstance(skspectra.__version__, str)
    assert skspectra.__version__.count(".") >= 2


@pytest.mark.parametrize(
    "module",
    ["skspectra", "skspectra.preprocessing", "skspectra.datasets", "skspectra.cli"],
)
def test_import_does_not_import_torch(module):
    result = _run_python(f"import {module}, sys; assert 'torch' not in sys.modules, {module!r}")
    assert result.returncode == 0, result.stderr


def test_lazy_export_does_not_import_torch():
    code = (
        "import sys, skspectra\n"
        "skspectra.SavGol, skspectra.SNV, skspectra.RangeCut\n"
        "assert 'torch' not in sys.modules\n"
    )
    result = _run_python(code)
    assert result.returncode == 0, result.stderr


def test_every_lazy_export_resolves():
    for name in skspectra._LAZY_EXPORTS:
        assert getattr(skspectra, name).__name__ == name
    assert set(skspectra._LAZY_EXPORTS) <= set(dir(skspectra))


def test_unknown_attribute_raises_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'NotAThing'"):
        skspectra.NotAThing  # noqa: B018


def test_every_submodule_is_reachable_after_a_plain_import():
    code = ("import skspectra\n"
            "for name in skspectra._SUBMODULES:\n"
            "    assert getattr(skspectra, name).__name__ == f'skspectra.{name}'\n"
            "skspectra.plotting.plot_attribution\n")
    result = _run_python(code)
    assert result.returncode == 0, result.stderr


def test_the_package_works_without_docstrings():
    # python -OO strips docstrings: nothing may be built from __doc__ at import time
    code = ("import numpy as np, skspectra, skspectra.models, skspectra.explain\n"
            "skspectra.PACEClassifier(); skspectra.plotting\n"
            "import skspectra.cli, skspectra.datasets, skspectra.model_selection, skspectra.nn\n"
            "X = np.random.default_rng(0).normal(size=(20, 30)); y = np.arange(20) % 2\n"
            "skspectra.PLSLDAClassifier(2).fit(X, y).explain(X[:2])\n")
    result = subprocess.run([sys.executable, "-OO", "-c", code], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
