"""Recalibrate BatchNorm statistics after training, so that evaluation mode is exact.

BatchNorm keeps running estimates of the mean and variance of its inputs, updated
with momentum 0.1 at every training step while the weights move. On tens of spectra
and batches of 16 these estimates lag behind the final weights and can be far off:
a PACE network that classifies 77 % of OliveOil's training spectra with batch
statistics classified 10 % of them in evaluation mode (``benchmarks/RESULTS.md``).
Recomputing the statistics once, with the final weights, on the training spectra
(as SWA does after weight averaging) removes that mismatch.
"""

from __future__ import annotations

from collections.abc import Iterable

import torch
from torch import Tensor, nn


def recalibrate_batchnorm(module: nn.Module, batches: Iterable[Tensor]) -> int:
    """Recompute every BatchNorm layer's running statistics from ``batches``.

    The statistics become the average over all batches of the batch means and
    variances (cumulative average, ``momentum=None``), computed with the module's
    current weights. Dropout and augmentation stay off: only BatchNorm layers run in
    training mode. The module is left in evaluation mode.

    Parameters
    ----------
    module : torch.nn.Module
        The trained network.
    batches : iterable of torch.Tensor
        Input batches (e.g. the training spectra in chunks), on the module's device.

    Returns
    -------
    int
        Number of BatchNorm layers recalibrated (0: nothing to do).

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN
    >>> from skspectra.nn import recalibrate_batchnorm
    >>> net = GAPCNN(n_outputs=2, n_filters=4)
    >>> recalibrate_batchnorm(net, [torch.randn(8, 64), torch.randn(8, 64)])  # 4 blocks
    4
    >>> net.training
    False
    """
    norms = [m for m in module.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    module.eval()
    if not norms:
        return 0
    momenta = [m.momentum for m in norms]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None
        norm.train()
    seen = False
    try:
        with torch.no_grad():
            for batch in batches:
                if len(batch) > 1:  # a batch of one spectrum has no variance
                    module(batch)
                    seen = True
    finally:
        for norm, momentum in zip(norms, momenta, strict=True):
            norm.momentum = momentum
            norm.eval()
    if not seen:
        raise ValueError("recalibrate_batchnorm needs at least one batch of 2 or more inputs.")
    return len(norms)
