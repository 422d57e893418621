"""Time ``transform`` of every preprocessing transformer on many synthetic spectra.

Usage::

    python benchmarks/preprocessing.py            # 10,000 x 2,000 float64 spectra
    python benchmarks/preprocessing.py --quick    # tiny smoke run (seconds)

Prints a markdown table: the best of ``--repeat`` timings of ``transform`` on an
already fitted transformer. For AsLS it also times LAPACK's banded Cholesky
(``scipy.linalg.solveh_banded``) row by row, the straightforward implementation,
on ``--reference-rows`` spectra and extrapolates it to all of them.
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np
from scipy.linalg import solveh_banded

from skspectra.preprocessing import MSC, SNV, AsLS, Detrend, Normalize, RangeCut, SavGol


def make_data(n_samples: int, n_features: int, seed: int = 0) -> np.ndarray:
    """Raman-like spectra: curved baseline, 8 sharp peaks, scatter, a little noise."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 1.0, n_features)
    X = 1.0 + rng.uniform(-1, 1, (n_samples, 1)) * t
    X = X + rng.uniform(0.5, 1.5, (n_samples, 1)) * np.exp(-(((t - 0.5) / 0.4) ** 2))
    for _ in range(8):
        centre = rng.uniform(0.05, 0.95, (n_samples, 1))
        X += rng.uniform(1, 5, (n_samples, 1)) * np.exp(-0.5 * ((t - centre) / 0.004) ** 2)
    X *= rng.uniform(0.8, 1.2, (n_samples, 1))
    X += rng.normal(scale=0.01, size=X.shape)
    return X


def best_time(func, repeat: int) -> tuple[float, float]:
    """Best wall-clock seconds of ``repeat`` calls, and the CPU seconds of that call.

    CPU time (all threads of this process) is less sensitive to other jobs on
    a shared machine than wall-clock time.
    """
    best = (np.inf, np.inf)
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        func()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def asls_rowwise_solveh(X: np.ndarray, lam: float, p: float, max_iter: int) -> np.ndarray:
    """Reference AsLS: one banded Cholesky solve per spectrum and iteration."""
    n = X.shape[1]
    D = np.diff(np.eye(n), 2, axis=0)  # only to build the bands once
    penalty = lam * (D.T @ D)
    bands = np.zeros((3, n))
    bands[0, 2:] = np.diag(penalty, 2)
    bands[1, 1:] = np.diag(penalty, 1)
    bands[2] = np.diag(penalty)
    out = np.empty_like(X)
    for i, y in enumerate(X):
        w = np.ones(n)
        for _ in range(max_iter):
            ab = bands.copy()
            ab[2] += w
            z = solveh_banded(ab, w * y, check_finite=False)
            w_new = np.where(y > z, p, 1 - p)
            if np.array_equal(w_new, w):
                break
            w = w_new
        out[i] = y - z
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-samples", type=int, default=10_000)
    parser.add_argument("--n-features", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3, help="timings per transformer (best)")
    parser.add_argument(
        "--reference-rows", type=int, default=200, help="spectra for the row-wise AsLS reference"
    )
    parser.add_argument("--quick", action="store_true", help="tiny smoke run: 200 x 300, 1 repeat")
    args = parser.parse_args(argv)
    if args.quick:
        args.n_samples, args.n_features, args.repeat, args.reference_rows = 200, 300, 1, 20

    X = make_data(args.n_samples, args.n_features)
    n, m = X.shape
    transformers = {
        "SavGol(11, 2)": SavGol(11, 2),
        "SavGol(15, 2, deriv=1)": SavGol(15, 2, deriv=1),
        "SNV()": SNV(),
        'MSC("mean")': MSC(),
        "Detrend(order=2)": Detrend(order=2),
        "AsLS(lam=1e5, p=0.01)": AsLS(),
        'Normalize("l2")': Normalize("l2"),
        'Normalize("minmax")': Normalize("minmax"),
        "RangeCut(middle half)": RangeCut(start=m // 4, end=3 * m // 4),
    }
    print(f"# transform of {n} x {m} float64 spectra, best of {args.repeat}")
    print(
        f"# {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, numpy "
        f"{np.__version__}, load average {os.getloadavg()[0]:.1f} (other jobs share the machine)"
    )
    print()
    print("| transformer | seconds | CPU seconds | us / spectrum | spectra / s |")
    print("|---|---:|---:|---:|---:|")
    for name, est in transformers.items():
        est.fit(X)
        seconds, cpu = best_time(lambda est=est: est.transform(X), args.repeat)
        extra = f" (n_iter_ = {est.n_iter_})" if isinstance(est, AsLS) else ""
        print(
            f"| {name}{extra} | {seconds:.3f} | {cpu:.3f} | {1e6 * seconds / n:.1f} "
            f"| {n / seconds:,.0f} |"
        )

    rows = min(args.reference_rows, n)
    wall, cpu = time.perf_counter(), time.process_time()
    reference = asls_rowwise_solveh(X[:rows], 1e5, 0.01, 10)
    seconds, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"| AsLS row-wise solveh_banded, {rows} rows x {n // rows} (extrapolated) | "
        f"{seconds * n / rows:.3f} | {cpu * n / rows:.3f} | {1e6 * seconds / rows:.1f} "
        f"| {rows / seconds:,.0f} |"
    )
    difference = np.abs(reference - AsLS().fit_transform(X[:rows])).max()
    print()
    print(f"# row-wise reference vs AsLS on {rows} rows: max abs difference {difference:.2e}")


if __name__ == "__main__":
    main()
