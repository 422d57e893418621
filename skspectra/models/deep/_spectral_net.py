"""SpectralNetClassifier and SpectralNetRegressor: train your own torch network.

skorch's central design (``NeuralNet(module=MyModule, module__width=64)``) applied to
the package's estimators: ``module`` is a :class:`skspectra.nn.SpectralNet` subclass
and every ``module__<name>`` argument goes to its constructor, next to ``n_outputs``
(classes or targets) and ``in_channels`` (set by ``standardize``). Training,
standardisation, ensembles, augmentation, persistence and explanations are those of
the named architectures, which are presets of these two classes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from skspectra.models.deep._base import store_parameters
from skspectra.models.deep._classifier import BaseDeepClassifier
from skspectra.models.deep._docs import (
    FITTED_ATTRIBUTES,
    REGRESSION_FITTED_ATTRIBUTES,
    REGRESSION_TRAINING_PARAMETERS,
    TRAINING_PARAMETERS,
)
from skspectra.models.deep._regressor import BaseDeepRegressor

MODULE_PREFIX = "module__"


class _ModuleArguments:
    """``module=`` and ``module__<name>=`` parameters, as skorch's ``NeuralNet`` has them.

    The ``module__<name>`` arguments are kept unchanged in one private dict (a keyword
    argument cannot be a named attribute that scikit-learn's checks expect of an
    ``__init__`` parameter) and are part of ``get_params``, so that ``clone``,
    ``GridSearchCV(param_grid={"module__width": ...})`` and pickling treat them like any
    other parameter.
    """

    module: Any

    def _store_init_arguments(self, arguments: dict[str, Any]) -> None:
        """Store an ``__init__``'s ``locals()``: its parameters, then its network arguments."""
        arguments = dict(arguments)
        module_arguments = arguments.pop("module_arguments")
        store_parameters(self, arguments)
        self._store_module_arguments(module_arguments)

    def _store_module_arguments(self, module_arguments: dict[str, Any]) -> None:
        """Keep the arguments as given; :meth:`_module_params` checks them in ``fit``."""
        self._module_arguments = {**getattr(self, "_module_arguments", {}), **module_arguments}

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The estimator's parameters, ``module__<name>`` arguments included."""
        params = super().get_params(deep=deep)
        params.update(sorted(getattr(self, "_module_arguments", {}).items()))
        return params

    def set_params(self, **params: Any) -> Any:
        """Set parameters; ``module__<name>`` sets (or adds) an argument of the network."""
        if "module" in self._get_param_names():  # not for presets: their network is fixed
            for name in [name for name in params if name.startswith(MODULE_PREFIX)]:
                self._store_module_arguments({name: params.pop(name)})
        return super().set_params(**params)

    def _network_class(self) -> type:
        from skspectra.nn import SpectralNet

        module = self.module
        if module is None:
            raise ValueError(
                f"{type(self).__name__} needs module=, a skspectra.nn.SpectralNet subclass, "
                "e.g. module=skspectra.nn.GAPCNN."
            )
        if isinstance(module, SpectralNet):
            raise TypeError(
                f"module must be a class, not an instance ({type(module).__name__}(...)): the "
                f"number of outputs is known only in fit. Pass module={type(module).__name__} "
                f"and its arguments as {MODULE_PREFIX}<name>=value."
            )
        if not (isinstance(module, type) and issubclass(module, SpectralNet)):
            raise TypeError(
                f"module must be a subclass of skspectra.nn.SpectralNet, got {module!r}; see "
                "the SpectralNet protocol in the 'Adding a network' guide."
            )
        return module

    def _module_params(self) -> dict[str, Any]:
        arguments = getattr(self, "_module_arguments", {})
        for name in arguments:
            if not name.startswith(MODULE_PREFIX) or name == MODULE_PREFIX:
                raise TypeError(
                    f"{type(self).__name__} got an unexpected keyword argument {name!r}; "
                    f"arguments of the network are passed as {MODULE_PREFIX}<name>=value."
                )
        return {name[len(MODULE_PREFIX):]: value for name, value in arguments.items()}


class NetworkPreset:
    """A named architecture: a fixed network whose arguments are the estimator's own.

    A preset (e.g. :class:`GAPCNNClassifier`) is a :class:`SpectralNetClassifier` or
    :class:`SpectralNetRegressor` without ``module=``: ``_network`` names its class in
    :mod:`skspectra.nn` and ``_module_param_names`` lists the ``__init__`` parameters
    that go to it, spelled out so that each has its default and docstring entry.
    """

    _network: ClassVar[str]
    _module_param_names: ClassVar[tuple[str, ...]] = ()

    def _network_class(self) -> type:
        from skspectra import nn as spectral_nn

        return getattr(spectral_nn, self._network)

    def _module_params(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._module_param_names}


