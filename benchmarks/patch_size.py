"""Grid search over PACE's ``patch_size`` and ``pool_dim``: the CV score of every setting.

``GridSearchCV(PACEClassifier(random_state=seed), {"patch_size": [...], "pool_dim":
[...]}, cv=StratifiedKFold(5, shuffle=True, random_state=seed))`` on the published
training split of a bundled classification set (``--dataset``, default ``meat``), every other
parameter at its package default (``dim=256``, ``depth=4``, 200 epochs, ...). Printed:
mean and std of the CV accuracy and the mean fit time of every setting, sorted by rank,
then the best setting refitted on the whole training split and its accuracy on the
held-out test split (the only use of the test split).

The default grid is ``patch_size`` in {4, 8, 16, 32} x ``pool_dim`` in {128, 256}.
PACE pools the spectrum to ``pool_dim`` points and embeds patches of ``patch_size``
points with stride ``patch_size``, giving ``pool_dim // patch_size`` tokens (a remainder
is dropped): a patch size need not divide ``pool_dim``, only fit in it, so settings
with ``patch_size > pool_dim`` are left out of the grid.

Commands::

    python benchmarks/patch_size.py --quick                 # smoke run, < 1 min on 1 core
    python benchmarks/patch_size.py --n-jobs 8              # full run, on a GPU machine
    python benchmarks/patch_size.py --dataset beef --device cpu

``--n-jobs`` runs that many fits at once in worker processes (on a GPU they share the
device). Measured: the full Meat run with ``--n-jobs 8`` on one H100 (16 CPU cores) took
61 s (40 fits of 6-15 s, 8 at a time). On a CPU, one PACE fit at the defaults took about
1.5 minutes for 84 Meat spectra on one core of a shared machine, so the 41 fits on 48
spectra take roughly 30-60 minutes on one core.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np
from _machine import print_header
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from skspectra import datasets
from skspectra.models import PACEClassifier
from skspectra.models.deep._training import resolve_device

DATASETS = [d["name"] for d in datasets.list_datasets() if d.get("task") != "regression"]


def int_list(text: str) -> list[int]:
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        message = f"expected comma-separated integers, got {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"expected positive integers, got {text!r}")
    return values


def make_grid(patch_sizes: list[int], pool_dims: list[int]) -> list[dict]:
    """One sub-grid per ``pool_dim`` with the patch sizes that fit in it."""
    grid = [{"pool_dim": [pool], "patch_size": [p for p in patch_sizes if p <= pool]}
            for pool in pool_dims]
    return [g for g in grid if g["patch_size"]]


def print_results(search: GridSearchCV) -> None:
    res = search.cv_results_
    print("\n## CV accuracy of every setting (sorted by rank)\n")
    print("| rank | patch_size | pool_dim | tokens | mean CV accuracy | std | mean fit (s) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for i in np.argsort(res["rank_test_score"], kind="stable"):
        patch, pool = res["param_patch_size"][i], res["param_pool_dim"][i]
        print(f"| {res['rank_test_score'][i]} | {patch} | {pool} | {pool // patch} "
              f"| {res['mean_test_score'][i]:.4f} | {res['std_test_score'][i]:.4f} "
              f"| {res['mean_fit_time'][i]:.1f} |")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 2x1 grid, 2 folds, 1 epoch, tiny network")
    parser.add_argument("--dataset", default="meat", choices=DATASETS)
    parser.add_argument("--patch-sizes", type=int_list, default=[4, 8, 16, 32])
    parser.add_argument("--pool-dims", type=int_list, default=[128, 256])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--max-epochs", type=int, default=None,
                        help="default: the package default (200)")
    parser.add_argument("--device", default="auto", help='"auto", "cpu", "cuda", ...')
    parser.add_argument("--n-jobs", type=int, default=1, help="fits run at once")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.quick:
        args.patch_sizes, args.pool_dims, args.folds, args.max_epochs = [8, 16], [128], 2, 1
    if args.folds < 2:
        parser.error("--folds must be at least 2")
    args.grid = make_grid(args.patch_sizes, args.pool_dims)
    if not args.grid:
        parser.error("no patch size fits in any pool_dim (PACE needs patch_size <= pool_dim)")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")  # progress lines of worker processes
    sys.stdout.reconfigure(line_buffering=True)
    try:
        device = resolve_device(args.device)
    except (TypeError, ValueError) as exc:
        sys.exit(f"error: {exc}")
    print_header("PACE patch_size x pool_dim grid search", device)
    load = getattr(datasets, f"load_{args.dataset}")
    train, test = load(split="train"), load(split="test")
    params = {"random_state": args.seed, "device": device}
    if args.max_epochs is not None:
        params["max_epochs"] = args.max_epochs
    if args.quick:
        params.update(dim=8, depth=1)
    estimator = PACEClassifier(**params)
    n_settings = sum(len(g["patch_size"]) for g in args.grid)
    print(f"{args.dataset}: train {train.data.shape}, test {test.data.shape}; grid "
          f"{[(g['pool_dim'][0], g['patch_size']) for g in args.grid]} (pool_dim, patch sizes), "
          f"{n_settings} settings x {args.folds} folds; estimator {estimator!r}; "
          f"{args.n_jobs} job(s){'; QUICK smoke run' if args.quick else ''}\n")
    search = GridSearchCV(
        estimator,
        args.grid,
        cv=StratifiedKFold(args.folds, shuffle=True, random_state=args.seed),
        n_jobs=args.n_jobs,
        verbose=3,
    )
    start = time.perf_counter()
    search.fit(train.data, train.target)
    elapsed = time.perf_counter() - start
    print_results(search)
    best = search.best_params_
    test_accuracy = search.best_estimator_.score(test.data, test.target)
    print(f"\nBest setting: patch_size={best['patch_size']}, pool_dim={best['pool_dim']} "
          f"(mean CV accuracy {search.best_score_:.4f}); refitted on the whole training split "
          f"in {search.refit_time_:.1f} s; test accuracy {test_accuracy:.4f} "
          f"({len(test.target)} test spectra).")
    n_best = int(np.sum(search.cv_results_["rank_test_score"] == 1))
    if n_best > 1:
        print(f"{n_best} settings tie for the best mean CV accuracy; GridSearchCV refits the "
              "first of them in grid order.")
    print(f"Grid search wall-clock: {elapsed:.0f} s.")


if __name__ == "__main__":
    main()
