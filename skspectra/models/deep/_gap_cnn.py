"""GAPCNNClassifier and GAPCNNRegressor: a CNN with a global-average-pooling head."""

from __future__ import annotations

from typing import Any, ClassVar

from skspectra.models.deep._base import store_parameters
from skspectra.models.deep._docs import (
    FITTED_ATTRIBUTES,
    GAP_CNN_TRAINING_PARAMETERS,
    REGRESSION_FITTED_ATTRIBUTES,
    REGRESSION_TRAINING_PARAMETERS,
)
from skspectra.models.deep._spectral_net import (
    NetworkPreset,
    SpectralNetClassifier,
    SpectralNetRegressor,
)


class _GAPCNNArchitecture(NetworkPreset):
    """The GAP-CNN network and its input check, shared by the classifier and the regressor."""

    _network = "GAPCNN"
    _module_param_names = ("n_filters", "kernel_size", "n_blocks", "pool_size", "dropout")

    def _check_input_length(self, n_features: int) -> None:
        min_length = self.pool_size ** (self.n_blocks - 1)
        if n_features < min_length:
            raise ValueError(
                f"{type(self).__name__}: the spectra have {n_features} points, fewer than "
                f"the {min_length} that {self.n_blocks} blocks with pool_size={self.pool_size} "
                "need; use fewer blocks or a smaller pool_size."
            )


_GAPCNN_PARAMETERS = """\
    n_filters : int, default=32
        Channels of the first block; doubled at each later block.
    kernel_size : int, default=9
        Width of every convolution (odd).
    n_blocks : int, default=4
        Number of conv blocks (the paper uses three; four, with 32 filters and no
        dropout, won the cross-validation on the training splits of the bundled sets,
        see ``benchmarks/RESULTS.md``).
    pool_size : int, default=2
        Max-pooling factor between blocks (1: none).
    dropout : float, default=0.0
        Dropout between blocks."""


class GAPCNNClassifier(_GAPCNNArchitecture, SpectralNetClassifier):
    # the default explanation, chosen by measurement (see deep_explanation_methods)
    _default_explanation = "grad_cam_occlusion"
    # its occlusion window, chosen by measurement (round S of benchmarks/RESULTS.md)
    _occlusion_windows: ClassVar[dict[str, int | tuple[int, ...]]] = {"grad_cam_occlusion": 11}

    def __init__(
        self,
        n_filters: int = 32,
        kernel_size: int = 9,
        n_blocks: int = 4,
        pool_size: int = 2,
        dropout: float = 0.0,
        *,
        n_members: int = 2,  # round M of benchmarks/RESULTS.md
        max_epochs: int = 200,
        max_steps: int | None = 1600,  # round Q of benchmarks/RESULTS.md
        batch_size: int = 16,
        lr: float = 1e-3,
        weight_decay: float = 1e-2,
        optimizer: str = "adamw",
        lr_schedule: str = "cosine",
        validation_fraction: float | None = None,
        patience: int | None = None,
        standardize: str = "spectrum+center",
        derivative_window: int | None = 11,  # rounds I-K of benchmarks/RESULTS.md
        class_weight: Any = None,
        epo_components: int | str = "auto",
        mixup_alpha: float = 0.0,
        augment_shift: float = 0.0,
        augment_scale: float = 0.0,
        augment_noise: float = 0.0,
        augment_tilt: float = 0.0,
        augment_within_class: float = 0.0,
        augment_within_class_source: str = "pooled",
        distill_weight: float = 0.0,
        callbacks: list | None = None,
        device: str = "auto",
        random_state: Any = None,
        verbose: int = 0,
    ) -> None:
        store_parameters(self, locals())


class GAPCNNRegressor(_GAPCNNArchitecture, SpectralNetRegressor):
    def __init__(
        self,
        n_filters: int = 32,
        kernel_size: int = 9,
        n_blocks: int = 4,
        pool_size: int = 2,
        dropout: float = 0.0,
        *,
        n_members: int = 1,
        max_epochs: int = 200,
        max_steps: int | None = None,
        batch_size: int = 16,
        lr: float = 1e-3,
        weight_decay: float = 1e-2,
        optimizer: str = "adamw",
        lr_schedule: str = "cosine",
        validation_fraction: float | None = None,
        patience: int | None = None,
        standardize: str = "spectrum",
        derivative_window: int | None = None,
        augment_shift: float = 0.0,
        augment_scale: float = 0.0,
        augment_noise: float = 0.0,
        augment_tilt: float = 0.0,
        callbacks: list | None = None,
        device: str = "auto",
        random_state: Any = None,
        verbose: int = 0,
    ) -> None:
        store_parameters(self, locals())


GAPCNNClassifier.__doc__ = f"""GAP-CNN classifier: conv blocks, global average pooling, linear.

    The architecture of the GAP-CNN paper (Anal. Chim. Acta 2020): convolution blocks
    (Conv1d -> BatchNorm -> ReLU, max pooling and dropout between blocks), then global
    average pooling and a linear class layer, so the class activation map is exactly
    ``CAM_c(t) = sum_k w_k^c A_k(t)``. Filter counts are not published: block ``i`` has
    ``n_filters * 2**(i-1)`` channels (32, 64, 128, 256 by default), all with one odd
    ``kernel_size``, so the first layer can act as a Savitzky-Golay-like filter.
    ``explain(X)`` defaults to ``"grad_cam_occlusion"`` occluding 11 points, chosen by
    measurement (benchmarks/RESULTS.md, round S); pass ``window=5`` for the narrower map.

    Parameters
    ----------
{_GAPCNN_PARAMETERS}
{GAP_CNN_TRAINING_PARAMETERS}

    Attributes
    ----------
{FITTED_ATTRIBUTES}

    See Also
    --------
    GAPCNNRegressor, PACEClassifier, ResNet1DClassifier, PLSLDAClassifier

    References
    ----------
    .. [1] GAP-CNN for vibrational spectra with class activation maps,
       Anal. Chim. Acta 2020, 1119, 41-51.

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.models import GAPCNNClassifier
    >>> X, y, _ = make_spectra(n_samples=60, n_features=128, random_state=0)
    >>> clf = GAPCNNClassifier(n_filters=4, max_epochs=5, random_state=0).fit(X, y)
    >>> clf.score(X, y) > 0.4
    True
    """


GAPCNNRegressor.__doc__ = f"""GAP-CNN regressor: conv blocks, global average pooling, linear.

    The network of :class:`GAPCNNClassifier` with one linear output per target after the
    global average pooling, so a class-activation-style map splits each prediction over
    the spectrum (``explain(X, method="cam")``). Trained with the mean squared error on
    standardised targets (each column of ``y`` to mean 0 and standard deviation 1;
    ``predict`` returns the original units). ``y`` may have several columns.

    Parameters
    ----------
{_GAPCNN_PARAMETERS}
{REGRESSION_TRAINING_PARAMETERS}

    Attributes
    ----------
{REGRESSION_FITTED_ATTRIBUTES}

    See Also
    --------
    GAPCNNClassifier, PACERegressor, ResNet1DRegressor

    References
    ----------
    .. [1] GAP-CNN for vibrational spectra with class activation maps,
       Anal. Chim. Acta 2020, 1119, 41-51.

    Examples
    --------
    >>> from skspectra.datasets import load_tecator
    >>> from skspectra.models import GAPCNNRegressor
    >>> X, y = load_tecator(split="train", return_X_y=True)  # NIR spectra, fat %
    >>> reg = GAPCNNRegressor(n_filters=4, max_epochs=5, random_state=0).fit(X, y)
    >>> reg.predict(X[:3]).shape
    (3,)
    """
