"""Property tests: shapes and the invariances that define each transformer."""

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from skspectra.preprocessing import MSC, SNV, AsLS, Detrend, Normalize, RangeCut, SavGol

SETTINGS = settings(max_examples=30, deadline=None)

shapes = st.tuples(st.integers(1, 6), st.integers(8, 30))
values = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
positive = st.floats(0.01, 100.0)


@st.composite
def spectra(draw, min_rows=1):
    """Spectra whose rows vary enough for scale-free transforms to be well conditioned."""
    n_samples, n_features = draw(shapes)
    n_samples = max(n_samples, min_rows)
    X = draw(hnp.arrays(np.float64, (n_samples, n_features), elements=values))
    spread = X.max(axis=1) - X.min(axis=1)
    assume(np.all(spread > 1e-2 * np.maximum(1.0, np.abs(X).max(axis=1))))
    return X


@st.composite
def row_factors(draw, n_samples, elements):
    return np.array(draw(st.lists(elements, min_size=n_samples, max_size=n_samples)))[:, None]


def _close(a, b, scale):
    np.testing.assert_allclose(a, b, rtol=1e-7, atol=1e-7 * scale)


@SETTINGS
@given(X=spectra())
def test_one_to_one_transformers_keep_the_shape(X):
    for est in [
        SavGol(5, 2),
        SNV(),
        MSC(reference=np.linspace(0, 1, X.shape[1]) ** 2),
        Detrend(order=2),
        AsLS(lam=1e3),
        Normalize("area"),
    ]:
        out = est.fit_transform(X)
        assert out.shape == X.shape
        assert np.all(np.isfinite(out))


@SETTINGS
@given(X=spectra(), data=st.data())
def test_rangecut_output_width_is_the_window(X, data):
    start = data.draw(st.integers(0, X.shape[1] - 1))
    end = data.draw(st.integers(start, X.shape[1] - 1))
    assert RangeCut(start=start, end=end).fit_transform(X).shape == (X.shape[0], end - start + 1)


@SETTINGS
@given(X=spectra(), data=st.data())
def test_snv_ignores_a_positive_scale_and_an_offset_per_spectrum(X, data):
    scale = data.draw(row_factors(X.shape[0], positive))
    offset = data.draw(row_factors(X.shape[0], values))
    _close(SNV().fit_transform(scale * X + offset), SNV().fit_transform(X), 1.0)


@SETTINGS
@given(X=spectra(), data=st.data())
def test_msc_with_fixed_reference_ignores_multiplicative_scatter_and_offset(X, data):
    reference = np.sin(np.linspace(0, 3, X.shape[1])) + np.linspace(0, 1, X.shape[1])
    # spectra that follow the reference, plus their own shape (noise)
    base = 2.0 + 3.0 * reference + 1e-3 * X / np.abs(X).max()
    scale = data.draw(row_factors(X.shape[0], positive))
    offset = data.draw(row_factors(X.shape[0], values))
    msc = MSC(reference=reference).fit(base)
    _close(msc.transform(scale * base + offset), msc.transform(base), np.abs(reference).max())


@SETTINGS
@given(X=spectra(), data=st.data())
def test_normalize_invariances(X, data):
    scale = data.draw(row_factors(X.shape[0], positive))
    offset = data.draw(row_factors(X.shape[0], values))
    for norm in ["l2", "max", "area"]:
        _close(Normalize(norm).fit_transform(scale * X), Normalize(norm).fit_transform(X), 1.0)
    _close(
        Normalize("minmax").fit_transform(scale * X + offset),
        Normalize("minmax").fit_transform(X),
        1.0,
    )


@SETTINGS
@given(
    X=spectra(),
    a=st.floats(-10, 10),
    b=st.floats(-10, 10),
    params=st.sampled_from([(5, 2, 0), (7, 3, 1), (5, 4, 4), (3, 1, 1)]),
    seed=st.integers(0, 2**16),
)
def test_savgol_is_linear(X, a, b, params, seed):
    Y = np.random.default_rng(seed).normal(scale=100, size=X.shape)
    window, order, deriv = params
    f = SavGol(window, order, deriv=deriv).fit(X)
    scale = np.abs(X).max() * 10 + np.abs(Y).max() * 10
    _close(f.transform(a * X + b * Y), a * f.transform(X) + b * f.transform(Y), scale)


@SETTINGS
@given(X=spectra(), order=st.integers(0, 3), data=st.data())
def test_detrend_removes_an_added_polynomial_of_its_order(X, order, data):
    coefs = np.array(data.draw(st.lists(values, min_size=order + 1, max_size=order + 1)))
    t = np.linspace(0, 1, X.shape[1])
    trend = np.polyval(coefs, t)
    scale = np.abs(X).max() + np.abs(trend).max()
    detrend = Detrend(order=order)
    _close(detrend.fit_transform(X + trend), detrend.fit_transform(X), scale)
    # and what is left has no component of that order
    residual = detrend.fit_transform(X + trend)
    fitted = np.array([np.polyfit(t, r, order) for r in residual])
    np.testing.assert_allclose(fitted, 0.0, atol=1e-6 * scale)
