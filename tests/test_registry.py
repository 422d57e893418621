"""The registry of architectures is complete, and everything derived from it agrees."""

import importlib
import importlib.util
import inspect
import pkgutil
from pathlib import Path

import pytest

import skspectra
import skspectra.models as models
import skspectra.nn as spectral_nn
from skspectra._registry import ARCHITECTURES, architecture, model_exports, network_exports
from skspectra.cli.model_specs import DEEP_MODELS, MODELS, REGRESSION_MODELS
from skspectra.models.deep._spectral_net import NetworkPreset

DOCS = Path(__file__).resolve().parents[1] / "docs"
API_DOCS = (DOCS / "api.md").read_text()


def _api_list(module_name):
    """The API reference's generated list for ``module_name`` (docs/_api_lists.py)."""
    spec = importlib.util.spec_from_file_location("_api_lists", DOCS / "_api_lists.py")
    api_lists = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(api_lists)
    assert f".. include:: {api_lists.PREFIX}{module_name}.rst" in API_DOCS
    return api_lists.api_list(module_name)
# the building blocks of skspectra.nn that are not architectures
INFRASTRUCTURE = {"SpectralNet", "EnsembleNet", "InputAdaptedNet"}


def _classes_defined_in(package):
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                yield name, value


def test_every_network_of_skspectra_nn_has_an_entry():
    networks = {name for name, cls in _classes_defined_in(spectral_nn)
                if issubclass(cls, spectral_nn.SpectralNet) and name not in INFRASTRUCTURE}
    assert networks == set(network_exports())


def test_every_preset_of_skspectra_models_has_an_entry():
    presets = {name for name, cls in _classes_defined_in(models)
               if issubclass(cls, NetworkPreset) and cls is not NetworkPreset
               and not name.startswith("_")}
    assert presets == {name for a in ARCHITECTURES for name in a.estimators}


@pytest.mark.parametrize("entry", ARCHITECTURES, ids=lambda a: a.name)
def test_an_entry_is_exported_reachable_from_the_cli_and_documented(entry):
    network = getattr(spectral_nn, entry.network)
    assert network.__module__ == entry.network_module and entry.network in spectral_nn.__all__
    assert MODELS[entry.name] == ("skspectra.models", entry.classifier)
    if entry.regressor is not None:
        assert REGRESSION_MODELS[entry.name] == ("skspectra.models", entry.regressor)
    assert entry.name in DEEP_MODELS
    api_lists = _api_list("skspectra.nn") + _api_list("skspectra.models")
    for name in (entry.network, *entry.estimators):
        assert f"   {name}\n" in api_lists, f"{name} is not in the API reference"
    for name in entry.estimators:
        cls = getattr(models, name)
        assert cls.__module__ == entry.estimator_module
        assert getattr(skspectra, name) is cls and name in skspectra.__all__
        assert name in models.__all__
        estimator = cls(**entry.small_params)  # the test configurations are valid parameters
        cls(**entry.any_length_params)
        assert estimator._network_class() is network
        assert models.is_deep_estimator(estimator)


def test_every_model_export_resolves_and_is_documented():
    api_list = _api_list("skspectra.models")
    for name, module in model_exports().items():
        assert getattr(models, name).__module__ == module
        assert f"   {name}\n" in api_list


def test_cli_names_are_unique_and_unknown_names_say_which_exist():
    names = [a.name for a in ARCHITECTURES]
    assert len(names) == len(set(names))
    assert architecture("pace").classifier == "PACEClassifier"
    with pytest.raises(KeyError, match="known"):
        architecture("lstm")
