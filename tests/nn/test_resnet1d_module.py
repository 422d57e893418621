"""ResNet1D: block structure against a functional reference, lengths, heads and errors."""

import math

import pytest
import torch
import torch.nn.functional as F

from skspectra.nn import ResNet1D


def n_params(net):
    return sum(p.numel() for p in net.parameters())


def test_default_architecture_parameter_count():
    # Ho et al.: stem 64 channels, six stages of two blocks with 100 channels, kernel 5,
    # convolutions without bias (each followed by BatchNorm), 1x1 shortcuts on shape change.
    conv_bn = lambda c_in, c_out, k: c_in * c_out * k + 2 * c_out  # noqa: E731
    stem = conv_bn(1, 64, 5)
    plain_block = 2 * conv_bn(100, 100, 5)
    first_block = conv_bn(64, 100, 5) + conv_bn(100, 100, 5) + conv_bn(64, 100, 1)
    strided_block = plain_block + conv_bn(100, 100, 1)
    body = first_block + plain_block + 5 * (strided_block + plain_block)
    expected = stem + body + 100 * 30 + 30
    assert n_params(ResNet1D(n_outputs=30)) == expected


def test_strides_are_one_then_two():
    net = ResNet1D(2)
    strides = [m.stride[0] for m in net.stages.modules() if isinstance(m, torch.nn.Conv1d)]
    assert strides.count(2) == 2 * 5  # first conv and shortcut of stages 2..6
    assert net.stages[0][0].conv1[0].stride == (1,)
    assert all(stage[0].conv1[0].stride == (2,) for stage in net.stages[1:])


@pytest.mark.parametrize("length", [1, 31, 64, 100, 1000, 1001])
def test_feature_length_halves_per_stage_rounding_up(length):
    torch.manual_seed(0)
    net = ResNet1D(3, stem_channels=4, hidden_channels=5, n_stages=4).eval()
    feats = net.forward_features(torch.randn(2, length))
    assert feats.shape == (2, 5, math.ceil(length / 2**3))
    assert ResNet1D(3, n_stages=4, input_length=length).feature_length == feats.shape[-1]


def reference_forward(net, x):
    """Stem and residual blocks written out with torch.nn.functional (eval mode)."""

    def conv_bn(z, seq, relu):
        conv, bn = seq[0], seq[1]
        z = F.conv1d(z, conv.weight, None, stride=conv.stride, padding=conv.weight.shape[-1] // 2)
        z = F.batch_norm(z, bn.running_mean, bn.running_var, bn.weight, bn.bias, False, 0.0)
        return F.relu(z) if relu else z

    z = conv_bn(x.unsqueeze(1), net.stem, relu=True)
    for stage in net.stages:
        for block in stage:
            shortcut = z
            if isinstance(block.shortcut, torch.nn.Sequential):
                shortcut = conv_bn(z, block.shortcut, relu=False)
            y = conv_bn(conv_bn(z, block.conv1, relu=True), block.conv2, relu=False)
            z = F.relu(y + shortcut)
    return z


def test_matches_a_functional_reference():
    torch.manual_seed(0)
    net = ResNet1D(3, stem_channels=4, hidden_channels=6, n_stages=3, blocks_per_stage=2)
    for bn in (m for m in net.modules() if isinstance(m, torch.nn.BatchNorm1d)):
        bn.running_mean.uniform_(-0.5, 0.5)
        bn.running_var.uniform_(0.5, 1.5)
        bn.weight.data.uniform_(0.5, 1.5)
        bn.bias.data.uniform_(-0.3, 0.3)
    net.eval()
    x = torch.randn(2, 77)
    torch.testing.assert_close(net.forward_features(x), reference_forward(net, x))


def test_flatten_head():
    torch.manual_seed(0)
    net = ResNet1D(
        4, stem_channels=4, hidden_channels=6, n_stages=3, head="flatten", input_length=101
    ).eval()
    assert net.head_weight is None
    assert net.feature_length == 26  # 101 -> 51 -> 26
    x = torch.randn(2, 101)
    feats = net.forward_features(x)
    expected = feats.flatten(1) @ net.head.linear.weight.T + net.head.linear.bias
    torch.testing.assert_close(net(x), expected)
    assert net.head.linear.in_features == 6 * 26
    with pytest.raises(ValueError, match=r"input_length=101.*length 100"):
        net(torch.randn(2, 100))
    with pytest.raises(ValueError, match="flatten head expects feature maps"):
        net.forward_head(torch.randn(2, 6, 25))


def test_input_length_is_checked_with_the_gap_head_too():
    net = ResNet1D(2, n_stages=2, input_length=50).eval()
    assert net.head_weight is not None
    assert net(torch.randn(1, 50)).shape == (1, 2)
    with pytest.raises(ValueError, match="input_length=50"):
        net(torch.randn(1, 60))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"head": "flatten"}, ValueError, "head='flatten' needs input_length"),
        ({"head": "max"}, ValueError, "head must be one of"),
        ({"n_stages": 0}, ValueError, "n_stages must be >= 1"),
        ({"blocks_per_stage": 0}, ValueError, "blocks_per_stage must be >= 1"),
        ({"hidden_channels": 0}, ValueError, "hidden_channels must be >= 1"),
        ({"stem_channels": -1}, ValueError, "stem_channels must be >= 1"),
        ({"kernel_size": 6}, ValueError, "kernel_size must be odd"),
        ({"input_length": 0}, ValueError, "input_length must be >= 1"),
        ({"input_length": 10.0}, TypeError, "input_length must be an integer"),
    ],
)
def test_bad_constructor_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        ResNet1D(2, **kwargs)
