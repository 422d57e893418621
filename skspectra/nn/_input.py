"""Input handling around a :class:`SpectralNet`: standardisation and augmentation.

The deep estimators of :mod:`skspectra.models` wrap their network in
:class:`InputAdaptedNet`, so that the standardisation fitted on the training set
and the training-time augmentation live *inside* the torch module. Gradients
(saliency, Grad-CAM) then flow back to the raw spectra the user passed in, and a
pickled estimator carries its preprocessing with it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import Tensor, nn

from skspectra._class_means import deviations_from_class_means
from skspectra._validation import check_odd_int
from skspectra.nn._base import SpectralNet

STANDARDIZE_MODES = ("spectrum", "center", "spectrum+center", "global", "feature", "none")

_EPS = 1e-8


class Standardizer(nn.Module):
    """Standardise spectra inside the network.

    Parameters
    ----------
    mode : {"spectrum", "center", "spectrum+center", "global", "feature", "none"}, \
default="spectrum"
        ``"spectrum"``: each spectrum to mean 0 and standard deviation 1 (as SNV;
        removes per-spectrum offset and scale, nothing is learned from the training
        set). ``"center"``: subtract the training set's mean spectrum and divide by one
        standard deviation of the centred training set (the mean-centring of
        chemometrics: the network sees how each spectrum differs from the average one,
        band intensities keep their relative scale). ``"spectrum+center"``: two
        channels, the SNV spectrum and its deviation from the training set's mean SNV
        spectrum (scaled by one standard deviation): the network sees both the shape
        and what sets a spectrum apart; it is built with twice the input channels.
        ``"global"``: subtract one mean and divide by one standard deviation,
        both computed over the whole training set (keeps relative intensities
        between spectra and between bands). ``"feature"``: per-wavenumber mean and
        standard deviation of the training set (as ``StandardScaler``; note that it
        inflates flat, noisy regions). ``"none"``: identity.
    mean, scale : float or torch.Tensor, default=0.0 and 1.0
        Statistics for ``"global"`` (scalars), ``"center"`` and ``"spectrum+center"``
        (a mean vector of the spectrum length and a scalar scale; for the latter, of the
        SNV spectra after the projection) and ``"feature"`` (vectors). Ignored for the
        other modes.
    projection : torch.Tensor of shape (n_directions, length), optional
        Orthonormal directions removed from the standardised spectrum,
        ``z -> z - (z V^T) V`` (the within-class directions of
        :class:`skspectra.preprocessing.EPO`), before the centred channel of
        ``"spectrum+center"`` is formed. ``None`` or no rows: nothing is removed.
    derivative_window : int or None, default=None
        Odd window (points, >= 3) of a Savitzky-Golay first derivative of the
        standardised spectrum (after the projection), appended as one more channel per
        input channel and scaled to standard deviation 1 per spectrum
        (:func:`sg_derivative`). ``None``: no derivative channel.

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import Standardizer
    >>> out = Standardizer("spectrum")(torch.tensor([[[1.0, 2.0, 3.0]]]))
    >>> round(float(out.mean()), 6), round(float(out.std(unbiased=False)), 4)
    (0.0, 1.0)
    """

    def __init__(
        self,
        mode: str = "spectrum",
        mean: float | Tensor = 0.0,
        scale: float | Tensor = 1.0,
        projection: Tensor | None = None,
        derivative_window: int | None = None,
    ) -> None:
        super().__init__()
        if mode not in STANDARDIZE_MODES:
            raise ValueError(f"standardize must be one of {STANDARDIZE_MODES}, got {mode!r}.")
        self.mode = mode
        self.derivative_window = (None if derivative_window is None
                                  else check_odd_int("derivative_window", derivative_window, 3))
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32).clone())
        self.register_buffer("scale", torch.as_tensor(scale, dtype=torch.float32).clone())
        self.register_buffer("projection", _matrix("projection", projection, "n_directions"))

    @property
    def channel_factor(self) -> int:
        """Output channels per input channel: 2 for ``"spectrum+center"``, else 1; one
        more with a derivative channel."""
        return (2 if self.mode == "spectrum+center" else 1) + bool(self._derivative_window)

    @property
    def _derivative_window(self) -> int | None:
        return getattr(self, "derivative_window", None)  # absent in modules pickled before it

    def forward(self, x: Tensor) -> Tensor:
        """Standardise ``x`` of shape (batch, channels, length)."""
        out = self._standardize(x)
        if self._derivative_window:
            derivative = sg_derivative(out[:, :x.shape[1]], self._derivative_window)
            out = torch.cat([out, derivative], dim=1)
        return out

    def _standardize(self, x: Tensor) -> Tensor:
        if self.mode in ("spectrum", "spectrum+center"):
            z = self._project(snv(x))
            if self.mode == "spectrum":
                return z
            return torch.cat([z, (z - self.mean) / self.scale], dim=1)
        if self.mode in ("center", "global", "feature"):
            return self._project((x - self.mean) / self.scale)
        return self._project(x)

    def _project(self, z: Tensor) -> Tensor:
        projection = self._buffers.get("projection")  # absent in modules pickled before it
        if projection is None or not len(projection):
            return z
        if projection.shape[1] != z.shape[-1]:
            raise ValueError(
                f"The projection was fitted on spectra of {projection.shape[1]} points; "
                f"got {z.shape[-1]}."
            )
        return z - (z @ projection.T) @ projection


def _matrix(name: str, value: Tensor | None, rows: str) -> Tensor:
    """``value`` as a float32 copy of shape (rows, length); ``None``: an empty (0, 0) one."""
    matrix = torch.zeros(0, 0) if value is None else torch.as_tensor(value)
    if matrix.ndim != 2:
        raise ValueError(
            f"{name} must be a 2D ({rows}, length) tensor, got shape {tuple(matrix.shape)}."
        )
    return matrix.to(torch.float32).clone()


def sg_derivative(x: Tensor, window: int) -> Tensor:
    """Savitzky-Golay first derivative of each spectrum, scaled to standard deviation 1.

    The derivative of a quadratic (equivalently, linear) least-squares fit over ``window``
    points centred on each point, with the end values repeated beyond the ends. It is
    taken along *decreasing* point index (the sign of a spectrum stored from high to low
    wavenumber; the networks are indifferent to the sign, and it is the convention of the
    runs that chose it), then divided by its own standard deviation along the spectrum.

    Parameters
    ----------
    x : torch.Tensor of shape (batch, channels, length)
        Spectra; each channel is differentiated on its own.
    window : int
        Odd number of points of the local fit.

    Returns
    -------
    torch.Tensor of the shape of ``x``

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import sg_derivative
    >>> ramp = torch.arange(20.0).view(1, 1, -1) ** 2
    >>> bool((sg_derivative(ramp, 5)[..., 2:-2] < 0).all())  # rising: negative
    True
    """
    half = window // 2
    offsets = torch.arange(-half, half + 1, dtype=x.dtype, device=x.device)
    kernel = (offsets / offsets.square().sum()).flip(0)
    channels = x.shape[1]
    padded = nn.functional.pad(x, (half, half), mode="replicate")
    values = nn.functional.conv1d(padded, kernel.expand(channels, 1, -1), groups=channels)
    return values / (values.std(dim=-1, keepdim=True) + _EPS)


def snv(x: Tensor) -> Tensor:
    """Each spectrum (last axis) to mean 0 and standard deviation 1."""
    mean = x.mean(dim=-1, keepdim=True)
    std = x.std(dim=-1, keepdim=True, unbiased=False)
    return (x - mean) / (std + _EPS)


class SpectralAugmenter(nn.Module):
    """Random, label-preserving perturbations of spectra, applied in training mode only.

    Each spectrum of a batch gets its own draw (from torch's global generator, so
    seeding torch makes it reproducible). In evaluation mode the module is the
    identity. All amplitudes default to 0 (no augmentation).

    Parameters
    ----------
    shift : float, default=0.0
        Maximal shift along the spectral axis, in points; the shift is drawn
        uniformly from ``[-shift, shift]`` and applied with linear interpolation
        (edges are extended with the end values).
    scale : float, default=0.0
        Relative intensity scatter: each spectrum is multiplied by a factor drawn
        uniformly from ``[1 - scale, 1 + scale]``.
    noise : float, default=0.0
        Gaussian noise, its standard deviation relative to each spectrum's own
        standard deviation.
    tilt : float, default=0.0
        Linear baseline tilt: a line from ``-a`` to ``+a`` across the spectrum is
        added, with ``a`` drawn from ``[-tilt, tilt]`` times the spectrum's
        standard deviation.
    within_class : float, default=0.0
        Within-class augmentation: each spectrum gets one randomly chosen row of
        ``deviations`` added, times a weight drawn from ``N(0, within_class**2)``. Applied
        first, in the input's units, and only while ``deviations`` has rows.
    deviations : torch.Tensor of shape (n_spectra, length), optional
        The training spectra's deviations from their own class's mean spectrum
        (:func:`within_class_deviations`): variation that does not change a class, so
        adding it keeps the label. Training-only state: :meth:`release` drops it.

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import SpectralAugmenter
    >>> aug = SpectralAugmenter(shift=2.0, noise=0.05)
    >>> x = torch.randn(4, 1, 100)
    >>> aug.eval()(x).equal(x)  # identity outside training
    True
    """

    def __init__(
        self,
        shift: float = 0.0,
        scale: float = 0.0,
        noise: float = 0.0,
        tilt: float = 0.0,
        within_class: float = 0.0,
        deviations: Tensor | None = None,
    ) -> None:
        super().__init__()
        for name, value in (("shift", shift), ("scale", scale), ("noise", noise), ("tilt", tilt),
                            ("within_class", within_class)):
            if not value >= 0:
                raise ValueError(f"augment_{name} must be >= 0, got {value!r}.")
        if scale >= 1:
            raise ValueError(f"augment_scale must be < 1 (factor 1 - scale > 0), got {scale!r}.")
        self.shift, self.scale, self.noise, self.tilt = (
            float(shift), float(scale), float(noise), float(tilt))
        self.within_class = float(within_class)
        self.register_buffer("deviations", _matrix("deviations", deviations, "n_spectra"))

    @property
    def _deviations(self) -> Tensor | None:
        """The deviations buffer when augmentation can use it (absent in old pickles)."""
        deviations = self._buffers.get("deviations")
        if getattr(self, "within_class", 0.0) > 0 and deviations is not None and len(deviations):
            return deviations
        return None

    @property
    def active(self) -> bool:
        """Whether any perturbation has a non-zero amplitude."""
        return (self._deviations is not None
                or any(v > 0 for v in (self.shift, self.scale, self.noise, self.tilt)))

    def release(self) -> None:
        """Drop the training-only ``deviations`` (e.g. after training), keeping the rest."""
        self.deviations = self.deviations.new_zeros(0, 0)

    def forward(self, x: Tensor) -> Tensor:
        """Perturb ``x`` of shape (batch, channels, length) when training."""
        if not (self.training and self.active):
            return x
        deviations = self._deviations
        if deviations is not None:
            if deviations.shape[1] != x.shape[-1]:
                raise ValueError(
                    f"The within-class deviations have {deviations.shape[1]} points; the "
                    f"spectra have {x.shape[-1]}."
                )
            rows = torch.randint(len(deviations), (len(x),), device=x.device)
            weight = torch.randn(len(x), 1, 1, device=x.device, dtype=x.dtype) * self.within_class
            x = x + weight * deviations[rows].unsqueeze(1).to(x.dtype)
        batch, _, length = x.shape
        spread = x.std(dim=-1, keepdim=True, unbiased=False)

        def uniform(amplitude: float) -> Tensor:
            return (torch.rand(batch, 1, 1, device=x.device) * 2 - 1) * amplitude

        if self.shift > 0:
            x = _shift(x, uniform(self.shift))
        if self.scale > 0:
            x = x * (1 + uniform(self.scale))
        if self.tilt > 0:
            line = torch.linspace(-1, 1, length, device=x.device, dtype=x.dtype)
            x = x + uniform(self.tilt) * spread * line
        if self.noise > 0:
            x = x + torch.randn_like(x) * self.noise * spread
        return x


def within_class_deviations(X: Any, y: Any) -> Tensor:
    """Each spectrum's deviation from the mean spectrum of its class.

    The rows are what varies within a class (thickness, scatter, sample handling); the
    within-class augmentation of :class:`SpectralAugmenter` adds them to other spectra,
    whatever their class, which leaves every class mean where it is.

    Parameters
    ----------
    X : array-like or torch.Tensor of shape (n_spectra, length)
        Spectra (on the CPU).
    y : array-like or torch.Tensor of shape (n_spectra,)
        Their class labels.

    Returns
    -------
    torch.Tensor of shape (n_spectra, length)
        ``X[i] - X[y == y[i]].mean(0)``, computed in float64, returned as float32.

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import within_class_deviations
    >>> X = torch.tensor([[1.0, 2.0], [3.0, 4.0], [10.0, 10.0]])
    >>> within_class_deviations(X, torch.tensor([0, 0, 1]))
    tensor([[-1., -1.],
            [ 1.,  1.],
            [ 0.,  0.]])
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != X.shape[:1]:
        raise ValueError(
            f"within_class_deviations needs X of shape (n_spectra, length) and y of shape "
            f"(n_spectra,); got {X.shape} and {y.shape}."
        )
    return torch.as_tensor(deviations_from_class_means(X, y), dtype=torch.float32)


