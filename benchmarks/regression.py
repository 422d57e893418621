"""Regression on Tecator (NIR spectra of meat, fat %): RMSEP of PLS and the deep regressors.

Everything is trained on the 172 training spectra of ``load_tecator`` and scored once on its
43 test spectra (RMSEP, the root mean squared error of prediction, in % fat):

* ``--part pls``: ``PLSRegression`` with ``n_components`` in 1..20 chosen by 10-fold CV on the
  training split (``GridSearchCV``, RMSE), on the raw absorbances and after a Savitzky-Golay
  derivative (window 15, order 2, derivative 1 or 2, also chosen by the same CV), and
  ``PLSRegressorCV`` on the same folds (it must choose what the grid search chooses, from
  one PLS fit per fold). Deterministic: one run.
* ``--part deep``: ``GAPCNNRegressor``, ``PACERegressor`` and ``ResNet1DRegressor`` with the
  package defaults, ``--seeds`` seeds (``random_state`` 0, 1, ...): mean, standard deviation,
  minimum and maximum RMSEP over the seeds, and the mean fit time.
* ``--part select``: candidate regression settings per network, scored by 5-fold CV RMSE on
  the *training* split only (seed 0), to check whether the classification defaults suit
  regression; the test split is not used.

    python benchmarks/regression.py                         # PLS and deep, 5 seeds
    python benchmarks/regression.py --part deep --device cuda --seeds 5
    python benchmarks/regression.py --part select --models pace --device cuda

``--quick`` is a smoke run (PLS with 1..5 components and 3 folds; the networks for 2 epochs,
one seed). Published RMSEP values for this exact split could not be verified (see
``REFERENCE_NOTE``), so none is printed.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from _machine import print_header
from sklearn.cross_decomposition import PLSRegression
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score
from sklearn.pipeline import Pipeline

from skspectra.datasets import load_tecator
from skspectra.models import GAPCNNRegressor, PACERegressor, PLSRegressorCV, ResNet1DRegressor
from skspectra.models.deep._training import resolve_device
from skspectra.preprocessing import SavGol

MODELS = {"gap-cnn": GAPCNNRegressor, "pace": PACERegressor, "resnet1d": ResNet1DRegressor}
# Candidate settings for --part select: the package defaults, and the changes that a
# regression target could call for (absolute absorbance kept, ...). PACERegressor's default
# dropout is 0 (not the classifier's 0.2) because of this search; "dropout0.2" re-checks it.
CANDIDATES = {
    "gap-cnn": {
        "defaults": {},
        "standardize-global": dict(standardize="global"),
        "lr3e-3": dict(lr=3e-3),
    },
    "pace": {
        "defaults": {},
        "dropout0.2": dict(dropout=0.2),
        "standardize-global": dict(standardize="global"),
        "patch8": dict(patch_size=8),
    },
    "resnet1d": {
        "defaults": {},
        "standardize-global": dict(standardize="global"),
        "lr3e-3": dict(lr=3e-3),
    },
}
REFERENCE_NOTE = (
    "Published reference: none verified. Tecator is not among the data sets of the time series "
    "extrinsic regression archive (Tan et al. 2021, 19 sets) nor in the result files of its "
    "63-problem expansion (Guijo-Rubio et al. 2024), and the classic Tecator papers "
    "(Borggaard & Thodberg 1992; Thodberg 1993) used the original 129/43/43 design, not "
    "this 172/43 split; their numbers were not available to check."
)


def rmse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return float(np.sqrt(np.mean((np.ravel(y_true) - np.ravel(y_pred)) ** 2)))


def pls_part(X, y, X_test, y_test, quick: bool) -> None:
    max_k = 5 if quick else 20
    folds = 3 if quick else 10
    cv = KFold(folds, shuffle=True, random_state=0)
    print(f"## PLS regression (n_components 1..{max_k} by {folds}-fold CV on the training "
          "split)\n")
    print("| model | chosen by CV | CV RMSE (train) | RMSEP (test) | fit + CV time (s) |")
    print("|---|---|---:|---:|---:|")
    searches = {
        "PLSRegression (raw absorbances)": (
            PLSRegression(scale=False), {"n_components": range(1, max_k + 1)}),
        "SavGol(15, 2, deriv) + PLSRegression": (
            Pipeline([("sg", SavGol(15, 2)), ("pls", PLSRegression(scale=False))]),
            {"sg__deriv": [1, 2], "pls__n_components": range(1, max_k + 1)}),
    }
    for name, (model, grid) in searches.items():
        start = time.perf_counter()
        search = GridSearchCV(model, grid, cv=cv, scoring="neg_root_mean_squared_error")
        search.fit(X, y)
        seconds = time.perf_counter() - start
        chosen = ", ".join(f"{k.split('__')[-1]}={v}" for k, v in search.best_params_.items())
        print(f"| {name} | {chosen} | {-search.best_score_:.3f} "
              f"| {rmse(y_test, search.predict(X_test)):.3f} | {seconds:.2f} |", flush=True)
    # the package's own: every k scored from one PLS fit per fold (same folds, same choice)
    start = time.perf_counter()
    ours = PLSRegressorCV(max_components=max_k, cv=cv).fit(X, y)
    seconds = time.perf_counter() - start
    print(f"| PLSRegressorCV (raw absorbances) | n_components={ours.n_components_} "
          f"| {ours.rmsecv_:.3f} | {rmse(y_test, ours.predict(X_test)):.3f} | {seconds:.2f} |",
          flush=True)
    print()


def deep_part(X, y, X_test, y_test, models: list[str], seeds: range, device: str,
              max_epochs: int | None) -> None:
    epochs = "package default (200)" if max_epochs is None else str(max_epochs)
    print(f"## Deep regressors, package defaults, max_epochs {epochs}, seeds {list(seeds)}\n")
    print("| model | RMSEP mean | std | min | max | per-seed RMSEP | fit time (s, mean) |")
    print("|---|---:|---:|---:|---:|---|---:|")
    extra = {} if max_epochs is None else {"max_epochs": max_epochs}
    for model in models:
        scores, times = [], []
        for seed in seeds:
            reg = MODELS[model](random_state=seed, device=device, **extra)
            start = time.perf_counter()
            reg.fit(X, y)
            times.append(time.perf_counter() - start)
            scores.append(rmse(y_test, reg.predict(X_test)))
        s = np.array(scores)
        print(f"| {type(reg).__name__} | {s.mean():.3f} | {s.std():.3f} | {s.min():.3f} "
              f"| {s.max():.3f} | {', '.join(f'{v:.2f}' for v in s)} | {np.mean(times):.1f} |",
              flush=True)
    print()


def select_part(X, y, models: list[str], device: str, folds: int,
                max_epochs: int | None, only: list[str] | None = None) -> None:
    extra = {} if max_epochs is None else {"max_epochs": max_epochs}
    print(f"## Regression settings by {folds}-fold CV RMSE on the training split only "
          "(seed 0; the test split is not used)\n")
    print("| model | candidate | settings | CV RMSE mean | CV RMSE std | time (s) |")
    print("|---|---|---|---:|---:|---:|")
    cv = KFold(folds, shuffle=True, random_state=0)
    for model in models:
        for name, params in CANDIDATES[model].items():
            if only and name not in only:
                continue
            reg = MODELS[model](random_state=0, device=device, **{**params, **extra})
            start = time.perf_counter()
            scores = -cross_val_score(reg, X, y, cv=cv, scoring="neg_root_mean_squared_error")
            print(f"| {model} | {name} | {params or 'package defaults'} | {scores.mean():.3f} "
                  f"| {scores.std():.3f} | {time.perf_counter() - start:.0f} |", flush=True)
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--part", choices=("all", "pls", "deep", "select"), default="all",
                        help="all = pls + deep")
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=0,
                        help="seeds are first-seed ... first-seed + seeds - 1 (to split runs)")
    parser.add_argument("--folds", type=int, default=5, help="folds of --part select")
    parser.add_argument("--max-epochs", type=int, default=None,
                        help="override the package default (200)")
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda, ...")
    parser.add_argument("--candidates", default=None,
                        help="--part select: comma-separated candidate names (default: all)")
    args = parser.parse_args(argv)
    models = args.models.split(",")
    unknown = sorted(set(models) - set(MODELS))
    if unknown:
        parser.error(f"unknown models {unknown}; choose from {list(MODELS)}")
    seeds = range(args.first_seed, args.first_seed + (1 if args.quick else args.seeds))
    max_epochs = 2 if args.quick else args.max_epochs
    device = resolve_device(args.device)
    print_header("Tecator fat regression (RMSEP in % fat, 172 train / 43 test spectra)", device)
    X, y = load_tecator(split="train", return_X_y=True)
    X_test, y_test = load_tecator(split="test", return_X_y=True)
    baseline = rmse(y_test, np.full_like(y_test, y.mean()))
    print(f"Predicting the training mean gives RMSEP {baseline:.3f} (test fat: mean "
          f"{y_test.mean():.2f}, std {y_test.std():.2f}).\n")
    if args.part in ("all", "pls"):
        pls_part(X, y, X_test, y_test, args.quick)
    if args.part in ("all", "deep"):
        deep_part(X, y, X_test, y_test, models, seeds, device, max_epochs)
    if args.part == "select":
        select_part(X, y, models, device, 2 if args.quick else args.folds, max_epochs,
                    args.candidates.split(",") if args.candidates else None)
    print(REFERENCE_NOTE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
