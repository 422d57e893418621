"""Benchmark the native PLS-LDA against scikit-learn parts.

1. Fit time: ``PLSLDAClassifier(k, scale=s).fit`` against ``PLSRegression(k, scale=s)``
   on the one-hot classes followed by ``LinearDiscriminantAnalysis`` on its scores, on
   the same synthetic spectra (3 classes, ``skspectra.datasets.make_spectra``), best of
   a few repeats, for (n, p) in {(100, 2000), (2000, 1000), (20000, 500)}, k in {5, 20}
   and s in {False (skspectra's default), True (scikit-learn's default)}. Also prints
   how far the scores are from scikit-learn's (whose NIPALS stops at tol=1e-6).
2. Choosing k in 1..30 by 5-fold CV: ``PLSLDAClassifierCV(max_components=30)``
   against ``GridSearchCV(PLSLDAClassifier(), {"n_components": range(1, 31)})``,
   same folds: time, speed ratio and whether the selected k is the same.

Run ``python benchmarks/pls_lda.py`` (``--quick`` for a tiny smoke run).
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np
import sklearn
from sklearn.cross_decomposition import PLSRegression
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from threadpoolctl import threadpool_info, threadpool_limits

from skspectra.datasets import load_beef, load_meat, make_spectra
from skspectra.models import PLSLDAClassifier, PLSLDAClassifierCV
from skspectra.models._pls import choose_solver

FIT_CASES = [(100, 2000), (2000, 1000), (20000, 500)]
FIT_COMPONENTS = [5, 20]
QUICK_FIT_CASES = [(60, 300), (300, 100)]
QUICK_COMPONENTS = [2, 5]


def best_time(func, repeats: int) -> float:
    """Smallest wall time of ``repeats`` calls after one warm-up call.

    The minimum is the measurement least disturbed by other load on the machine.
    """
    func()
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def sklearn_pls_lda(X, y, k, scale):
    pls = PLSRegression(n_components=k, scale=scale).fit(X, np.eye(3)[y])
    return LinearDiscriminantAnalysis().fit(pls.x_scores_, y), pls


def fit_table(cases, components, repeats: int) -> None:
    print("## Fit time: PLSLDAClassifier vs PLSRegression + LDA (same k and scale, 3 classes)\n")
    print(
        "| n | p | k | scale | solver | skspectra (s) | sklearn (s) | speed-up "
        "| max rel. diff of scores vs sklearn (tol=1e-6) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for n, p in cases:
        X, y, _ = make_spectra(n, p, n_classes=3, random_state=0)
        # best of more runs where one run is short: the minimum needs quiet moments
        reps = max(1, repeats * 20 if n * p <= 500_000 else repeats)
        for scale in (False, True):
            for k in components:
                ours = PLSLDAClassifier(k, scale=scale)
                t_ours = best_time(lambda: ours.fit(X, y), reps)  # noqa: B023
                t_ref = best_time(lambda: sklearn_pls_lda(X, y, k, scale), reps)  # noqa: B023
                ref_scores = sklearn_pls_lda(X, y, k, scale)[1].x_scores_
                diff = np.max(np.abs(ours.x_scores_ - ref_scores)) / np.max(np.abs(ref_scores))
                print(
                    f"| {n} | {p} | {k} | {scale} | {choose_solver(n, p, k)} | {t_ours:.4f} "
                    f"| {t_ref:.4f} | {t_ref / t_ours:.1f}x | {diff:.1e} |"
                )
    print()


def cv_cases(quick: bool):
    if quick:
        X, y, _ = make_spectra(80, 120, n_classes=3, random_state=1)
        return [("make_spectra 80 x 120", X, y, 8)]
    cases = []
    for name, loader in (("Meat 120 x 448", load_meat), ("Beef 60 x 470", load_beef)):
        X, y = loader(return_X_y=True)
        cases.append((name, X, y, 30))
    for n, p in ((500, 1000), (2000, 1000)):
        X, y, _ = make_spectra(n, p, n_classes=3, class_sep=0.3, noise=0.05, random_state=2)
        cases.append((f"make_spectra {n} x {p}", X, y, 30))
    return cases


def cv_table(quick: bool, repeats: int) -> None:
    print("## Choosing n_components in 1..K by 5-fold CV: PLSLDAClassifierCV vs GridSearchCV\n")
    print(
        "| data | K | PLSLDAClassifierCV (s) | GridSearchCV (s) | speed-up | k (ours) "
        "| k (grid) | same k |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, X, y, max_k in cv_cases(quick):
        cv = StratifiedKFold(5, shuffle=True, random_state=0)
        grid = {"n_components": range(1, max_k + 1)}
        ours = PLSLDAClassifierCV(max_components=max_k, cv=cv)
        search = GridSearchCV(PLSLDAClassifier(), grid, cv=cv)
        t_ours = best_time(lambda: ours.fit(X, y), repeats)  # noqa: B023
        t_grid = best_time(lambda: search.fit(X, y), max(1, repeats // 3))  # noqa: B023
        k_ours, k_grid = ours.n_components_, search.best_params_["n_components"]
        print(
            f"| {name} | {max_k} | {t_ours:.3f} | {t_grid:.3f} | {t_grid / t_ours:.1f}x "
            f"| {k_ours} | {k_grid} | {'yes' if k_ours == k_grid else 'NO'} |"
        )
    print()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run (seconds)")
    parser.add_argument("--repeats", type=int, default=7, help="timing repeats (best of)")
    parser.add_argument("--only", choices=["fit", "cv"], help="run one of the two tables")
    parser.add_argument(
        "--blas-threads",
        type=int,
        default=None,
        help="limit BLAS to this many threads (both sides); default: BLAS's own choice",
    )
    args = parser.parse_args(argv)
    repeats = 1 if args.quick else args.repeats
    with threadpool_limits(limits=args.blas_threads, user_api="blas"):
        blas = {
            f"{b['internal_api']} {b['num_threads']} thread(s)"
            for b in threadpool_info()
            if b["user_api"] == "blas"
        }
        threads = ", ".join(sorted(blas))
        print(
            f"python {platform.python_version()}, numpy {np.__version__}, "
            f"scikit-learn {sklearn.__version__}, {platform.machine()}, "
            f"{os.cpu_count()} CPU(s), BLAS: {threads}\n"
        )
        if args.only in (None, "fit"):
            cases = QUICK_FIT_CASES if args.quick else FIT_CASES
            fit_table(cases, QUICK_COMPONENTS if args.quick else FIT_COMPONENTS, repeats)
        if args.only in (None, "cv"):
            cv_table(args.quick, repeats)


if __name__ == "__main__":
    main()
