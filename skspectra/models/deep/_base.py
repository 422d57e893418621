"""The shared machinery of the deep estimators: one fit for every network.

A deep estimator is a scikit-learn estimator that *owns* a skorch net (``net_``),
built from a :class:`skspectra.nn.SpectralNet` class and the estimator's
hyperparameters. Subclasses say which network (``_network_class``) and with which
arguments (``_module_params``); everything else, from validation to early stopping,
is here.
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted, validate_data

from skspectra._validation import Interval, Options, check_odd_int, validate_parameters
from skspectra.models.deep._persistence import portable_net
from skspectra.models.deep._training import (
    LR_SCHEDULES,
    OPTIMIZERS,
    epochs_within_steps,
    make_callbacks,
    make_train_split,
    optimizer_class,
    resolve_device,
    seeded_torch,
    training_rows,
)
from skspectra.preprocessing._epo import remove_directions

STANDARDIZE_MODES = ("spectrum", "center", "spectrum+center", "global", "feature", "none")


def _check_callbacks(name: str, value: Any) -> Any:
    if not isinstance(value, list | tuple):
        raise TypeError(f"{name} must be a list of skorch callbacks, got {value!r}.")
    return value


class BaseDeepEstimator(BaseEstimator):
    """Base of the skorch-backed estimators (not for direct use).

    Subclasses implement ``_network_class`` and ``_module_params`` (which network, with
    which arguments), and ``_skorch_class`` (the skorch net class, given the extra keyword
    arguments of ``_net_kwargs``) and ``fit`` for their task.
    """

    # -- hooks for subclasses -------------------------------------------------------------
    def _network_class(self) -> type:
        """The :class:`skspectra.nn.SpectralNet` subclass to train."""
        raise NotImplementedError

    def _module_params(self) -> dict[str, Any]:
        """The network's constructor arguments, taken from the estimator's parameters."""
        raise NotImplementedError

    def _check_input_length(self, n_features: int) -> None:
        """Raise a clear ValueError if spectra of ``n_features`` points cannot be used."""

    def _within_class_augmentation(self, X: np.ndarray, y: np.ndarray | None) -> dict[str, Any]:
        """Keyword arguments of :class:`skspectra.nn.SpectralAugmenter` that need labels
        (``within_class``, ``deviations``); none by default (the regressors)."""
        return {}

    def _input_projection(self, X: np.ndarray, y: np.ndarray | None) -> np.ndarray | None:
        """Directions to remove from the standardised training spectra, or ``None``.

        ``X`` is the raw training set; a subclass that removes directions standardises it
        with :func:`_standardized` (only then: the regressors never pay for it).
        """
        return None

    # -- validation -----------------------------------------------------------------------
    _parameter_checks: ClassVar[dict[str, Any]] = {
        "n_members": Interval(int, 1),
        "max_epochs": Interval(int, 1),
        "max_steps": (None, Interval(int, 1)),
        "batch_size": Interval(int, 1),
        "lr": Interval(float, 0, closed="right"),
        "weight_decay": Interval(float, 0),
        "validation_fraction": (None, Interval(float, 0, 1, closed="left")),
        "patience": (None, Interval(int, 1)),
        "augment_shift": Interval(float, 0),
        "augment_scale": Interval(float, 0, 1, closed="left"),
        "augment_noise": Interval(float, 0),
        "augment_tilt": Interval(float, 0),
        "standardize": Options(STANDARDIZE_MODES),
        "derivative_window": (None, partial(check_odd_int, low=3)),
        "lr_schedule": Options(LR_SCHEDULES),
        "optimizer": Options(OPTIMIZERS),
        "callbacks": (None, _check_callbacks),
    }
    """The training parameters' constraints, checked by :func:`validate_parameters` in fit."""

    def _validate_X(self, X: Any, *, reset: bool) -> np.ndarray:
        X = validate_data(self, X, reset=reset, dtype=(np.float64, np.float32))
        return np.ascontiguousarray(X, dtype=np.float32)

    # -- building the network -------------------------------------------------------------
    def _build_module(self, X: np.ndarray, n_outputs: int, y: np.ndarray | None = None) -> Any:
        import torch

        from skspectra import nn as spectral_nn

        net_class = self._network_class()
        projection = self._input_projection(X, y)
        standardizer = spectral_nn.Standardizer(
            self.standardize, *_standardization_stats(X, self.standardize, projection),
            projection=None if projection is None else torch.as_tensor(projection),
            derivative_window=self.derivative_window)

        def make_member() -> Any:
            try:
                return net_class(n_outputs=n_outputs, in_channels=standardizer.channel_factor,
                                 **self._module_params())
            except (TypeError, ValueError) as exc:
                raise type(exc)(f"{type(self).__name__}: {exc}") from None

        net = (make_member() if self.n_members == 1
               else spectral_nn.EnsembleNet.from_factory(make_member, self.n_members))
        return spectral_nn.InputAdaptedNet(
            net,
            standardizer,
            spectral_nn.SpectralAugmenter(
                shift=self.augment_shift,
                scale=self.augment_scale,
                noise=self.augment_noise,
                tilt=self.augment_tilt,
                **self._within_class_augmentation(X, y),
            ),
        )

    def _fit_net(
        self,
        X: np.ndarray,
        y: np.ndarray,
        *,
        n_outputs: int,
        stratify: bool,
        loss: Any,
    ) -> int:
        """Build ``net_`` and train it on float32 ``X`` and encoded ``y`` with ``loss``.

        ``loss`` is a torch loss module (e.g. ``CrossEntropyLoss()``); each ensemble
        member is trained on it alone (:class:`skspectra.nn.MemberwiseLoss`). After
        training, the BatchNorm statistics are recomputed on ``X`` with the final
        weights (:func:`skspectra.nn.recalibrate_batchnorm`). Returns the epochs
        planned: ``max_epochs``, or fewer where ``max_steps`` cut them.
        """
        validate_parameters(self)  # the class's _parameter_checks
        self._check_input_length(X.shape[1])
        if self.derivative_window is not None and self.derivative_window > X.shape[1]:
            raise ValueError(
                f"{type(self).__name__}: derivative_window={self.derivative_window} is longer "
                f"than the spectra ({X.shape[1]} points); use a smaller window or None."
            )
        self.device_ = resolve_device(self.device)
        seed = int(check_random_state(self.random_state).randint(np.iinfo(np.int32).max))
        train_split = make_train_split(self.validation_fraction, y, stratify=stratify, seed=seed)
        # what the module learns from the data (standardisation, EPO directions,
        # within-class deviations) comes from the training part only, never from the
        # validation spectra that early stopping monitors
        rows = training_rows(train_split, y)
        n_train = len(rows)
        # BatchNorm cannot train on a last batch of a single spectrum: drop it then.
        drop_last = n_train > self.batch_size and n_train % self.batch_size == 1
        max_epochs = epochs_within_steps(self.max_epochs, self.max_steps, n_train,
                                         self.batch_size, drop_last=drop_last)
        with seeded_torch(seed, self.device_):
            from skspectra.nn import MemberwiseLoss

            module = self._build_module(X[rows], n_outputs, y[rows])
            net_kwargs = self._net_kwargs(X[rows], y[rows])
            self.net_ = self._skorch_class(net_kwargs)(
                module,
                criterion=MemberwiseLoss,
                criterion__loss=loss,
                criterion__target_ndim=y.ndim,
                optimizer=optimizer_class(self.optimizer),
                lr=self.lr,
                optimizer__weight_decay=self.weight_decay,
                # one kernel per step for all parameters: the same arithmetic as the
                # per-parameter loop, and 2-3 times faster on a CPU (many small tensors)
                optimizer__foreach=True,
                max_epochs=max_epochs,
                batch_size=self.batch_size,
                train_split=train_split,
                callbacks=make_callbacks(
                    has_validation=train_split is not None,
                    patience=self.patience,
                    lr_schedule=self.lr_schedule,
                    max_epochs=max_epochs,
                    lr=self.lr,
                    user_callbacks=list(self.callbacks or []),
                    verbose=self.verbose,
                ),
                iterator_train__shuffle=True,
                iterator_train__drop_last=drop_last,
                device=self.device_,
                verbose=self.verbose,
                **net_kwargs,
            )
            self.net_.fit(X, y)
        # training-only data, not kept in the model
        self.net_.module_.augmenter.release()
        collate = getattr(self.net_, "iterator_train__collate_fn", None)
        if hasattr(collate, "release"):
            collate.release()
        self._recalibrate(X)
        return max_epochs

    def _net_kwargs(self, X: np.ndarray, y: np.ndarray) -> dict[str, Any]:
        """Extra keyword arguments of the skorch net class, from the training part ``X, y``."""
        return {}

    def _recalibrate(self, X: np.ndarray, chunk: int = 256) -> None:
        """Recompute the BatchNorm statistics of ``module_`` on ``X`` (eval mode after)."""
        import torch

        from skspectra.nn import recalibrate_batchnorm

        module = self.net_.module_
        device = next(module.parameters()).device
        batches = (torch.as_tensor(X[lo:lo + chunk], device=device)
                   for lo in range(0, len(X), chunk))
        if len(X) >= 2:
            recalibrate_batchnorm(module, batches)
        module.eval()

    # -- persistence ----------------------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        """Pickle without training-only device tensors: GPU-trained models load on CPUs."""
        state = dict(super().__getstate__())  # a copy: object.__getstate__ may return __dict__
        if "net_" in state:
            state["net_"] = portable_net(state["net_"])
        return state

    # -- fitted helpers -------------------------------------------------------------------
    @property
    def module_(self) -> Any:
        """The trained torch module (an :class:`skspectra.nn.InputAdaptedNet`), eval mode."""
        check_is_fitted(self, "net_")
        return self.net_.module_

    @property
    def history_(self) -> Any:
        """skorch's training history: one dict per epoch (losses, durations, ...)."""
        check_is_fitted(self, "net_")
        return self.net_.history

    def _forward(self, X: np.ndarray) -> np.ndarray:
        """Raw network outputs (logits or predictions) for float32 ``X``."""
        self.net_.module_.eval()
        outputs = [
            batch.detach().cpu().numpy()
            for batch in self.net_.forward_iter(X, training=False)
        ]
        return np.concatenate(outputs).astype(np.float64) if outputs else np.empty((0,))


