"""Normalize against per-row formulas written independently."""

import numpy as np
import pytest

from skspectra.preprocessing import Normalize


@pytest.fixture
def spectra():
    return np.random.default_rng(0).normal(size=(6, 25))


@pytest.mark.parametrize(
    ("norm", "reference"),
    [
        ("l2", lambda x: x / np.linalg.norm(x)),
        ("area", lambda x: x / np.sum(np.abs(x))),
        ("max", lambda x: x / np.max(np.abs(x))),
        ("minmax", lambda x: (x - x.min()) / (x.max() - x.min())),
    ],
)
def test_matches_the_row_formula(spectra, norm, reference):
    expected = np.array([reference(x) for x in spectra])
    np.testing.assert_allclose(Normalize(norm=norm).fit_transform(spectra), expected, rtol=1e-12)


def test_results_have_the_promised_scale(spectra):
    np.testing.assert_allclose(np.linalg.norm(Normalize("l2").fit_transform(spectra), axis=1), 1)
    np.testing.assert_allclose(np.abs(Normalize("area").fit_transform(spectra)).sum(axis=1), 1)
    np.testing.assert_allclose(np.abs(Normalize("max").fit_transform(spectra)).max(axis=1), 1)
    out = Normalize("minmax").fit_transform(spectra)
    np.testing.assert_allclose(out.min(axis=1), 0, atol=1e-15)
    np.testing.assert_allclose(out.max(axis=1), 1)


@pytest.mark.parametrize("norm", ["l2", "area", "max", "minmax"])
def test_zero_and_constant_spectra_stay_finite(norm):
    X = np.array([[0.0, 0.0, 0.0], [0.3, 0.3, 0.3], [1.0, 2.0, 4.0]])
    out = Normalize(norm).fit_transform(X)
    assert np.all(np.isfinite(out))
    np.testing.assert_array_equal(out[0], 0.0)


def test_unknown_norm_raises():
    with pytest.raises(ValueError, match=r"norm must be one of \['l2', 'area', 'max', 'minmax'\]"):
        Normalize(norm="l1").fit(np.ones((2, 3)))
