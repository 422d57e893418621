"""Bring your own network: SpectralNetClassifier / SpectralNetRegressor(module=...)."""

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV
from torch import nn

from skspectra.datasets import make_spectra
from skspectra.explain import default_method, supported_methods
from skspectra.models import (
    GAPCNNClassifier,
    SpectralNetClassifier,
    SpectralNetRegressor,
    is_deep_estimator,
)
from skspectra.nn import GAPCNN, SpectralNet

TRAINING = dict(max_epochs=3, random_state=0, device="cpu")


class PooledNet(SpectralNet):
    """A network without feature_layers(): its own forward_features and head."""

    def __init__(self, n_outputs, in_channels=1, width=4):
        super().__init__(n_outputs, in_channels)
        self.body = nn.Sequential(nn.Conv1d(in_channels, width, 5, padding=2), nn.ReLU())
        self.linear = nn.Linear(width, n_outputs)

    def forward_features(self, x):
        return self.body(self.prepare_input(x))

    def forward_head(self, feats):
        return self.linear(feats.mean(-1))


@pytest.fixture(scope="module")
def spectra():
    X, y, _ = make_spectra(n_samples=60, n_features=64, random_state=0)
    return X, y


def test_module_arguments_are_parameters(spectra):
    X, y = spectra
    clf = SpectralNetClassifier(GAPCNN, module__n_filters=4, module__n_blocks=2, **TRAINING)
    assert clf.get_params()["module__n_filters"] == 4
    assert clone(clf).get_params() == clf.get_params()
    clf.set_params(module__n_filters=2)
    assert clf.fit(X, y).module_.net.n_filters == 2
    restored = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(restored.predict_proba(X), clf.predict_proba(X))
    search = GridSearchCV(clf, {"module__n_filters": [2, 3]}, cv=2).fit(X, y)
    assert search.best_params_["module__n_filters"] in (2, 3)


def test_same_arguments_same_model_as_the_preset(spectra):
    X, y = spectra
    own = SpectralNetClassifier(GAPCNN, module__n_filters=4, module__n_blocks=2,
                                module__kernel_size=9, module__pool_size=2,
                                module__dropout=0.0, derivative_window=11,  # GAP-CNN's
                                n_members=2, **TRAINING).fit(X, y)  # defaults
    preset = GAPCNNClassifier(n_filters=4, n_blocks=2, **TRAINING).fit(X, y)
    np.testing.assert_allclose(own.predict_proba(X), preset.predict_proba(X), atol=1e-6)
    assert isinstance(preset, SpectralNetClassifier) and is_deep_estimator(own)


@pytest.mark.parametrize(("module", "arguments", "error", "match"), [
    (None, {}, ValueError, "needs module="),
    (GAPCNN(2), {}, TypeError, "a class, not an instance"),
    (nn.Linear, {}, TypeError, "subclass of skspectra.nn.SpectralNet"),
    (GAPCNN, {"module__widht": 4}, TypeError, "unexpected keyword argument 'widht'"),
    (GAPCNN, {"n_filters": 4}, TypeError, "module__<name>=value"),
])
def test_bad_modules_and_arguments_say_what_is_wrong(spectra, module, arguments, error, match):
    X, y = spectra
    with pytest.raises(error, match=match):
        SpectralNetClassifier(module, **arguments, **TRAINING).fit(X, y)


def test_a_preset_refuses_module_arguments():
    with pytest.raises(ValueError, match="Invalid parameter 'module'"):
        GAPCNNClassifier().set_params(module__n_filters=4)


def test_explanations_follow_what_the_network_offers(spectra):
    X, y = spectra
    clf = SpectralNetClassifier(PooledNet, **TRAINING).fit(X, y)
    assert supported_methods(clf) == ["occlusion", "saliency", "smoothgrad",
                                      "integrated_gradients", "lime"]
    assert clf.explain(X[:2]).shape == (2, X.shape[1])
    with pytest.raises(ValueError, match="grad_cam"):
        clf.explain(X[:2], method="grad_cam")
    reg = SpectralNetRegressor(PooledNet, **TRAINING).fit(X, y.astype(float))
    assert default_method(reg) == "integrated_gradients"
    assert "grad_cam_1d" not in supported_methods(reg)
    gap = SpectralNetClassifier(GAPCNN, module__n_filters=4, module__n_blocks=2,
                                **TRAINING).fit(X, y)
    assert supported_methods(gap)[:4] == ["occlusion", "cam", "grad_cam", "grad_cam_1d"]
