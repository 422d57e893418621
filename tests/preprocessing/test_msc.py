"""MSC against the textbook least-squares formula, written here with np.polyfit."""

import numpy as np
import pytest

from skspectra.preprocessing import MSC


def _msc_reference(X, reference):
    """Fit x_i = a + b * ref per row with np.polyfit, return (x_i - a) / b."""
    out = np.empty_like(X)
    for i, x in enumerate(X):
        b, a = np.polyfit(reference, x, deg=1)
        out[i] = (x - a) / b
    return out


@pytest.fixture
def spectra():
    rng = np.random.default_rng(0)
    t = np.linspace(0, 1, 60)
    base = np.exp(-((t - 0.3) ** 2) / 0.01) + 0.5 * np.exp(-((t - 0.7) ** 2) / 0.02)
    a = rng.uniform(-1, 1, size=(10, 1))
    b = rng.uniform(0.5, 2, size=(10, 1))
    return a + b * base + rng.normal(scale=0.01, size=(10, 60))


@pytest.mark.parametrize(("reference", "statistic"), [("mean", np.mean), ("median", np.median)])
def test_matches_polyfit_with_mean_or_median_reference(spectra, reference, statistic):
    est = MSC(reference=reference).fit(spectra)
    expected_reference = statistic(spectra, axis=0)
    np.testing.assert_allclose(est.reference_, expected_reference, rtol=1e-12)
    np.testing.assert_allclose(
        est.transform(spectra), _msc_reference(spectra, expected_reference), rtol=1e-9, atol=1e-9
    )


def test_explicit_reference_and_new_data(spectra):
    reference = spectra[3] * 2 + 1
    est = MSC(reference=list(reference)).fit(spectra[:5])
    np.testing.assert_allclose(est.reference_, reference)
    np.testing.assert_allclose(
        est.transform(spectra[5:]), _msc_reference(spectra[5:], reference), rtol=1e-9, atol=1e-9
    )


def test_reference_is_learned_at_fit_only(spectra):
    est = MSC().fit(spectra[:5])
    np.testing.assert_allclose(
        est.transform(spectra[5:]),
        _msc_reference(spectra[5:], spectra[:5].mean(axis=0)),
        rtol=1e-9,
        atol=1e-9,
    )


def test_flat_spectrum_is_only_centred():
    reference = np.array([1.0, 2.0, 4.0, 3.0])
    X = np.array([[5.0, 5.0, 5.0, 5.0], [1.0, 3.0, 7.0, 5.0]])
    out = MSC(reference=reference).fit(X).transform(X)
    np.testing.assert_allclose(out[0], 0.0, atol=1e-12)
    np.testing.assert_allclose(out[1], reference, atol=1e-12)


@pytest.mark.parametrize(
    ("reference", "error", "message"),
    [
        ("max", ValueError, r"reference must be one of \['mean', 'median'\]"),
        ([1.0, 2.0], ValueError, r"expected shape \(4,\), got shape \(2,\)"),
        ([[1.0, 2.0, 3.0, 4.0]], ValueError, r"expected shape \(4,\), got shape \(1, 4\)"),
        ([1.0, np.nan, 3.0, 4.0], ValueError, "reference contains NaN"),
        ([1.0, "a", 3.0, 4.0], TypeError, "reference must be 'mean', 'median' or an array"),
        ([2.0, 2.0, 2.0, 2.0], ValueError, "reference spectrum is constant"),
    ],
)
def test_bad_reference_raises(reference, error, message):
    X = np.arange(12.0).reshape(3, 4) ** 2
    with pytest.raises(error, match=message):
        MSC(reference=reference).fit(X)


def test_constant_mean_reference_raises():
    X = np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])  # mean spectrum is flat
    with pytest.raises(ValueError, match="reference spectrum is constant"):
        MSC().fit(X)


def test_one_feature_raises():
    with pytest.raises(ValueError, match=r"at least 2 points .* n_features=1"):
        MSC().fit(np.ones((3, 1)))
