"""The one registry of the package's deep architectures, and of the models it exports.

Every table that lists the architectures is derived from :data:`ARCHITECTURES`: the
exports of :mod:`skspectra.nn`, :mod:`skspectra.models` and :mod:`skspectra`, the
command line's model names, the common tests' parametrisation and the API reference.
Adding a network therefore means three things: its file in ``skspectra/nn/``, its
estimator file in ``skspectra/models/`` (a :class:`~skspectra.models.SpectralNetClassifier`
and, if it regresses, a :class:`~skspectra.models.SpectralNetRegressor` preset) and one
:class:`Architecture` entry here. ``tests/test_registry.py`` fails when a network or a
preset exists without its entry, or an entry without its exports, CLI name or docs.

This module is plain data: importing it imports neither torch nor scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Architecture:
    """One deep architecture: its network, its estimators and their test configurations.

    Parameters
    ----------
    name : str
        The command-line name (``skspectra compare --models <name>``).
    network : str
        The :class:`~skspectra.nn.SpectralNet` subclass, exported by :mod:`skspectra.nn`.
    network_module : str
        The sub-module of :mod:`skspectra.nn` that defines it.
    estimator_module : str
        The sub-module of :mod:`skspectra.models` that defines its estimators.
    classifier : str
        The classifier preset's class name.
    regressor : str or None
        The regressor preset's class name, if there is one.
    small_params : dict
        A small configuration (a few channels) for fast tests on spectra of 64 points
        or more; it must still learn an easy problem.
    any_length_params : dict
        A configuration that accepts inputs of a single point, for scikit-learn's
        estimator checks (their data sets have 1 to 10 features).
    """

    name: str
    network: str
    network_module: str
    estimator_module: str
    classifier: str
    regressor: str | None = None
    small_params: dict[str, Any] = field(default_factory=dict)
    any_length_params: dict[str, Any] = field(default_factory=dict)

    @property
    def estimators(self) -> tuple[str, ...]:
        """The class names of its estimators: the classifier, then the regressor."""
        return (self.classifier,) if self.regressor is None else (self.classifier,
                                                                 self.regressor)


ARCHITECTURES: tuple[Architecture, ...] = (
    Architecture(
        name="gap-cnn",
        network="GAPCNN",
        network_module="skspectra.nn._gap_cnn",
        estimator_module="skspectra.models.deep._gap_cnn",
        classifier="GAPCNNClassifier",
        regressor="GAPCNNRegressor",
        small_params={"n_filters": 4, "n_blocks": 2},
        any_length_params={"n_filters": 4, "n_blocks": 2, "pool_size": 1},
    ),
    Architecture(
        name="resnet1d",
        network="ResNet1D",
        network_module="skspectra.nn._resnet1d",
        estimator_module="skspectra.models.deep._resnet1d",
        classifier="ResNet1DClassifier",
        regressor="ResNet1DRegressor",
        small_params={"hidden_channels": 4, "stem_channels": 4, "n_stages": 2,
                      "blocks_per_stage": 1},
        any_length_params={"hidden_channels": 4, "stem_channels": 4, "n_stages": 2,
                           "blocks_per_stage": 1},
    ),
    Architecture(
        name="pace",
        network="PACE",
        network_module="skspectra.nn._pace",
        estimator_module="skspectra.models.deep._pace",
        classifier="PACEClassifier",
        regressor="PACERegressor",
        small_params={"patch_size": 8, "dim": 8, "depth": 1, "pool_dim": 64},
        any_length_params={"patch_size": 1, "pool_dim": 10, "dim": 8, "depth": 1,
                           "dropout": 0.0},
    ),
)
"""The deep architectures, in the order the command line and the docs list them."""

# The estimators that are not presets of an architecture: name -> defining sub-module.
OTHER_MODELS: dict[str, str] = {
    "PLSLDAClassifier": "skspectra.models._pls_lda",
    "PLSLDAClassifierCV": "skspectra.models._pls_lda_cv",
    "PLSRegressorCV": "skspectra.models._pls_regressor_cv",
    "SpectralNetClassifier": "skspectra.models.deep._spectral_net",
    "SpectralNetRegressor": "skspectra.models.deep._spectral_net",
}

# The command line's classical model: name -> class exported by skspectra.models.
CLASSICAL_CLI_MODELS: dict[str, str] = {"pls-lda": "PLSLDAClassifierCV"}
# ... and its classical regressor: the deep models regress under their architecture's name.
CLASSICAL_CLI_REGRESSORS: dict[str, str] = {"pls": "PLSRegressorCV"}


def model_exports() -> dict[str, str]:
    """Every public estimator of :mod:`skspectra.models`: class name -> defining sub-module."""
    exports = dict(OTHER_MODELS)
    for architecture in ARCHITECTURES:
        for estimator in architecture.estimators:
            exports[estimator] = architecture.estimator_module
    return exports


def network_exports() -> dict[str, str]:
    """The architectures' networks: class name -> defining sub-module of :mod:`skspectra.nn`."""
    return {a.network: a.network_module for a in ARCHITECTURES}


def architecture(name: str) -> Architecture:
    """The :class:`Architecture` of a command-line name, e.g. ``"pace"``."""
    for entry in ARCHITECTURES:
        if entry.name == name:
            return entry
    raise KeyError(f"no architecture {name!r}; known: {[a.name for a in ARCHITECTURES]}")
