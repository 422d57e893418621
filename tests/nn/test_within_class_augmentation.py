"""SpectralAugmenter's within-class augmentation and within_class_deviations."""

import numpy as np
import pytest
import torch

from skspectra.nn import SpectralAugmenter, within_class_deviations


def test_deviations_are_each_spectrum_minus_its_class_mean():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(9, 12))
    y = np.array(["a", "b", "c"] * 3)
    deviations = within_class_deviations(X, y).numpy()
    for label in "abc":
        rows = X[y == label]
        np.testing.assert_allclose(deviations[y == label], rows - rows.mean(0), atol=1e-6)
        np.testing.assert_allclose(deviations[y == label].sum(0), 0.0, atol=1e-5)


def test_deviations_reject_mismatched_shapes():
    with pytest.raises(ValueError, match="n_spectra"):
        within_class_deviations(np.zeros((4, 5)), np.zeros(3))


def test_each_spectrum_moves_along_one_deviation_in_training_only():
    torch.manual_seed(0)
    deviations = torch.randn(6, 20)
    augmenter = SpectralAugmenter(within_class=0.5, deviations=deviations)
    x = torch.randn(32, 1, 20)
    assert augmenter.eval()(x).equal(x)
    moved = (augmenter.train()(x) - x)[:, 0]
    weights = []
    for row in moved:
        # the row is w * d for one deviation d: find it by least squares
        fits = [(torch.dot(row, d) / torch.dot(d, d), d) for d in deviations]
        errors = [float((row - w * d).abs().max()) for w, d in fits]
        best = int(np.argmin(errors))
        assert errors[best] < 1e-5
        weights.append(float(fits[best][0]))
    assert 0.2 < np.std(weights) < 1.0  # weights ~ N(0, 0.5**2) over 32 draws


def test_release_drops_the_deviations_and_the_augmentation():
    augmenter = SpectralAugmenter(within_class=1.0, deviations=torch.randn(3, 10))
    assert augmenter.active
    augmenter.release()
    assert augmenter.deviations.numel() == 0 and not augmenter.active
    x = torch.randn(4, 1, 10)
    assert augmenter.train()(x).equal(x)


def test_bad_within_class_arguments_are_named():
    with pytest.raises(ValueError, match="augment_within_class"):
        SpectralAugmenter(within_class=-1.0)
    with pytest.raises(ValueError, match="deviations"):
        SpectralAugmenter(within_class=1.0, deviations=torch.zeros(3))
    augmenter = SpectralAugmenter(within_class=1.0, deviations=torch.randn(3, 10)).train()
    with pytest.raises(ValueError, match="10 points"):
        augmenter(torch.randn(2, 1, 12))
