"""The example scripts of the docs (the sphinx-gallery examples) run as written."""

import runpy
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "docs" / "examples").glob("*.py"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(path, capsys):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")  # the examples end with plt.show(): no windows in tests
    import matplotlib.pyplot as plt

    try:
        runpy.run_path(str(path), run_name="__main__")
    finally:
        plt.close("all")
    assert capsys.readouterr().out.strip()  # every example prints its result