def store_parameters(estimator: BaseEstimator, arguments: dict[str, Any]) -> None:
    """Store an ``__init__``'s arguments (``locals()``) as attributes, unchanged.

    The scikit-learn rule for ``__init__`` (store the parameters, nothing else), in one
    line for estimators with many parameters.
    """
    for name, value in arguments.items():
        if name not in ("self", "__class__"):
            setattr(estimator, name, value)


def _snv(X: np.ndarray) -> np.ndarray:
    """numpy twin of :func:`skspectra.nn._input.snv` (same epsilon)."""
    return (X - X.mean(axis=1, keepdims=True)) / (X.std(axis=1, keepdims=True) + 1e-8)


def _standardized(X: np.ndarray, mode: str) -> np.ndarray:
    """The training spectra as the Standardizer's first channel sees them, no projection."""
    if mode in ("spectrum", "spectrum+center"):
        return _snv(X)
    mean, scale = _standardization_stats(X, mode)
    return (X - mean) / scale


def _standardization_stats(
    X: np.ndarray, mode: str, projection: np.ndarray | None = None
) -> tuple[Any, Any]:
    """Mean and scale of the training spectra for the Standardizer's ``mode``.

    For ``"spectrum+center"`` they are those of the SNV spectra after removing the
    ``projection`` directions (the centred channel is formed after the projection).
    """
    if mode == "global":
        mean, std = float(X.mean()), float(X.std())
        return mean, std if std > 0 else 1.0
    if mode == "spectrum+center":
        X = _snv(X)
        if projection is not None:
            X = remove_directions(X, projection)
    if mode in ("center", "spectrum+center"):
        mean = X.mean(axis=0)
        std = float((X - mean).std())
        return mean, std if std > 0 else 1.0
    if mode == "feature":
        mean, std = X.mean(axis=0), X.std(axis=0)
        return mean, np.where(std > 0, std, 1.0)
    return 0.0, 1.0
