"""ResNet1D: the residual network of Bacteria-ID (Ho et al., Nat. Commun. 2019)."""

from __future__ import annotations

from torch import Tensor, nn

from skspectra._validation import check_int, check_odd_int, check_option
from skspectra.nn._base import GAPLinearHead, SpectralNet, conv_bn_act


class _ResidualBlock(nn.Module):
    """``ReLU(BN(conv(ReLU(BN(conv(x))))) + shortcut(x))``.

    The shortcut is the identity, or a strided 1x1 convolution + BatchNorm when the
    block changes the number of channels or the length.
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, stride: int):
        super().__init__()
        self.conv1 = conv_bn_act(in_channels, out_channels, kernel_size, stride=stride, bias=False)
        self.conv2 = conv_bn_act(
            out_channels, out_channels, kernel_size, bias=False, activation=None
        )
        if stride != 1 or in_channels != out_channels:
            self.shortcut: nn.Module = conv_bn_act(
                in_channels, out_channels, 1, stride=stride, bias=False, activation=None
            )
        else:
            self.shortcut = nn.Identity()
        self.act = nn.ReLU()

    def forward(self, x: Tensor) -> Tensor:
        return self.act(self.conv2(self.conv1(x)) + self.shortcut(x))


class _FlattenLinearHead(nn.Module):
    """Flatten the feature maps, then a linear layer (the head of the paper)."""

    def __init__(self, in_channels: int, length: int, n_outputs: int) -> None:
        super().__init__()
        self.in_channels = in_channels
        self.length = length
        self.linear = nn.Linear(in_channels * length, n_outputs)

    def forward(self, feats: Tensor) -> Tensor:
        if tuple(feats.shape[1:]) != (self.in_channels, self.length):
            raise ValueError(
                f"The flatten head expects feature maps of shape (batch, {self.in_channels}, "
                f"{self.length}), got {tuple(feats.shape)}."
            )
        return self.linear(feats.flatten(1))


class ResNet1D(SpectralNet):
    """1D residual network of Ho et al. (2019) for Raman spectra, with a GAP or flatten head.

    A stem convolution, then ``n_stages`` stages of ``blocks_per_stage`` residual
    blocks. The first stage keeps the length; each later stage halves it with a
    stride of 2 on its first block.

    Parameters
    ----------
    n_outputs : int
        Number of outputs (class logits or regression targets).
    in_channels : int, default=1
        Number of input channels.
    stem_channels : int, default=64
        Channels of the stem: Conv1d(k=``kernel_size``, no bias) -> BatchNorm -> ReLU.
    hidden_channels : int, default=100
        Channels of every residual block.
    n_stages : int, default=6
        Number of stages; strides are 1, 2, 2, ... on the first block of each.
    blocks_per_stage : int, default=2
        Residual blocks per stage.
    kernel_size : int, default=5
        Kernel of the stem and block convolutions. Must be odd (symmetric padding).
    head : {"gap", "flatten"}, default="gap"
        ``"gap"``: global average pooling -> Linear, so CAM applies and any input
        length works. ``"flatten"``: the paper's head, flatten -> Linear; needs
        ``input_length`` and has no ``head_weight`` (use Grad-CAM, not CAM).
    input_length : int or None, default=None
        Length of the inputs. Required by ``head="flatten"``. When given (with
        either head), an input of another length raises a ValueError.
    stem_stride : int, default=1
        Stride of the stem convolution (the paper: 1). 2 halves the length that every
        stage works on, and so the cost of a forward pass, at the price of the
        finest resolution of the feature maps.

    Attributes
    ----------
    feature_length : int or None
        Positions of the last feature maps for ``input_length`` inputs
        (``input_length`` divided by ``stem_stride``, then halved, rounding up, once
        per stage after the first);
        ``None`` when ``input_length`` is ``None``.
    stem : torch.nn.Sequential
    stages : torch.nn.Sequential
        One ``nn.Sequential`` of residual blocks per stage.
    head : torch.nn.Module
        The GAP-linear or flatten-linear head.
    head_type : str
        The ``head`` argument (``"gap"`` or ``"flatten"``).

    Notes
    -----
    ``feature_layers()`` names ``"stem"``, ``"stage1"``, ..., ``"stage<n_stages>"``.
    Weights use PyTorch's default initialisation.

    References
    ----------
    .. [1] Ho, C.-S. et al. "Rapid identification of pathogenic bacteria using Raman
       spectroscopy and deep learning", Nat. Commun. 2019, 10, 4927.

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import ResNet1D
    >>> _ = torch.manual_seed(0)
    >>> net = ResNet1D(n_outputs=4, hidden_channels=16, n_stages=3).eval()
    >>> net(torch.randn(2, 1, 100)).shape
    torch.Size([2, 4])
    >>> net.forward_features(torch.randn(2, 100)).shape  # 100 -> 50 -> 25
    torch.Size([2, 16, 25])
    >>> ResNet1D(2, n_stages=3, head="flatten", input_length=100).head_weight is None
    True
    """

    def __init__(
        self,
        n_outputs: int,
        in_channels: int = 1,
        stem_channels: int = 64,
        hidden_channels: int = 100,
        n_stages: int = 6,
        blocks_per_stage: int = 2,
        kernel_size: int = 5,
        head: str = "gap",
        input_length: int | None = None,
        stem_stride: int = 1,
    ) -> None:
        super().__init__(n_outputs, in_channels)
        self.stem_channels = check_int("stem_channels", stem_channels, 1)
        self.hidden_channels = check_int("hidden_channels", hidden_channels, 1)
        self.n_stages = check_int("n_stages", n_stages, 1)
        self.blocks_per_stage = check_int("blocks_per_stage", blocks_per_stage, 1)
        self.kernel_size = check_odd_int("kernel_size", kernel_size)
        self.head_type = check_option("head", head, ("gap", "flatten"))
        self.stem_stride = check_int("stem_stride", stem_stride, 1)
        if input_length is not None:
            input_length = check_int("input_length", input_length, 1)
        elif head == "flatten":
            raise ValueError(
                "head='flatten' needs input_length (the number of points of the spectra) "
                "to size its linear layer; pass input_length or use head='gap'."
            )
        self.input_length = input_length
        self.feature_length = None
        if input_length is not None:
            length = (input_length - 1) // self.stem_stride + 1
            for _ in range(self.n_stages - 1):
                length = (length - 1) // 2 + 1  # conv: k odd, padding k // 2, stride 2
            self.feature_length = length

        self.stem = conv_bn_act(self.in_channels, self.stem_channels, self.kernel_size,
                                stride=self.stem_stride, bias=False)
        stages = []
        channels = self.stem_channels
        for i in range(self.n_stages):
            blocks = []
            for j in range(self.blocks_per_stage):
                stride = 2 if i > 0 and j == 0 else 1
                blocks.append(
                    _ResidualBlock(channels, self.hidden_channels, self.kernel_size, stride)
                )
                channels = self.hidden_channels
            stages.append(nn.Sequential(*blocks))
        self.stages = nn.Sequential(*stages)
        if self.head_type == "gap":
            self.head: nn.Module = GAPLinearHead(self.hidden_channels, self.n_outputs)
        else:
            self.head = _FlattenLinearHead(
                self.hidden_channels, self.feature_length, self.n_outputs
            )

    def feature_layers(self) -> dict[str, nn.Module]:
        """``{"stem": ..., "stage1": ..., ..., "stage<n_stages>": ...}``, input side first."""
        layers: dict[str, nn.Module] = {"stem": self.stem}
        layers.update({f"stage{i}": stage for i, stage in enumerate(self.stages, start=1)})
        return layers

    def prepare_input(self, x: Tensor) -> Tensor:
        """Check and reshape the input; with ``input_length`` set, check its length too."""
        x = super().prepare_input(x)
        if self.input_length is not None and x.shape[-1] != self.input_length:
            raise ValueError(
                f"ResNet1D was built for input_length={self.input_length} "
                f"(head={self.head_type!r}), got an input of length {x.shape[-1]}."
            )
        return x
