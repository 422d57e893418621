"""Choose the deep estimators' defaults without touching any test split.

For each candidate (a training recipe or an architecture), k-fold stratified cross-validation
*on the published training split only* of the bundled spectroscopy sets; prints the mean CV
accuracy per model and candidate. The candidate with the best mean over the data sets becomes
the default.

    python benchmarks/deep_defaults.py --search recipe [--models gap-cnn,pace] [--folds 3]
    python benchmarks/deep_defaults.py --search architecture --models gap-cnn --device cuda

``--quick`` runs one candidate per model on Coffee for 2 epochs (a smoke run).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from _machine import print_header
from joblib import Parallel, delayed
from sklearn.model_selection import StratifiedKFold, cross_val_score

from skspectra import datasets
from skspectra.models import GAPCNNClassifier, PACEClassifier, ResNet1DClassifier
from skspectra.models._deep_training import resolve_device

MODELS = {"gap-cnn": GAPCNNClassifier, "pace": PACEClassifier, "resnet1d": ResNet1DClassifier}
RECIPES = {
    "valid0.2-patience30-lr1e-3": dict(validation_fraction=0.2, patience=30, lr=1e-3),
    "all-data-lr1e-3": dict(validation_fraction=None, patience=None, lr=1e-3),
    "all-data-lr3e-3": dict(validation_fraction=None, patience=None, lr=3e-3),
}
# Architecture candidates per model; "defaults" is the current package default.
ARCHITECTURES = {
    "gap-cnn": {
        "defaults": {},
        "f32": dict(n_filters=32),
        "f32-k15": dict(n_filters=32, kernel_size=15),
        "f32-b4": dict(n_filters=32, n_blocks=4),
        "f32-b5": dict(n_filters=32, n_blocks=5),
        "f32-k15-pool4": dict(n_filters=32, kernel_size=15, pool_size=4),
        "f64-b4": dict(n_filters=64, n_blocks=4),
        "f32-nopool": dict(n_filters=32, pool_size=1),
        "f32-b4-drop0": dict(n_filters=32, n_blocks=4, dropout=0.0),
        "f32-b4-bs8": dict(n_filters=32, n_blocks=4, batch_size=8),
        "f32-b4-lr3e-3": dict(n_filters=32, n_blocks=4, lr=3e-3),
        # round 2, around the best of round 1 (f32-b4-drop0)
        "f32-b5-drop0": dict(n_filters=32, n_blocks=5, dropout=0.0),
        "f64-b4-drop0": dict(n_filters=64, n_blocks=4, dropout=0.0),
        "f16-b4-drop0": dict(n_filters=16, n_blocks=4, dropout=0.0),
        "f32-b4-drop0-k15": dict(n_filters=32, n_blocks=4, dropout=0.0, kernel_size=15),
    },
    "pace": {
        "defaults": {},
        "dim128": dict(dim=128),
        "patch8": dict(patch_size=8),
        "depth2": dict(depth=2),
        "aug-shift2-scale0.1": dict(augment_shift=2.0, augment_scale=0.1),
        "aug-noise0.05": dict(augment_noise=0.05),
        "epochs400": dict(max_epochs=400),
        "bs8": dict(batch_size=8),
        "dim512": dict(dim=512),
        "lr3e-4": dict(lr=3e-4),
        # round 2, around the best of round 1 (aug-noise0.05)
        "aug-noise0.05-epochs400": dict(augment_noise=0.05, max_epochs=400),
        "aug-noise0.1": dict(augment_noise=0.1),
        "aug-noise0.05-shift2": dict(augment_noise=0.05, augment_shift=2.0),
    },
    "resnet1d": {"defaults": {}},
}
DATASETS = ("meat", "coffee", "olive_oil", "beef", "ham")


def candidates(search: str, model: str) -> dict[str, dict]:
    """The candidate parameter sets for ``model`` under the chosen search."""
    return RECIPES if search == "recipe" else ARCHITECTURES[model]


def cv_accuracy(model: str, params: dict, name: str, folds: int,
                device: str) -> tuple[float, float]:
    """Mean CV accuracy of one candidate on one training split, and its seconds."""
    bunch = getattr(datasets, f"load_{name}")(split="train")
    clf = MODELS[model](random_state=0, device=device, **params)
    cv = StratifiedKFold(folds, shuffle=True, random_state=0)
    start = time.perf_counter()
    accuracy = cross_val_score(clf, bunch.data, bunch.target, cv=cv).mean()
    return accuracy, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--search", choices=("recipe", "architecture"), default="recipe")
    parser.add_argument("--models", default="gap-cnn,pace")
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--max-epochs", type=int, default=200)
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda, ...")
    parser.add_argument("--candidates", default=None,
                        help="comma-separated candidate names to run (default: all)")
    parser.add_argument("--n-jobs", type=int, default=1,
                        help="CV runs in parallel processes (several share one GPU well)")
    args = parser.parse_args(argv)
    names = ("coffee",) if args.quick else tuple(args.datasets.split(","))
    max_epochs = 2 if args.quick else args.max_epochs
    print_header(f"Deep defaults: {args.search} candidates", resolve_device(args.device))
    print(f"max_epochs={max_epochs}, {args.folds}-fold stratified CV on the published "
          "training split, random_state=0", flush=True)
    tasks = []
    for model in args.models.split(","):
        cands = candidates(args.search, model)
        if args.candidates:
            cands = {k: v for k, v in cands.items() if k in args.candidates.split(",")}
        for label, params in list(cands.items())[: 1 if args.quick else None]:
            params = {"max_epochs": max_epochs, **params}
            tasks += [(model, label, params, name) for name in names]
    results = Parallel(n_jobs=args.n_jobs, return_as="generator")(
        delayed(cv_accuracy)(model, params, name, args.folds, args.device)
        for model, label, params, name in tasks)
    scores: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for (model, label, _, name), (accuracy, seconds) in zip(tasks, results, strict=True):
        scores.setdefault((model, label), []).append((accuracy, seconds))
        print(f"{model} {label} {name}: {accuracy:.3f} ({seconds:.0f} s)", flush=True)
    rows = [(model, label, [a for a, _ in values], sum(s for _, s in values))
            for (model, label), values in scores.items()]
    print("\n| model | candidate | " + " | ".join(names) + " | mean | seconds |")
    print("|---|---|" + "---|" * len(names) + "---|---|")
    for model, label, accs, seconds in rows:
        cells = " | ".join(f"{a:.3f}" for a in accs)
        print(f"| {model} | {label} | {cells} | {np.mean(accs):.3f} | {seconds:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
