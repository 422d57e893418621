"""GAP-CNN: three conv blocks, global average pooling, a linear layer (Anal. Chim. Acta 2020)."""

from __future__ import annotations

from collections import OrderedDict

from torch import Tensor, nn

from skspectra._validation import check_int, check_odd_int, check_probability
from skspectra.nn._base import GAPLinearHead, SpectralNet


class GAPCNN(SpectralNet):
    """Small CNN with a global-average-pooling head, built for class activation maps.

    ``n_blocks`` conv blocks (Conv1d -> BatchNorm -> ReLU), with max pooling and
    dropout between blocks, then global average pooling and a linear layer, so
    that the class activation map is exactly ``CAM_c(t) = sum_k w_k^c A_k(t)``.

    The paper does not publish its filter counts; the choices here are:

    * flat hyperparameters (``n_filters``, ``kernel_size``, ...) rather than
      per-layer tuples, so that a grid search can vary each one directly;
    * a doubling growth rule: block ``i`` (1-based) has ``n_filters * 2**(i-1)``
      channels, i.e. 32, 64, 128, 256 by default (the defaults of
      :class:`~skspectra.models.GAPCNNClassifier`, chosen by cross-validation on the
      training splits of the bundled sets; about 390 k weights);
    * one odd ``kernel_size`` for all blocks with symmetric "same" padding, so
      the first layer can act as a Savitzky-Golay-like smoothing filter and every
      feature map stays aligned with the input;
    * ``MaxPool1d(pool_size)`` between blocks, none after the last, so the CAM
      layer keeps ``length // pool_size**(n_blocks-1)`` positions (the receptive
      field of the last layer is 121 points with the defaults);
    * dropout between blocks only, so that the head is exactly
      ``Linear(mean_t(feats))`` in training and evaluation alike.

    Parameters
    ----------
    n_outputs : int
        Number of outputs (class logits or regression targets).
    n_filters : int, default=32
        Channels of the first block; doubled at each later block.
    kernel_size : int, default=9
        Kernel of every convolution. Must be odd.
    n_blocks : int, default=4
        Number of conv blocks (the paper uses three).
    pool_size : int, default=2
        Max-pooling factor between blocks; 1 disables pooling.
    dropout : float, default=0.0
        Dropout rate applied after each pooling (between blocks).
    in_channels : int, default=1
        Number of input channels.

    Attributes
    ----------
    dropout_rate : float
        The ``dropout`` argument.
    channels : tuple of int
        Channels of each block, from the growth rule.
    min_length : int
        Shortest input accepted, ``pool_size ** (n_blocks - 1)``.
    blocks : torch.nn.Sequential
        Block ``i`` is an ``nn.Sequential`` with children ``pool`` and ``dropout``
        (from block 2 on), ``conv``, ``bn``, ``act``; e.g. the first-layer filters
        are ``net.feature_layers()["conv1"].conv.weight``.
    head : GAPLinearHead
        Global average pooling -> Linear(channels[-1], n_outputs).

    Notes
    -----
    ``feature_layers()`` names ``"conv1"``, ..., ``"conv<n_blocks>"``; the output
    of each is the ReLU activation of its block, before the next pooling.
    Weights use PyTorch's default initialisation.

    References
    ----------
    .. [1] Anal. Chim. Acta 2020, 1119, 41-51 (CNN with global average pooling for
       vibrational spectra: first layer as a smoothing filter, CAM on chemical
       bands, accuracy on par with PLS-LDA under Monte-Carlo cross-validation).

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN
    >>> _ = torch.manual_seed(0)
    >>> net = GAPCNN(n_outputs=3).eval()
    >>> net.channels
    (32, 64, 128, 256)
    >>> net(torch.randn(4, 448)).shape
    torch.Size([4, 3])
    >>> net.forward_features(torch.randn(4, 448)).shape  # 448 // 2**3 positions
    torch.Size([4, 256, 56])
    """

    def __init__(
        self,
        n_outputs: int,
        n_filters: int = 32,
        kernel_size: int = 9,
        n_blocks: int = 4,
        pool_size: int = 2,
        dropout: float = 0.0,
        in_channels: int = 1,
    ) -> None:
        super().__init__(n_outputs, in_channels)
        self.n_filters = check_int("n_filters", n_filters, 1)
        self.kernel_size = check_odd_int("kernel_size", kernel_size)
        self.n_blocks = check_int("n_blocks", n_blocks, 1)
        self.pool_size = check_int("pool_size", pool_size, 1)
        self.dropout_rate = check_probability("dropout", dropout)
        self.channels = tuple(self.n_filters * 2**i for i in range(self.n_blocks))
        self.min_length = self.pool_size ** (self.n_blocks - 1)

        blocks = []
        previous = self.in_channels
        for i, channels in enumerate(self.channels):
            layers: OrderedDict[str, nn.Module] = OrderedDict()
            if i > 0:
                layers["pool"] = nn.MaxPool1d(self.pool_size)
                layers["dropout"] = nn.Dropout(self.dropout_rate)
            layers["conv"] = nn.Conv1d(
                previous, channels, self.kernel_size, padding=self.kernel_size // 2
            )
            layers["bn"] = nn.BatchNorm1d(channels)
            layers["act"] = nn.ReLU()
            blocks.append(nn.Sequential(layers))
            previous = channels
        self.blocks = nn.Sequential(*blocks)
        self.head = GAPLinearHead(self.channels[-1], self.n_outputs)

    def feature_layers(self) -> dict[str, nn.Module]:
        """``{"conv1": ..., ..., "conv<n_blocks>": ...}``, input side first."""
        return {f"conv{i}": block for i, block in enumerate(self.blocks, start=1)}

    def prepare_input(self, x: Tensor) -> Tensor:
        """Check and reshape the input; refuse inputs too short for the pooling."""
        x = super().prepare_input(x)
        if x.shape[-1] < self.min_length:
            raise ValueError(
                f"GAPCNN with n_blocks={self.n_blocks} and pool_size={self.pool_size} needs "
                f"inputs of at least {self.min_length} points, got {x.shape[-1]}."
            )
        return x
