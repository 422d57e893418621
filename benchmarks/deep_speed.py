"""Training overhead of the deep estimators, time per epoch and inference throughput.

1. Overhead: ``fit`` of each estimator against a bare PyTorch training loop of the same
   module (built the same way, same seed), epochs, batch size, optimizer and data,
   measured in one run, interleaved and best of ``--repeats``. Target ratio <= 1.15.
2. Training time per epoch and inference throughput (spectra/s) of each model at
   its default settings for spectra of ``--n-features`` points (default 1000), on the
   CPU or, with ``--device cuda``, on a GPU.

    python benchmarks/deep_speed.py [--quick] [--n-samples 256] [--epochs 5] [--device cpu]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch
from _machine import print_header

from skspectra.datasets import make_spectra
from skspectra.models import GAPCNNClassifier, PACEClassifier, ResNet1DClassifier
from skspectra.models._deep_training import resolve_device

MODELS = {"GAP-CNN": GAPCNNClassifier, "ResNet1D": ResNet1DClassifier, "PACE": PACEClassifier}


def synchronize(device: str) -> None:
    """Wait for queued GPU work, so that wall-clock times include it."""
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def bare_loop(estimator, X: np.ndarray, y: np.ndarray) -> float:
    """Train the estimator's own module class with a plain PyTorch loop; return seconds."""
    device = estimator.device
    synchronize(device)
    start = time.perf_counter()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        estimator.n_features_in_ = X.shape[1]
        module = estimator._build_module(X, n_outputs=len(np.unique(y))).to(device)
        optimizer = torch.optim.AdamW(module.parameters(), lr=estimator.lr,
                                      weight_decay=estimator.weight_decay)
        loss_fn = torch.nn.CrossEntropyLoss()
        dataset = torch.utils.data.TensorDataset(torch.from_numpy(X), torch.from_numpy(y))
        loader = torch.utils.data.DataLoader(dataset, batch_size=estimator.batch_size,
                                             shuffle=True)
        module.train()
        for _ in range(estimator.max_epochs):
            for xb, yb in loader:
                xb, yb = xb.to(device), yb.to(device)
                optimizer.zero_grad()
                loss = loss_fn(module(xb), yb)
                loss.backward()
                optimizer.step()
    synchronize(device)
    return time.perf_counter() - start


def timed_fit(estimator, X: np.ndarray, y: np.ndarray) -> float:
    synchronize(estimator.device)
    start = time.perf_counter()
    estimator.fit(X, y)
    synchronize(estimator.device)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--n-samples", type=int, default=256)
    parser.add_argument("--n-features", type=int, default=1000)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="cpu", help="cpu, cuda, cuda:1, ...")
    args = parser.parse_args()
    if args.quick:
        args.n_samples, args.n_features, args.epochs, args.repeats = 32, 64, 1, 1
    X, y, _ = make_spectra(args.n_samples, args.n_features, n_classes=3, random_state=0)
    X = X.astype(np.float32)
    y = y.astype(np.int64)
    print_header("Deep estimators: training overhead and speed", resolve_device(args.device))
    print(f"data {X.shape}, {args.epochs} epochs, batch 16, best of {args.repeats}")
    print("\n| model | parameters | bare loop (s) | estimator fit (s) | ratio | s / epoch "
          "| predict (spectra/s) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, cls in MODELS.items():
        params = dict(max_epochs=args.epochs, batch_size=16, lr=1e-3, device=args.device,
                      validation_fraction=None, patience=None, lr_schedule="none",
                      random_state=0)
        if args.quick and cls is PACEClassifier:
            params["patch_size"] = 8
        bare, fitted = [], []
        for _ in range(args.repeats):  # interleaved, so both see the same machine load
            bare.append(bare_loop(cls(**params), X, y))
            fitted.append(timed_fit(estimator := cls(**params), X, y))
        n_params = sum(p.numel() for p in estimator.module_.parameters())
        X_pred = np.repeat(X, max(1, 2048 // len(X)), axis=0)
        start = time.perf_counter()
        estimator.predict_proba(X_pred)
        throughput = len(X_pred) / (time.perf_counter() - start)
        print(f"| {name} | {n_params:,} | {min(bare):.2f} | {min(fitted):.2f} | "
              f"{min(fitted) / min(bare):.3f} | {min(fitted) / args.epochs:.3f} | "
              f"{throughput:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