_MODULE_PARAMETERS = """\
    module : type, default=None
        The network: a subclass of :class:`skspectra.nn.SpectralNet`, built in ``fit`` as
        ``module(n_outputs=..., in_channels=..., <name>=value, ...)``. Which
        explanation methods apply depends on what it offers (``supported_methods``):
        ``"cam"`` needs a global-average-pooling head (``GAPLinearHead``), Grad-CAM and
        1D Grad-CAM its ``feature_layers()``; occlusion, saliency, SmoothGrad,
        integrated gradients and LIME work with any network."""

_MODULE_ARGUMENTS = """\
    **module_arguments : module__<name>=value
        ``module__<name>=value`` passes ``name=value`` to the network's constructor;
        like every parameter, they can be set with ``set_params`` and searched by
        ``GridSearchCV``."""


class SpectralNetClassifier(_ModuleArguments, BaseDeepClassifier):
    def __init__(
        self,
        module: Any = None,
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
        augment_within_class: float = 0.0,
        augment_within_class_source: str = "pooled",
        distill_weight: float = 0.0,
        callbacks: list | None = None,
        device: str = "auto",
        random_state: Any = None,
        verbose: int = 0,
        **module_arguments: Any,
    ) -> None:
        self._store_init_arguments(locals())


class SpectralNetRegressor(_ModuleArguments, BaseDeepRegressor):
    def __init__(
        self,
        module: Any = None,
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
        **module_arguments: Any,
    ) -> None:
        self._store_init_arguments(locals())


SpectralNetClassifier.__doc__ = f"""Classifier that trains a torch network of your own.

    Bring your own network: any subclass of :class:`skspectra.nn.SpectralNet` (a trunk
    of 1D feature maps, then a head) is trained with the training recipe of the named
    deep classifiers (AdamW, cosine schedule, input standardisation inside the network,
    optional ensembles and augmentation) and explained by the methods its structure
    supports. :class:`GAPCNNClassifier`, :class:`ResNet1DClassifier` and
    :class:`PACEClassifier` are this class with a fixed network and its parameters
    spelled out. The guide "Adding a network" writes one step by step.

    Parameters
    ----------
{_MODULE_PARAMETERS}
{TRAINING_PARAMETERS}
{_MODULE_ARGUMENTS}

    Attributes
    ----------
{FITTED_ATTRIBUTES}

    See Also
    --------
    SpectralNetRegressor, GAPCNNClassifier, skspectra.nn.SpectralNet

    Examples
    --------
    >>> from torch import nn
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.models import SpectralNetClassifier
    >>> from skspectra.nn import GAPLinearHead, SpectralNet
    >>> class TinyNet(SpectralNet):
    ...     def __init__(self, n_outputs, in_channels=1, width=8):
    ...         super().__init__(n_outputs, in_channels)
    ...         self.conv = nn.Sequential(nn.Conv1d(in_channels, width, 9, padding=4),
    ...                                   nn.ReLU())
    ...         self.head = GAPLinearHead(width, n_outputs)
    ...     def feature_layers(self):
    ...         return {{"conv": self.conv}}
    >>> X, y, _ = make_spectra(n_samples=60, n_features=128, random_state=0)
    >>> clf = SpectralNetClassifier(TinyNet, module__width=4, max_epochs=5,
    ...                             random_state=0).fit(X, y)
    >>> clf.get_params()["module__width"], clf.predict(X[:2]).shape
    (4, (2,))
    >>> from skspectra.explain import supported_methods
    >>> supported_methods(clf)[:3]  # a GAP head and feature layers: CAM and Grad-CAM too
    ['occlusion', 'cam', 'grad_cam']
    """

SpectralNetRegressor.__doc__ = f"""Regressor that trains a torch network of your own.

    The regression twin of :class:`SpectralNetClassifier`: the network has one output
    per target, trained with the mean squared error on standardised targets
    (``predict`` returns the original units; ``y`` may have several columns).
    :class:`GAPCNNRegressor`, :class:`ResNet1DRegressor` and :class:`PACERegressor` are
    presets of it.

    Parameters
    ----------
{_MODULE_PARAMETERS}
{REGRESSION_TRAINING_PARAMETERS}
{_MODULE_ARGUMENTS}

    Attributes
    ----------
{REGRESSION_FITTED_ATTRIBUTES}

    See Also
    --------
    SpectralNetClassifier, GAPCNNRegressor, skspectra.nn.SpectralNet

    Examples
    --------
    >>> from skspectra.datasets import load_tecator
    >>> from skspectra.models import SpectralNetRegressor
    >>> from skspectra.nn import GAPCNN
    >>> X, y = load_tecator(split="train", return_X_y=True)  # NIR spectra, fat %
    >>> reg = SpectralNetRegressor(GAPCNN, module__n_filters=4, module__n_blocks=2,
    ...                            max_epochs=5, random_state=0).fit(X, y)
    >>> reg.predict(X[:3]).shape
    (3,)
    """
