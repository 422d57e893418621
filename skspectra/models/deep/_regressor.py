"""Regression on top of :class:`BaseDeepEstimator`: target scaling, MSE loss, predictions."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import RegressorMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from skspectra.explain import ExplainMixin
from skspectra.explain._deep_methods import deep_regression_methods
from skspectra.models.deep._base import BaseDeepEstimator


class BaseDeepRegressor(ExplainMixin, RegressorMixin, BaseDeepEstimator):
    """Deep regressor base: standardises the targets, trains with MSE (not for direct use).

    ``y`` may be 1-D (one target: ``predict`` returns shape (n_samples,)) or 2-D (several
    targets, one network output each: ``predict`` returns (n_samples, n_outputs)). Each
    target is standardised with its training mean and standard deviation (``y_mean_``,
    ``y_scale_``) before training, and predictions are mapped back to the units of ``y``.

    ``explain(X, method=..., target=None)`` (from :class:`~skspectra.explain.ExplainMixin`)
    supports ``"integrated_gradients"`` (the default: it localised Tecator's fat band best),
    ``"grad_cam_1d"``, ``"cam"`` (networks with a global-average-pooling head),
    ``"grad_cam"``, ``"saliency"``, ``"smoothgrad"``, ``"occlusion"`` and ``"lime"``;
    ``target`` is the index of the output to explain (``None``: the only one).
    Attributions are in units of that target (per unit of the spectrum for the gradient
    methods).
    """

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.single_output = True
        tags.target_tags.multi_output = True
        return tags

    def _explanation_methods(self) -> dict[str, Any]:
        return deep_regression_methods(self)

    def _skorch_class(self, net_kwargs: dict[str, Any]) -> Any:
        from skorch import NeuralNetRegressor

        return NeuralNetRegressor

    def fit(self, X: Any, y: Any) -> BaseDeepRegressor:
        """Train the network on spectra ``X`` and numeric targets ``y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra (numpy array or pandas DataFrame, float32 or float64).
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Numeric targets, one column per output; no NaN or infinity.

        Returns
        -------
        self
            The fitted estimator.
        """
        X, y = validate_data(
            self, X, y, dtype=(np.float64, np.float32), multi_output=True, y_numeric=True
        )
        y = np.asarray(y, dtype=np.float64)
        self._y_is_1d = y.ndim == 1
        y_2d = y.reshape(len(y), -1)
        self.n_outputs_ = y_2d.shape[1]
        self.y_mean_ = y_2d.mean(axis=0)
        # 0 for a constant target: its predictions are then exactly the constant
        self.y_scale_ = y_2d.std(axis=0)
        divisor = np.where(self.y_scale_ > 0, self.y_scale_, 1.0)
        y_scaled = ((y_2d - self.y_mean_) / divisor).astype(np.float32)
        self._fit_net(
            np.ascontiguousarray(X, dtype=np.float32),
            y_scaled,
            n_outputs=self.n_outputs_,
            stratify=False,
            loss=_mean_squared_error()(),
        )
        return self

    def predict(self, X: Any) -> np.ndarray:
        """Predicted targets, in the units of the ``y`` passed to ``fit``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,) or (n_samples, n_outputs)
            1-D when ``fit`` got a 1-D ``y``.
        """
        check_is_fitted(self)
        X = self._validate_X(X, reset=False)
        outputs = self._forward(X).reshape(len(X), self.n_outputs_)
        predictions = outputs * self.y_scale_ + self.y_mean_
        return predictions[:, 0] if self._y_is_1d else predictions


def _mean_squared_error() -> Any:
    import torch

    return torch.nn.MSELoss
