"""Per-layer activations of a deep model: what each conv layer responds to."""

from __future__ import annotations

from typing import Any

import numpy as np

from skspectra._validation import check_int
from skspectra.explain._progress import progress_batches
from skspectra.explain._torch_utils import (
    as_2d_float,
    capture_outputs,
    eval_mode,
    feature_layers,
    tensor,
    torch_module,
)

__all__ = ["feature_maps"]


def feature_maps(
    estimator: Any, X: Any, *, layers: Any = None, batch_size: int = 256
) -> dict[str, np.ndarray]:
    """Activations of each named conv layer of a deep model for the spectra ``X``.

    Parameters
    ----------
    estimator : fitted deep estimator or torch.nn.Module
        An estimator whose ``module_`` is a :class:`skspectra.nn.SpectralNet`
        (e.g. ``GAPCNNClassifier``), or such a network itself.
    X : array-like of shape (n_samples, n_features)
        Raw spectra.
    layers : str, list of str or None, default=None
        Names among the network's ``feature_layers()``; ``None``: all of them.
    batch_size : int, default=256
        Spectra per forward pass.

    Returns
    -------
    dict of str to ndarray of shape (n_samples, n_channels, n_positions)
        The output of each layer (in eval mode), input side first. Positions are
        those of the layer (not upsampled): pooling shortens them.

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN
    >>> from skspectra.explain import feature_maps
    >>> _ = torch.manual_seed(0)
    >>> net = GAPCNN(n_outputs=2, n_filters=4)
    >>> maps = feature_maps(net, torch.randn(3, 64).numpy())
    >>> {name: m.shape for name, m in maps.items()}
    {'conv1': (3, 4, 64), 'conv2': (3, 8, 32), 'conv3': (3, 16, 16), 'conv4': (3, 32, 8)}
    """
    import torch

    module = torch_module(estimator)
    X = as_2d_float(X)
    batch_size = check_int("batch_size", batch_size, 1)
    available = feature_layers(module)
    names = list(available) if layers is None else [layers] if isinstance(layers, str) else list(
        layers)
    unknown = [name for name in names if name not in available]
    if unknown or not names:
        raise ValueError(
            f"Unknown layer(s) {unknown}; the network's feature layers are {list(available)}."
        )
    chunks: dict[str, list[np.ndarray]] = {name: [] for name in names}
    with eval_mode(module), torch.no_grad(), capture_outputs(
        {name: available[name] for name in names}
    ) as captured:
        for lo, hi in progress_batches(X.shape[0], batch_size):
            module(tensor(module, X[lo:hi]))
            for name in names:
                chunks[name].append(captured[name].double().cpu().numpy())
    return {name: np.concatenate(chunks[name]) for name in names}
