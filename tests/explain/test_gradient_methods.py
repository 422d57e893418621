"""CAM, Grad-CAM, 1D Grad-CAM, saliency, SmoothGrad, IG: identities and agreement with captum."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
captum_attr = pytest.importorskip("captum.attr")

from skspectra.explain import (  # noqa: E402
    cam,
    grad_cam,
    grad_cam_1d,
    integrated_gradients,
    occlusion,
    saliency,
    smoothgrad,
)
from skspectra.nn import GAPCNN, PACE, ResNet1D  # noqa: E402

N_FEATURES = 48


def _randomise_batchnorm(net):
    """Non-trivial running statistics, so eval-mode BatchNorm is not the identity."""
    gen = torch.Generator().manual_seed(1)
    for module in net.modules():
        if isinstance(module, torch.nn.BatchNorm1d):
            module.running_mean.copy_(torch.randn(module.num_features, generator=gen) * 0.1)
            module.running_var.copy_(torch.rand(module.num_features, generator=gen) + 0.5)
    return net


def _make(name):
    torch.manual_seed(0)
    if name == "gapcnn":
        net = GAPCNN(n_outputs=3, n_filters=4, n_blocks=2)
    elif name == "resnet_flatten":
        net = ResNet1D(3, stem_channels=4, hidden_channels=6, n_stages=2, blocks_per_stage=1,
                       head="flatten", input_length=N_FEATURES)
    else:
        net = PACE(3, pool_dim=32, patch_size=4, dim=8, depth=1)
    return _randomise_batchnorm(net).double().eval()


NETS = ["gapcnn", "resnet_flatten", "pace"]


@pytest.fixture(scope="module")
def X():
    rng = np.random.default_rng(0)
    return rng.normal(size=(6, N_FEATURES))


TARGETS = np.array([0, 1, 2, 0, 1, 2])


def _t(X):
    return torch.as_tensor(X, dtype=torch.float64)


@pytest.mark.parametrize("name", NETS)
def test_saliency_matches_captum(name, X):
    net = _make(name)
    ours = saliency(net, X, TARGETS)
    ref = captum_attr.Saliency(net).attribute(_t(X), target=TARGETS.tolist(), abs=True)
    np.testing.assert_allclose(ours, ref.numpy(), rtol=1e-10, atol=1e-12)
    signed = saliency(net, X, TARGETS, absolute=False)
    np.testing.assert_allclose(np.abs(signed), ours)
    assert (signed < 0).any()


@pytest.mark.parametrize("name", NETS)
@pytest.mark.parametrize("method", ["gausslegendre", "riemann_trapezoid"])
def test_integrated_gradients_matches_captum(name, method, X):
    net = _make(name)
    base = X.mean(axis=0)
    ours = integrated_gradients(net, X, TARGETS, baseline=base, n_steps=16, method=method,
                                batch_size=7)
    ref = captum_attr.IntegratedGradients(net).attribute(
        _t(X), baselines=_t(np.tile(base, (len(X), 1))), target=TARGETS.tolist(), n_steps=16,
        method=method)
    ref = ref.numpy()
    if method == "riemann_trapezoid":
        # captum's trapezoid weights are 1/n (halved at the ends), summing to (n-1)/n;
        # ours are the exact trapezoid rule, 1/(n-1), summing to 1 (completeness holds).
        ref = ref * 16 / 15
    # captum forms its path points with float32 step weights: agreement to ~1e-9 relative
    np.testing.assert_allclose(ours, ref, rtol=1e-7, atol=1e-10)


@pytest.mark.parametrize("name", NETS)
def test_integrated_gradients_completeness(name, X):
    net = _make(name)
    attributions = integrated_gradients(net, X, TARGETS, n_steps=200)
    with torch.no_grad():
        logits = net(_t(X)) - net(torch.zeros(len(X), N_FEATURES, dtype=torch.float64))
    expected = logits.numpy()[np.arange(len(X)), TARGETS]
    np.testing.assert_allclose(attributions.sum(axis=1), expected, rtol=1e-3, atol=2e-4)
    assert np.abs(expected).max() > 0.02


@pytest.mark.parametrize("name", NETS)
def test_grad_cam_matches_captum_layer_grad_cam(name, X):
    net = _make(name)
    layer_name = next(iter(net.feature_layers()))
    for layer in (None, layer_name):
        module = net.feature_layers()[layer or list(net.feature_layers())[-1]]
        ref = captum_attr.LayerGradCam(net, module).attribute(
            _t(X), target=TARGETS.tolist(), relu_attributions=True)
        ref = captum_attr.LayerAttribution.interpolate(ref, (N_FEATURES,), "linear")[:, 0]
        ours = grad_cam(net, X, TARGETS, layer=layer, batch_size=4)
        np.testing.assert_allclose(ours, ref.detach().numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("window", [1, 5])
def test_occlusion_matches_captum(window, X):
    net = _make("gapcnn")

    def proba(x):
        return torch.softmax(net(x), dim=1)

    def proba_np(x):
        with torch.no_grad():
            return proba(_t(x)).numpy()

    ours = occlusion(proba_np, X, TARGETS, window=window, baseline="zero")
    ref = captum_attr.Occlusion(proba).attribute(
        _t(X), sliding_window_shapes=(window,), strides=1, baselines=0,
        target=TARGETS.tolist(), perturbations_per_eval=64).numpy()
    # captum averages, at each feature, the drop of every window covering it; ours gives
    # each feature the drop of the window centred on it. Same drops, re-indexed:
    half = window // 2
    starts = np.arange(N_FEATURES - window + 1)
    expected = np.stack([
        ours[:, starts[(starts <= i) & (starts > i - window)] + half].mean(axis=1)
        for i in range(N_FEATURES)
    ], axis=1)
    # captum accumulates occlusion maps in float32
    np.testing.assert_allclose(expected, ref, rtol=1e-6, atol=1e-9)


def test_cam_equals_grad_cam_without_relu_times_positions(X):
    """GAP-linear head: dy_c/dA_k(t) = w_k^c / T, so Grad-CAM (no ReLU) = CAM / T."""
    net = _make("gapcnn")
    n_positions = net.forward_features(_t(X)).shape[-1]
    maps = cam(net, X, TARGETS)
    np.testing.assert_allclose(maps, n_positions * grad_cam(net, X, TARGETS, relu=False),
                               rtol=1e-10, atol=1e-12)
    # ... and, with no averaging to undo, the same for 1D Grad-CAM
    np.testing.assert_allclose(maps, n_positions * grad_cam_1d(net, X, TARGETS), atol=1e-12)
    # the CAM splits the logit (less its bias) over positions
    with torch.no_grad():
        feats = net.forward_features(_t(X))
        logits = net(_t(X)) - net.head.linear.bias
        raw = torch.einsum("bkt,bk->bt", feats, net.head_weight[torch.as_tensor(TARGETS)])
    np.testing.assert_allclose(raw.mean(-1).numpy(), logits.numpy()[np.arange(6), TARGETS])


def test_grad_cam_1d_matches_unbatched_manual_computation(X):
    net = _make("resnet_flatten")
    layer = net.feature_layers()["stem"]
    expected = []
    for x, c in zip(X, TARGETS, strict=True):
        store = {}
        handle = layer.register_forward_hook(lambda m, i, o, store=store: store.update(a=o))
        y = net(_t(x[None]))[0, c]
        handle.remove()
        (g,) = torch.autograd.grad(y, store["a"])
        expected.append((g * store["a"]).sum(1)[0].detach().numpy())  # stem keeps the length
    ours = grad_cam_1d(net, X, TARGETS, layer="stem", batch_size=4)
    np.testing.assert_allclose(ours, np.array(expected), rtol=1e-10, atol=1e-12)
    assert (ours < 0).any() and (ours > 0).any()  # signed, no ReLU


def test_targets_default_to_prediction_and_proba_output(X):
    net = _make("gapcnn")
    with torch.no_grad():
        predicted = net(_t(X)).argmax(1).numpy()
    np.testing.assert_array_equal(grad_cam_1d(net, X), grad_cam_1d(net, X, predicted))
    by_proba = saliency(net, X, TARGETS, output="proba", absolute=False)
    x = _t(X).requires_grad_(True)
    p = torch.softmax(net(x), 1)[np.arange(6), TARGETS].sum()
    np.testing.assert_allclose(by_proba, torch.autograd.grad(p, x)[0].numpy(), atol=1e-12)


def test_smoothgrad(X):
    net = _make("pace")
    np.testing.assert_allclose(smoothgrad(net, X, TARGETS, n_samples=3, noise_level=0.0),
                               saliency(net, X, TARGETS))
    a = smoothgrad(net, X, TARGETS, n_samples=5, random_state=0, batch_size=4)
    np.testing.assert_array_equal(a, smoothgrad(net, X, TARGETS, n_samples=5, random_state=0))
    # independent reference: the same noise drawn by hand, one sample at a time
    rng = np.random.RandomState(0)
    noise = rng.standard_normal((len(X) * 5, N_FEATURES)).reshape(len(X), 5, N_FEATURES)
    sigma = 0.1 * (X.max(1) - X.min(1))
    expected = np.stack([
        saliency(net, X[i] + noise[i] * sigma[i], np.full(5, TARGETS[i])).mean(0)
        for i in range(len(X))
    ])
    np.testing.assert_allclose(a, expected, rtol=1e-10)
    assert not np.allclose(a, saliency(net, X, TARGETS))


def test_clear_errors(X):
    gap, flat = _make("gapcnn"), _make("resnet_flatten")
    with pytest.raises(ValueError, match="global-average-pooling"):
        cam(flat, X)
    with pytest.raises(ValueError, match=r"feature layers are \['conv1', 'conv2'\]"):
        grad_cam(gap, X, layer="nope")
    with pytest.raises(TypeError, match="torch network"):
        saliency(object(), X)
    with pytest.raises(ValueError, match="2-D"):
        saliency(gap, X[0])
    with pytest.raises(ValueError, match="target_indices"):
        grad_cam(gap, X, 7)
    with pytest.raises(ValueError, match="output must be"):
        saliency(gap, X, output="prob")
    with pytest.raises(ValueError, match="method must be"):
        integrated_gradients(gap, X, method="simpson")
