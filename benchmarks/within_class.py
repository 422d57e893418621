"""Why the deep models lose on Beef: within-class variation, and what EPO does to it.

On the 2 x 3 CV folds of the published training splits (the folds of ``deep_defaults.py``),
prints the accuracy of models that do not whiten the within-class variation (1-NN, logistic
regression) and of models that do (shrinkage LDA, PLS-LDA), before and after removing
0..10 within-class directions with :class:`skspectra.preprocessing.EPO`, and, per fold, the
1-NN gain that gates ``epo_components="auto"`` in the deep classifiers.

    python benchmarks/within_class.py [--datasets beef,olive_oil,ham,meat,coffee]

Seconds on 2 CPU cores; the test splits are never loaded.
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
from _machine import print_header
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline

from skspectra import datasets
from skspectra.models import PLSLDAClassifier
from skspectra.models.deep._base import _standardized
from skspectra.models.deep._classifier import EPO_MIN_GAIN
from skspectra.preprocessing import EPO

COUNTS = (0, 1, 2, 4, 6, 8, 10)


def cv_accuracy(make, X, y) -> float:
    """Mean accuracy over StratifiedKFold(3, shuffle, seed r) for r = 0, 1."""
    scores = []
    for repeat in (0, 1):
        for train, test in StratifiedKFold(3, shuffle=True, random_state=repeat).split(X, y):
            model = make().fit(X[train], y[train])
            scores.append(np.mean(model.predict(X[test]) == y[test]))
    return float(np.mean(scores))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="beef,olive_oil,ham,meat,coffee")
    parser.add_argument("--quick", action="store_true", help="smoke run: Coffee only")
    args = parser.parse_args(argv)
    if args.quick:
        args.datasets = "coffee"
    print_header("Within-class variation and EPO", "cpu")
    warnings.filterwarnings("ignore", category=UserWarning)
    for name in args.datasets.split(","):
        X, y = getattr(datasets, f"load_{name}")(split="train", return_X_y=True)
        means = np.array([X[y == c].mean(axis=0) for c in np.unique(y)])
        between = sum((y == c).sum() * ((m - X.mean(axis=0)) ** 2).sum()
                      for c, m in zip(np.unique(y), means, strict=True))
        within = sum(((X[y == c] - m) ** 2).sum() for c, m in zip(np.unique(y), means,
                                                                   strict=True))
        print(f"\n## {name}: {X.shape[0]} training spectra, between/within scatter "
              f"{between / within:.2f}")
        print(f"shrinkage LDA {cv_accuracy(lambda: LinearDiscriminantAnalysis(solver='lsqr', shrinkage='auto'), X, y):.3f}; "  # noqa: E501
              + ", ".join(f"PLS-LDA({k}) {cv_accuracy(lambda k=k: PLSLDAClassifier(k), X, y):.3f}"
                          for k in (4, 8, 10)))
        print("| EPO directions | " + " | ".join(map(str, COUNTS)) + " |")
        print("|---|" + "---:|" * len(COUNTS))
        for label, make in (
            ("1-NN", lambda: KNeighborsClassifier(1)),
            ("logistic (C=100)", lambda: LogisticRegression(C=100, max_iter=3000)),
        ):
            cells = [cv_accuracy(lambda q=q, make=make: make_pipeline(EPO(q), make()), X, y)
                     for q in COUNTS]
            print(f"| {label} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")
        gains, counts = [], []
        for repeat in (0, 1):
            for train, _ in StratifiedKFold(3, shuffle=True, random_state=repeat).split(X, y):
                Z = _standardized(np.ascontiguousarray(X[train], dtype=np.float32),
                                  "spectrum+center")
                epo = EPO(min_gain=EPO_MIN_GAIN).fit(Z, y[train])
                gains.append(epo.cv_scores_.max() - epo.cv_scores_[0])
                counts.append(epo.n_components_)
        print(f"per fold: 1-NN gain of the best count {np.round(gains, 3).tolist()}; "
              f"directions removed by the deep default (gate {EPO_MIN_GAIN}) {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
