"""BatchNorm in evaluation mode after training on tens of spectra: stale vs recalibrated.

Fits each deep classifier at its defaults on a published *training* split (OliveOil by
default: 30 spectra, batches of 16) and scores the same training spectra three ways:

- eval, stale: evaluation mode with the running statistics that training left behind
  (what the estimators did before ``recalibrate_batchnorm``; obtained here by switching the
  recalibration off for the run);
- batch statistics: the network in training mode (BatchNorm on the batch's own statistics,
  dropout and augmentation off), the accuracy the optimiser saw;
- eval, recalibrated: evaluation mode after ``recalibrate_batchnorm`` (the package default).

No test spectrum is used.

    python benchmarks/batchnorm_recalibration.py [--dataset olive_oil] [--seeds 4] [--quick]
        [--standardize spectrum]      # the input standardisation before issue 12
"""

from __future__ import annotations

import argparse

import numpy as np
import torch
from _machine import print_header

from skspectra import datasets
from skspectra.models import GAPCNNClassifier, PACEClassifier, ResNet1DClassifier
from skspectra.models.deep._base import BaseDeepEstimator
from skspectra.nn import recalibrate_batchnorm

MODELS = {"pace": PACEClassifier, "gap-cnn": GAPCNNClassifier, "resnet1d": ResNet1DClassifier}


def batch_statistics_accuracy(clf, X: np.ndarray, y: np.ndarray) -> float:
    """Training accuracy with BatchNorm on the batch statistics, dropout off."""
    module = clf.module_
    module.eval()
    norms = [m for m in module.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    for norm in norms:
        norm.train()
        norm.track_running_stats_backup = norm.track_running_stats
        norm.track_running_stats = False  # use the batch's statistics, update nothing
    try:
        with torch.no_grad():
            logits = module(torch.as_tensor(X, dtype=torch.float32))
    finally:
        for norm in norms:
            norm.track_running_stats = norm.track_running_stats_backup
            norm.eval()
    return float(np.mean(clf.classes_[logits.argmax(1).numpy()] == y))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="olive_oil")
    parser.add_argument("--models", default="pace,gap-cnn,resnet1d")
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--standardize", default=None,
                        help="the estimators' standardize (default: the package default)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 seed, 3 epochs")
    args = parser.parse_args(argv)
    print_header("BatchNorm statistics after training: stale vs recalibrated", "cpu")
    bunch = getattr(datasets, f"load_{args.dataset}")(split="train")
    X, y = bunch.data, bunch.target
    seeds = 1 if args.quick else args.seeds
    extra = {"max_epochs": 3} if args.quick else {}
    if args.standardize is not None:
        extra["standardize"] = args.standardize
    print(f"{args.dataset} training split {X.shape}, package defaults{' (quick)' * args.quick}, "
          f"{extra or ''} seeds 0..{seeds - 1}; accuracy on the training spectra themselves\n")
    print("| model | seed | eval, stale | batch statistics | eval, recalibrated |")
    print("|---|---:|---:|---:|---:|")
    recalibrate = BaseDeepEstimator._recalibrate
    for name in args.models.split(","):
        for seed in range(seeds):
            BaseDeepEstimator._recalibrate = lambda self, X: self.net_.module_.eval()
            try:
                clf = MODELS[name](random_state=seed, device="cpu", **extra).fit(X, y)
            finally:
                BaseDeepEstimator._recalibrate = recalibrate
            stale = float(np.mean(clf.predict(X) == y))
            batch = batch_statistics_accuracy(clf, X, y)
            recalibrate_batchnorm(clf.module_, [torch.as_tensor(X, dtype=torch.float32)])
            recalibrated = float(np.mean(clf.predict(X) == y))
            print(f"| {name} | {seed} | {stale:.3f} | {batch:.3f} | {recalibrated:.3f} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
