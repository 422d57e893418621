"""ResNet1DClassifier and ResNet1DRegressor: the Bacteria-ID residual network as estimators."""

from __future__ import annotations

from typing import Any

from skspectra.models.deep._base import store_parameters
from skspectra.models.deep._docs import (
    FITTED_ATTRIBUTES,
    REGRESSION_FITTED_ATTRIBUTES,
    REGRESSION_TRAINING_PARAMETERS,
    RESNET1D_TRAINING_PARAMETERS,
)
from skspectra.models.deep._spectral_net import (
    NetworkPreset,
    SpectralNetClassifier,
    SpectralNetRegressor,
)


class _ResNet1DArchitecture(NetworkPreset):
    """The ResNet1D network's parameters, shared by the classifier and the regressor."""

    _network = "ResNet1D"
    _module_param_names = (
        "stem_channels", "hidden_channels", "n_stages", "blocks_per_stage", "kernel_size", "head",
        "stem_stride",
    )

    def _module_params(self) -> dict[str, Any]:
        params = super()._module_params()
        if self.head == "flatten":
            params["input_length"] = self.n_features_in_
        return params


_RESNET1D_PARAMETERS_TEMPLATE = """\
    hidden_channels : int, default=32
        Channels of every residual block. The paper uses 100 (with a 64-channel stem and
        ``stem_stride=1``): about 36 s per epoch for 256 spectra of 1000 points on 2 CPU
        cores. 32 channels and a stride-2 stem cost about a fifth per step, so that a
        default fit on 60 spectra of 500 points takes well under a minute there
        (``benchmarks/deep_speed.py``); at those settings the network reached a mean CV
        accuracy of 0.844 on the training splits of the bundled sets (``RESULTS.md``).
        ``ResNet1DClassifier(hidden_channels=100, stem_channels=64, stem_stride=1,
        n_stages=6, n_members=1, head="flatten")`` is the published network.
    n_stages : int, default=<n_stages>
        Number of stages (the paper: 6, strides 1, 2, 2, 2, 2, 2).<n_stages_note>
    blocks_per_stage : int, default=2
        Residual blocks per stage.
    kernel_size : int, default=5
        Convolution width (odd).
    stem_channels : int, default=32
        Channels of the stem convolution (the paper: 64).
    head : {"gap", "flatten"}, default="gap"
        Global-average-pooling head (CAM-ready) or the paper's flatten head.
    stem_stride : int, default=2
        Stride of the stem convolution (the paper: 1); 2 halves the cost of a fit."""

# The classifier's defaults were chosen by a CV on the training splits (RESULTS.md, round D);
# the regressor keeps the six stages (regression was not searched).
_CLASSIFIER_STAGES_NOTE = """
        The classifier's default is 4, with ``n_members=3``: an ensemble of three
        4-stage networks had the best mean CV accuracy on the training splits of the
        bundled sets (0.919, against 0.899 for one 6-stage network and 0.902 for one
        4-stage network; ``benchmarks/RESULTS.md``, round D) at about twice the cost of
        one 6-stage fit."""
_RESNET1D_CLASSIFIER_PARAMETERS = _RESNET1D_PARAMETERS_TEMPLATE.replace(
    "<n_stages>", "4").replace("<n_stages_note>", _CLASSIFIER_STAGES_NOTE)
_RESNET1D_REGRESSOR_PARAMETERS = _RESNET1D_PARAMETERS_TEMPLATE.replace(
    "<n_stages>", "6").replace("<n_stages_note>", "")


class ResNet1DClassifier(_ResNet1DArchitecture, SpectralNetClassifier):
    def __init__(
        self,
        hidden_channels: int = 32,
        n_stages: int = 4,
        blocks_per_stage: int = 2,
        kernel_size: int = 5,
        stem_channels: int = 32,
        head: str = "gap",
        stem_stride: int = 2,
        *,
        n_members: int = 3,
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


class ResNet1DRegressor(_ResNet1DArchitecture, SpectralNetRegressor):
    def __init__(
        self,
        hidden_channels: int = 32,
        n_stages: int = 6,
        blocks_per_stage: int = 2,
        kernel_size: int = 5,
        stem_channels: int = 32,
        head: str = "gap",
        stem_stride: int = 2,
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


ResNet1DClassifier.__doc__ = f"""1D residual network classifier for spectra (Ho et al., 2019).

    A stem convolution, then ``n_stages`` stages of ``blocks_per_stage`` residual blocks
    of ``hidden_channels`` channels (stride 2 on the first block of every stage after the
    first), then a head. The Bacteria-ID paper's head flattens the feature maps; the
    default here is global average pooling, which makes class activation maps (CAM)
    available and accepts any spectrum length (``head="flatten"`` gives the paper's head;
    then use Grad-CAM for explanations). Trained by a skorch net that the estimator owns.

    Parameters
    ----------
{_RESNET1D_CLASSIFIER_PARAMETERS}
{RESNET1D_TRAINING_PARAMETERS}

    Attributes
    ----------
{FITTED_ATTRIBUTES}

    See Also
    --------
    ResNet1DRegressor, PACEClassifier, GAPCNNClassifier, PLSLDAClassifier

    References
    ----------
    .. [1] Ho, C.-S. et al., "Rapid identification of pathogenic bacteria using Raman
       spectroscopy and deep learning", Nat. Commun. 2019, 10, 4927.

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.models import ResNet1DClassifier
    >>> X, y, _ = make_spectra(n_samples=60, n_features=128, random_state=0)
    >>> clf = ResNet1DClassifier(hidden_channels=8, n_stages=2, stem_channels=8,
    ...                          max_epochs=5, random_state=0)
    >>> clf.fit(X, y).predict_proba(X[:2]).shape
    (2, 2)
    """


ResNet1DRegressor.__doc__ = f"""1D residual network regressor for spectra (Ho et al., 2019).

    The network of :class:`ResNet1DClassifier` with one linear output per target, trained
    with the mean squared error on standardised targets (each column of ``y`` to mean 0
    and standard deviation 1; ``predict`` returns the original units). ``y`` may have
    several columns. With ``head="flatten"`` (the paper's head) the ``"cam"`` explanation
    is not available; the default, ``"integrated_gradients"``, works with both heads.

    Parameters
    ----------
{_RESNET1D_REGRESSOR_PARAMETERS}
{REGRESSION_TRAINING_PARAMETERS}

    Attributes
    ----------
{REGRESSION_FITTED_ATTRIBUTES}

    See Also
    --------
    ResNet1DClassifier, PACERegressor, GAPCNNRegressor

    References
    ----------
    .. [1] Ho, C.-S. et al., "Rapid identification of pathogenic bacteria using Raman
       spectroscopy and deep learning", Nat. Commun. 2019, 10, 4927.

    Examples
    --------
    >>> from skspectra.datasets import load_tecator
    >>> from skspectra.models import ResNet1DRegressor
    >>> X, y = load_tecator(split="train", return_X_y=True)  # NIR spectra, fat %
    >>> reg = ResNet1DRegressor(hidden_channels=8, n_stages=2, stem_channels=8,
    ...                         max_epochs=5, random_state=0).fit(X, y)
    >>> reg.predict(X[:2]).shape
    (2,)
    """
