"""The SpectralNet interface, checked the same way on PACE, ResNet1D and GAPCNN."""

import copy
import io
import subprocess
import sys

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from skspectra.nn import GAPCNN, PACE, ResNet1D, SpectralNet

# Tiny configurations: the interface does not depend on the width of the networks.
FACTORIES = {
    "pace": lambda n_outputs=3: PACE(n_outputs, pool_dim=32, patch_size=4, dim=8, depth=2),
    "resnet": lambda n_outputs=3: ResNet1D(
        n_outputs, stem_channels=4, hidden_channels=6, n_stages=3, blocks_per_stage=1
    ),
    "gapcnn": lambda n_outputs=3: GAPCNN(n_outputs, n_filters=4, n_blocks=3),
}
LAYER_NAMES = {
    "pace": ["embed", "block1", "block2"],
    "resnet": ["stem", "stage1", "stage2", "stage3"],
    "gapcnn": ["conv1", "conv2", "conv3"],
}
LAST_CHANNELS = {"pace": 8, "resnet": 6, "gapcnn": 16}


def build(name, n_outputs=3, seed=0):
    torch.manual_seed(seed)
    return FACTORIES[name](n_outputs)


def randomise_batchnorm(net):
    """Give every BatchNorm non-trivial running statistics and affine parameters."""
    gen = torch.Generator().manual_seed(123)
    for module in net.modules():
        if isinstance(module, nn.BatchNorm1d):
            n = module.num_features
            module.running_mean.copy_(torch.randn(n, generator=gen) * 0.3)
            module.running_var.copy_(torch.rand(n, generator=gen) + 0.5)
            module.weight.data.copy_(torch.rand(n, generator=gen) + 0.5)
            module.bias.data.copy_(torch.randn(n, generator=gen) * 0.2)
    return net


def capture_outputs(net, x):
    """Run ``net(x)`` with hooks on every feature layer; return (outputs, order, logits)."""
    outputs, order = {}, []
    handles = []
    for key, layer in net.feature_layers().items():

        def hook(_module, _inputs, output, key=key):
            outputs[key] = output
            order.append(key)

        handles.append(layer.register_forward_hook(hook))
    try:
        logits = net(x)
    finally:
        for handle in handles:
            handle.remove()
    return outputs, order, logits


NAMES = list(FACTORIES)


@pytest.mark.parametrize("name", NAMES)
def test_is_spectral_net_with_n_outputs(name):
    net = build(name, n_outputs=5)
    assert isinstance(net, SpectralNet)
    assert net.n_outputs == 5
    assert net.in_channels == 1


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("length", [37, 64, 101, 250])
def test_output_shape_for_several_lengths(name, length):
    net = build(name).eval()
    x = torch.randn(4, length)
    out2d = net(x)
    out3d = net(x.unsqueeze(1))
    assert out2d.shape == (4, 3)
    assert torch.isfinite(out2d).all()
    # (B, L) is the same input as (B, 1, L)
    torch.testing.assert_close(out2d, out3d, rtol=0, atol=0)


@pytest.mark.parametrize("name", NAMES)
def test_regression_single_output(name):
    net = build(name, n_outputs=1).eval()
    assert net(torch.randn(3, 80)).shape == (3, 1)


