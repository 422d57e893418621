"""Choose the deep estimators' training defaults without touching any test split.

For each candidate training recipe, k-fold cross-validation *on the published training
split only* of the bundled spectroscopy sets; prints the mean CV accuracy per model and
recipe. The recipe with the best mean over the data sets becomes the default.

    python benchmarks/deep_defaults.py [--quick] [--models gap-cnn,pace] [--folds 3]
"""

from __future__ import annotations

import argparse
import platform
import time

import numpy as np
from sklearn.model_selection import StratifiedKFold, cross_val_score

from skspectra import datasets
from skspectra.models import GAPCNNClassifier, PACEClassifier, ResNet1DClassifier

MODELS = {"gap-cnn": GAPCNNClassifier, "pace": PACEClassifier, "resnet1d": ResNet1DClassifier}
RECIPES = {
    "valid0.2-patience30-lr1e-3": dict(validation_fraction=0.2, patience=30, lr=1e-3),
    "all-data-lr1e-3": dict(validation_fraction=None, patience=None, lr=1e-3),
    "all-data-lr3e-3": dict(validation_fraction=None, patience=None, lr=3e-3),
}
DATASETS = ("meat", "coffee", "olive_oil", "beef")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--models", default="gap-cnn,pace")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--max-epochs", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    names = ("coffee",) if args.quick else DATASETS
    max_epochs = 2 if args.quick else args.max_epochs
    print(f"machine: {platform.machine()}, {__import__('os').cpu_count()} cores, CPU; "
          f"max_epochs={max_epochs}, batch_size={args.batch_size}, {args.folds}-fold CV "
          "on the published training split")
    rows = []
    for model in args.models.split(","):
        for recipe, params in RECIPES.items():
            accs = []
            start = time.perf_counter()
            for name in names:
                bunch = getattr(datasets, f"load_{name}")(split="train")
                clf = MODELS[model](max_epochs=max_epochs, batch_size=args.batch_size,
                                    random_state=0, device="cpu", **params)
                cv = StratifiedKFold(args.folds, shuffle=True, random_state=0)
                accs.append(cross_val_score(clf, bunch.data, bunch.target, cv=cv).mean())
            seconds = time.perf_counter() - start
            rows.append((model, recipe, accs, seconds))
            cells = " | ".join(f"{a:.3f}" for a in accs)
            print(f"| {model} | {recipe} | {cells} | {np.mean(accs):.3f} | {seconds:.0f} |",
                  flush=True)
    print("\n| model | recipe | " + " | ".join(names) + " | mean | seconds |")
    print("|---|---|" + "---|" * len(names) + "---|---|")
    for model, recipe, accs, seconds in rows:
        cells = " | ".join(f"{a:.3f}" for a in accs)
        print(f"| {model} | {recipe} | {cells} | {np.mean(accs):.3f} | {seconds:.0f} |")


if __name__ == "__main__":
    main()
