"""Cascading model randomisation and label randomisation (Adebayo et al., 2018)."""

import copy

import numpy as np
import pytest
import torch
from scipy.stats import spearmanr
from sklearn.pipeline import make_pipeline

from skspectra.datasets import make_spectra
from skspectra.explain import (
    cascading_randomisation_check,
    explain,
    label_randomisation_check,
)
from skspectra.models import GAPCNNClassifier, PLSLDAClassifier
from skspectra.preprocessing import SNV


@pytest.fixture(scope="module")
def data():
    X, y, _ = make_spectra(n_samples=60, n_features=64, n_classes=3, class_sep=2.0,
                           random_state=0)
    return X, y


@pytest.fixture(scope="module")
def gapcnn(data):
    X, y = data
    return GAPCNNClassifier(n_filters=4, n_blocks=2, n_members=1, max_epochs=10,
                            random_state=0, device="cpu").fit(X, y)


def test_cascade_goes_from_the_head_down_and_leaves_the_model_untouched(gapcnn, data):
    X = data[0][:6]
    before = gapcnn.explain(X, method="grad_cam_1d")
    layers, rho = cascading_randomisation_check(gapcnn, X, method="grad_cam_1d")
    module_layers = [name for name, sub in gapcnn.module_.named_modules()
                     if any(True for _ in sub.parameters(recurse=False))]
    assert layers == module_layers[::-1] and layers[0] == "net.head.linear"
    assert rho.shape == (len(layers), 6) and np.all(np.abs(rho[np.isfinite(rho)]) <= 1)
    assert np.nanmean(rho[-1]) < 0.9  # everything random: the maps changed
    np.testing.assert_array_equal(gapcnn.explain(X, method="grad_cam_1d"), before)


def test_cascade_is_reproducible_and_works_on_a_pipeline(data):
    X, y = data
    pipe = make_pipeline(SNV(), GAPCNNClassifier(n_filters=4, n_blocks=2, max_epochs=2,
                                                 random_state=0, device="cpu")).fit(X, y)
    first = cascading_randomisation_check(pipe, X[:3], method="saliency")
    second = cascading_randomisation_check(pipe, X[:3], method="saliency")
    assert first[0] == second[0]
    np.testing.assert_array_equal(first[1], second[1])


def test_label_randomisation_decorrelates_a_linear_models_coefficients(data):
    X, y = data
    rho = label_randomisation_check(PLSLDAClassifier(4), X, y, method="coef")
    assert rho.shape == (60,)
    assert np.nanmean(rho) < 0.8
    # Retraining on the true labels reproduces the maps (PLS-LDA is deterministic), so the
    # low correlation above comes from the permutation, not from retraining.
    first, second = (PLSLDAClassifier(4).fit(X, y) for _ in range(2))
    np.testing.assert_allclose(explain(first, X, method="coef", target=first.predict(X)),
                               explain(second, X, method="coef", target=first.predict(X)))


def test_label_randomisation_explains_x_explain_for_the_trained_prediction(data):
    X, y = data
    rho = label_randomisation_check(PLSLDAClassifier(4), X, y, X[:5], method="coef")
    assert rho.shape == (5,)
    trained = PLSLDAClassifier(4).fit(X, y)
    maps = explain(trained, X[:5], method="coef", target=trained.predict(X[:5]))
    assert maps.shape == (5, 64)


def test_bad_relevance_is_named(gapcnn, data):
    with pytest.raises(ValueError, match="relevance must be"):
        cascading_randomisation_check(gapcnn, data[0][:2], relevance="positive")
    with pytest.raises(ValueError, match="relevance must be"):
        label_randomisation_check(PLSLDAClassifier(2), *data, relevance="positive")


def test_cascade_randomises_every_ensemble_member_at_each_depth(data):
    X, y = data
    ensemble = GAPCNNClassifier(n_filters=4, n_blocks=2, n_members=3, max_epochs=2,
                                random_state=0, device="cpu").fit(X, y)
    layers, rho = cascading_randomisation_check(ensemble, X[:4], method="grad_cam_1d")
    per_member = [name for name, sub in ensemble.module_.net.members[0].named_modules()
                  if any(True for _ in sub.parameters(recurse=False))]
    assert layers == [f"net.members.*.{name}" for name in per_member[::-1]]
    assert rho.shape == (len(per_member), 4)
    # step 1 = every member's head re-initialised (same seed, same order), not one head
    randomised = copy.deepcopy(ensemble)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        for member in randomised.module_.net.members:
            member.head.linear.reset_parameters()
    target = ensemble.predict(X[:4])
    trained = ensemble.explain(X[:4], method="grad_cam_1d", target=target)
    heads_random = randomised.explain(X[:4], method="grad_cam_1d", target=target)
    expected = [spearmanr(np.abs(a), np.abs(b))[0] for a, b in zip(trained, heads_random,
                                                                    strict=True)]
    np.testing.assert_allclose(rho[0], expected, atol=1e-12)
