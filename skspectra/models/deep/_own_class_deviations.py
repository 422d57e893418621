"""Within-class augmentation from the spectrum's own class: a step of the training loader.

:class:`skspectra.nn.SpectralAugmenter` adds to each training spectrum the deviation of
a training spectrum of *any* class (``augment_within_class_source="pooled"``): it sees no
labels. ``"own_class"`` draws the deviation from a spectrum of the *same* class, so a
class keeps its own kind of variation; the labels are at hand where a batch is made, so
the augmentation is the collate function of skorch's training iterator.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["OwnClassDeviations"]


class OwnClassDeviations:
    """Collate a training batch, then add own-class deviations (skorch ``collate_fn``).

    Each spectrum ``x_i`` of class ``c`` becomes ``x_i + w_i d_k`` with ``d_k`` the
    deviation from its class mean of a training spectrum ``k`` of class ``c`` drawn
    uniformly, and ``w_i`` drawn from ``N(0, weight**2)``, in the input's units (before
    the network's standardisation). Random numbers come from torch's global generator,
    which the estimator seeds.

    Parameters
    ----------
    X : ndarray of shape (n_spectra, length)
        The training spectra.
    y : ndarray of shape (n_spectra,)
        Their encoded class labels (integers from 0).
    weight : float
        Standard deviation of the weights ``w_i``.

    Examples
    --------
    >>> import numpy as np, torch
    >>> from skspectra.models.deep._own_class_deviations import OwnClassDeviations
    >>> X = np.array([[0.0, 0.0], [2.0, 2.0], [5.0, 5.0]], dtype=np.float32)
    >>> collate = OwnClassDeviations(X, np.array([0, 0, 1]), weight=1.0)
    >>> Xb, yb = collate([(X[2], np.int64(1))])  # class 1 has one spectrum: no deviation
    >>> Xb
    tensor([[5., 5.]])
    """

    def __init__(self, X: np.ndarray, y: np.ndarray, weight: float) -> None:
        import torch

        from skspectra.nn import within_class_deviations

        labels = torch.as_tensor(np.asarray(y)).long()
        order = torch.argsort(labels, stable=True)
        self.counts = torch.bincount(labels)
        self.starts = torch.cumsum(self.counts, 0) - self.counts
        self.deviations: Any = within_class_deviations(X, y)[order]  # grouped by class
        self.weight = float(weight)

    def __call__(self, batch: list) -> Any:
        """``default_collate(batch)`` with the deviations added to its spectra."""
        import torch
        from torch.utils.data import default_collate

        Xi, yi = default_collate(batch)
        if self.deviations is None:  # released after training
            return Xi, yi
        labels = yi.long().cpu()
        rows = self.starts[labels] + (torch.rand(len(labels)) * self.counts[labels]).long()
        w = torch.randn(len(labels), 1) * self.weight
        return Xi + (w * self.deviations[rows]).to(Xi.dtype).to(Xi.device), yi

    def release(self) -> None:
        """Drop the training spectra's deviations (kept out of the fitted model)."""
        self.deviations = None
