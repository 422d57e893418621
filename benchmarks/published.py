"""Every model on the bundled UCR spectroscopy sets with the published train/test split.

Each model at its package defaults (no tuning on any test split), several seeds, beside the
published results of REFERENCE.md: ResNet and FCN (mean of 5 runs, Ismail Fawaz et al. 2019),
InceptionTime (mean of 5), ROCKET (mean of 10), MiniROCKET and HIVE-COTE 2 (one run). PLS-LDA
picks its number of components by 5-fold CV on the training split; it is deterministic, so
it runs once.

    python benchmarks/published.py [--quick] [--seeds 5] [--device auto]
        [--models pls-lda,gap-cnn,pace,resnet1d] [--datasets meat,coffee,olive_oil,beef,ham]

A full run on CPU takes hours (ResNet1D: minutes per fit); on one GPU a few minutes.
``--quick`` fits each model once on Coffee for 2 epochs (a smoke run).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from _machine import print_header
from joblib import Parallel, delayed

from skspectra import datasets
from skspectra.models import (
    GAPCNNClassifier,
    PACEClassifier,
    PLSLDAClassifierCV,
    ResNet1DClassifier,
)
from skspectra.models.deep._training import resolve_device

# Published test accuracy (%) on the UCR default split, from REFERENCE.md.
PUBLISHED = {
    "ResNet": {"beef": 75.3, "coffee": 100.0, "ham": 75.8, "meat": 99.0, "olive_oil": 84.7,
               "ecg5000": 93.5},
    "FCN": {"beef": 68.0, "coffee": 100.0, "ham": 70.7, "meat": 80.3, "olive_oil": 72.0,
            "ecg5000": 94.0},
    "Inception": {"beef": 68.7, "coffee": 100.0, "ham": 70.5, "meat": 93.3, "olive_oil": 82.0,
                  "ecg5000": 93.9},
    "ROCKET": {"beef": 83.3, "coffee": 100.0, "ham": 72.6, "meat": 94.8, "olive_oil": 91.7,
               "ecg5000": 94.7},
    "MiniROCKET": {"beef": 83.3, "coffee": 100.0, "ham": 71.4, "meat": 96.7, "olive_oil": 93.3,
                   "ecg5000": 94.5},
    "HC2": {"beef": 83.3, "coffee": 100.0, "ham": 72.4, "meat": 93.3, "olive_oil": 86.7,
            "ecg5000": 94.7},
}
DEEP = {"gap-cnn": GAPCNNClassifier, "resnet1d": ResNet1DClassifier, "pace": PACEClassifier}


def make_model(name: str, seed: int, device: str, quick: bool):
    """The model called ``name`` at its package defaults (2 epochs when ``quick``)."""
    if name == "pls-lda":
        return PLSLDAClassifierCV(max_components=20, cv=5)
    params = {"random_state": seed, "device": device}
    if quick:
        params["max_epochs"] = 2
    return DEEP[name](**params)


def score_one(name: str, model: str, seed: int, device: str, quick: bool) -> tuple[float, float]:
    """Test accuracy (%) of one fit of ``model`` on data set ``name``, and its seconds."""
    train = getattr(datasets, f"load_{name}")(split="train")
    test = getattr(datasets, f"load_{name}")(split="test")
    start = time.perf_counter()
    clf = make_model(model, seed, device, quick).fit(train.data, train.target)
    return 100 * clf.score(test.data, test.target), time.perf_counter() - start


def print_table(names: list[str], models: list[str], table: dict) -> None:
    """The Markdown table: published methods first, then this package's models."""
    published = list(PUBLISHED)
    print("\n| dataset | " + " | ".join(published) + " | " + " | ".join(models) + " |")
    print("|---|" + "---:|" * (len(published) + len(models)))
    for name in names:
        ref = " | ".join(f"{PUBLISHED[p][name]:.1f}" for p in published)
        ours = " | ".join(table[name, m] for m in models)
        print(f"| {name} | {ref} | {ours} |")
    print("\nBeats or matches the published ResNet mean (ours mean >= ResNet):")
    for model in models:
        wins = [n for n in names if float(table[n, model].split()[0]) >= PUBLISHED["ResNet"][n]]
        print(f"  {model}: {len(wins)}/{len(names)} {wins}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=0,
                        help="seeds are first-seed ... first-seed + seeds - 1 (to split runs)")
    parser.add_argument("--models", default="pls-lda,gap-cnn,pace,resnet1d")
    parser.add_argument("--datasets", default="meat,coffee,olive_oil,beef,ham")
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:1, ...")
    parser.add_argument("--n-jobs", type=int, default=1,
                        help="fits run in parallel processes (several share one GPU well)")
    args = parser.parse_args(argv)
    names = ["coffee"] if args.quick else args.datasets.split(",")
    models = args.models.split(",")
    unknown = sorted(set(models) - set(DEEP) - {"pls-lda"})
    if unknown:
        parser.error(f"unknown model(s) {unknown}; choose from pls-lda, {', '.join(DEEP)}")
    seeds = range(args.first_seed, args.first_seed + (1 if args.quick else args.seeds))
    print_header("Accuracy on the published UCR splits", resolve_device(args.device))
    print(f"seeds {list(seeds)}; published train/test split; accuracy in %, "
          "mean +/- std over seeds", flush=True)
    # PLS-LDA is deterministic: one fit.
    tasks = [(name, model, seed) for name in names for model in models
             for seed in (seeds if model != "pls-lda" else [0])]
    results = Parallel(n_jobs=args.n_jobs, return_as="generator")(
        delayed(score_one)(name, model, seed, args.device, args.quick)
        for name, model, seed in tasks)
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for (name, model, seed), (accuracy, seconds) in zip(tasks, results, strict=True):
        runs.setdefault((name, model), []).append((accuracy, seconds))
        print(f"{name:10s} {model:9s} seed {seed}: {accuracy:5.1f} % ({seconds:.1f} s)", flush=True)
    table = {}
    for key, values in runs.items():
        scores, seconds = np.array(values).T
        table[key] = f"{scores.mean():.1f} +/- {scores.std():.1f}"
        print(f"{key[0]:10s} {key[1]:9s} {table[key]:>14s}  ({seconds.mean():.1f} s per fit)")
    print_table(names, models, table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
