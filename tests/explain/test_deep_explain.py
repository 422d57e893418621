"""ExplainMixin on the deep estimators, feature maps and the model-randomisation check."""

import numpy as np
import pytest

pytest.importorskip("torch")

from skspectra.datasets import make_spectra
from skspectra.explain import (
    feature_maps,
    grad_cam,
    grad_cam_1d,
    model_randomisation_check,
    occlusion,
    randomised_copy,
)
from skspectra.explain._randomisation import _row_spearman
from skspectra.models import GAPCNNClassifier, PACEClassifier, ResNet1DClassifier

DEEP_METHODS = ["occlusion", "grad_cam", "grad_cam_1d", "grad_cam_occlusion", "saliency",
                "smoothgrad", "integrated_gradients", "lime"]
FAST = {"smoothgrad": {"n_samples": 3, "random_state": 0}, "integrated_gradients": {"n_steps": 8},
        "lime": {"n_segments": 8, "n_perturbations": 40, "random_state": 0},
        "occlusion": {"window": 5, "stride": 2}, "grad_cam_occlusion": {"window": 5, "stride": 2}}


@pytest.fixture(scope="module")
def data():
    X, y, mask = make_spectra(n_samples=40, n_features=64, n_classes=3, random_state=0)
    labels = np.array(["apple", "pear", "plum"])[y]
    return X, labels, mask


@pytest.fixture(scope="module")
def gapcnn(data):
    X, y, _ = data
    # Architecture pinned (not the package defaults): with these weights every method,
    # Grad-CAM's ReLU included, gives a map that is not all zero.
    return GAPCNNClassifier(n_filters=4, n_blocks=2, n_members=1, dropout=0.1, max_epochs=3,
                            random_state=0, device="cpu").fit(X, y)


@pytest.fixture(scope="module")
def resnet_flat(data):
    X, y, _ = data
    return ResNet1DClassifier(hidden_channels=4, n_stages=2, blocks_per_stage=1, stem_channels=4,
                              head="flatten", max_epochs=2, random_state=0,
                              device="cpu").fit(X, y)


def test_methods_and_defaults(gapcnn, resnet_flat, data):
    X = data[0][:5]
    # GAP-CNN's default (first) is grad_cam_occlusion, ResNet1D's occlusion
    assert list(gapcnn._explanation_methods()) == [
        "grad_cam_occlusion", "occlusion", "cam", *(m for m in DEEP_METHODS[1:]
                                                    if m != "grad_cam_occlusion")]
    assert list(resnet_flat._explanation_methods()) == DEEP_METHODS
    np.testing.assert_array_equal(gapcnn.explain(X),
                                  gapcnn.explain(X, method="grad_cam_occlusion"))
    np.testing.assert_array_equal(resnet_flat.explain(X),
                                  resnet_flat.explain(X, method="occlusion"))
    with pytest.raises(ValueError, match=r"supported methods: \['occlusion'.*'lime'\]"):
        resnet_flat.explain(X, method="cam")


def test_occlusion_windows_per_model(gapcnn, resnet_flat, data):
    from skspectra.explain import grad_cam_occlusion
    from skspectra.explain._deep_methods import deep_explanation_methods, network_proba

    X = data[0][:3]
    targets = np.searchsorted(gapcnn.classes_, gapcnn.predict(X))
    # GAP-CNN's default occludes 11 points (round S); its plain occlusion keeps 5
    np.testing.assert_allclose(gapcnn.explain(X), grad_cam_occlusion(gapcnn, X, targets, window=11))
    assert not np.allclose(gapcnn.explain(X), gapcnn.explain(X, window=5))
    np.testing.assert_allclose(gapcnn.explain(X, method="occlusion"), occlusion(
        network_proba(gapcnn), X, targets, window=5, baseline="interp"))
    # ResNet1D keeps 5 points; a caller's window overrides the model's
    targets = np.searchsorted(resnet_flat.classes_, resnet_flat.predict(X))
    np.testing.assert_allclose(resnet_flat.explain(X), occlusion(
        network_proba(resnet_flat), X, targets, window=5, baseline="interp"))
    np.testing.assert_allclose(resnet_flat.explain(X, window=(3, 7)), occlusion(
        network_proba(resnet_flat), X, targets, window=(3, 7), baseline="interp"))
    with pytest.raises(ValueError, match="do not occlude: \\['cam'\\]"):
        deep_explanation_methods(gapcnn, occlusion_windows={"cam": 3})


@pytest.mark.parametrize("method", ["cam", *DEEP_METHODS])
def test_every_method_runs_with_labels(gapcnn, data, method):
    X = data[0][:4]
    maps = gapcnn.explain(X, method=method, target="pear", **FAST.get(method, {}))
    assert maps.shape == X.shape and np.isfinite(maps).all() and np.abs(maps).max() > 0


