"""Training recipe of the deep estimators: validation split, callbacks, device, seeding.

Everything here turns the estimators' flat hyperparameters into skorch objects;
the estimators themselves (``_base.py``) stay free of skorch details.
"""

from __future__ import annotations

import math
import warnings
from contextlib import contextmanager
from typing import Any

import numpy as np

LR_SCHEDULES = ("cosine", "plateau", "none")
OPTIMIZERS = ("adamw", "adam", "sgd")


def resolve_device(device: str) -> str:
    """Map ``"auto"`` to ``"cuda"`` when a CUDA device is visible, else ``"cpu"``.

    ``"auto"`` honours ``CUDA_VISIBLE_DEVICES`` through ``torch.cuda.is_available``.
    Any other value is passed to torch unchanged (``"cpu"``, ``"cuda"``, ``"cuda:1"``).
    """
    import torch

    if not isinstance(device, str):
        raise TypeError(f"device must be a string such as 'auto', 'cpu' or 'cuda', got {device!r}.")
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError(f"device={device!r} was requested but CUDA is not available; "
                         "use device='auto' or 'cpu'.")
    try:
        parsed = torch.device(device)
    except RuntimeError as exc:
        raise ValueError(f"device={device!r} is not a valid torch device: {exc}") from None
    if parsed.type == "cuda" and parsed.index is not None:
        n_gpus = torch.cuda.device_count()
        if parsed.index >= n_gpus:
            raise ValueError(f"device={device!r} was requested but only {n_gpus} CUDA "
                             f"device(s) are visible (cuda:0 to cuda:{n_gpus - 1}).")
    return device


@contextmanager
def seeded_torch(seed: int, device: str):
    """Seed torch's generators for the duration of the block, then restore them.

    The caller's global random state is left as it was, so fitting a model does
    not change the random numbers the rest of a script draws.
    """
    import torch

    cuda_devices = [torch.device(device).index or 0] if device.startswith("cuda") else []
    with torch.random.fork_rng(devices=cuda_devices):
        torch.manual_seed(seed)
        yield


def epochs_within_steps(
    max_epochs: int, max_steps: int | None, n_train: int, batch_size: int, *, drop_last: bool
) -> int:
    """The number of epochs to train: ``max_epochs``, or fewer if they exceed ``max_steps``.

    An epoch takes ``ceil(n_train / batch_size)`` gradient steps (one less with
    ``drop_last``); with ``max_steps`` the epochs are cut to the fewest whose steps reach
    it, never below one.

    Examples
    --------
    >>> epochs_within_steps(200, 1600, 504, 16, drop_last=False)  # 32 steps per epoch
    50
    >>> epochs_within_steps(200, 1600, 60, 16, drop_last=False)  # 4 steps: not cut
    200
    """
    if max_steps is None:
        return max_epochs
    steps_per_epoch = max(1, -(-n_train // batch_size) - int(drop_last))
    return max(1, min(max_epochs, -(-max_steps // steps_per_epoch)))


def make_train_split(
    validation_fraction: float | None, y: np.ndarray, *, stratify: bool, seed: int
) -> Any:
    """Return a skorch ``ValidSplit`` for ``validation_fraction``, or ``None`` for no split.

    A stratified split needs two members of every class on each side; when the
    training set is too small for that, training goes on without validation and
    a warning says so.
    """
    from skorch.dataset import ValidSplit

    if not validation_fraction:
        return None
    n_samples = len(y)
    n_valid = math.ceil(validation_fraction * n_samples)
    if stratify:
        _, counts = np.unique(y, return_counts=True)
        too_small = counts.min() < 2 or n_valid < len(counts) or n_samples - n_valid < len(counts)
    else:
        too_small = n_valid < 1 or n_samples - n_valid < 2
    if too_small:
        warnings.warn(
            f"validation_fraction={validation_fraction} leaves too few samples for a "
            f"validation split of {n_samples} samples; training without validation "
            "(early stopping then monitors the training loss).",
            UserWarning,
            stacklevel=4,
        )
        return None
    return ValidSplit(cv=validation_fraction, stratified=stratify, random_state=seed)


def training_rows(train_split: Any, y: np.ndarray) -> np.ndarray:
    """The rows of ``y`` that ``train_split`` (from :func:`make_train_split`) trains on.

    The same split that skorch draws when the net is fitted (``ValidSplit`` with an integer
    ``random_state`` splits identically every time); every row when there is no split.
    """
    rows = np.arange(len(y))
    if train_split is None:
        return rows
    cv = train_split.check_cv(y)
    args = (rows, y) if train_split.stratified else (rows,)
    return next(iter(cv.split(*args)))[0]


def make_callbacks(
    *,
    has_validation: bool,
    patience: int | None,
    lr_schedule: str,
    max_epochs: int,
    lr: float,
    user_callbacks: list | None,
    verbose: int = 0,
) -> list:
    """Build the skorch callbacks: best-weights restore / early stopping and LR schedule.

    The best weights (lowest monitored loss) are always kept in memory and restored
    at the end of training, also when training is interrupted with Ctrl-C
    (skorch catches ``KeyboardInterrupt`` and still runs ``on_train_end``).
    ``patience=None`` trains for ``max_epochs`` but still restores the best epoch.
    """
    from skorch.callbacks import LRScheduler

    from skspectra.models.deep._early_stopping import BestWeightsEarlyStopping

    monitor = "valid_loss" if has_validation else "train_loss"
    callbacks: list = [
        (
            "early_stopping",
            BestWeightsEarlyStopping(
                monitor=monitor,
                patience=patience if patience is not None else max_epochs + 1,
                threshold=1e-4,
                load_best=True,
                sink=print if verbose else _silent,
            ),
        )
    ]
    if lr_schedule == "cosine":
        callbacks.append(
            ("lr_schedule", LRScheduler(policy="CosineAnnealingLR", T_max=max_epochs,
                                        eta_min=lr * 1e-2))
        )
    elif lr_schedule == "plateau":
        callbacks.append(
            ("lr_schedule", LRScheduler(policy="ReduceLROnPlateau", monitor=monitor,
                                        factor=0.5, patience=5))
        )
    for index, callback in enumerate(user_callbacks or []):
        named = callback if isinstance(callback, tuple) else (f"user_{index}", callback)
        callbacks.append(named)
    return callbacks


def _silent(*_args: Any, **_kwargs: Any) -> None:
    """A sink for skorch messages that the estimator reports itself."""


def optimizer_class(name: str) -> Any:
    """The torch optimizer class for ``name`` (one of ``OPTIMIZERS``)."""
    import torch

    return {"adamw": torch.optim.AdamW, "adam": torch.optim.Adam, "sgd": torch.optim.SGD}[name]
