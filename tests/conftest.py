"""Test-session settings shared by every test module."""

import os

# One BLAS/torch thread per test process: the tiny networks of the tests gain nothing
# from more, and two pytest-xdist workers must not oversubscribe a 2-core machine.
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

os.environ.setdefault("MPLBACKEND", "Agg")
