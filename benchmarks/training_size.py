"""Does a model gain more than another from a larger training part? (issue 12, diagnosis)

The default screens (``deep_defaults.py``) cross-validate on two thirds of a set's published
training split; the resampling benchmark (``resamples.py``) trains on a part the size of the
whole training split. On Beef the two disagree: in the screens the networks are above
PLS-LDA-CV, on the held-out resamples below it. This script separates the two differences
between those protocols, *which* spectra train (the published training split or the pooled
set) and *how many*:

- ``cv``: 3-fold stratified CV inside the published training split (repeat ``r`` shuffles
  with seed ``r``), as the screens do;
- ``pooled-<f>``: draws from the pooled train+test spectra (draw ``r`` seeded with ``r``)
  whose training part has, per class, the fraction ``f`` of the published training split's
  count (``pooled-1`` is the resampling protocol; ``pooled-0.67`` matches the CV's size);
  the rest of the pool is the test part.

It is a diagnosis: no default is chosen from it. Example::

    python benchmarks/training_size.py --datasets beef --models pls-lda-cv,minirocket \\
        --draws 10 --fractions 0.67,1
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from resamples import load_split, make_model, resample
from sklearn.model_selection import StratifiedKFold


def pooled_draw(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray,
                y_test: np.ndarray, fraction: float, seed: int) -> tuple[np.ndarray, ...]:
    """A stratified draw from the pooled spectra with ``fraction`` of each class's count.

    ``resamples.resample`` with a smaller training part (``seed`` >= 1).

    >>> X, y = np.arange(12.0).reshape(6, 2), np.array([0, 0, 1, 1, 0, 1])
    >>> [len(part) for part in pooled_draw(X[:4], y[:4], X[4:], y[4:], 0.5, 1)]
    [2, 2, 4, 4]
    """
    if seed < 1:
        raise ValueError(f"seed must be >= 1 (0 is the published split), got {seed}.")
    return resample(X_train, y_train, X_test, y_test, seed, fraction=fraction)


def splits(name: str, protocol: str, draws: int):
    """The (train X, train y, test X, test y) parts of ``protocol`` for the set ``name``."""
    X_train, y_train, X_test, y_test = load_split(name, None)
    if protocol == "cv":
        for repeat in range(draws):
            folds = StratifiedKFold(3, shuffle=True, random_state=repeat).split(X_train, y_train)
            for train, test in folds:
                yield X_train[train], y_train[train], X_train[test], y_train[test]
        return
    fraction = float(protocol.removeprefix("pooled-"))
    for draw in range(1, draws + 1):
        yield pooled_draw(X_train, y_train, X_test, y_test, fraction, draw)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="beef")
    parser.add_argument("--models", default="pls-lda-cv,minirocket")
    parser.add_argument("--draws", type=int, default=10,
                        help="CV repeats (3 folds each) and pooled draws per fraction")
    parser.add_argument("--fractions", default="0.67,1")
    args = parser.parse_args(argv)
    protocols = ["cv"] + [f"pooled-{f}" for f in args.fractions.split(",")]
    print(f"command: python training_size.py --datasets {args.datasets} --models "
          f"{args.models} --draws {args.draws} --fractions {args.fractions}\n")
    print("| dataset | model | protocol | training spectra | accuracy | fits | seconds |")
    print("|---|---|---|---:|---:|---:|---:|")
    for name in args.datasets.split(","):
        for model in args.models.split(","):
            for protocol in protocols:
                scores, sizes, start = [], [], time.time()
                for seed, (Xa, ya, Xb, yb) in enumerate(splits(name, protocol, args.draws)):
                    rarest = int(np.unique(ya, return_counts=True)[1].min())
                    clf = make_model(model, seed, "cpu", False, rarest).fit(Xa, ya)
                    scores.append(float(np.mean(clf.predict(Xb) == yb)))
                    sizes.append(len(ya))
                print(f"| {name} | {model} | {protocol} | {np.mean(sizes):.0f} | "
                      f"{np.mean(scores):.3f} | {len(scores)} | {time.time() - start:.0f} |",
                      flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
