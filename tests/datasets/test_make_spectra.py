"""make_spectra: reproducibility, difficulty knobs, the ground-truth mask, errors."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

from skspectra.datasets import make_spectra
from skspectra.datasets._make_spectra import _profile


def _lda_accuracy(X, y):
    """Hold-out accuracy of a shrinkage LDA (the rows come shuffled: first half trains)."""
    half = len(y) // 2
    lda = LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto").fit(X[:half], y[:half])
    return lda.score(X[half:], y[half:])


def _class_mean_gap(X, y):
    """Mean absolute difference between the class means, per point (2 classes)."""
    return np.abs(X[y == 0].mean(axis=0) - X[y == 1].mean(axis=0))


def test_shapes_and_dtypes():
    X, y, mask = make_spectra(n_samples=31, n_features=123, n_classes=3, random_state=0)
    assert X.shape == (31, 123) and X.dtype == np.float64
    assert y.shape == (31,) and y.dtype == np.int64
    assert mask.shape == (123,) and mask.dtype == bool
    assert np.all(np.isfinite(X))
    # balanced classes 0..n_classes-1
    assert np.bincount(y).tolist() == [11, 10, 10]
    assert 0 < mask.sum() < 123


def test_reproducible_with_random_state():
    first = make_spectra(n_samples=20, n_features=80, random_state=7)
    second = make_spectra(n_samples=20, n_features=80, random_state=np.random.RandomState(7))
    other = make_spectra(n_samples=20, n_features=80, random_state=8)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.allclose(first[0], other[0])


@pytest.mark.parametrize("band_shape", ["gaussian", "lorentzian", "mixed"])
def test_easy_settings_are_learnable(band_shape):
    X, y, mask = make_spectra(class_sep=4.0, scatter=0.0, band_shape=band_shape,
                              random_state=0)
    assert _lda_accuracy(X[:, mask], y) > 0.95


@pytest.mark.parametrize("n_classes", [2, 3])
def test_no_separation_means_chance(n_classes):
    accuracies = [
        _lda_accuracy(X[:, mask], y)
        for X, y, mask in (
            make_spectra(n_samples=400, n_classes=n_classes, class_sep=0.0, random_state=seed)
            for seed in range(2)
        )
    ]
    assert np.mean(accuracies) < 1.0 / n_classes + 0.1


def test_difficulty_knobs_lower_accuracy():
    def accuracy(**kwargs):
        return np.mean([
            _lda_accuracy(X[:, mask], y)
            for X, y, mask in (
                make_spectra(n_samples=300, random_state=seed, **kwargs) for seed in range(2)
            )
        ])

    easy = accuracy(class_sep=2.0, scatter=0.0)
    assert accuracy(class_sep=0.5, scatter=0.0) < easy - 0.1
    assert accuracy(class_sep=2.0, scatter=0.0, noise=1.0) < easy - 0.1


@pytest.mark.parametrize("knob", ["scatter", "baseline"])
def test_scatter_and_baseline_vary_the_spectra(knob):
    # A linear model on the mask largely sees through scatter (band ratios survive),
    # so check the knob itself: it spreads the spectra's levels apart.
    def level_spread(value):
        settings = {"scatter": 0.0, "baseline": 0.0, knob: value}
        X, _, _ = make_spectra(n_samples=200, noise=0.0, class_sep=0.0, random_state=0,
                               **settings)
        return X.mean(axis=1).std()

    assert level_spread(0.3) > 3 * level_spread(0.0)


def test_class_means_differ_mainly_inside_the_mask():
    X, y, mask = make_spectra(n_samples=400, class_sep=2.0, random_state=1)
    gap = _class_mean_gap(X, y)
    assert gap[mask].mean() > 5 * gap[~mask].mean()
    # without class separation the class means differ equally everywhere
    X, y, mask = make_spectra(n_samples=400, class_sep=0.0, random_state=1)
    gap = _class_mean_gap(X, y)
    assert gap[mask].mean() < 2 * gap[~mask].mean()


def test_mask_covers_two_half_widths_of_gaussian_informative_bands():
    # With every nuisance off, the class-mean gap outside the mask is at most the
    # height of a Gaussian band two half widths from its centre: 2**-4 of the peak.
    X, y, mask = make_spectra(n_samples=200, class_sep=3.0, noise=0.0, shift=0.0,
                              scatter=0.0, baseline=0.0, random_state=3)
    gap = _class_mean_gap(X, y)
    assert gap[~mask].max() < 0.1 * gap[mask].max()
    # and every informative band contributes: the mask is made of n_informative runs
    runs = np.count_nonzero(np.diff(mask.astype(int)) == 1) + int(mask[0])
    assert 1 <= runs <= 3


def test_no_nuisance_spectra_are_non_negative_bands():
    X, _, _ = make_spectra(n_samples=10, noise=0.0, shift=0.0, scatter=0.0, baseline=0.0,
                           random_state=0)
    assert X.min() >= 0.0 and X.max() > 0.5
    X_base, _, _ = make_spectra(n_samples=10, noise=0.0, shift=0.0, scatter=0.0,
                                baseline=1.0, random_state=0)
    assert not np.allclose(X_base, X)


@pytest.mark.parametrize("fraction", [0.0, 0.3, 1.0])
def test_band_profile_has_unit_height_and_half_width(fraction):
    offsets = np.array([-3.0, 0.0, 3.0])
    np.testing.assert_allclose(_profile(offsets, 3.0, fraction), [0.5, 1.0, 0.5])
    # the Lorentzian has the heavier tails
    far = _profile(np.array([12.0]), 3.0, fraction)[0]
    expected = (1 - fraction) * 2.0 ** -16 + fraction / 17.0
    np.testing.assert_allclose(far, expected)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_samples": 0}, ValueError, "n_samples must be >= 1"),
        ({"n_samples": 2.5}, TypeError, "n_samples must be an int"),
        ({"n_features": True}, TypeError, "n_features must be an int"),
        ({"n_classes": 1}, ValueError, "n_classes must be >= 2"),
        ({"n_samples": 2, "n_classes": 3}, ValueError, "n_samples=2 must be >= n_classes=3"),
        ({"n_bands": 0}, ValueError, "n_bands must be >= 1"),
        ({"n_informative": 5, "n_bands": 4}, ValueError, "n_informative=5 must be <= n_bands"),
        ({"band_shape": "voigt"}, ValueError, "band_shape must be one of"),
        ({"band_width": 5.0}, TypeError, r"band_width must be a \(min, max\) pair"),
        ({"band_width": (6.0, 2.0)}, ValueError, "0 < min <= max"),
        ({"band_width": (0.0, 2.0)}, ValueError, "0 < min <= max"),
        ({"class_sep": -1.0}, ValueError, "class_sep must be in \\[0, inf\\)"),
        ({"noise": float("nan")}, ValueError, "noise must be in \\[0, inf\\)"),
        ({"shift": "big"}, TypeError, "shift must be a real number"),
        ({"scatter": -0.1}, ValueError, "scatter must be"),
        ({"baseline": float("inf")}, ValueError, "baseline must be"),
        ({"random_state": "seed"}, ValueError, "cannot be used to seed"),
    ],
)
def test_bad_parameters(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_spectra(**kwargs)
