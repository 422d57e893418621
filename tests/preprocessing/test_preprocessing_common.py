"""What every preprocessing transformer promises: validation, dtypes, pandas, pipelines."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.pipeline import Pipeline

from skspectra.preprocessing import (
    MSC,
    SNV,
    AsLS,
    Detrend,
    Normalize,
    RangeCut,
    Resample,
    SavGol,
    ToAbsorbance,
)

TRANSFORMERS = [
    SavGol(),
    SavGol(7, 3, deriv=2),
    SNV(),
    MSC(),
    Detrend(order=2),
    AsLS(),
    Normalize("l2"),
    Normalize("minmax"),
    RangeCut(start=3950.0, end=3975.0, x_axis=4000.0 - 2.5 * np.arange(40)),
    Resample(grid=[3905.0, 3950.5, 3999.0], x_axis=4000.0 - 2.5 * np.arange(40)),
    ToAbsorbance(floor=1e-3),
]
IDS = [repr(t) for t in TRANSFORMERS]


def _spectra(n_samples=6, n_features=40, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n_samples, n_features)).cumsum(axis=1) + 5.0


def _wavenumber_frame(X):
    columns = [f"{4000.0 - 2.5 * i:.1f}" for i in range(X.shape[1])]
    return pd.DataFrame(X, columns=columns)


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=IDS)
def test_float32_stays_float32_float64_stays_float64_ints_become_float64(transformer):
    X = _spectra()
    out64 = clone(transformer).fit_transform(X)
    out32 = clone(transformer).fit_transform(X.astype(np.float32))
    assert clone(transformer).fit(X).transform(X.astype(np.float32)).dtype == np.float32
    out_int = clone(transformer).fit_transform(np.round(X * 10).astype(np.int64))
    assert out64.dtype == np.float64
    assert out32.dtype == np.float32
    assert out_int.dtype == np.float64
    np.testing.assert_allclose(out32, out64, rtol=1e-3, atol=1e-3 * np.abs(out64).max())


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=IDS)
def test_input_is_not_modified(transformer):
    X = _spectra()
    before = X.copy()
    clone(transformer).fit(X).transform(X)
    np.testing.assert_array_equal(X, before)


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=IDS)
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_and_inf_are_refused(transformer, bad):
    X = _spectra()
    X[2, 5] = bad
    with pytest.raises(ValueError, match=r"Input X contains (NaN|infinity)"):
        clone(transformer).fit(X)
    fitted = clone(transformer).fit(_spectra())
    with pytest.raises(ValueError, match=r"Input X contains (NaN|infinity)"):
        fitted.transform(X)


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=IDS)
def test_one_dimensional_input_is_refused(transformer):
    with pytest.raises(ValueError, match="Expected 2D array, got 1D array"):
        clone(transformer).fit(_spectra()[0])


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=IDS)
def test_transform_checks_the_number_of_features(transformer):
    fitted = clone(transformer).fit(_spectra(n_features=40))
    with pytest.raises(ValueError, match=r"X has 39 features, but .* is expecting 40 features"):
        fitted.transform(_spectra(n_features=39))


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=IDS)
def test_pandas_output_keeps_wavenumber_names(transformer):
    df = _wavenumber_frame(_spectra())
    est = clone(transformer).set_output(transform="pandas").fit(df)
    out = est.transform(df)
    assert isinstance(out, pd.DataFrame)
    names = list(est.get_feature_names_out())
    assert list(out.columns) == names
    if isinstance(transformer, RangeCut):
        assert names == [c for c in df.columns if 3950.0 <= float(c) <= 3975.0]
        assert len(names) == 11
    elif isinstance(transformer, Resample):
        assert names == ["3905.0", "3950.5", "3999.0"]
    else:
        assert names == list(df.columns)
    np.testing.assert_array_equal(est.feature_names_in_, df.columns)
    np.testing.assert_allclose(out.to_numpy(), clone(transformer).fit(df).transform(df))


def test_pipeline_of_derivative_and_snv_with_numpy_and_wavenumber_dataframe():
    X = _spectra(n_samples=8, n_features=60)
    df = _wavenumber_frame(X)
    pipe = Pipeline([("sg", SavGol(15, 2, deriv=1)), ("snv", SNV())])
    out_np = pipe.fit_transform(X)
    out_df = clone(pipe).fit_transform(df)
    assert out_np.shape == X.shape
    np.testing.assert_allclose(out_df, out_np)
    # the result is SNV of the scipy derivative, computed here independently
    from scipy.signal import savgol_filter

    d = savgol_filter(X, 15, 2, deriv=1, axis=1)
    expected = (d - d.mean(axis=1, keepdims=True)) / d.std(axis=1, keepdims=True)
    np.testing.assert_allclose(out_np, expected, rtol=1e-10, atol=1e-12)
    pandas_pipe = clone(pipe).set_output(transform="pandas")
    out_pd = pandas_pipe.fit_transform(df)
    assert isinstance(out_pd, pd.DataFrame)
    assert list(out_pd.columns) == list(df.columns)
    assert list(pandas_pipe.get_feature_names_out()) == list(df.columns)


def test_rangecut_in_a_pandas_pipeline_keeps_the_selected_names():
    df = _wavenumber_frame(_spectra(n_features=60))  # 4000.0, 3997.5, ... 3852.5
    pipe = Pipeline([("cut", RangeCut(start=3900, end=3950)), ("snv", SNV())])
    out = pipe.set_output(transform="pandas").fit_transform(df)
    expected = [c for c in df.columns if 3900 <= float(c) <= 3950]
    assert list(out.columns) == expected
    assert len(expected) == 21


def test_unfitted_transform_raises_not_fitted():
    from sklearn.exceptions import NotFittedError

    for transformer in TRANSFORMERS:
        with pytest.raises(NotFittedError):
            clone(transformer).transform(_spectra())


def test_importing_preprocessing_does_not_import_torch():
    code = "import skspectra.preprocessing, sys; assert 'torch' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
