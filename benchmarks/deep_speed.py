"""Training overhead of the deep estimators, time per epoch and inference throughput.

1. Overhead: ``fit`` of each estimator against a bare PyTorch training loop of the same
   module (built the same way, same seed), epochs, batch size, optimizer and data,
   measured in one run, interleaved and best of ``--repeats``. Target ratio <= 1.15.
2. Training time per epoch and inference throughput (spectra/s) of each model at
   its default settings for spectra of ``--n-features`` points (default 1000), on the
   CPU or, with ``--device cuda``, on a GPU.
3. The seconds of one *default* fit (every parameter at its default, ensembles included)
   of each classifier and regressor on 60 spectra of 500 points (issue 12's laptop
   target: at most 60 s on 2 CPU cores).

    python benchmarks/deep_speed.py [--quick] [--n-samples 256] [--epochs 5] [--device cpu]
    python benchmarks/deep_speed.py --part default-fit [--device cuda]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch
from _machine import print_header

from skspectra.datasets import make_spectra
from skspectra.models import (
    GAPCNNClassifier,
    GAPCNNRegressor,
    PACEClassifier,
    PACERegressor,
    ResNet1DClassifier,
    ResNet1DRegressor,
)
from skspectra.models.deep._training import resolve_device
from skspectra.nn import MemberwiseLoss

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
        module = estimator._build_module(X, n_outputs=len(np.unique(y)), y=y).to(device)
        optimizer = torch.optim.AdamW(module.parameters(), lr=estimator.lr,
                                      weight_decay=estimator.weight_decay)
        loss_fn = MemberwiseLoss(torch.nn.CrossEntropyLoss(), target_ndim=1)
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


def default_fits(device: str, quick: bool) -> None:
    """Seconds of one fit at the package defaults, 60 spectra x 500 points (3 classes)."""
    n_samples, n_features = (20, 64) if quick else (60, 500)
    X, y, _ = make_spectra(n_samples, n_features, n_classes=3, random_state=0)
    print(f"default fit: data {X.shape}, every parameter at its default"
          f"{' except max_epochs=2 (quick)' if quick else ''}; target <= 60 s on 2 CPU cores")
    # a short fit first, so that the first row does not pay the process's one-time costs
    # (torch's kernels, oneDNN's first calls: about 5 s on 2 CPU cores)
    GAPCNNClassifier(max_epochs=2, device=device, random_state=0).fit(X, y)
    print("\n| estimator | n_members | derivative_window | max_epochs | fit (s) | target |")
    print("|---|---:|---:|---:|---:|---|")
    # the last row: GAP-CNN without its derivative channel (its default before round K)
    for cls, changed in ((GAPCNNClassifier, {}), (ResNet1DClassifier, {}), (PACEClassifier, {}),
                         (GAPCNNRegressor, {}), (ResNet1DRegressor, {}), (PACERegressor, {}),
                         (GAPCNNClassifier, {"derivative_window": None})):
        params = dict(device=device, random_state=0, **changed)
        if quick:
            params.update(max_epochs=2, **({"patch_size": 8} if "PACE" in cls.__name__ else {}))
        estimator = cls(**params)
        target = y if hasattr(estimator, "predict_proba") else X[:, n_features // 2]
        seconds = timed_fit(estimator, X, target)
        verdict = "met" if seconds <= 60 else f"missed by {seconds - 60:.0f} s"
        print(f"| {cls.__name__} | {estimator.n_members} | {estimator.derivative_window} | "
              f"{estimator.max_epochs} | {seconds:.1f} | {verdict} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--part", choices=("overhead", "default-fit", "all"), default="all")
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
    if args.part in ("default-fit", "all"):
        default_fits(args.device, args.quick)
    if args.part == "default-fit":
        return
    print(f"\ndata {X.shape}, {args.epochs} epochs, batch 16, best of {args.repeats}")
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
