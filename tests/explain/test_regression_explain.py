"""Explanations of regressors: deep regressors (target units) and any sklearn regressor."""

import numpy as np
import pytest
from sklearn.cross_decomposition import PLSRegression
from sklearn.pipeline import make_pipeline

from skspectra.datasets import make_spectra
from skspectra.explain import explain, lime, occlusion, output_indices
from skspectra.preprocessing import SavGol

FAST = {"smoothgrad": {"n_samples": 3, "random_state": 0}, "integrated_gradients": {"n_steps": 8},
        "lime": {"n_segments": 8, "n_perturbations": 40, "random_state": 0},
        "occlusion": {"window": 5, "stride": 2}}
REGRESSION_METHODS = ["grad_cam_1d", "cam", "grad_cam", "saliency", "smoothgrad",
                      "integrated_gradients", "occlusion", "lime"]


@pytest.fixture(scope="module")
def data():
    X, _, _ = make_spectra(n_samples=60, n_features=64, n_classes=2, random_state=0)
    rng = np.random.default_rng(1)
    height = rng.uniform(0, 2, len(X))
    X = X + height[:, None] * np.exp(-0.5 * ((np.arange(64) - 30) / 3.0) ** 2)
    return X, 10 * height + 5


# -- any regressor (numpy only) ---------------------------------------------------------
def test_occlusion_of_a_linear_model_is_coef_times_value(data):
    # PLS predicts (x - mean) @ coef + b: zeroing point i lowers the prediction by coef_i x_i
    X, y = data
    pls = PLSRegression(n_components=3).fit(X, y)
    expected = X[:4] * pls.coef_[0]
    np.testing.assert_allclose(occlusion(pls.predict, X[:4], window=1), expected, atol=1e-10)
    np.testing.assert_allclose(occlusion(pls, X[:4], window=1), expected, atol=1e-10)
    np.testing.assert_allclose(explain(pls, X[:4], method="occlusion", window=1), expected,
                               atol=1e-10)


def test_lime_on_a_linear_model_follows_the_segment_contributions(data):
    X, y = data
    pls = PLSRegression(n_components=3).fit(X, y)
    maps = lime(pls, X[:2], n_segments=4, n_perturbations=300, baseline="zero", alpha=1e-6,
                random_state=0)
    # a linear model is exactly linear in the on/off pattern: the slopes are the segments'
    # contributions sum_{i in segment} coef_i x_i
    contributions = X[:2] * pls.coef_[0]
    for segment in np.array_split(np.arange(64), 4):
        np.testing.assert_allclose(maps[:, segment[0]], contributions[:, segment].sum(axis=1),
                                   rtol=1e-6, atol=1e-8)
    np.testing.assert_array_equal(explain(pls, X[:2], method="lime", n_segments=4,
                                          n_perturbations=300, baseline="zero", alpha=1e-6,
                                          random_state=0), maps)


def test_pipeline_of_savgol_and_pls(data):
    X, y = data
    pipe = make_pipeline(SavGol(7, 2, deriv=1), PLSRegression(n_components=3)).fit(X, y)
    maps = explain(pipe, X[:3], method="occlusion", window=3)
    assert maps.shape == (3, 64) and np.abs(maps).max() > 0
    with pytest.raises(ValueError, match="supported methods: \\['lime', 'occlusion'\\]"):
        explain(pipe, X[:3], method="saliency")
    with pytest.raises(TypeError, match="has no explain"):
        explain(PLSRegression(3).fit(X, y), X[:3])  # no model-agnostic method named


def test_multi_output_regressor_needs_a_target_index(data):
    X, y = data
    pls = PLSRegression(n_components=3).fit(X, np.column_stack([y, -y]))
    with pytest.raises(ValueError, match="2 outputs: pass target"):
        explain(pls, X[:2], method="occlusion")
    first = explain(pls, X[:2], method="occlusion", target=0, window=1)
    second = explain(pls, X[:2], method="occlusion", target=1, window=1)
    np.testing.assert_allclose(second, -first, atol=1e-10)
    with pytest.raises(ValueError, match="output index in \\[0, 1\\]"):
        explain(pls, X[:2], method="occlusion", target=2)


def test_output_indices_and_scores_function_errors():
    np.testing.assert_array_equal(output_indices(3, [0, 2], 2), [0, 2])
    with pytest.raises(TypeError, match="output index"):
        output_indices(2, 0.5, 3)
    with pytest.raises(TypeError, match="output index"):
        output_indices(2, "fat", 3)
    with pytest.raises(ValueError, match="one index per sample"):
        output_indices(2, [0, 1], 3)
    with pytest.raises(TypeError, match="predict_proba or predict"):
        occlusion(object(), np.zeros((2, 5)))


