"""PACE: architecture against an independent functional reference, sizes and errors."""

import pytest
import torch
import torch.nn.functional as F

from skspectra.nn import PACE


def n_params(net):
    return sum(p.numel() for p in net.parameters())


def expected_pace_params(dim, n_outputs, patch_size=16, depth=4, kernel_size=9):
    embed = patch_size * dim + dim + 2 * dim  # conv weight + bias, BN affine
    depthwise = kernel_size * dim + dim + 2 * dim
    pointwise = dim * dim + dim + 2 * dim
    return embed + depth * (depthwise + pointwise) + dim * n_outputs + n_outputs


def test_parameter_count_at_dim_1024_is_about_4_3_million():
    net = PACE(n_outputs=3, dim=1024)
    assert n_params(net) == expected_pace_params(1024, 3) == 4_278_275
    assert 4.2e6 < n_params(net) < 4.4e6


def test_default_dim_is_the_small_one():
    net = PACE(n_outputs=3)
    assert net.dim == 256
    assert n_params(net) == expected_pace_params(256, 3)


def reference_forward(net, x):
    """PACE written out with torch.nn.functional, reading the module's weights (eval)."""

    def bn(z, m):
        return F.batch_norm(z, m.running_mean, m.running_var, m.weight, m.bias, False, 0.0, m.eps)

    conv, norm = net.embed[0], net.embed[1]
    z = F.adaptive_avg_pool1d(x.unsqueeze(1), net.pool_dim)
    z = F.gelu(bn(F.conv1d(z, conv.weight, conv.bias, stride=conv.stride), norm))
    for block in net.blocks:
        dw, dw_bn = block.depthwise[0], block.depthwise[1]
        pw, pw_bn = block.pointwise[0], block.pointwise[1]
        y = F.conv1d(z, dw.weight, dw.bias, padding="same", groups=net.dim)
        y = F.gelu(bn(y, dw_bn))
        y = bn(F.conv1d(y, pw.weight, pw.bias), pw_bn)
        z = F.gelu(y + z)
    return z, z.mean(-1) @ net.head.linear.weight.T + net.head.linear.bias


@pytest.mark.parametrize("overlapped", [False, True])
@pytest.mark.parametrize("length", [100, 333])
def test_matches_a_functional_reference(overlapped, length):
    torch.manual_seed(0)
    net = PACE(4, pool_dim=64, patch_size=8, dim=12, depth=3, kernel_size=5, overlapped=overlapped)
    for bn in (m for m in net.modules() if isinstance(m, torch.nn.BatchNorm1d)):
        bn.running_mean.uniform_(-0.5, 0.5)
        bn.running_var.uniform_(0.5, 1.5)
    net.eval()
    x = torch.randn(3, length)
    feats, logits = reference_forward(net, x)
    torch.testing.assert_close(net.forward_features(x), feats, rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(net(x), logits, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(
    ("pool_dim", "patch_size", "overlapped", "tokens"),
    [(256, 16, False, 16), (256, 16, True, 31), (100, 16, False, 6), (16, 16, False, 1)],
)
def test_number_of_tokens(pool_dim, patch_size, overlapped, tokens):
    net = PACE(2, pool_dim=pool_dim, patch_size=patch_size, dim=4, overlapped=overlapped).eval()
    assert net.n_tokens == tokens
    assert net.forward_features(torch.randn(2, 500)).shape == (2, 4, tokens)


def test_short_input_is_upsampled_by_repetition():
    torch.manual_seed(0)
    net = PACE(3, pool_dim=256, dim=8, depth=1).eval()
    x = torch.randn(2, 64)  # shorter than pool_dim: each point is repeated 4 times
    torch.testing.assert_close(net(x), net(x.repeat_interleave(4, dim=-1)), rtol=0, atol=1e-6)


def test_dropout_is_active_in_training_only():
    torch.manual_seed(0)
    net = PACE(2, pool_dim=32, patch_size=4, dim=16, depth=1, dropout=0.5)
    x = torch.randn(4, 64)
    net.train()
    assert not torch.equal(net.forward_features(x), net.forward_features(x))
    net.eval()
    assert torch.equal(net.forward_features(x), net.forward_features(x))


def test_patch_larger_than_pool_dim_is_refused():
    with pytest.raises(ValueError, match=r"patch_size=32 is larger than pool_dim=16"):
        PACE(2, pool_dim=16, patch_size=32)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"depth": 0}, ValueError, "depth must be >= 1"),
        ({"dim": 0}, ValueError, "dim must be >= 1"),
        ({"pool_dim": 0}, ValueError, "pool_dim must be >= 1"),
        ({"patch_size": 0}, ValueError, "patch_size must be >= 1"),
        ({"kernel_size": 8}, ValueError, "kernel_size must be odd"),
        ({"dropout": 1.0}, ValueError, r"dropout must be in \[0, 1\)"),
        ({"dropout": -0.1}, ValueError, r"dropout must be in \[0, 1\)"),
        ({"dropout": "0.2"}, TypeError, "dropout must be a real number"),
        ({"dim": 64.0}, TypeError, "dim must be an integer"),
        ({"overlapped": "yes"}, TypeError, "overlapped must be a bool"),
    ],
)
def test_bad_constructor_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        PACE(2, **kwargs)
