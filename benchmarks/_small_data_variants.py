"""Training variants screened for the smallest sets (issue 12), benchmark-only.

Each variant is a subclass of a package estimator that changes one thing in training, so
that it can be screened by cross-validation before it becomes a public parameter:

- ``label_smoothing``: cross-entropy with smoothed targets;
- ``linear``: a linear path from the standardised input to the logits, added to the
  network's output (a "wide and deep" head);
- ``flatten_head``: the global-average-pooling head replaced by a linear layer on the
  flattened feature maps, which keeps where along the axis a feature was found;
- ``position``: an extra input channel holding the position along the axis;
- ``zero_init_residual``: the last BatchNorm of every residual block starts with a zero
  scale, so that each block starts as the identity (Goyal et al., 2017), ResNet1D only;
- ``ema``: the weights used after training are an exponential moving average of the
  weights at the end of each epoch (``value`` is the per-epoch decay), taken instead of the
  best epoch's, before the BatchNorm recalibration (Polyak averaging; cf. SWA, Izmailov
  et al., UAI 2018);
- ``derivative``: an extra input channel holding the Savitzky-Golay first derivative of the
  standardised (SNV) channel, over ``value`` points (odd; quadratic fit), scaled to unit
  standard deviation per spectrum: the derivative spectra of chemometrics, which remove an
  additive baseline, beside the spectrum itself;
- ``group_norm``: every BatchNorm layer replaced by a GroupNorm of ``value`` groups (fewer
  where the channels do not divide), a normalisation of each spectrum on its own that does
  not depend on the batch (Wu and He, ECCV 2018), so that training and evaluation compute
  the same function at any batch size and the BatchNorm recalibration has nothing to do;
- ``lda_head``: the network trained as usual, then its softmax head replaced, for
  prediction, by a linear discriminant analysis with Ledoit-Wolf shrinkage fitted on the
  training spectra's pooled features (the members' global averages of the last feature
  maps, side by side): the within-class whitening of PLS-LDA, in the network's feature
  space.

Round AB's within-class augmentation was screened here as ``within_class`` and is now the
classifiers' public ``augment_within_class``, round AD's distillation from PLS-LDA as
``distill`` is now their public ``distill_weight``, and round AO's ``same_class`` (each
spectrum's deviation drawn from its own class) is now ``augment_within_class_source=
"own_class"`` (all bit-identical training; benchmarks/RESULTS.md).
"""

from __future__ import annotations

from typing import Any


def variant(base: type, kind: str, value: float) -> type:
    """A subclass of the estimator class ``base`` with the training variant ``kind``."""
    kinds = {"label_smoothing": _label_smoothing, "linear": _linear,
             "flatten_head": _flatten_head, "position": _position,
             "zero_init_residual": _zero_init_residual, "ema": _ema,
             "derivative": _derivative, "group_norm": _group_norm,
             "lda_head": _lda_head}
    return kinds[kind](base, value)


def _label_smoothing(base: type, value: float) -> type:
    class Smoothed(base):
        def _criterion_kwargs(self, y_encoded):
            return {**super()._criterion_kwargs(y_encoded), "label_smoothing": value}

    Smoothed.__name__ = base.__name__
    return Smoothed


def _linear(base: type, _value: float) -> type:
    def build_module(self, X, n_outputs, y=None):
        from torch import nn

        module = base._build_module(self, X, n_outputs, y)
        channels = module.standardizer.channel_factor
        module.linear_path = nn.Linear(X.shape[1] * channels, n_outputs)
        nn.init.zeros_(module.linear_path.weight)
        nn.init.zeros_(module.linear_path.bias)
        deep = module.forward

        def forward(x):
            out = deep(x)
            wide = module.linear_path(module.preprocess(x).flatten(1))
            return out + (wide.unsqueeze(1) if out.ndim == 3 else wide)

        module.forward = forward
        return module

    return type(base.__name__, (base,), {"_build_module": build_module})


def _flatten_head(base: type, _value: float) -> type:
    """The GAP head replaced by a linear layer on the flattened feature maps."""
    def build_module(self, X, n_outputs, y=None):
        import torch
        from torch import nn

        module = base._build_module(self, X, n_outputs, y)
        with torch.no_grad():
            feats = module.eval().forward_features(torch.as_tensor(X[:2]))
        module.train()

        class FlattenHead(nn.Module):
            def __init__(self):
                super().__init__()
                self.linear = nn.Linear(feats.shape[1] * feats.shape[2], n_outputs)

            def forward(self, f):
                return self.linear(f.flatten(1))

        module.net.head = FlattenHead()
        return module

    return type(base.__name__, (base,), {"_build_module": build_module})


