"""Monte-Carlo cross-validation on Meat: deep models against PLS-LDA, and explanation stability.

The protocol of the GAP-CNN paper (Anal. Chim. Acta 2020, 1119, 41-51): many random
stratified train/test partitions of all 120 Meat spectra (``StratifiedShuffleSplit``,
``--n-splits`` 50, ``--test-size`` 0.3, the same partitions for every model, so the
comparison is paired). Models at their package defaults: PLS-LDA is
``PLSLDAClassifierCV(max_components=20, cv=5)`` (number of components chosen by 5-fold
CV on each training part), the deep models (``--models``, default
``gap-cnn,pace,resnet1d``) train with ``random_state = seed + split``.

Printed:

1. accuracy per model over the splits: mean, std, min, 5th/50th/95th percentile, mean
   fit time;
2. the paired difference deep model - PLS-LDA: mean, std, and on how many splits each
   one wins;
3. explanation stability: for each split, model, method and class, the class-mean
   explanation of the reference set (all 120 spectra; the spectra of class c explained
   for target c, then averaged), normalised to max |value| = 1. Across splits: the mean
   and minimum pairwise Pearson correlation of these maps, and the mean overlap of their
   top-k points by |value| (``--top-k`` 20; random maps overlap by about k / 448).
   Methods: ``--deep-methods`` (default ``cam,grad_cam``) for the deep models,
   ``coef`` (per-spectrum contributions coef * (x - mean)) and ``vip`` (the same map
   for every class) for PLS-LDA.

Commands::

    python benchmarks/mccv.py --quick                     # smoke run, < 1 min on 1 core
    python benchmarks/mccv.py --n-jobs 12                 # full run, on a GPU machine
    python benchmarks/mccv.py --models gap-cnn --n-splits 3 --device cpu

``--n-jobs`` runs that many (split, model) fits at once in worker processes; on a GPU
they share the device (the nets are small, so one fit leaves most of it idle). Fit times
are measured inside each worker and so include the contention between workers.
Measured on one H100 (16 CPU cores) with ``--n-jobs 12``: 12 splits of all four models in
111 s (deep fits of 17-38 s, 12 at a time), so the full 50 splits take about 7-8 minutes.
On a CPU (one core of a shared machine) a fit took 15-21 s for GAP-CNN and 85-110 s for
PACE, and ResNet1D takes minutes per fit: the full run takes hours there.

Meat holds duplicate acquisitions of 60 samples and the labels do not say which spectra
are duplicates, so (as in the paper's random partitions) the two spectra of a sample can
fall on both sides of a split: the accuracies are those of that protocol.
``--csv PATH`` writes every split's accuracy and fit time.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np
from _machine import print_header
from joblib import Parallel, delayed
from sklearn.model_selection import StratifiedShuffleSplit

from skspectra.datasets import load_meat
from skspectra.explain._stability import _pairwise_agreement
from skspectra.models import (
    GAPCNNClassifier,
    PACEClassifier,
    PLSLDAClassifierCV,
    ResNet1DClassifier,
)
from skspectra.models.deep._training import resolve_device

REFERENCE = "pls-lda"
DEEP = {"gap-cnn": GAPCNNClassifier, "pace": PACEClassifier, "resnet1d": ResNet1DClassifier}
PLS_METHODS = ("coef", "vip")
DEEP_METHODS = ("cam", "grad_cam", "grad_cam_1d", "grad_cam_occlusion", "saliency",
                "smoothgrad", "integrated_gradients", "occlusion", "lime")
# --quick only: tiny networks and one epoch, to exercise the code path, not to score.
QUICK_PARAMS = {
    "gap-cnn": {"n_filters": 4},
    "pace": {"dim": 8, "depth": 1},
    "resnet1d": {"hidden_channels": 8, "stem_channels": 8, "n_stages": 2,
                 "blocks_per_stage": 1},
}


def make_model(name: str, seed: int, device: str, quick: bool):
    """The model ``name`` at its package defaults (tiny and one epoch with ``quick``)."""
    if name == REFERENCE:
        return PLSLDAClassifierCV(max_components=20, cv=5)
    params = {"random_state": seed, "device": device}
    if quick:
        params.update(QUICK_PARAMS[name], max_epochs=1)
    return DEEP[name](**params)


def class_mean_maps(clf, X: np.ndarray, y: np.ndarray, method: str) -> np.ndarray:
    """Per class c: the mean explanation of the spectra of class c for target c,
    normalised to max |value| = 1; shape (n_classes, n_features)."""
    maps = []
    for label in clf.classes_:
        mean_map = clf.explain(X[y == label], method=method, target=label).mean(axis=0)
        peak = np.abs(mean_map).max()
        maps.append(mean_map / peak if peak > 0 else mean_map)
    return np.array(maps)


def run_one(name: str, split: int, train: np.ndarray, test: np.ndarray, X: np.ndarray,
            y: np.ndarray, options: dict) -> dict:
    """Fit one model on one split; its accuracy, fit time and class-mean maps."""
    clf = make_model(name, options["seed"] + split, options["device"], options["quick"])
    start = time.perf_counter()
    clf.fit(X[train], y[train])
    fit_seconds = time.perf_counter() - start
    methods = PLS_METHODS if name == REFERENCE else options["deep_methods"]
    return {
        "model": name,
        "split": split,
        "accuracy": 100.0 * clf.score(X[test], y[test]),
        "fit_seconds": fit_seconds,
        "n_components": getattr(clf, "n_components_", ""),
        "maps": {method: class_mean_maps(clf, X, y, method) for method in methods},
    }


def accuracy_table(results: list[dict], models: list[str]) -> None:
    print("## Accuracy over the Monte-Carlo splits (%)\n")
    print("| model | splits | mean | std | min | 5th pct | median | 95th pct | mean fit (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in models:
        acc = np.array([r["accuracy"] for r in results if r["model"] == name])
        fit = np.mean([r["fit_seconds"] for r in results if r["model"] == name])
        p5, p50, p95 = np.percentile(acc, [5, 50, 95])
        print(f"| {name} | {len(acc)} | {acc.mean():.2f} | {acc.std():.2f} | {acc.min():.1f} "
              f"| {p5:.1f} | {p50:.1f} | {p95:.1f} | {fit:.1f} |")
    chosen = [r["n_components"] for r in results if r["model"] == REFERENCE]
    print(f"\nPLS-LDA components chosen by inner CV: median {np.median(chosen):g}, "
          f"range {min(chosen)}-{max(chosen)}.\n")


def paired_table(results: list[dict], models: list[str], n_splits: int) -> None:
    reference = np.array([r["accuracy"] for r in results if r["model"] == REFERENCE])
    print("## Paired difference, deep model - PLS-LDA (percentage points, same splits)\n")
    print("| model | mean difference | std | model better | tie | PLS-LDA better |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in models:
        if name == REFERENCE:
            continue
        diff = np.array([r["accuracy"] for r in results if r["model"] == name]) - reference
        print(f"| {name} | {diff.mean():+.2f} | {diff.std():.2f} | {np.sum(diff > 0)} "
              f"| {np.sum(diff == 0)} | {np.sum(diff < 0)} |")
    print(f"\n({n_splits} splits.)\n")


def stability_table(results: list[dict], models: list[str], classes, top_k: int,
                    n_features: int) -> None:
    print("## Explanation stability across splits (class-mean maps of all 120 spectra)\n")
    print(f"Top-{top_k} overlap of random maps: about {top_k / n_features:.3f}.\n")
    print(f"| model | method | class | mean pairwise r | min pairwise r | top-{top_k} overlap "
          "| constant maps |")
    print("|---|---|---|---:|---:|---:|---:|")
    for name in models:
        rows = [r for r in results if r["model"] == name]
        for method in rows[0]["maps"]:
            stacked = np.stack([r["maps"][method] for r in rows])  # splits, classes, features
            for c, label in enumerate(classes):
                mean_r, min_r, overlap, constant = _pairwise_agreement(stacked[:, c], top_k)
                print(f"| {name} | {method} | {label} | {mean_r:.3f} | {min_r:.3f} "
                      f"| {overlap:.3f} | {constant} |")
    print()


def write_csv(path: str, results: list[dict]) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["split", "model", "accuracy", "fit_seconds", "n_components"])
        for r in sorted(results, key=lambda r: (r["split"], r["model"])):
            writer.writerow([r["split"], r["model"], f"{r['accuracy']:.4f}",
                             f"{r['fit_seconds']:.3f}", r["n_components"]])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 3 splits, tiny networks, 1 epoch")
    parser.add_argument("--n-splits", type=int, default=50)
    parser.add_argument("--test-size", type=float, default=0.3)
    parser.add_argument("--models", default="gap-cnn,pace,resnet1d",
                        help=f"deep models, comma-separated, from {sorted(DEEP)} "
                             "(PLS-LDA always runs: it is the reference)")
    parser.add_argument("--deep-methods", default="cam,grad_cam",
                        help="explanation methods of the deep models, comma-separated")
    parser.add_argument("--top-k", type=int, default=20)
    parser.add_argument("--device", default="auto", help='"auto", "cpu", "cuda", ...')
    parser.add_argument("--n-jobs", type=int, default=1,
                        help="fits run at once in worker processes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--csv", metavar="PATH", help="write every split's scores here")
    args = parser.parse_args(argv)
    args.models = [m.strip() for m in args.models.split(",") if m.strip()]
    unknown = [m for m in args.models if m not in DEEP]
    if unknown:
        parser.error(f"unknown model(s) {unknown}; choose from {sorted(DEEP)}")
    args.deep_methods = tuple(m.strip() for m in args.deep_methods.split(",") if m.strip())
    unknown = [m for m in args.deep_methods if m not in DEEP_METHODS]
    if unknown or not args.deep_methods:
        parser.error(f"--deep-methods: unknown {unknown}; choose from {list(DEEP_METHODS)}")
    if args.quick:
        args.n_splits = min(args.n_splits, 3)
    if not 0 < args.test_size < 1:
        parser.error("--test-size must be between 0 and 1")
    if args.top_k < 1:
        parser.error("--top-k must be at least 1")
    if args.n_splits < 2:
        parser.error("--n-splits must be at least 2 (stability compares pairs of splits)")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    try:
        device = resolve_device(args.device)
    except (TypeError, ValueError) as exc:
        sys.exit(f"error: {exc}")
    print_header("Monte-Carlo cross-validation on Meat", device)
    meat = load_meat()
    X, y = meat.data, meat.target
    splitter = StratifiedShuffleSplit(args.n_splits, test_size=args.test_size,
                                      random_state=args.seed)
    splits = list(splitter.split(X, y))
    models = [REFERENCE, *args.models]
    print(f"Meat {X.shape}, {args.n_splits} stratified random splits "
          f"({len(splits[0][0])} train / {len(splits[0][1])} test), seed {args.seed}; "
          f"models {models}; {args.n_jobs} job(s){'; QUICK smoke run' if args.quick else ''}\n",
          flush=True)
    options = {"seed": args.seed, "device": device, "quick": args.quick,
               "deep_methods": args.deep_methods}
    jobs = [delayed(run_one)(name, i, train, test, X, y, options)
            for i, (train, test) in enumerate(splits) for name in models]
    start = time.perf_counter()
    results = []
    for result in Parallel(n_jobs=args.n_jobs, return_as="generator")(jobs):
        results.append(result)
        print(f"split {result['split'] + 1:3d}/{args.n_splits} {result['model']:9s} "
              f"accuracy {result['accuracy']:6.2f} %  fit {result['fit_seconds']:7.1f} s  "
              f"(elapsed {time.perf_counter() - start:.0f} s)", flush=True)
    print(f"\nAll fits and explanations: {time.perf_counter() - start:.0f} s wall-clock.\n")
    accuracy_table(results, models)
    paired_table(results, models, args.n_splits)
    stability_table(results, models, meat.target_names, args.top_k, X.shape[1])
    if args.csv:
        write_csv(args.csv, results)
        print(f"Per-split scores written to {args.csv}.")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
