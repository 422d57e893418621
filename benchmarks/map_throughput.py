"""Hyperspectral maps: spectra per second of predict_map, and of its default explanation.

A (rows, cols, 448) float32 cube is written to a ``.npy`` file in a temporary folder (pixels
drawn from Meat's 120 FTIR spectra, with noise) and read back as a memmap, so the models
read it from disk batch by batch, as they would a map larger than memory. PLS-LDA-CV and
PACE are fitted at their package defaults on Meat; ``predict_map`` then runs over the whole
cube (class and probabilities), and with ``explain=True`` over its first
``--explain-pixels`` pixels (the default method of each model: far slower, so it is timed on
a part and the time for the whole cube is extrapolated, and says so).

Peak memory is the process's peak resident set (``ru_maxrss``); it counts the memmap's
pages that were resident at the time, so it is an upper bound of what the run needed.

Usage (from ``benchmarks/``)::

    python map_throughput.py                       # 1000 x 1000 = 10^6 spectra (1.8 GB file)
    python map_throughput.py --quick               # 20 x 20, 2 epochs: a smoke run
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from _machine import print_header

from skspectra.datasets import load_meat
from skspectra.maps import predict_map
from skspectra.models import PACEClassifier, PLSLDAClassifierCV


def write_cube(path: Path, rows: int, cols: int, X: np.ndarray, seed: int = 0) -> np.ndarray:
    """Write the cube in row blocks (never whole in memory); return it as a read-only memmap."""
    rng = np.random.default_rng(seed)
    cube = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32,
                                     shape=(rows, cols, X.shape[1]))
    noise = 0.01 * X.std()
    for row in range(rows):
        picks = X[rng.integers(0, len(X), size=cols)]
        cube[row] = picks + rng.normal(0, noise, size=picks.shape)
    cube.flush()
    del cube
    return np.load(path, mmap_mode="r")


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 x 20 pixels, 2 epochs")
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--cols", type=int, default=1000)
    parser.add_argument("--explain-pixels", type=int, default=1000,
                        help="pixels explained per model (the first ones of the cube)")
    parser.add_argument("--batch-size", type=int, default=4096)
    args = parser.parse_args()
    rows, cols = (20, 20) if args.quick else (args.rows, args.cols)
    explain_pixels = min(40 if args.quick else args.explain_pixels, rows * cols)
    print_header("Hyperspectral maps: predict_map throughput", "cpu")
    print(f"cube {rows} x {cols} x 448 float32 ({rows * cols:,} spectra), batch "
          f"{args.batch_size}; torch threads {torch.get_num_threads()}\n", flush=True)
    X, y = load_meat(return_X_y=True)
    models = {"pls-lda-cv": PLSLDAClassifierCV(),
              "pace": PACEClassifier(max_epochs=2 if args.quick else 200, random_state=0,
                                     device="cpu")}
    rows_out = []
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        cube = write_cube(Path(folder) / "cube.npy", rows, cols, X)
        size_gb = cube.nbytes / 1e9
        print(f"wrote the cube ({size_gb:.2f} GB) in {time.perf_counter() - start:.0f} s",
              flush=True)
        part = cube.reshape(-1, 448)[:explain_pixels].reshape(1, explain_pixels, 448)
        for name, model in models.items():
            start = time.perf_counter()
            model.fit(X, y)
            fit_seconds = time.perf_counter() - start
            print(f"{name}: fitted in {fit_seconds:.0f} s", flush=True)
            result = predict_map(model, cube, batch_size=args.batch_size, verbose=1)
            labels, numbers = np.unique(result.prediction, return_counts=True)
            counts = {str(c): int(n) for c, n in zip(labels, numbers, strict=True)}
            explained = predict_map(model, part, batch_size=args.batch_size, explain=True,
                                    verbose=0)
            rows_out.append((name, fit_seconds, result.seconds, rows * cols / result.seconds,
                             explained.method, explained.seconds,
                             explain_pixels / explained.seconds,
                             rows * cols * explained.seconds / explain_pixels / 3600,
                             peak_memory_mb(), counts))
            print(f"{name}: predicted {rows * cols:,} pixels in {result.seconds:.1f} s; "
                  f"explained {explain_pixels} in {explained.seconds:.1f} s", flush=True)
    print(f"\nCube file: {size_gb:.2f} GB; peak resident memory is cumulative over the run.\n")
    print("| model | fit (s) | predict_map (s) | spectra/s | default explanation | explained "
          "pixels | explanation (s) | explained spectra/s | whole cube, extrapolated (h) "
          "| peak memory so far (MB) | class counts |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|")
    for (name, fit_s, seconds, rate, method, ex_s, ex_rate, hours, memory, counts) in rows_out:
        print(f"| {name} | {fit_s:.0f} | {seconds:.1f} | {rate:,.0f} | {method} | "
              f"{explain_pixels} | {ex_s:.1f} | {ex_rate:,.1f} | {hours:.2f} | {memory:.0f} | "
              f"{counts} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