# -- deep regressors ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def gapcnn(data):
    pytest.importorskip("torch")
    from skspectra.models import GAPCNNRegressor

    X, y = data
    return GAPCNNRegressor(n_filters=4, n_blocks=2, max_epochs=5, random_state=0,
                           device="cpu").fit(X, y)


@pytest.mark.parametrize("method", REGRESSION_METHODS)
def test_every_method_gives_one_value_per_point(gapcnn, data, method):
    X, _ = data
    maps = gapcnn.explain(X[:3], method=method, **FAST.get(method, {}))
    assert maps.shape == (3, 64) and np.all(np.isfinite(maps))
    assert np.abs(maps).max() > 0


def test_default_method_and_classifier_only_options(gapcnn, data):
    X, _ = data
    np.testing.assert_array_equal(gapcnn.explain(X[:2]),
                                  gapcnn.explain(X[:2], method="integrated_gradients"))
    with pytest.raises(ValueError, match="output='proba' is for classifiers"):
        gapcnn.explain(X[:2], method="saliency", output="proba")
    with pytest.raises(ValueError, match="output index in \\[0, 0\\]"):
        gapcnn.explain(X[:2], target=1)


def test_saliency_is_the_gradient_of_the_prediction_in_target_units(gapcnn, data):
    # central finite differences of predict (in the units of y) against the signed saliency
    X, _ = data
    x = X[:1].astype(np.float64)
    grads = gapcnn.explain(x, method="saliency", absolute=False)[0]
    h = 1e-2
    steps = np.eye(64) * h
    numeric = (gapcnn.predict(x + steps) - gapcnn.predict(x - steps)) / (2 * h)
    top = np.argsort(np.abs(grads))[-10:]  # where the gradient is well above float32 noise
    np.testing.assert_allclose(grads[top], numeric[top], rtol=0.05)


def test_integrated_gradients_complete_in_target_units(gapcnn, data):
    X, _ = data
    baseline = X.mean(axis=0)
    maps = gapcnn.explain(X[:3], method="integrated_gradients", baseline=baseline, n_steps=64)
    expected = gapcnn.predict(X[:3]) - gapcnn.predict(baseline[None, :])
    np.testing.assert_allclose(maps.sum(axis=1), expected, rtol=0.02, atol=0.02)


def test_occlusion_on_the_network_equals_occlusion_on_predict(gapcnn, data):
    X, _ = data
    np.testing.assert_allclose(gapcnn.explain(X[:2], method="occlusion", window=5),
                               occlusion(gapcnn.predict, X[:2], window=5), atol=1e-4)


def test_cam_and_1d_grad_cam_agree_on_a_gap_head(gapcnn, data):
    # with a GAP-linear head dy/dA_k(t) = w_k / T at the last layer: 1D Grad-CAM = CAM / T
    X, _ = data
    import torch

    n_positions = gapcnn.module_.forward_features(
        torch.as_tensor(X[:1], dtype=torch.float32)).shape[-1]
    np.testing.assert_allclose(gapcnn.explain(X[:3], method="grad_cam_1d") * n_positions,
                               gapcnn.explain(X[:3], method="cam"), rtol=1e-4, atol=1e-6)


def test_multi_output_deep_regressor_explains_the_chosen_output(data):
    pytest.importorskip("torch")
    from skspectra.models import GAPCNNRegressor

    X, y = data
    reg = GAPCNNRegressor(n_filters=4, n_blocks=2, max_epochs=3, random_state=0,
                          device="cpu").fit(X, np.column_stack([y, 100 - 2 * y]))
    with pytest.raises(ValueError, match="2 outputs: pass target"):
        reg.explain(X[:2])
    per_sample = reg.explain(X[:2], method="saliency", target=[0, 1])
    np.testing.assert_allclose(per_sample[1], reg.explain(X[1:2], method="saliency",
                                                          target=1)[0], rtol=1e-4)
    maps = reg.explain(X[:2], method="occlusion", target=1, window=3)
    np.testing.assert_allclose(maps, occlusion(lambda Z: reg.predict(Z)[:, 1], X[:2], window=3),
                               atol=1e-4)


def test_deep_regressor_in_a_pipeline(gapcnn, data):
    pytest.importorskip("torch")
    from sklearn.base import clone

    X, y = data
    pipe = make_pipeline(SavGol(7, 2), clone(gapcnn)).fit(X, y)
    np.testing.assert_allclose(explain(pipe, X[:2], method="saliency"),
                               pipe[-1].explain(pipe[0].transform(X[:2]), method="saliency"))
    maps = explain(pipe, X[:2], method="occlusion", window=5)
    np.testing.assert_allclose(maps, occlusion(pipe.predict, X[:2], window=5), atol=1e-4)
