"""Test-session settings shared by every test module."""

import itertools
import os

import pytest

# One BLAS/torch thread per test process: the tiny networks of the tests gain nothing
# from more, and two pytest-xdist workers must not oversubscribe a 2-core machine.
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture()
def slow_progress_clock(monkeypatch):
    """Explanation progress reads a clock that moves 10 s per reading, so every batch of a
    loop outlasts the 2 s between progress lines."""
    from skspectra.explain import _progress

    class Clock:
        def __init__(self):
            self.ticks = itertools.count(step=10.0)

        def perf_counter(self):
            return next(self.ticks)

    monkeypatch.setattr(_progress, "time", Clock())
