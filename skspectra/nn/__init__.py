"""Pure-torch 1D networks for spectra: :class:`PACE`, :class:`ResNet1D`, :class:`GAPCNN`.

Importing this sub-package imports torch (and never scikit-learn or skorch). Every
network is a :class:`SpectralNet`: ``forward_features`` gives the last conv
feature maps ``(batch, channels, positions)``, ``forward_head`` maps them to
``(batch, n_outputs)``, ``head_weight`` is the ``(n_outputs, channels)`` weight of
a global-average-pooling head (``None`` otherwise) and ``feature_layers()`` names
the conv blocks whose outputs are the per-layer feature maps.

Examples
--------
>>> import torch
>>> from skspectra.nn import GAPCNN
>>> net = GAPCNN(n_outputs=2).eval()
>>> x = torch.randn(3, 200)
>>> feats = net.forward_features(x)
>>> cam_logits = feats.mean(-1) @ net.head_weight.T + net.head.linear.bias
>>> torch.allclose(cam_logits, net(x), atol=1e-6)
True
"""

import importlib

from skspectra._registry import network_exports
from skspectra.nn._base import GAPLinearHead, SpectralNet
from skspectra.nn._batchnorm import recalibrate_batchnorm
from skspectra.nn._ensemble import EnsembleNet, MemberwiseLoss
from skspectra.nn._input import (
    InputAdaptedNet,
    SpectralAugmenter,
    Standardizer,
    sg_derivative,
    within_class_deviations,
)

# the architectures' networks (GAPCNN, ResNet1D, PACE), from the registry
for _name, _module in network_exports().items():
    globals()[_name] = getattr(importlib.import_module(_module), _name)
del _name, _module

__all__ = [
    *network_exports(),
    "EnsembleNet",
    "GAPLinearHead",
    "InputAdaptedNet",
    "MemberwiseLoss",
    "SpectralAugmenter",
    "SpectralNet",
    "Standardizer",
    "recalibrate_batchnorm",
    "sg_derivative",
    "within_class_deviations",
]
