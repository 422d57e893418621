"""grad_cam_occlusion: occlusion weighted by the spectrum's Grad-CAM, scaled to [0, 1]."""

import numpy as np
import pytest

pytest.importorskip("torch")

from skspectra.datasets import make_spectra
from skspectra.explain import grad_cam, grad_cam_occlusion, occlusion
from skspectra.explain._randomisation import randomised_copy
from skspectra.models import GAPCNNClassifier


@pytest.fixture(scope="module")
def fitted():
    X, y, _ = make_spectra(n_samples=40, n_features=64, n_classes=3, random_state=0)
    clf = GAPCNNClassifier(n_filters=4, n_blocks=2, max_epochs=3, random_state=0,
                           device="cpu").fit(X, y)
    return clf, X[:6]


def test_is_occlusion_times_the_scaled_grad_cam(fitted):
    clf, X = fitted
    targets = np.searchsorted(clf.classes_, clf.predict(X))
    sensitivity = occlusion(clf.predict_proba, X, targets, window=5, baseline="interp")
    gate = grad_cam(clf, X, targets)
    assert np.all(gate.max(axis=1) > 0)  # the identity below is not about empty gates
    expected = sensitivity * gate / gate.max(axis=1, keepdims=True)
    ours = grad_cam_occlusion(clf, X)
    np.testing.assert_allclose(ours, expected, atol=1e-6)
    np.testing.assert_array_equal(ours[gate == 0], 0.0)
    # GAP-CNN's explain() occludes 11 points by default (round S); at 5 it is this function
    np.testing.assert_allclose(clf.explain(X, method="grad_cam_occlusion", window=5), ours)


def test_options_reach_both_parts(fitted):
    clf, X = fitted
    layer = next(iter(clf.module_.feature_layers()))
    ours = grad_cam_occlusion(clf, X, 0, window=3, baseline="zero", layer=layer)
    gate = grad_cam(clf, X, 0, layer=layer)
    gate = np.divide(gate, gate.max(axis=1, keepdims=True), out=np.zeros_like(gate),
                     where=gate.max(axis=1, keepdims=True) > 0)
    expected = occlusion(clf.predict_proba, X, 0, window=3, baseline="zero") * gate
    np.testing.assert_allclose(ours, expected, atol=1e-6)


def test_depends_on_the_weights(fitted):
    clf, X = fitted
    assert not np.allclose(grad_cam_occlusion(clf, X), grad_cam_occlusion(randomised_copy(clf), X))


@pytest.mark.parametrize(("bad", "error"), [(np.zeros(64), ValueError),
                                            (np.full((2, 64), np.nan), ValueError)])
def test_bad_input_is_refused(fitted, bad, error):
    with pytest.raises(error, match="X"):
        grad_cam_occlusion(fitted[0], bad)


def test_needs_a_network():
    with pytest.raises(TypeError, match="torch network"):
        grad_cam_occlusion(object(), np.zeros((2, 8)))
