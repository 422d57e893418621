"""PACEClassifier and PACERegressor: the patch-based convolutional encoder as estimators."""

from __future__ import annotations

from typing import Any

from skspectra.models.deep._base import store_parameters
from skspectra.models.deep._docs import (
    FITTED_ATTRIBUTES,
    PACE_TRAINING_PARAMETERS,
    REGRESSION_FITTED_ATTRIBUTES,
    REGRESSION_TRAINING_PARAMETERS,
)
from skspectra.models.deep._spectral_net import (
    NetworkPreset,
    SpectralNetClassifier,
    SpectralNetRegressor,
)


class _PACEArchitecture(NetworkPreset):
    """The PACE network and its input checks, shared by the classifier and the regressor."""

    _network = "PACE"
    _module_param_names = ("pool_dim", "patch_size", "dim", "depth", "kernel_size", "dropout")

    def _check_input_length(self, n_features: int) -> None:
        name = type(self).__name__
        if n_features < self.patch_size:
            raise ValueError(
                f"{name}: the spectra have {n_features} points, fewer than "
                f"patch_size={self.patch_size}; use a smaller patch_size."
            )
        if self.pool_dim < self.patch_size:
            raise ValueError(
                f"{name}: pool_dim={self.pool_dim} is smaller than "
                f"patch_size={self.patch_size}: after pooling, the spectrum is shorter than "
                "one patch. Increase pool_dim or decrease patch_size."
            )


_PACE_PARAMETERS = """\
    patch_size : int, default=16
        Patch width in pooled points (the paper's choice for Raman peak widths at 256
        points); the hyperparameter most worth a grid search.
    depth : int, default=4
        Number of mixer blocks.
    dim : int, default=256
        Channels of the embedding and the blocks. The paper uses 1024 (4.3 M parameters);
        256 trains about ten times faster and generalises better on small spectroscopy sets.
    kernel_size : int, default=9
        Width of the depthwise convolutions (odd).
    pool_dim : int, default=256
        Length the spectrum is average-pooled to first; any input length works. On
        long spectra it is worth a grid search: on EthanolLevel (1751 points) 512 scored
        0.021 higher in a training-split CV of PACEClassifier, but lower on the shorter
        bundled sets, so the default stays the paper's 256 (``benchmarks/RESULTS.md``,
        round H).
    dropout : float, default=0.2
        Dropout after the patch embedding."""


# Embedding dropout hurts regression: on Tecator's training split (3-fold CV, 200 epochs,
# benchmarks/regression.py --part select, see benchmarks/RESULTS.md) the CV RMSE was 2.50 %
# fat with dropout 0.2 and 0.69 without; the regressor's one default that differs.
_PACE_REGRESSOR_PARAMETERS = _PACE_PARAMETERS.replace(
    "    dropout : float, default=0.2\n        Dropout after the patch embedding.",
    "    dropout : float, default=0.0\n        Dropout after the patch embedding. 0 for"
    " regression: dropout 0.2 (the\n        classifier's default) gave a 3.6 times larger"
    " cross-validated RMSE on Tecator.",
)


class PACEClassifier(_PACEArchitecture, SpectralNetClassifier):
    # the default explanation, chosen by measurement (see deep_explanation_methods)
    _default_explanation = "grad_cam_occlusion"
    # Grad-CAM at the patch embedding, where token j has read patch j only: 1D Grad-CAM
    # 2.08x a random map's relevance in the true bands against 1.58x at the last block
    # (benchmarks/RESULTS.md, "PACE's Grad-CAM family at the patch embedding")
    _grad_cam_layer = "embed"

    def __init__(
        self,
        patch_size: int = 16,
        depth: int = 4,
        dim: int = 256,
        kernel_size: int = 9,
        pool_dim: int = 256,
        dropout: float = 0.2,
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
        standardize: str = "spectrum+center",
        derivative_window: int | None = None,
        class_weight: Any = None,
        epo_components: int | str = "auto",
        mixup_alpha: float = 0.0,
        augment_shift: float = 0.0,
        augment_scale: float = 0.0,
        augment_noise: float = 0.0,
        augment_tilt: float = 0.0,
        augment_within_class: float = 1.0,
        augment_within_class_source: str = "pooled",
        distill_weight: float = 0.0,
        callbacks: list | None = None,
        device: str = "auto",
        random_state: Any = None,
        verbose: int = 0,
    ) -> None:
        store_parameters(self, locals())


class PACERegressor(_PACEArchitecture, SpectralNetRegressor):
    def __init__(
        self,
        patch_size: int = 16,
        depth: int = 4,
        dim: int = 256,
        kernel_size: int = 9,
        pool_dim: int = 256,
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


PACEClassifier.__doc__ = f"""PACE (patch-based convolutional encoder) classifier for spectra.

    A 1D ConvMixer (Lu et al., 2024): the spectrum is average-pooled to ``pool_dim``
    points, cut into patches of ``patch_size`` points by a strided convolution, mixed by
    ``depth`` depthwise/pointwise residual blocks and classified through global average
    pooling, so class activation maps (CAM) apply. Trained by a skorch net that the
    estimator owns (``net_``).

    Parameters
    ----------
{_PACE_PARAMETERS}
{PACE_TRAINING_PARAMETERS}

    Attributes
    ----------
{FITTED_ATTRIBUTES}

    See Also
    --------
    PACERegressor, ResNet1DClassifier, GAPCNNClassifier, PLSLDAClassifier

    References
    ----------
    .. [1] Lu et al., PACE, Anal. Chem. 2024, 96(7), 2866.

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.models import PACEClassifier
    >>> X, y, _ = make_spectra(n_samples=60, n_features=128, random_state=0)
    >>> clf = PACEClassifier(patch_size=8, dim=16, depth=1, max_epochs=5, random_state=0)
    >>> clf.fit(X, y).predict(X[:3]).shape
    (3,)
    """


PACERegressor.__doc__ = f"""PACE (patch-based convolutional encoder) regressor for spectra.

    The network of :class:`PACEClassifier` (Lu et al., 2024) with one linear output per
    target after the global average pooling, trained with the mean squared error on
    standardised targets (each column of ``y`` to mean 0 and standard deviation 1;
    ``predict`` returns the original units). ``y`` may have several columns.

    Parameters
    ----------
{_PACE_REGRESSOR_PARAMETERS}
{REGRESSION_TRAINING_PARAMETERS}

    Attributes
    ----------
{REGRESSION_FITTED_ATTRIBUTES}

    See Also
    --------
    PACEClassifier, ResNet1DRegressor, GAPCNNRegressor

    References
    ----------
    .. [1] Lu et al., PACE, Anal. Chem. 2024, 96(7), 2866.

    Examples
    --------
    >>> from skspectra.datasets import load_tecator
    >>> from skspectra.models import PACERegressor
    >>> X, y = load_tecator(split="train", return_X_y=True)  # NIR spectra, fat %
    >>> reg = PACERegressor(patch_size=8, dim=16, depth=1, max_epochs=5, random_state=0)
    >>> reg.fit(X, y).predict(X[:3]).shape
    (3,)
    """
