"""Resample, align_spectra, ToAbsorbance and convert_axis: the x-axis and the y units."""

import numpy as np
import pandas as pd
import pytest

from skspectra.preprocessing import Resample, ToAbsorbance, align_spectra, convert_axis

AXIS = np.array([1000.0, 1002.0, 1004.0, 1006.0, 1008.0])


def test_resample_is_linear_interpolation_on_either_axis_order():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 5))
    grid = np.array([1000.0, 1001.0, 1005.5, 1008.0])
    expected = np.array([np.interp(grid, AXIS, row) for row in X])
    np.testing.assert_allclose(Resample(grid, x_axis=AXIS).fit_transform(X), expected)
    flipped = Resample(grid, x_axis=AXIS[::-1]).fit_transform(X[:, ::-1])
    np.testing.assert_allclose(flipped, expected)


def test_resample_reads_the_axis_from_column_names_and_names_its_output():
    frame = pd.DataFrame(np.arange(10.0).reshape(2, 5), columns=[str(v) for v in AXIS])
    resample = Resample(grid=[1001.0, 1003.0]).set_output(transform="pandas").fit(frame)
    out = resample.transform(frame)
    assert list(out.columns) == ["1001.0", "1003.0"]
    np.testing.assert_allclose(out.to_numpy(), [[0.5, 1.5], [5.5, 6.5]])
    np.testing.assert_array_equal(resample.x_axis_in_, AXIS)


@pytest.mark.parametrize("grid", [[990.0, 1000.0], [1004.0, 1008.5], [2000.0]])
def test_a_grid_outside_the_measured_range_is_refused(grid):
    with pytest.raises(ValueError, match=r"grid spans .* cover only \[1000, 1008\]"):
        Resample(grid, x_axis=AXIS).fit(np.zeros((2, 5)))


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"grid": []}, ValueError, "non-empty 1D"),
    ({"grid": [[1000.0]]}, ValueError, "non-empty 1D"),
    ({"grid": [np.nan]}, ValueError, "NaN"),
    ({"grid": ["a"]}, TypeError, "array of numbers"),
    ({"grid": [1001.0], "x_axis": AXIS[:3]}, ValueError, "one value per feature"),
    ({"grid": [1001.0], "x_axis": [1000.0, 1000.0, 1002.0, 1004.0, 1006.0]}, ValueError,
     "repeated values"),
])
def test_bad_grids_and_axes_get_clear_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        Resample(**kwargs).fit(np.zeros((2, 5)))


def test_align_spectra_puts_two_instruments_on_the_range_both_cover():
    fine = pd.DataFrame([np.arange(9.0)], columns=1000.0 + np.arange(9.0), index=["a"])
    coarse = pd.DataFrame([[10.0, 12.0, 14.0, 16.0]], columns=[1002.0, 1004.0, 1006.0, 1010.0],
                          index=["b"])
    aligned = align_spectra([fine, coarse])
    np.testing.assert_array_equal(aligned.columns, [1002.0, 1004.0, 1006.0, 1008.0])
    np.testing.assert_allclose(aligned.loc["a"], [2.0, 4.0, 6.0, 8.0])
    np.testing.assert_allclose(aligned.loc["b"], [10.0, 12.0, 14.0, 15.0])
    chosen = align_spectra([fine, coarse], grid=[1003.0, 1005.0])
    np.testing.assert_allclose(chosen.to_numpy(), [[3.0, 5.0], [11.0, 13.0]])


def test_align_spectra_errors_name_the_table():
    a = pd.DataFrame([[1.0, 2.0]], columns=[1000.0, 1001.0])
    b = pd.DataFrame([[1.0, 2.0]], columns=[2000.0, 2001.0])
    with pytest.raises(ValueError, match=r"do not overlap \(table 0: \[1000, 1001\], table 1"):
        align_spectra([a, b])
    with pytest.raises(ValueError, match="table 1: Resample: the grid spans"):
        align_spectra([a, b], grid=[1000.5])
    with pytest.raises(ValueError, match="at least one"):
        align_spectra([])
    with pytest.raises(TypeError, match="table 0 must be a pandas DataFrame"):
        align_spectra([np.zeros((1, 2))])
    with pytest.raises(ValueError, match=r"table 0\).*'x' is not a number"):
        align_spectra([pd.DataFrame([[1.0]], columns=["x"])])


def test_to_absorbance():
    T = np.array([[1.0, 0.1, 0.01]])
    np.testing.assert_allclose(ToAbsorbance().fit_transform(T), [[0.0, 1.0, 2.0]])
    np.testing.assert_allclose(ToAbsorbance(percent=True).fit_transform(100 * T),
                               [[0.0, 1.0, 2.0]])
    np.testing.assert_allclose(ToAbsorbance(quantity="reflectance").fit_transform(T),
                               [[0.0, 1.0, 2.0]])
    capped = ToAbsorbance(floor=1e-4).fit_transform(np.array([[0.5, 0.0, -0.01]]))
    np.testing.assert_allclose(capped, [[np.log10(2.0), 4.0, 4.0]])


def test_to_absorbance_refuses_values_it_cannot_log():
    X = np.array([[0.5, 0.4], [0.3, 0.0], [-0.1, 0.2]])
    with pytest.raises(ValueError, match=r"2 values are <= 0, first in spectrum 1 \(2 spectra"):
        ToAbsorbance().fit(X)
    fitted = ToAbsorbance().fit(np.full((1, 2), 0.5))
    with pytest.raises(ValueError, match="transmittance must be > 0"):
        fitted.transform(X)
    with pytest.raises(ValueError, match="quantity must be one of"):
        ToAbsorbance(quantity="absorbance").fit(np.full((1, 2), 0.5))
    with pytest.raises(ValueError, match="floor must be in"):
        ToAbsorbance(floor=0.0).fit(np.full((1, 2), 0.5))


def test_convert_axis_round_trips():
    nm = np.array([800.0, 1000.0, 2500.0])
    np.testing.assert_allclose(convert_axis(nm, "nm", "cm-1"), [12500.0, 10000.0, 4000.0])
    np.testing.assert_allclose(convert_axis(nm, "nm", "um"), nm / 1000.0)
    np.testing.assert_allclose(convert_axis(convert_axis(nm, "nm", "cm-1"), "cm-1", "nm"), nm)
    with pytest.raises(ValueError, match="target must be one of"):
        convert_axis(nm, "nm", "eV")
    with pytest.raises(ValueError, match="> 0"):
        convert_axis([0.0], "cm-1", "nm")
