"""SNV: rows centred and scaled to unit standard deviation."""

import numpy as np
import pytest

from skspectra.preprocessing import SNV


@pytest.mark.parametrize("ddof", [0, 1])
def test_rows_have_mean_zero_and_std_one(ddof):
    rng = np.random.default_rng(0)
    X = rng.normal(loc=5.0, scale=3.0, size=(8, 50)) * rng.uniform(0.5, 4, size=(8, 1))
    out = SNV(ddof=ddof).fit_transform(X)
    np.testing.assert_allclose(out.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.std(axis=1, ddof=ddof), 1.0, rtol=1e-12)


def test_matches_the_textbook_formula():
    rng = np.random.default_rng(1)
    X = rng.uniform(size=(4, 30))
    expected = np.array([(x - x.mean()) / np.sqrt(((x - x.mean()) ** 2).sum() / 29) for x in X])
    np.testing.assert_allclose(SNV(ddof=1).fit_transform(X), expected, rtol=1e-12)


def test_constant_spectrum_becomes_zeros_not_nan():
    X = np.array([[0.1] * 7, [0.0] * 7, [1.0, 2, 3, 4, 5, 6, 7]])
    out = SNV().fit_transform(X)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out[:2], 0.0, atol=1e-12)


def test_ddof_must_be_less_than_n_features():
    with pytest.raises(ValueError, match=r"ddof must be less than .* n_features=1"):
        SNV(ddof=1).fit(np.ones((3, 1)))
