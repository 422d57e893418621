"""PACE: a 1D ConvMixer for spectra (Lu et al., Anal. Chem. 2024)."""

from __future__ import annotations

import torch.nn.functional as F
from torch import Tensor, nn

from skspectra._validation import check_int, check_odd_int, check_probability
from skspectra.nn._base import GAPLinearHead, SpectralNet, conv_bn_act


class _MixerBlock(nn.Module):
    """``GELU(BN(pointwise(GELU(BN(depthwise(x))))) + x)`` at constant shape."""

    def __init__(self, dim: int, kernel_size: int) -> None:
        super().__init__()
        self.depthwise = conv_bn_act(dim, dim, kernel_size, groups=dim, activation=nn.GELU)
        self.pointwise = conv_bn_act(dim, dim, 1, activation=None)
        self.act = nn.GELU()

    def forward(self, x: Tensor) -> Tensor:
        return self.act(self.pointwise(self.depthwise(x)) + x)


class PACE(SpectralNet):
    """PACE, the patch-based convolutional mixer for spectra of Lu et al. (2024).

    The spectrum is average-pooled to ``pool_dim`` points, cut into patches by a
    strided convolution (the patch embedding), mixed along the spectrum by
    ``depth`` depthwise/pointwise residual blocks, then classified by global
    average pooling and a linear layer (a GAP head, so CAM applies).

    Parameters
    ----------
    n_outputs : int
        Number of outputs (class logits or regression targets).
    pool_dim : int, default=256
        Length the input is average-pooled to (``adaptive_avg_pool1d``) before the
        patch embedding. Any input length works: a longer input is averaged down;
        a shorter one (``length < pool_dim``) is *upsampled by repetition*: each
        pooled point is the average of the one or two input points its window
        covers (an exact repetition when ``length`` divides ``pool_dim``). That
        adds no information but is harmless.
    patch_size : int, default=16
        Kernel size of the patch embedding, in pooled points. The paper chose 16
        from typical Raman peak widths at 256 points; it is the hyperparameter
        most worth a grid search. Must not exceed ``pool_dim``.
    dim : int, default=256
        Channels of the patch embedding and of every block. The paper uses 1024
        (about 4.3 M parameters). The module defaults to 256 (about 0.29 M for
        three classes): on a ~370-spectrum Raman set it trained about ten times
        faster and scored higher than 1024, and public spectroscopy sets are of
        that size or smaller.
    depth : int, default=4
        Number of mixer blocks.
    kernel_size : int, default=9
        Kernel of the depthwise convolutions. Must be odd (symmetric padding keeps
        the tokens aligned).
    dropout : float, default=0.2
        Dropout after the patch embedding (the network's only dropout).
    overlapped : bool, default=False
        If True, patches overlap by half: the embedding stride is
        ``max(1, patch_size // 2)`` instead of ``patch_size``.
    in_channels : int, default=1
        Number of input channels.

    Attributes
    ----------
    dropout_rate : float
        The ``dropout`` argument (``dropout`` is the ``nn.Dropout`` module).
    n_tokens : int
        Number of patches (positions of the feature maps):
        ``(pool_dim - patch_size) // stride + 1``.
    embed : torch.nn.Sequential
        Patch embedding: Conv1d -> BatchNorm1d -> GELU.
    blocks : torch.nn.Sequential
        The ``depth`` mixer blocks.
    head : GAPLinearHead
        Global average pooling -> Linear(dim, n_outputs).

    Notes
    -----
    ``feature_layers()`` names ``"embed"``, ``"block1"``, ..., ``"block<depth>"``;
    the output of the last block is the CAM layer, with ``n_tokens`` positions,
    each covering ``patch_size * length / pool_dim`` input points.

    References
    ----------
    .. [1] Lu et al., Anal. Chem. 2024, 96(7), 2866 (PACE).
       Reference code: https://github.com/X1nyuLu/PACE (MIT licence).

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import PACE
    >>> _ = torch.manual_seed(0)
    >>> net = PACE(n_outputs=3, dim=32, depth=2).eval()
    >>> net(torch.randn(5, 1000)).shape
    torch.Size([5, 3])
    >>> net.forward_features(torch.randn(5, 1000)).shape  # 256 / 16 = 16 tokens
    torch.Size([5, 32, 16])
    >>> list(net.feature_layers())
    ['embed', 'block1', 'block2']
    """

    def __init__(
        self,
        n_outputs: int,
        pool_dim: int = 256,
        patch_size: int = 16,
        dim: int = 256,
        depth: int = 4,
        kernel_size: int = 9,
        dropout: float = 0.2,
        overlapped: bool = False,
        in_channels: int = 1,
    ) -> None:
        super().__init__(n_outputs, in_channels)
        self.pool_dim = check_int("pool_dim", pool_dim, 1)
        self.patch_size = check_int("patch_size", patch_size, 1)
        self.dim = check_int("dim", dim, 1)
        self.depth = check_int("depth", depth, 1)
        self.kernel_size = check_odd_int("kernel_size", kernel_size)
        self.dropout_rate = check_probability("dropout", dropout)
        if not isinstance(overlapped, bool):
            raise TypeError(f"overlapped must be a bool, got {overlapped!r}.")
        self.overlapped = overlapped
        if self.patch_size > self.pool_dim:
            raise ValueError(
                f"patch_size={self.patch_size} is larger than pool_dim={self.pool_dim}: "
                "no patch fits in the pooled spectrum; lower patch_size or raise pool_dim."
            )
        stride = max(1, self.patch_size // 2) if overlapped else self.patch_size
        self.n_tokens = (self.pool_dim - self.patch_size) // stride + 1

        self.embed = nn.Sequential(
            nn.Conv1d(self.in_channels, self.dim, self.patch_size, stride=stride),
            nn.BatchNorm1d(self.dim),
            nn.GELU(),
        )
        self.dropout = nn.Dropout(self.dropout_rate)
        self.blocks = nn.Sequential(
            *(_MixerBlock(self.dim, self.kernel_size) for _ in range(self.depth))
        )
        self.head = GAPLinearHead(self.dim, self.n_outputs)

    def feature_layers(self) -> dict[str, nn.Module]:
        """``{"embed": ..., "block1": ..., ..., "block<depth>": ...}``, input side first."""
        layers: dict[str, nn.Module] = {"embed": self.embed}
        layers.update({f"block{i}": block for i, block in enumerate(self.blocks, start=1)})
        return layers

    def patch_embeddings(self) -> tuple[nn.Conv1d, ...]:
        """The patch embedding's strided convolution (it reads the pooled spectrum)."""
        return (self.embed[0],)

    def forward_features(self, x: Tensor) -> Tensor:
        """Pool to ``pool_dim``, embed patches, dropout, mixer blocks: (B, dim, n_tokens)."""
        x = F.adaptive_avg_pool1d(self.prepare_input(x), self.pool_dim)
        return self.blocks(self.dropout(self.embed(x)))
