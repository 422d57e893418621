"""Standardizer: the modes' arithmetic and the optional removal of directions."""

import pytest
import torch

from skspectra.nn import Standardizer
from skspectra.nn._input import snv


def test_spectrum_mode_is_snv_and_spectrum_center_adds_the_centred_channel():
    x = torch.randn(4, 1, 30)
    mean, scale = torch.randn(30), torch.tensor(2.0)
    torch.testing.assert_close(Standardizer("spectrum")(x), snv(x))
    out = Standardizer("spectrum+center", mean, scale)(x)
    assert out.shape == (4, 2, 30)
    torch.testing.assert_close(out[:, 1], (snv(x)[:, 0] - mean) / scale)


@pytest.mark.parametrize("mode", ["spectrum", "spectrum+center", "center", "none"])
def test_projection_removes_its_directions_before_the_centred_channel(mode):
    x = torch.randn(5, 1, 20)
    basis, _ = torch.linalg.qr(torch.randn(20, 3))
    projection = basis.T  # 3 orthonormal rows
    plain = Standardizer(mode, torch.zeros(20), torch.tensor(1.0))
    projected = Standardizer(mode, torch.zeros(20), torch.tensor(1.0), projection=projection)
    out = projected(x)
    torch.testing.assert_close(out @ projection.T, torch.zeros(*out.shape[:2], 3),
                               atol=1e-5, rtol=0)
    first = plain(x)[:, :1]
    torch.testing.assert_close(out[:, :1], first - (first @ projection.T) @ projection)


def test_an_empty_projection_is_the_identity_and_a_wrong_length_is_named():
    x = torch.randn(2, 1, 10)
    torch.testing.assert_close(Standardizer("spectrum", projection=torch.zeros(0, 10))(x),
                               snv(x))
    with pytest.raises(ValueError, match="fitted on spectra of 12 points; got 10"):
        Standardizer("spectrum", projection=torch.zeros(1, 12))(x)
    with pytest.raises(ValueError, match="2D"):
        Standardizer("spectrum", projection=torch.zeros(12))


@pytest.mark.parametrize("window", [3, 11])
def test_the_derivative_channel_is_scipys_savitzky_golay_derivative(window):
    from scipy.signal import savgol_filter

    x = torch.randn(3, 2, 40, dtype=torch.float64).cumsum(-1).float()
    out = Standardizer("spectrum+center", torch.zeros(40), torch.tensor(1.0),
                       derivative_window=window)(x)
    assert out.shape == (3, 6, 40)  # 2 input channels: SNV, centred, derivative of each
    torch.testing.assert_close(out[:, :4], Standardizer("spectrum+center", torch.zeros(40),
                                                        torch.tensor(1.0))(x))
    # scipy's quadratic SG derivative with the ends repeated, along decreasing index
    slope = -savgol_filter(snv(x).double().numpy(), window, 2, deriv=1, mode="nearest")
    expected = slope / slope.std(axis=-1, ddof=1, keepdims=True)
    torch.testing.assert_close(out[:, 4:].double(), torch.from_numpy(expected),
                               atol=1e-4, rtol=0)


def test_the_derivative_channel_follows_every_mode_and_its_window_is_checked():
    x = torch.randn(2, 1, 30)
    for mode in ("spectrum", "center", "global", "feature", "none"):
        standardizer = Standardizer(mode, torch.zeros(30), torch.ones(30),
                                    derivative_window=5)
        assert standardizer.channel_factor == 2 and standardizer(x).shape == (2, 2, 30)
    for window, error in ((4, ValueError), (1, ValueError), (2.5, TypeError)):
        with pytest.raises(error, match="derivative_window"):
            Standardizer("spectrum", derivative_window=window)


def test_a_standardizer_pickled_before_the_derivative_channel_still_runs():
    old = Standardizer("spectrum+center", torch.zeros(10), torch.tensor(1.0))
    del old.derivative_window  # as unpickled from a version without it
    assert old.channel_factor == 2 and old(torch.randn(2, 1, 10)).shape == (2, 2, 10)
