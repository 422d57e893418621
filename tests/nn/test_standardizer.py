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
