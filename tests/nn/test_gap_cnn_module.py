"""GAPCNN: growth rule, block structure against a functional reference, lengths and errors."""

import pytest
import torch
import torch.nn.functional as F

from skspectra.nn import GAPCNN


def test_growth_rule_and_parameter_count():
    net = GAPCNN(n_outputs=3)  # the defaults of GAPCNNClassifier
    assert net.channels == (32, 64, 128, 256)
    assert (net.n_filters, net.n_blocks, net.dropout_rate) == (32, 4, 0.0)
    small = GAPCNN(n_outputs=3, n_filters=16, n_blocks=3)
    assert small.channels == (16, 32, 64)
    expected = (1 * 16 * 9 + 16 + 32) + (16 * 32 * 9 + 32 + 64) + (32 * 64 * 9 + 64 + 128)
    expected += 64 * 3 + 3
    assert sum(p.numel() for p in small.parameters()) == expected
    assert GAPCNN(2, n_filters=8, n_blocks=4).channels == (8, 16, 32, 64)


def test_first_layer_filters_are_reachable_by_name():
    net = GAPCNN(2, n_filters=16, kernel_size=11)
    assert net.feature_layers()["conv1"].conv.weight.shape == (16, 1, 11)


@pytest.mark.parametrize(
    ("length", "pool_size", "n_blocks", "positions"),
    [(448, 2, 3, 112), (101, 2, 3, 25), (4, 2, 3, 1), (101, 1, 3, 101), (100, 3, 2, 33)],
)
def test_feature_map_length(length, pool_size, n_blocks, positions):
    net = GAPCNN(2, n_filters=4, pool_size=pool_size, n_blocks=n_blocks).eval()
    assert net.forward_features(torch.randn(2, length)).shape[-1] == positions


def test_too_short_input_is_refused():
    net = GAPCNN(2).eval()
    assert net.min_length == 8  # 2 ** (4 blocks - 1)
    with pytest.raises(ValueError, match="at least 8 points, got 7"):
        net(torch.randn(2, 7))


def reference_forward(net, x):
    """The blocks written out with torch.nn.functional (eval mode: dropout is identity)."""
    z = x.unsqueeze(1)
    for i, block in enumerate(net.blocks):
        if i > 0:
            z = F.max_pool1d(z, net.pool_size)
        z = F.conv1d(z, block.conv.weight, block.conv.bias, padding="same")
        bn = block.bn
        z = F.relu(F.batch_norm(z, bn.running_mean, bn.running_var, bn.weight, bn.bias))
    return z


def test_matches_a_functional_reference():
    torch.manual_seed(0)
    net = GAPCNN(3, n_filters=4, kernel_size=5)
    for bn in (m for m in net.modules() if isinstance(m, torch.nn.BatchNorm1d)):
        bn.running_mean.uniform_(-0.5, 0.5)
        bn.running_var.uniform_(0.5, 1.5)
    net.eval()
    x = torch.randn(2, 90)
    torch.testing.assert_close(net.forward_features(x), reference_forward(net, x))


def test_features_are_aligned_with_input_positions():
    # A single spike at position p: with symmetric padding and no pooling, the first
    # layer's response is symmetric around p, so the feature maps are not shifted.
    torch.manual_seed(0)
    net = GAPCNN(2, n_filters=4, kernel_size=7, n_blocks=1).eval()
    conv = net.blocks[0].conv
    x = torch.zeros(1, 41)
    x[0, 20] = 1.0
    response = F.conv1d(x.unsqueeze(1), conv.weight, None, padding=3)[0]
    # the response at 20 + j is the filter tap at 3 - j (cross-correlation)
    torch.testing.assert_close(response[:, 17:24], conv.weight[:, 0].flip(-1))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_filters": 0}, ValueError, "n_filters must be >= 1"),
        ({"n_blocks": 0}, ValueError, "n_blocks must be >= 1"),
        ({"pool_size": 0}, ValueError, "pool_size must be >= 1"),
        ({"kernel_size": 10}, ValueError, "kernel_size must be odd"),
        ({"dropout": 1.5}, ValueError, r"dropout must be in \[0, 1\)"),
        ({"n_filters": "16"}, TypeError, "n_filters must be an integer"),
    ],
)
def test_bad_constructor_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        GAPCNN(2, **kwargs)
