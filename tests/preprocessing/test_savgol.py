"""SavGol against scipy.signal.savgol_filter, and its parameter errors."""

import numpy as np
import pytest
from scipy.signal import savgol_filter

from skspectra.preprocessing import SavGol


@pytest.fixture
def spectra():
    rng = np.random.default_rng(0)
    return rng.normal(size=(6, 40)).cumsum(axis=1)


@pytest.mark.parametrize("mode", ["interp", "mirror", "nearest", "constant", "wrap"])
@pytest.mark.parametrize(("window_length", "polyorder"), [(5, 2), (11, 3), (7, 0)])
def test_matches_scipy_for_every_derivative(spectra, window_length, polyorder, mode):
    for deriv in range(polyorder + 1):
        est = SavGol(window_length, polyorder, deriv=deriv, delta=0.5, mode=mode)
        expected = np.stack(
            [
                savgol_filter(row, window_length, polyorder, deriv=deriv, delta=0.5, mode=mode)
                for row in spectra
            ]
        )
        np.testing.assert_allclose(est.fit_transform(spectra), expected, rtol=1e-12, atol=1e-12)


def test_derivative_of_a_polynomial_is_exact_including_the_edges():
    # "interp" fits the edge windows too, so a quadratic's derivative is exact everywhere
    x = np.linspace(-2.0, 3.0, 30)
    X = np.vstack([x**2, 3 * x**2 - x + 1])
    delta = x[1] - x[0]
    first = SavGol(7, 2, deriv=1, delta=delta).fit_transform(X)
    np.testing.assert_allclose(first, np.vstack([2 * x, 6 * x - 1]), atol=1e-9)
    second = SavGol(7, 2, deriv=2, delta=delta).fit_transform(X)
    np.testing.assert_allclose(second, np.vstack([np.full(30, 2.0), np.full(30, 6.0)]), atol=1e-8)


def test_smoothing_reduces_noise():
    rng = np.random.default_rng(1)
    clean = np.sin(np.linspace(0, 3, 200))[None, :].repeat(20, axis=0)
    noisy = clean + rng.normal(scale=0.1, size=clean.shape)
    smoothed = SavGol(21, 2).fit_transform(noisy)
    assert np.abs(smoothed - clean).std() < 0.5 * np.abs(noisy - clean).std()


@pytest.mark.parametrize(
    ("params", "n_features", "message"),
    [
        (
            {"window_length": 11},
            5,
            r"window_length=11 is longer than the spectrum \(n_features=5\)",
        ),
        ({"window_length": 6}, 20, r"window_length must be odd, got window_length=6"),
        ({"window_length": 5, "polyorder": 5}, 20, r"polyorder must be less than window_length"),
        ({"window_length": 5, "polyorder": 2, "deriv": 3}, 20, r"deriv must be <= polyorder"),
        ({"window_length": 0}, 20, r"window_length must be >= 1"),
        ({"polyorder": -1}, 20, r"polyorder must be >= 0"),
        ({"deriv": -1}, 20, r"deriv must be >= 0"),
        ({"delta": 0.0}, 20, r"delta must be in \(0"),
        ({"mode": "reflect"}, 20, r"mode must be one of"),
    ],
)
def test_bad_parameters_raise_a_clear_value_error(params, n_features, message):
    X = np.ones((3, n_features)).cumsum(axis=1)
    with pytest.raises(ValueError, match=message):
        SavGol(**params).fit(X)


@pytest.mark.parametrize("value", [5.0, "5", True])
def test_non_integer_window_raises_type_error(value):
    with pytest.raises(TypeError, match="window_length must be an integer"):
        SavGol(window_length=value).fit(np.ones((2, 20)))


def test_parameters_changed_after_fit_are_checked_at_transform():
    X = np.ones((2, 20)).cumsum(axis=1)
    est = SavGol(5, 2).fit(X)
    est.set_params(window_length=4)
    with pytest.raises(ValueError, match="window_length must be odd"):
        est.transform(X)
