"""Mixup in the deep classifiers' training steps (Zhang et al., ICLR 2018).

Each training batch is replaced by convex combinations of its spectra with those of a
shuffled copy of itself, ``lam * x_i + (1 - lam) * x_j``, and the one-hot labels are mixed
with the same weight; ``lam`` is drawn from ``Beta(alpha, alpha)`` once per batch. The
network therefore sees spectra between the training spectra, with soft targets, which
regularises a classifier trained on a few dozen spectra. Prediction is unchanged.

This module imports skorch and torch; the estimators import it only when
``mixup_alpha > 0``.
"""

from __future__ import annotations

from typing import Any

import torch
from skorch import NeuralNetClassifier
from skorch.dataset import unpack_data

__all__ = ["MixupNeuralNetClassifier"]


class MixupNeuralNetClassifier(NeuralNetClassifier):
    """skorch's classifier net whose training steps use mixup with ``mixup_alpha``.

    Validation and prediction steps are skorch's own. The loss (the estimator's
    cross-entropy, through :class:`skspectra.nn.MemberwiseLoss`) receives the mixed
    one-hot targets as class probabilities.

    Parameters
    ----------
    *args, **kwargs
        Passed to :class:`skorch.NeuralNetClassifier`.
    mixup_alpha : float
        Parameter of the Beta distribution of the mixing weight (> 0).

    Examples
    --------
    >>> import torch
    >>> from skspectra.models.deep._mixup import MixupNeuralNetClassifier
    >>> net = MixupNeuralNetClassifier(torch.nn.Linear(4, 2), mixup_alpha=0.4,
    ...                                max_epochs=1, train_split=None)
    >>> net.mixup_alpha
    0.4
    """

    def __init__(self, *args: Any, mixup_alpha: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mixup_alpha = mixup_alpha

    def train_step_single(self, batch: Any, **fit_params: Any) -> dict[str, Any]:
        """One mixup training step: mix the batch, forward, loss on soft targets, backward."""
        self._set_training(True)
        Xi, yi = unpack_data(batch)
        yi = torch.as_tensor(yi)
        weight = float(torch.distributions.Beta(self.mixup_alpha, self.mixup_alpha).sample())
        order = torch.randperm(len(yi), device=Xi.device)
        Xi = weight * Xi + (1 - weight) * Xi[order]
        onehot = torch.nn.functional.one_hot(yi, self.module_.n_outputs).float()
        target = self.mixed_target(
            Xi, weight * onehot + (1 - weight) * onehot[order.to(onehot.device)])
        y_pred = self.infer(Xi, **fit_params)
        loss = self.get_loss(y_pred, target, X=Xi, training=True)
        loss.backward()
        return {"loss": loss, "y_pred": y_pred}

    def mixed_target(self, X_mixed: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """The training target of the mixed spectra: their mixed one-hot ``labels``.

        A hook for subclasses that teach something else between the training spectra
        (e.g. another model's probabilities of ``X_mixed``).
        """
        return labels