@pytest.mark.parametrize("name", NAMES)
def test_feature_layers_names_order_and_last_output(name):
    net = randomise_batchnorm(build(name)).eval()
    layers = net.feature_layers()
    assert list(layers) == LAYER_NAMES[name]
    assert all(isinstance(layer, nn.Module) for layer in layers.values())
    # the layers are sub-modules of the net (so hooks and .to(device) reach them)
    submodules = {id(m) for m in net.modules()}
    assert all(id(layer) in submodules for layer in layers.values())

    x = torch.randn(3, 1, 90)
    outputs, order, _ = capture_outputs(net, x)
    assert order == LAYER_NAMES[name]  # each layer runs once, input side first
    feats = net.forward_features(x)
    assert feats.ndim == 3 and feats.shape[:2] == (3, LAST_CHANNELS[name])
    torch.testing.assert_close(outputs[LAYER_NAMES[name][-1]], feats, rtol=0, atol=0)
    for key in LAYER_NAMES[name]:
        assert outputs[key].ndim == 3 and outputs[key].shape[0] == 3


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("mode", ["eval", "train"])
def test_gap_identity_logits_equal_weighted_mean_of_feature_maps(name, mode):
    net = randomise_batchnorm(build(name))
    net.train(mode == "train")
    x = torch.randn(6, 1, 75)
    # in one forward pass (dropout draws shared), capture the CAM layer and the logits
    outputs, _, logits = capture_outputs(net, x)
    feats = outputs[LAYER_NAMES[name][-1]]
    weight = net.head_weight
    assert weight is not None and weight.shape == (3, LAST_CHANNELS[name])
    bias = [p for n, p in net.named_parameters() if n.startswith("head.") and p.ndim == 1]
    assert len(bias) == 1
    expected = torch.einsum("ct,kc->kt", feats.mean(dim=-1).T, weight).T + bias[0]
    torch.testing.assert_close(logits, expected, rtol=1e-5, atol=1e-5)
    # CAM form: the mean over positions of sum_k w_k^c A_k(t), plus the bias
    cam = torch.einsum("kc,bct->bkt", weight, feats)
    torch.testing.assert_close(logits, cam.mean(dim=-1) + bias[0], rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", NAMES)
def test_head_weight_is_a_trained_parameter(name):
    net = build(name)
    assert any(net.head_weight is p for p in net.parameters())


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape", [(3, 60), (3, 1, 60)])
def test_gradients_reach_the_input(name, shape):
    net = build(name).eval()
    x = torch.randn(*shape, requires_grad=True)
    net(x)[:, 1].sum().backward()
    assert x.grad is not None and x.grad.shape == x.shape
    assert torch.isfinite(x.grad).all()
    assert (x.grad.abs().sum(dim=-1) > 0).all()  # every spectrum gets a gradient


@pytest.mark.parametrize("name", NAMES)
def test_gradients_reach_float64_input_through_the_cast(name):
    net = build(name).eval()
    x = torch.randn(2, 60, dtype=torch.float64, requires_grad=True)
    out = net(x)
    assert out.dtype == torch.float32
    out.sum().backward()
    assert x.grad is not None and x.grad.abs().sum() > 0


@pytest.mark.parametrize("name", NAMES)
def test_eval_mode_is_deterministic(name):
    net = build(name).eval()
    x = torch.randn(4, 70)
    torch.testing.assert_close(net(x), net(x), rtol=0, atol=0)


@pytest.mark.parametrize("name", NAMES)
def test_initialisation_is_deterministic_given_the_seed(name):
    a, b, c = build(name, seed=7), build(name, seed=7), build(name, seed=8)
    sa, sb, sc = a.state_dict(), b.state_dict(), c.state_dict()
    assert sa.keys() == sb.keys()
    assert all(torch.equal(sa[k], sb[k]) for k in sa)
    assert not all(torch.equal(sa[k], sc[k]) for k in sa)


@pytest.mark.parametrize("name", NAMES)
def test_pickle_and_deepcopy_round_trip(name):
    net = randomise_batchnorm(build(name)).eval()
    x = torch.randn(2, 64)
    buffer = io.BytesIO()
    torch.save(net, buffer)
    buffer.seek(0)
    loaded = torch.load(buffer, weights_only=False).eval()
    torch.testing.assert_close(loaded(x), net(x), rtol=0, atol=0)
    torch.testing.assert_close(copy.deepcopy(net)(x), net(x), rtol=0, atol=0)


@pytest.mark.parametrize("name", NAMES)
def test_bad_input_gets_a_clear_error(name):
    net = build(name).eval()
    with pytest.raises(TypeError, match=r"torch\.Tensor"):
        net(np.zeros((2, 50), dtype=np.float32))
    with pytest.raises(ValueError, match="shape"):
        net(torch.zeros(2, 1, 1, 50))
    with pytest.raises(ValueError, match="shape"):
        net(torch.zeros(50))
    with pytest.raises(ValueError, match="in_channels=1"):
        net(torch.zeros(2, 3, 50))


@pytest.mark.parametrize("name", NAMES)
def test_bad_common_constructor_arguments(name):
    cls = type(build(name))
    with pytest.raises(ValueError, match="n_outputs"):
        cls(0)
    with pytest.raises(TypeError, match="n_outputs"):
        cls(2.5)
    with pytest.raises(TypeError, match="n_outputs"):
        cls(True)
    with pytest.raises(ValueError, match="kernel_size must be odd"):
        cls(2, kernel_size=4)
    assert cls(np.int64(2)).n_outputs == 2  # grid values are often numpy integers


@pytest.mark.parametrize("name", NAMES)
def test_multichannel_input(name):
    torch.manual_seed(0)
    cls = type(build(name))
    net = cls(2, in_channels=3).eval()
    assert net(torch.randn(2, 3, 64)).shape == (2, 2)
    with pytest.raises(ValueError, match="in_channels=3"):
        net(torch.randn(2, 64))


def toy_problem(n_per_class=8, length=64, seed=0):
    """Two classes: a Gaussian band at position 16 or at position 44, plus noise."""
    gen = torch.Generator().manual_seed(seed)
    t = torch.arange(length, dtype=torch.float32)
    bands = torch.stack([torch.exp(-0.5 * ((t - c) / 3.0) ** 2) for c in (16.0, 44.0)])
    y = torch.arange(2).repeat_interleave(n_per_class)
    x = bands[y] + 0.05 * torch.randn(len(y), length, generator=gen)
    return x, y


@pytest.mark.parametrize("name", NAMES)
def test_a_short_training_loop_reduces_the_loss(name):
    # Measured in training mode: after only 30 steps the BatchNorm running statistics
    # (momentum 0.1) still lag the fast-moving weights, so the eval-mode loss of the
    # narrowest net is not yet a fair measure of what was learned.
    x, y = toy_problem()
    net = build(name, n_outputs=2).train()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-2)
    losses = []
    for _ in range(30):
        optimizer.zero_grad()
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert np.mean(losses[-3:]) < 0.25 * np.mean(losses[:3]), losses
    with torch.no_grad():
        assert (net(x).argmax(dim=1) == y).all()


def test_importing_nn_does_not_import_sklearn_or_skorch():
    code = (
        "import sys, skspectra.nn; "
        "bad = [m for m in ('sklearn', 'skorch') if m in sys.modules]; "
        "assert not bad, bad"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
