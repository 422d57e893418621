"""The interface shared by the spectral networks, and their argument checks.

Every network in :mod:`skspectra.nn` is a :class:`SpectralNet`: a convolutional
trunk (:meth:`SpectralNet.forward_features`) that ends in a stack of 1D feature
maps, then a head (:meth:`SpectralNet.forward_head`) that turns those maps into
``n_outputs`` numbers (class logits or regression outputs). The explanation
methods (CAM, Grad-CAM, 1D Grad-CAM, feature maps) rely only on this interface.
"""

from __future__ import annotations

from torch import Tensor, nn

from skspectra._validation import check_int


class SpectralNet(nn.Module):
    """Base class of the 1D spectral networks: trunk of conv feature maps, then a head.

    Subclasses build their layers in ``__init__``, store their head as
    ``self.head`` (a :class:`GAPLinearHead` for CAM-ready networks) and implement
    :meth:`feature_layers`. The default
    :meth:`forward_features` runs the layers of :meth:`feature_layers` in order;
    a subclass with extra steps between them (pooling, dropout) overrides it.

    The protocol that :class:`~skspectra.models.SpectralNetClassifier` and
    :class:`~skspectra.models.SpectralNetRegressor` train:

    - the constructor takes ``n_outputs`` and ``in_channels`` as keyword arguments
      (the estimator sets them) and passes them to ``SpectralNet.__init__``;
    - ``forward`` returns ``(batch, n_outputs)`` for inputs of any length the
      network accepts (``prepare_input`` adds the channel axis to 2D inputs);
    - for Grad-CAM, 1D Grad-CAM and feature maps: :meth:`feature_layers` (without
      it those methods are not offered);
    - for CAM: a :class:`GAPLinearHead` as ``self.head`` (or a ``head_weight``
      property), so that the output is linear in the pooled feature maps;
    - for ``upsampling="patch"`` of CAM and the Grad-CAM family (patch networks):
      :meth:`patch_embeddings`.

    Parameters
    ----------
    n_outputs : int
        Number of outputs: logits for classification, targets for regression.
    in_channels : int, default=1
        Number of input channels (1 for a spectrum).

    Attributes
    ----------
    n_outputs : int
        Number of outputs of :meth:`forward`.
    in_channels : int
        Number of input channels expected.

    Notes
    -----
    Inputs may be ``(batch, length)`` or ``(batch, in_channels, length)``; a 2D
    input gets its channel axis added. Integer or other floating dtypes are cast
    to the dtype of the network's parameters (a differentiable cast, so gradients
    still reach the caller's tensor).

    For a network with a global-average-pooling (GAP) head, the head is exactly
    ``Linear(feats.mean(-1))``, so that::

        forward(x) == forward_features(x).mean(-1) @ head_weight.T + bias

    which is what class activation mapping (CAM) needs.

    Examples
    --------
    A minimal network: one conv block and a GAP-linear head.

    >>> import torch
    >>> from torch import nn
    >>> from skspectra.nn import GAPLinearHead, SpectralNet
    >>> class TinyNet(SpectralNet):
    ...     def __init__(self, n_outputs, in_channels=1):
    ...         super().__init__(n_outputs, in_channels)
    ...         self.conv = nn.Sequential(nn.Conv1d(in_channels, 4, 5, padding=2), nn.ReLU())
    ...         self.head = GAPLinearHead(4, n_outputs)
    ...     def feature_layers(self):
    ...         return {"conv": self.conv}
    >>> net = TinyNet(2).eval()
    >>> net(torch.randn(3, 50)).shape, net.head_weight.shape
    (torch.Size([3, 2]), torch.Size([2, 4]))
    """

    def __init__(self, n_outputs: int, in_channels: int = 1) -> None:
        super().__init__()
        self.n_outputs = check_int("n_outputs", n_outputs, 1)
        self.in_channels = check_int("in_channels", in_channels, 1)

    # -- interface ---------------------------------------------------------------------
    def feature_layers(self) -> dict[str, nn.Module]:
        """Ordered named conv blocks whose outputs are the per-layer feature maps.

        Returns
        -------
        dict of str to torch.nn.Module
            Insertion-ordered, from the input side to the output side. The output
            of the last entry is what :meth:`forward_features` returns. Hook these
            modules to read feature maps or to choose a Grad-CAM layer by name.
        """
        raise NotImplementedError

    def patch_embeddings(self) -> tuple[nn.Conv1d, ...]:
        """The convolutions that cut the input into patches (tokens); ``()`` for none.

        A patch network (PACE) returns its patch embedding. Explanations of its token maps
        can then be brought to the input's points through it (``upsampling="patch"`` of
        :func:`skspectra.explain.grad_cam`) instead of being interpolated.
        """
        return ()

    def forward_features(self, x: Tensor) -> Tensor:
        """Compute the last convolutional feature maps (the CAM layer).

        Parameters
        ----------
        x : torch.Tensor of shape (batch, length) or (batch, in_channels, length)
            Input spectra.

        Returns
        -------
        torch.Tensor of shape (batch, channels, positions)
            The output of the last entry of :meth:`feature_layers`.
        """
        x = self.prepare_input(x)
        for layer in self.feature_layers().values():
            x = layer(x)
        return x

    def forward_head(self, feats: Tensor) -> Tensor:
        """Map the feature maps of :meth:`forward_features` to the outputs.

        The default applies the module stored as ``self.head``.

        Parameters
        ----------
        feats : torch.Tensor of shape (batch, channels, positions)
            Feature maps.

        Returns
        -------
        torch.Tensor of shape (batch, n_outputs)
        """
        return self.head(feats)

    def forward(self, x: Tensor) -> Tensor:
        """Return ``forward_head(forward_features(x))``, shape ``(batch, n_outputs)``."""
        return self.forward_head(self.forward_features(x))

    @property
    def head_weight(self) -> Tensor | None:
        """Weight ``(n_outputs, channels)`` of a GAP-linear head, else ``None``.

        The live parameter (not a copy): detach it before editing.
        """
        head = getattr(self, "head", None)
        return head.linear.weight if isinstance(head, GAPLinearHead) else None

    # -- helpers -----------------------------------------------------------------------
    def prepare_input(self, x: Tensor) -> Tensor:
        """Check an input batch and bring it to shape ``(batch, in_channels, length)``.

        Parameters
        ----------
        x : torch.Tensor of shape (batch, length) or (batch, in_channels, length)

        Returns
        -------
        torch.Tensor of shape (batch, in_channels, length), in the parameters' dtype.

        Raises
        ------
        TypeError
            If ``x`` is not a tensor.
        ValueError
            If ``x`` has the wrong number of dimensions or channels, or no points.
        """
        if not isinstance(x, Tensor):
            raise TypeError(
                f"{type(self).__name__} expects a torch.Tensor, got {type(x).__name__}."
            )
        if x.ndim == 2:
            x = x.unsqueeze(1)
        if x.ndim != 3:
            raise ValueError(
                f"{type(self).__name__} expects input of shape (batch, length) or "
                f"(batch, {self.in_channels}, length), got shape {tuple(x.shape)}."
            )
        if x.shape[1] != self.in_channels:
            raise ValueError(
                f"{type(self).__name__} was built for in_channels={self.in_channels}, "
                f"got an input with {x.shape[1]} channels (shape {tuple(x.shape)})."
            )
        if x.shape[2] < 1:
            raise ValueError(f"{type(self).__name__} got an input of length 0.")
        dtype = next(self.parameters()).dtype
        if x.dtype != dtype:
            x = x.to(dtype)
        return x