@pytest.mark.parametrize("method", [grad_cam, grad_cam_1d])
def test_pace_grad_cam_reads_the_patch_embedding_unless_told(data, method):
    X, y, _ = data
    pace = PACEClassifier(patch_size=8, dim=16, depth=2, max_epochs=3, random_state=0,
                          device="cpu").fit(X, y)
    targets = np.searchsorted(pace.classes_, pace.predict(X[:4]))
    maps = pace.explain(X[:4], method=method.__name__)
    np.testing.assert_allclose(maps, method(pace.module_, X[:4], targets, layer="embed"))
    last = pace.explain(X[:4], method=method.__name__, layer=None)  # the caller's choice
    np.testing.assert_allclose(last, method(pace.module_, X[:4], targets))
    assert not np.allclose(maps, last)
    # an ensemble names its layers member<i>.embed: the stacked last layer is read instead
    pair = PACEClassifier(patch_size=8, dim=16, depth=2, n_members=2, max_epochs=3,
                          random_state=0, device="cpu").fit(X, y)
    targets = np.searchsorted(pair.classes_, pair.predict(X[:4]))
    np.testing.assert_allclose(pair.explain(X[:4], method=method.__name__),
                               method(pair.module_, X[:4], targets))


def test_target_semantics(gapcnn, data):
    X = data[0][:6]
    predicted = gapcnn.predict(X)
    index = np.searchsorted(gapcnn.classes_, predicted)
    np.testing.assert_allclose(gapcnn.explain(X, method="grad_cam"),
                               grad_cam(gapcnn.module_, X, index))
    per_sample = np.array(["plum", "apple", "pear", "plum", "apple", "pear"])
    np.testing.assert_allclose(
        gapcnn.explain(X, method="grad_cam_1d", target=per_sample),
        grad_cam_1d(gapcnn.module_, X, np.searchsorted(gapcnn.classes_, per_sample)))
    # the classes explain differently; an unknown label is refused
    assert not np.allclose(gapcnn.explain(X, target="apple"), gapcnn.explain(X, target="plum"))
    with pytest.raises(ValueError, match="not one of the classes"):
        gapcnn.explain(X, target="kiwi")


def test_occlusion_uses_predict_proba(gapcnn, data):
    X = data[0][:3]
    idx = np.searchsorted(gapcnn.classes_, gapcnn.predict(X))
    # the network's softmax on big chunks: predict_proba up to float32 rounding
    np.testing.assert_allclose(gapcnn.explain(X, method="occlusion", window=3),
                               occlusion(gapcnn.predict_proba, X, idx, window=3,
                                         baseline="interp"), atol=1e-6)
    # the deep models' default baseline is "interp"; an explicit one overrides it
    np.testing.assert_allclose(gapcnn.explain(X, method="occlusion", window=3, baseline="zero"),
                               occlusion(gapcnn.predict_proba, X, idx, window=3), atol=1e-6)


def test_wrong_input_is_refused(gapcnn, data):
    with pytest.raises(ValueError, match="features"):
        gapcnn.explain(data[0][:2, :50])


def test_feature_maps(gapcnn, data):
    X = data[0][:3]
    maps = feature_maps(gapcnn, X)
    assert list(maps) == ["conv1", "conv2"]
    assert maps["conv1"].shape == (3, 4, 64) and maps["conv2"].shape == (3, 8, 32)
    assert (maps["conv1"] >= 0).all()  # ReLU outputs
    # the last map is what the head pools: its channel means reproduce the logits
    module = gapcnn.module_
    weight = module.head_weight.detach().numpy()
    bias = module.net.head.linear.bias.detach().numpy()
    logits = maps["conv2"].mean(-1) @ weight.T + bias
    proba = np.exp(logits - logits.max(1, keepdims=True))
    np.testing.assert_allclose(proba / proba.sum(1, keepdims=True), gapcnn.predict_proba(X),
                               rtol=1e-5, atol=1e-6)
    only = feature_maps(gapcnn, X, layers="conv1")
    np.testing.assert_allclose(only["conv1"], maps["conv1"])
    with pytest.raises(ValueError, match="feature layers are"):
        feature_maps(gapcnn, X, layers=["conv9"])


def test_randomised_copy_changes_weights_only_in_the_copy(gapcnn, data):
    X = data[0][:5]
    before = gapcnn.predict_proba(X)
    copy = randomised_copy(gapcnn, random_state=0)
    assert not np.allclose(copy.predict_proba(X), before)
    np.testing.assert_array_equal(gapcnn.predict_proba(X), before)
    np.testing.assert_array_equal(randomised_copy(gapcnn, 0).predict_proba(X),
                                  copy.predict_proba(X))


def test_model_randomisation_check(gapcnn, data):
    X = data[0][:6]
    rho = model_randomisation_check(gapcnn, X, method="grad_cam_1d")
    assert rho.shape == (6,) and np.all(np.abs(rho) <= 1)
    assert np.nanmean(rho) < 0.9


def test_row_spearman_matches_scipy():
    from scipy.stats import spearmanr

    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(4, 20)), rng.normal(size=(4, 20))
    b[1] = a[1] ** 3  # monotone: rho = 1
    expected = [spearmanr(u, v).statistic for u, v in zip(a, b, strict=True)]
    np.testing.assert_allclose(_row_spearman(a, b), expected)
    assert np.isnan(_row_spearman(a[:1], np.ones((1, 20))))[0]