def _shift(x: Tensor, shift: Tensor) -> Tensor:
    """Shift each spectrum by ``shift`` (batch, 1, 1) points, linear interpolation."""
    length = x.shape[-1]
    source = torch.arange(length, device=x.device, dtype=x.dtype) - shift
    source = source.clamp(0, length - 1)
    left = source.floor().long()
    right = (left + 1).clamp(max=length - 1)
    frac = source - left
    left = left.expand(-1, x.shape[1], -1)
    right = right.expand(-1, x.shape[1], -1)
    frac = frac.expand(-1, x.shape[1], -1)
    return x.gather(-1, left) * (1 - frac) + x.gather(-1, right) * frac


class InputAdaptedNet(SpectralNet):
    """A :class:`SpectralNet` preceded by augmentation (training only) and standardisation.

    It exposes the same interface as the network it wraps (``forward_features``,
    ``forward_head``, ``head_weight``, ``feature_layers``), with inputs in the
    user's raw units, so explanation methods work unchanged on it.

    Parameters
    ----------
    net : SpectralNet
        The network.
    standardizer : Standardizer, optional
        Defaults to ``Standardizer("none")``.
    augmenter : SpectralAugmenter, optional
        Defaults to no augmentation.

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN, InputAdaptedNet, Standardizer
    >>> model = InputAdaptedNet(GAPCNN(n_outputs=3), Standardizer("spectrum"))
    >>> model.eval()(torch.randn(2, 1, 120)).shape
    torch.Size([2, 3])
    """

    def __init__(
        self,
        net: SpectralNet,
        standardizer: Standardizer | None = None,
        augmenter: SpectralAugmenter | None = None,
    ) -> None:
        standardizer = standardizer if standardizer is not None else Standardizer("none")
        factor = standardizer.channel_factor
        if net.in_channels % factor:
            raise ValueError(
                f"standardize={standardizer.mode!r} makes {factor} channels of each input "
                f"channel; the network's in_channels={net.in_channels} is not a multiple."
            )
        super().__init__(n_outputs=net.n_outputs, in_channels=net.in_channels // factor)
        self.net = net
        self.standardizer = standardizer
        self.augmenter = augmenter if augmenter is not None else SpectralAugmenter()

    def preprocess(self, x: Tensor) -> Tensor:
        """Shape-check, augment (in training mode) and standardise a raw batch."""
        x = self.prepare_input(x)
        return self.standardizer(self.augmenter(x))

    def feature_layers(self) -> dict[str, nn.Module]:
        """The wrapped network's named feature layers."""
        return self.net.feature_layers()

    def patch_embeddings(self) -> tuple[nn.Conv1d, ...]:
        """The wrapped network's patch embeddings."""
        return self.net.patch_embeddings()

    def forward_features(self, x: Tensor) -> Tensor:
        """Last conv feature maps of the wrapped network, from raw input."""
        return self.net.forward_features(self.preprocess(x))

    def forward_head(self, feats: Tensor) -> Tensor:
        """The wrapped network's head."""
        return self.net.forward_head(feats)

    @property
    def head_weight(self) -> Tensor | None:
        """The wrapped network's GAP head weight, or ``None``."""
        return self.net.head_weight
