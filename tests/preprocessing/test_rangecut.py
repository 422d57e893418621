"""RangeCut keeps exactly the columns whose x-axis value lies in [start, end]."""

import numpy as np
import pandas as pd
import pytest

from skspectra.preprocessing import RangeCut


@pytest.fixture
def X():
    return np.arange(24.0).reshape(3, 8)


def test_indices_when_no_x_axis(X):
    cut = RangeCut(start=2, end=5).fit(X)
    np.testing.assert_array_equal(cut.transform(X), X[:, 2:6])
    np.testing.assert_array_equal(cut.x_axis_, [2, 3, 4, 5])


@pytest.mark.parametrize("descending", [False, True])
def test_x_axis_array_inclusive_bounds(X, descending):
    x_axis = np.array([1000.0, 1000.5, 1001.0, 1200.0, 1300.0, 1500.0, 1500.25, 1600.0])
    if descending:
        x_axis = x_axis[::-1]
    keep = [(1000.5 <= v <= 1500.0) for v in x_axis]  # independent membership test
    cut = RangeCut(start=1000.5, end=1500.0, x_axis=x_axis).fit(X)
    np.testing.assert_array_equal(cut.support_, keep)
    np.testing.assert_array_equal(cut.transform(X), X[:, keep])
    np.testing.assert_array_equal(cut.x_axis_, x_axis[keep])


def test_dataframe_string_column_names(X):
    names = ["1800.0", "1750.5", "1700", "1650", "1600.25", "1550", "1500", "1450"]
    df = pd.DataFrame(X, columns=names)
    cut = RangeCut(start=1500, end=1700).fit(df)
    expected = [n for n in names if 1500 <= float(n) <= 1700]
    np.testing.assert_array_equal(cut.get_feature_names_out(), expected)
    np.testing.assert_array_equal(cut.transform(df), df[expected].to_numpy())
    out = cut.set_output(transform="pandas").transform(df)
    assert list(out.columns) == expected
    np.testing.assert_array_equal(out.to_numpy(), df[expected].to_numpy())


def test_dataframe_numeric_column_names(X):
    df = pd.DataFrame(X, columns=[4000.0 - 100 * i for i in range(8)])
    cut = RangeCut(start=3500, end=3800).fit(df)
    np.testing.assert_array_equal(cut.x_axis_, [3800.0, 3700.0, 3600.0, 3500.0])
    np.testing.assert_array_equal(cut.transform(df), X[:, 2:6])


def test_x_axis_takes_precedence_over_column_names(X):
    df = pd.DataFrame(X, columns=[str(v) for v in range(100, 108)])
    cut = RangeCut(start=0, end=1, x_axis=np.arange(8)).fit(df)
    np.testing.assert_array_equal(cut.get_feature_names_out(), ["100", "101"])


def test_open_bounds(X):
    np.testing.assert_array_equal(RangeCut(end=2).fit_transform(X), X[:, :3])
    np.testing.assert_array_equal(RangeCut(start=6).fit_transform(X), X[:, 6:])
    np.testing.assert_array_equal(RangeCut().fit_transform(X), X)


def test_feature_names_without_dataframe(X):
    cut = RangeCut(start=6).fit(X)
    np.testing.assert_array_equal(cut.get_feature_names_out(), ["x6", "x7"])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": 20, "end": 30}, r"selects no feature: the x-axis of the n_features=8 columns"),
        ({"start": 2.2, "end": 2.8}, "selects no feature"),
        ({"start": 5, "end": 2}, r"start must be <= end, got start=5 and end=2"),
        ({"x_axis": np.arange(7)}, r"x_axis must be 1D .* shape \(7,\) for n_features=8"),
        ({"x_axis": np.ones((2, 4))}, r"x_axis must be 1D"),
        ({"x_axis": [np.nan] * 8}, "x_axis contains NaN"),
        ({"start": np.inf}, r"start must be in"),
    ],
)
def test_bad_ranges_raise(X, params, message):
    with pytest.raises(ValueError, match=message):
        RangeCut(**params).fit(X)


def test_non_numeric_column_names_need_x_axis(X):
    df = pd.DataFrame(X, columns=[f"band{i}" for i in range(8)])
    with pytest.raises(ValueError, match=r"'band0' is not a number; pass the x-axis"):
        RangeCut(start=0, end=3).fit(df)
    cut = RangeCut(start=0, end=3, x_axis=np.arange(8)).fit(df)
    np.testing.assert_array_equal(cut.get_feature_names_out(), ["band0", "band1", "band2", "band3"])


def test_non_numeric_x_axis_raises_type_error(X):
    with pytest.raises(TypeError, match="x_axis must be an array of numbers"):
        RangeCut(x_axis=list("abcdefgh")).fit(X)


def test_a_failed_fit_leaves_the_transformer_unfitted(X):
    from sklearn.exceptions import NotFittedError

    cut = RangeCut(start=100)
    with pytest.raises(ValueError, match="selects no feature"):
        cut.fit(X)
    with pytest.raises(NotFittedError):
        cut.transform(X)
