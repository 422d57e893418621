"""Detrend against a per-row np.polyfit reference."""

import numpy as np
import pytest

from skspectra.preprocessing import Detrend


@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_matches_polyfit_residuals(order):
    rng = np.random.default_rng(order)
    X = rng.normal(size=(7, 35)).cumsum(axis=1)
    t = np.arange(35.0)
    expected = np.array([x - np.polyval(np.polyfit(t, x, order), t) for x in X])
    np.testing.assert_allclose(Detrend(order=order).fit_transform(X), expected, atol=1e-9)


def test_order_zero_removes_the_mean():
    X = np.array([[1.0, 2.0, 6.0]])
    np.testing.assert_allclose(Detrend(order=0).fit_transform(X), [[-2.0, -1.0, 3.0]])


def test_order_must_be_below_n_features():
    with pytest.raises(ValueError, match=r"order must be less than .* order=3 and n_features=3"):
        Detrend(order=3).fit(np.ones((2, 3)))


def test_negative_order_raises():
    with pytest.raises(ValueError, match="order must be >= 0"):
        Detrend(order=-1).fit(np.ones((2, 5)))