def _extra_channel(base: type, channel: Any) -> type:
    """A subclass of ``base`` whose network gets one more input channel,
    ``channel(standardised)`` of shape (batch, 1, length), appended after the package's
    standardisation (and its EPO projection); the network (an ensemble when
    ``n_members > 1``) is rebuilt for the extra channel."""
    def build_module(self, X, n_outputs, y=None):
        import torch

        from skspectra import nn as spectral_nn

        module = base._build_module(self, X, n_outputs, y)
        standardizer = module.standardizer
        factor = standardizer.channel_factor

        def make_member() -> Any:
            return self._network_class()(n_outputs=n_outputs, in_channels=factor + 1,
                                         **self._module_params())

        net = (make_member() if self.n_members == 1
               else spectral_nn.EnsembleNet.from_factory(make_member, self.n_members))

        class WithChannel(spectral_nn.Standardizer):
            @property
            def channel_factor(self):
                return factor + 1

            def forward(self, x):
                out = super().forward(x)
                return torch.cat([out, channel(out)], dim=1)

        with_channel = WithChannel(standardizer.mode, standardizer.mean, standardizer.scale,
                                   projection=standardizer.projection,
                                   derivative_window=standardizer.derivative_window)
        return spectral_nn.InputAdaptedNet(net, with_channel, module.augmenter)

    return type(base.__name__, (base,), {"_build_module": build_module})


def _position(base: type, _value: float) -> type:
    """An extra input channel with the position along the axis, from -1 to 1."""
    def position(out):
        import torch

        line = torch.linspace(-1, 1, out.shape[-1], dtype=out.dtype, device=out.device)
        return line.expand(out.shape[0], 1, -1)

    return _extra_channel(base, position)


def _zero_init_residual(base: type, _value: float) -> type:
    """Zero scale on the last BatchNorm of each residual block (identity blocks at start)."""
    def build_module(self, X, n_outputs, y=None):
        from torch import nn

        from skspectra.nn._resnet1d import _ResidualBlock

        module = base._build_module(self, X, n_outputs, y)
        for block in module.modules():
            if isinstance(block, _ResidualBlock):
                norm = next(m for m in block.conv2 if isinstance(m, nn.BatchNorm1d))
                nn.init.zeros_(norm.weight)
        return module

    return type(base.__name__, (base,), {"_build_module": build_module})


def _ema(base: type, decay: float) -> type:
    """Exponential moving average of the end-of-epoch weights, used after training."""
    def skorch_class(self, net_kwargs) -> Any:
        import torch

        parent = base._skorch_class(self, net_kwargs)

        class AveragedNet(parent):
            def on_train_begin(self, net, X=None, y=None, **kwargs):
                super().on_train_begin(net, X=X, y=y, **kwargs)
                self.averaged_ = [p.detach().clone() for p in self.module_.parameters()]

            def on_epoch_end(self, net, dataset_train=None, dataset_valid=None, **kwargs):
                super().on_epoch_end(net, dataset_train=dataset_train,
                                     dataset_valid=dataset_valid, **kwargs)
                with torch.no_grad():
                    current = [p.detach() for p in self.module_.parameters()]
                    torch._foreach_lerp_(self.averaged_, current, 1.0 - decay)

        return AveragedNet

    def recalibrate(self, X, chunk=256):
        import torch

        with torch.no_grad():
            for param, averaged in zip(self.net_.module_.parameters(), self.net_.averaged_,
                                       strict=True):
                param.copy_(averaged)
        base._recalibrate(self, X, chunk)

    return type(base.__name__, (base,), {"_skorch_class": skorch_class,
                                         "_recalibrate": recalibrate})


def _derivative(base: type, window: float) -> type:
    """An extra input channel: the SG first derivative of the standardised spectrum (the
    round-I screen of what is now the public ``derivative_window``)."""
    def slope(out):
        from skspectra.nn import sg_derivative

        return sg_derivative(out[:, :1], int(window))

    return _extra_channel(base, slope)


def _group_norm(base: type, groups: float) -> type:
    """Every BatchNorm1d of the network replaced by GroupNorm(gcd(groups, C), C)."""
    def build_module(self, X, n_outputs, y=None):
        from math import gcd

        from torch import nn

        module = base._build_module(self, X, n_outputs, y)
        for parent in list(module.modules()):
            for name, child in list(parent.named_children()):
                if isinstance(child, nn.BatchNorm1d):
                    channels = child.num_features
                    setattr(parent, name, nn.GroupNorm(gcd(int(groups), channels), channels))
        return module

    return type(base.__name__, (base,), {"_build_module": build_module})


def _lda_head(base: type, _value: float) -> type:
    """Predictions from a shrinkage LDA on the trained network's pooled features."""
    def pooled_features(self, X):
        import numpy as np
        import torch

        module = self.net_.module_.eval()
        X = np.ascontiguousarray(self._validate_X(X, reset=False), dtype=np.float32)
        with torch.no_grad():
            feats = module.forward_features(torch.as_tensor(X, device=self.net_.device))
        return feats.mean(-1).cpu().numpy().astype(np.float64)

    def fit(self, X, y):
        from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

        base.fit(self, X, y)
        self.lda_head_ = LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto")
        self.lda_head_.fit(pooled_features(self, X), y)
        return self

    def predict(self, X):
        return self.lda_head_.predict(pooled_features(self, X))

    return type(base.__name__, (base,), {"fit": fit, "predict": predict})
