"""The foundation issue's acceptance example, on the bundled Meat spectra."""

import numpy as np
import pytest
from sklearn.pipeline import Pipeline

from skspectra import SNV, SavGol
from skspectra.datasets import load_meat


def make_pipeline():
    return Pipeline([("sg", SavGol(15, 2, deriv=1)), ("snv", SNV())])


def test_savgol_snv_pipeline_on_meat_numpy():
    X = load_meat().data
    out = make_pipeline().fit_transform(X)
    assert out.shape == X.shape and out.dtype == np.float32
    np.testing.assert_allclose(out.mean(axis=1), 0, atol=1e-5)
    np.testing.assert_allclose(out.std(axis=1), 1, atol=1e-4)


def test_savgol_snv_pipeline_on_meat_dataframe_keeps_wavenumbers():
    pd = pytest.importorskip("pandas")
    X = load_meat().data
    wavenumbers = [f"{w:.2f}" for w in np.linspace(4000.0, 800.0, X.shape[1])]
    frame = pd.DataFrame(X, columns=wavenumbers)
    out = make_pipeline().set_output(transform="pandas").fit_transform(frame)
    assert list(out.columns) == wavenumbers
    np.testing.assert_allclose(out.to_numpy(), make_pipeline().fit_transform(X), rtol=1e-6)
    framed = load_meat(as_frame=True).data
    assert list(make_pipeline().set_output(transform="pandas").fit_transform(framed).columns) \
        == list(framed.columns)
