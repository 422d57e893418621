"""skorch's early stopping, keeping the best weights by cloning tensors.

Imported by the training recipe only when a net is built, so that importing the
estimators does not import skorch.
"""

from __future__ import annotations

from typing import Any

from skorch.callbacks import EarlyStopping


class BestWeightsEarlyStopping(EarlyStopping):
    """``EarlyStopping`` that stores the best weights as clones of the state dict's tensors.

    skorch stores them with ``copy.deepcopy(state_dict)`` whenever the monitored loss
    improves. That costs more Python than copying (4 % of a default ResNet1D fit in a
    profile, 60 spectra of 500 points, 2 CPU cores); cloning every tensor keeps the same
    values, so training and the restored weights are unchanged.

    Examples
    --------
    >>> from skspectra.models.deep._early_stopping import BestWeightsEarlyStopping
    >>> BestWeightsEarlyStopping(monitor="train_loss", patience=5).load_best
    False
    """

    def on_epoch_end(self, net: Any, **kwargs: Any) -> None:
        """skorch's bookkeeping (and stop), then the clone when this epoch is the best."""
        load_best, self.load_best = self.load_best, False
        try:
            super().on_epoch_end(net, **kwargs)
        finally:
            self.load_best = load_best
            if load_best and self.best_epoch_ == net.history[-1, "epoch"]:
                self.best_model_weights_ = {
                    key: value.detach().clone()
                    for key, value in net.module_.state_dict().items()}
