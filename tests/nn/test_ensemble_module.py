"""EnsembleNet and MemberwiseLoss: members trained side by side, outputs averaged."""

import pytest
import torch

from skspectra.explain import cam, grad_cam_1d
from skspectra.nn import GAPCNN, PACE, EnsembleNet, MemberwiseLoss, ResNet1D


def members(factory, k=3, seed=0):
    torch.manual_seed(seed)
    return EnsembleNet.from_factory(factory, k)


@pytest.mark.parametrize("factory", [
    lambda: GAPCNN(3, n_filters=4, n_blocks=2),
    lambda: PACE(3, dim=8, depth=1, pool_dim=32, patch_size=4),
    lambda: ResNet1D(3, hidden_channels=4, stem_channels=4, n_stages=2),
])
def test_eval_output_is_the_mean_of_the_members_and_the_gap_identity_holds(factory):
    net = members(factory).eval()
    x = torch.randn(5, 64)
    expected = torch.stack([m(x) for m in net.members]).mean(0)
    assert torch.allclose(net(x), expected, atol=1e-6)
    feats = net.forward_features(x)
    bias = torch.stack([m.head.linear.bias for m in net.members]).mean(0)
    assert torch.allclose(feats.mean(-1) @ net.head_weight.T + bias, net(x), atol=1e-5)


def test_training_mode_returns_every_member():
    net = members(lambda: GAPCNN(2, n_filters=4, n_blocks=2), k=4).train()
    assert net(torch.randn(6, 32)).shape == (6, 4, 2)


def test_memberwise_loss_trains_each_member_on_its_own_loss():
    net = members(lambda: GAPCNN(2, n_filters=4, n_blocks=2, dropout=0.0), k=2).train()
    x, y = torch.randn(8, 32), torch.randint(0, 2, (8,))
    loss = MemberwiseLoss(torch.nn.CrossEntropyLoss(), target_ndim=1)(net(x), y)
    loss.backward()
    joint = [p.grad.clone() for p in net.members[0].parameters()]
    net.zero_grad()
    alone = torch.nn.functional.cross_entropy(net.members[0](x), y) / 2
    alone.backward()
    for g_joint, p in zip(joint, net.members[0].parameters(), strict=True):
        assert torch.allclose(g_joint, p.grad, atol=1e-6)


def test_memberwise_loss_for_regression_targets():
    loss = MemberwiseLoss(torch.nn.MSELoss(), target_ndim=2)
    y_pred, y = torch.randn(5, 3, 2), torch.randn(5, 2)
    expected = torch.stack([torch.nn.functional.mse_loss(y_pred[:, k], y) for k in range(3)])
    assert torch.isclose(loss(y_pred, y), expected.mean())
    assert torch.isclose(loss(y_pred[:, 0], y), torch.nn.functional.mse_loss(y_pred[:, 0], y))


def test_cam_of_the_ensemble_is_the_mean_of_the_members_cams():
    net = members(lambda: GAPCNN(3, n_filters=4, n_blocks=2)).eval()
    X = torch.randn(4, 64).numpy()
    targets = net(torch.as_tensor(X)).argmax(1).numpy()
    expected = sum(cam(m, X, targets) for m in net.members) / 3
    assert abs(cam(net, X, targets) - expected).max() < 1e-5
    assert grad_cam_1d(net, X).shape == (4, 64)


def test_feature_layers_name_each_member_and_end_with_the_stacked_features():
    net = members(lambda: GAPCNN(2, n_filters=4, n_blocks=2), k=2)
    assert list(net.feature_layers()) == [
        "member0.conv1", "member0.conv2", "member1.conv1", "member1.conv2", "features"]


def test_bad_members_are_clear_errors():
    with pytest.raises(ValueError, match="at least one"):
        EnsembleNet([])
    with pytest.raises(TypeError, match="SpectralNet"):
        EnsembleNet([torch.nn.Linear(2, 2)])
    with pytest.raises(ValueError, match="n_outputs"):
        EnsembleNet([GAPCNN(2), GAPCNN(3)])
