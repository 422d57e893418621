"""A CPU grid search on a Dask LocalCluster against the same search run sequentially.

1. Speed-up: ``GridSearchCV`` of ``PACEClassifier`` over ``patch_size`` (4 values x 4 folds =
   16 fits, tiny settings so that one fit takes about a second on one core), run with
   joblib's sequential backend and then on a ``LocalCluster`` of ``--workers`` worker
   processes of 1 thread each through :func:`skspectra.model_selection.dask_backend`
   (1 torch thread everywhere). The cluster is started and warmed up (torch imported on
   the workers) before the timed search; its start-up is reported on its own. Checks
   that both searches give identical scores.
2. Scheduling overhead per task: ``--tasks`` no-op joblib tasks (``batch_size=1``, so each
   is one Dask task) through the sequential, loky and Dask backends, without data and
   carrying the search's spectra (inline, the default of ``dask_backend``, or scattered).

    python benchmarks/dask_cluster.py [--quick] [--workers 2] [--tasks 200]

(Not named ``distributed.py``: run as a script, that name would shadow the package.)
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np


def noop(*_args: object) -> None:
    """A task that does nothing: its wall time is the backend's overhead."""


def per_task_overhead(n_tasks: int, payload: np.ndarray | None, **config: object) -> float:
    """Seconds per task of ``n_tasks`` no-op tasks run through ``parallel_config(**config)``."""
    from joblib import Parallel, delayed, parallel_config

    args = () if payload is None else (payload,)
    times = []
    with parallel_config(**config):
        Parallel(batch_size=1)(delayed(noop)(*args) for _ in range(4))  # warm-up (pools)
        for _ in range(3):  # best of 3
            start = time.perf_counter()
            Parallel(batch_size=1)(delayed(noop)(*args) for _ in range(n_tasks))
            times.append(time.perf_counter() - start)
    return min(times) / n_tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args()

    import distributed
    import torch
    from _machine import print_header
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    from skspectra.datasets import make_spectra
    from skspectra.model_selection import dask_backend, dask_worker_info
    from skspectra.models import PACEClassifier

    torch.set_num_threads(1)  # as on the workers: the scores must match bitwise
    patch_sizes, folds = ([4, 8], 2) if args.quick else ([4, 8, 16, 32], 4)
    epochs, n_tasks = (2, 10) if args.quick else (args.epochs, args.tasks)
    X, y, _ = make_spectra(n_samples=120, n_features=256, n_classes=3, random_state=0)
    estimator = PACEClassifier(dim=16, depth=2, pool_dim=128, max_epochs=epochs, device="cpu",
                               random_state=0)
    n_fits = len(patch_sizes) * folds

    def search() -> GridSearchCV:
        cv = StratifiedKFold(folds, shuffle=True, random_state=0)
        return GridSearchCV(estimator, {"patch_size": patch_sizes}, cv=cv,
                            scoring="neg_log_loss", n_jobs=None)

    print_header("Grid search on a Dask LocalCluster vs sequential", "cpu")
    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores; "
          f"data {X.shape}; {n_fits} fits ({len(patch_sizes)} patch sizes x {folds} folds), "
          f"PACE dim=16 depth=2, {epochs} epochs; torch {torch.get_num_threads()} thread(s)",
          flush=True)

    search().fit(X[:20], y[:20])  # warm-up in this process (imports, first-call costs)
    start = time.perf_counter()
    sequential = search().fit(X, y)
    t_sequential = time.perf_counter() - start

    start = time.perf_counter()
    with distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            dask_backend(cluster, torch_threads=1) as client:
        t_cluster = time.perf_counter() - start
        search().fit(X[:20], y[:20])  # warm-up: torch and skspectra imported on the workers
        t_warm = time.perf_counter() - start - t_cluster
        start = time.perf_counter()
        remote = search().fit(X, y)
        t_dask = time.perf_counter() - start
        workers = dask_worker_info(client)

        overhead = {
            "sequential": per_task_overhead(n_tasks, None, backend="sequential"),
            f"loky, {args.workers} processes": per_task_overhead(
                n_tasks, None, backend="loky", n_jobs=args.workers),
            # dask_backend's own configuration (the spectra travel with each task) ...
            "dask_backend, no data": per_task_overhead(n_tasks, None),
            "dask_backend, spectra in each task": per_task_overhead(n_tasks, X),
            # ... and joblib's plain dask backend (the spectra scattered once)
            "joblib 'dask', spectra scattered": per_task_overhead(
                n_tasks, X, backend="dask", client=client),
        }
    load_after = os.getloadavg()[0]

    identical = all(
        np.array_equal(sequential.cv_results_[key], remote.cv_results_[key])
        for key in sequential.cv_results_ if "test_score" in key
    )
    print(f"\nworkers: {len(workers)} x {workers[0]['nthreads']} thread(s), torch threads "
          f"{sorted({w['torch_threads'] for w in workers})}, device "
          f"{sorted({w['device'] for w in workers})}")
    print(f"cluster start-up {t_cluster:.1f} s, warm-up (imports on the workers) {t_warm:.1f} s; "
          f"load average after: {load_after:.2f} (1 min)\n")
    print("| run | wall (s) | s / fit | speed-up | identical scores |")
    print("|---|---:|---:|---:|---|")
    print(f"| sequential (1 process) | {t_sequential:.2f} | {t_sequential / n_fits:.2f} | 1.00 | |")
    print(f"| LocalCluster, {args.workers} workers x 1 thread | {t_dask:.2f} | "
          f"{t_dask / n_fits:.2f} | {t_sequential / t_dask:.2f} | "
          f"{'yes' if identical else 'NO'} |")
    print(f"\n| backend ({n_tasks} no-op tasks, batch_size=1, best of 3) | wall per task (ms) |")
    print("|---|---:|")
    for name, seconds in overhead.items():
        print(f"| {name} | {seconds * 1e3:.2f} |")
    print(f"\n(spectra: {X.nbytes / 1e3:.0f} kB float64 per task when inline)")
    if not identical:
        raise SystemExit("the distributed search gave different scores")


if __name__ == "__main__":
    main()
