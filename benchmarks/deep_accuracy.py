"""Test accuracy on the bundled UCR spectroscopy sets with their published split.

Every model at its package defaults (no tuning on the test split), several seeds, beside
the published ResNet mean (Ismail Fawaz et al. 2019, from REFERENCE.md) and PLS-LDA with
its number of components chosen by 5-fold CV on the training split.

    python benchmarks/deep_accuracy.py [--quick] [--seeds 5] [--models pls-lda,gap-cnn,...]
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np

from skspectra import datasets
from skspectra.models import (
    GAPCNNClassifier,
    PACEClassifier,
    PLSLDAClassifierCV,
    ResNet1DClassifier,
)

PUBLISHED_RESNET = {"beef": 75.3, "coffee": 100.0, "ham": 75.8, "meat": 99.0, "olive_oil": 84.7}
DEEP = {"gap-cnn": GAPCNNClassifier, "resnet1d": ResNet1DClassifier, "pace": PACEClassifier}


def make_model(name: str, seed: int, quick: bool):
    if name == "pls-lda":
        return PLSLDAClassifierCV(max_components=20, cv=5)
    params = dict(random_state=seed, device="cpu")
    if quick:
        params["max_epochs"] = 2
    return DEEP[name](**params)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=0,
                        help="seeds are first-seed ... first-seed + seeds - 1 (to split runs)")
    parser.add_argument("--models", default="pls-lda,gap-cnn,pace,resnet1d")
    parser.add_argument("--datasets", default="meat,coffee,olive_oil,beef,ham")
    args = parser.parse_args()
    names = ["coffee"] if args.quick else args.datasets.split(",")
    models = args.models.split(",")
    seeds = range(args.first_seed, args.first_seed + (1 if args.quick else args.seeds))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, CPU; seeds {list(seeds)}; "
          "published train/test split; accuracy in %, mean +/- std over seeds")
    table: dict[tuple[str, str], str] = {}
    for name in names:
        train = getattr(datasets, f"load_{name}")(split="train")
        test = getattr(datasets, f"load_{name}")(split="test")
        for model in models:
            scores, start = [], time.perf_counter()
            for seed in seeds if model != "pls-lda" else [0]:  # PLS-LDA is deterministic
                clf = make_model(model, seed, args.quick).fit(train.data, train.target)
                scores.append(100 * clf.score(test.data, test.target))
            seconds = (time.perf_counter() - start) / len(scores)
            table[name, model] = f"{np.mean(scores):.1f} +/- {np.std(scores):.1f}"
            print(f"{name:10s} {model:9s} {table[name, model]:>14s}  ({seconds:.0f} s per fit) "
                  f"{[round(s, 1) for s in scores]}", flush=True)
    print("\n| dataset | published ResNet | " + " | ".join(models) + " |")
    print("|---|---:|" + "---:|" * len(models))
    for name in names:
        cells = " | ".join(table[name, m] for m in models)
        print(f"| {name} | {PUBLISHED_RESNET[name]:.1f} | {cells} |")


if __name__ == "__main__":
    main()
