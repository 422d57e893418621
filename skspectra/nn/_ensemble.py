"""An ensemble of spectral networks trained side by side, one module for the estimators.

Deep ensembles (several copies of a network, each from its own random initialisation,
outputs averaged) are the most reliable remedy for the seed-to-seed variance of deep
models on small data sets (InceptionTime, Ismail Fawaz et al. 2020). Here the members
live in one :class:`EnsembleNet`, so that one optimizer, one data loader and one
training loop train all of them: each member sees the same batches and keeps its own
loss (:class:`MemberwiseLoss`), so the members stay independent models.

The ensemble is itself a :class:`~skspectra.nn.SpectralNet`. Its feature maps are the
members' feature maps stacked along the channels and its head averages the members'
outputs, so CAM, Grad-CAM and 1D Grad-CAM explain the averaged output exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
from torch import Tensor, nn

from skspectra.nn._base import SpectralNet


class EnsembleNet(SpectralNet):
    """Several :class:`SpectralNet` members whose outputs are averaged.

    In evaluation mode ``forward`` returns the mean of the members' outputs, shape
    ``(batch, n_outputs)``. In training mode it returns every member's output, shape
    ``(batch, n_members, n_outputs)``, for :class:`MemberwiseLoss`.

    Parameters
    ----------
    members : sequence of SpectralNet
        At least one network; all with the same ``n_outputs`` and ``in_channels``, and
        feature maps with the same number of positions (e.g. copies of one architecture).

    Attributes
    ----------
    members : torch.nn.ModuleList
        The member networks.
    n_members : int
        Number of members.
    features : torch.nn.Identity
        Applied to the stacked feature maps: the layer that Grad-CAM hooks by default.

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN, EnsembleNet
    >>> _ = torch.manual_seed(0)
    >>> net = EnsembleNet([GAPCNN(n_outputs=3, n_filters=4, n_blocks=3) for _ in range(2)])
    >>> net = net.eval()
    >>> x = torch.randn(5, 64)
    >>> net(x).shape, net.forward_features(x).shape  # 2 members x 16 channels
    (torch.Size([5, 3]), torch.Size([5, 32, 16]))
    >>> mean = torch.stack([m(x) for m in net.members]).mean(0)
    >>> torch.allclose(net(x), mean, atol=1e-6)
    True
    """

    def __init__(self, members: Sequence[SpectralNet]) -> None:
        members = list(members)
        if not members:
            raise ValueError("EnsembleNet needs at least one member network.")
        first = members[0]
        for member in members:
            if not isinstance(member, SpectralNet):
                raise TypeError(
                    f"EnsembleNet members must be SpectralNet instances, got "
                    f"{type(member).__name__}."
                )
            if (member.n_outputs, member.in_channels) != (first.n_outputs, first.in_channels):
                raise ValueError("EnsembleNet members must share n_outputs and in_channels.")
        super().__init__(n_outputs=first.n_outputs, in_channels=first.in_channels)
        self.members = nn.ModuleList(members)
        self.n_members = len(members)
        self.features = nn.Identity()

    @classmethod
    def from_factory(cls, factory: Callable[[], SpectralNet], n_members: int) -> EnsembleNet:
        """Build ``n_members`` networks by calling ``factory()`` once per member."""
        return cls([factory() for _ in range(n_members)])

    def prepare_input(self, x: Tensor) -> Tensor:
        """The first member's input check (all members take the same input)."""
        return self.members[0].prepare_input(x)

    def feature_layers(self) -> dict[str, nn.Module]:
        """Each member's layers as ``"member<i>.<name>"``, then ``"features"`` (stacked)."""
        layers: dict[str, nn.Module] = {}
        for index, member in enumerate(self.members):
            for name, layer in member.feature_layers().items():
                layers[f"member{index}.{name}"] = layer
        layers["features"] = self.features
        return layers

    def patch_embeddings(self) -> tuple[nn.Conv1d, ...]:
        """Every member's patch embeddings, member after member."""
        return tuple(conv for member in self.members for conv in member.patch_embeddings())

    def forward_features(self, x: Tensor) -> Tensor:
        """The members' last feature maps stacked along the channel axis."""
        x = self.prepare_input(x)
        return self.features(torch.cat([m.forward_features(x) for m in self.members], dim=1))

    def member_outputs(self, feats: Tensor) -> Tensor:
        """Each member's head on its share of ``feats``: shape (batch, n_members, n_outputs)."""
        chunks = feats.chunk(self.n_members, dim=1)
        return torch.stack(
            [m.forward_head(c) for m, c in zip(self.members, chunks, strict=True)], dim=1
        )

    def forward_head(self, feats: Tensor) -> Tensor:
        """Mean of the members' outputs in evaluation mode; all of them in training mode."""
        outputs = self.member_outputs(feats)
        return outputs if self.training else outputs.mean(dim=1)

    @property
    def head_weight(self) -> Tensor | None:
        """``(n_outputs, n_members * channels)``: the members' GAP weights over ``n_members``.

        The averaged output is ``forward_features(x).mean(-1) @ head_weight.T`` plus the
        mean of the members' biases. A computed tensor (not a parameter); ``None`` when a
        member has no GAP-linear head.
        """
        weights = [m.head_weight for m in self.members]
        if any(w is None for w in weights):
            return None
        return torch.cat(weights, dim=1) / self.n_members


class MemberwiseLoss(nn.Module):
    """Apply a loss to every ensemble member's output, as if each were trained alone.

    An input of shape ``(batch, n_members, ...)`` (an :class:`EnsembleNet` in training
    mode) is flattened to ``(batch * n_members, ...)`` and the target repeated per
    member; the result is the mean of the members' losses, so that each member's
    gradient is its own loss's, scaled by ``1 / n_members`` (Adam and AdamW are
    invariant to that scale), and the reported loss reads as one member's. Other inputs
    go to the loss unchanged.

    Parameters
    ----------
    loss : torch.nn.Module
        The per-sample loss, e.g. ``nn.CrossEntropyLoss()`` (mean reduction).
    target_ndim : int
        Dimensions of a target batch: 1 for class indices, 2 for regression targets.

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import MemberwiseLoss
    >>> loss = MemberwiseLoss(torch.nn.CrossEntropyLoss(), target_ndim=1)
    >>> logits, y = torch.randn(4, 3, 2), torch.tensor([0, 1, 1, 0])
    >>> alone = [torch.nn.functional.cross_entropy(logits[:, k], y) for k in range(3)]
    >>> bool(torch.isclose(loss(logits, y), torch.stack(alone).mean()))
    True
    """

    def __init__(self, loss: nn.Module, target_ndim: int) -> None:
        super().__init__()
        self.loss = loss
        self.target_ndim = target_ndim

    def forward(self, y_pred: Tensor, y_true: Tensor) -> Tensor:
        """The mean of the member losses (or the plain loss for an averaged output)."""
        if y_pred.ndim == self.target_ndim + 1 + (self.target_ndim == 1):
            n_members = y_pred.shape[1]
            flat = y_pred.flatten(0, 1)
            return self.loss(flat, y_true.repeat_interleave(n_members, dim=0))
        return self.loss(y_pred, y_true)