class GAPLinearHead(nn.Module):
    """Global average pooling over positions, then a linear layer.

    ``GAPLinearHead(c, n)(feats) == Linear(c, n)(feats.mean(-1))`` exactly, so a
    class activation map is ``head.linear.weight @ feats``.

    Parameters
    ----------
    in_channels : int
        Number of feature-map channels.
    n_outputs : int
        Number of outputs.

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn._base import GAPLinearHead
    >>> head = GAPLinearHead(8, 3)
    >>> feats = torch.randn(2, 8, 40)
    >>> torch.allclose(head(feats), head.linear(feats.mean(-1)))
    True
    """

    def __init__(self, in_channels: int, n_outputs: int) -> None:
        super().__init__()
        self.linear = nn.Linear(in_channels, n_outputs)

    def forward(self, feats: Tensor) -> Tensor:
        """Return ``linear(feats.mean(-1))`` for ``feats`` of shape (B, C, T)."""
        return self.linear(feats.mean(dim=-1))


def conv_bn_act(
    in_channels: int,
    out_channels: int,
    kernel_size: int,
    *,
    stride: int = 1,
    groups: int = 1,
    bias: bool = True,
    activation: type[nn.Module] | None = nn.ReLU,
) -> nn.Sequential:
    """Conv1d (symmetric zero padding ``kernel_size // 2``) -> BatchNorm1d -> activation.

    With an odd ``kernel_size`` and ``stride=1`` the output keeps the input length
    and position ``t`` of the output is centred on position ``t`` of the input.
    ``activation=None`` leaves the activation out.
    """
    layers: list[nn.Module] = [
        nn.Conv1d(
            in_channels,
            out_channels,
            kernel_size,
            stride=stride,
            padding=kernel_size // 2,
            groups=groups,
            bias=bias,
        ),
        nn.BatchNorm1d(out_channels),
    ]
    if activation is not None:
        layers.append(activation())
    return nn.Sequential(*layers)




__all__ = ["GAPLinearHead", "SpectralNet"]
