"""upsampling="patch": token maps of patch networks shared among the points of each patch."""

import functools

import numpy as np
import pytest
import torch

from skspectra.explain import cam, grad_cam, grad_cam_1d
from skspectra.explain._patch_resolution import pooled_to_points
from skspectra.nn import GAPCNN, PACE, EnsembleNet, InputAdaptedNet, Standardizer


def _pace(**kwargs):
    torch.manual_seed(0)
    return PACE(n_outputs=3, dim=8, depth=1, pool_dim=64, patch_size=8, **kwargs).eval()


def _token_cam(net, X, target):
    with torch.no_grad():
        feats = net.forward_features(torch.as_tensor(X, dtype=torch.float32))
        return torch.einsum("bkt,k->bt", feats, net.head_weight[target]).double().numpy()


def test_each_token_keeps_its_value_as_the_mean_over_its_patch():
    net = _pace()
    X = np.random.default_rng(0).normal(size=(3, 64))  # one input point per pooled point
    maps = cam(net, X, 1, upsampling="patch")
    np.testing.assert_allclose(maps.reshape(3, 8, 8).mean(-1), _token_cam(net, X, 1),
                               rtol=1e-5, atol=1e-6)


def test_overlapping_patches_keep_the_total():
    net = _pace(overlapped=True)  # stride 4: each token adds 4 points
    X = np.random.default_rng(1).normal(size=(2, 64))
    maps = cam(net, X, 0, upsampling="patch")
    np.testing.assert_allclose(maps.sum(1), 4 * _token_cam(net, X, 0).sum(1),
                               rtol=1e-5, atol=1e-5)


def test_relevance_goes_to_the_points_the_embedding_reads():
    net = _pace()
    with torch.no_grad():  # the embedding reads offset 3 of every patch, nothing else
        weight = net.embed[0].weight
        keep = weight[:, :, 3].clone()
        weight.zero_()
        weight[:, :, 3] = keep
    X = np.random.default_rng(2).normal(size=(2, 64))
    signed_grad_cam = functools.partial(grad_cam, relu=False)
    for method in (cam, signed_grad_cam, grad_cam_1d):
        maps = method(net, X, 0, upsampling="patch").reshape(2, 8, 8)
        assert np.all(maps[:, :, [0, 1, 2, 4, 5, 6, 7]] == 0), method
        assert np.any(maps[:, :, 3] != 0), method
        linear = method(net, X, 0, upsampling="linear").reshape(2, 8, 8)
        assert np.any(linear[:, :, 0] != 0), method


def test_pooled_points_return_to_the_input_points_that_made_them():
    maps = torch.tensor([[1.0, 2.0, 3.0, 4.0]], dtype=torch.float64)
    np.testing.assert_allclose(pooled_to_points(maps, 8).numpy(),
                               [[1, 1, 2, 2, 3, 3, 4, 4]])
    # fewer input points than pooled ones: each input point averages its pooled points
    np.testing.assert_allclose(pooled_to_points(maps, 2).numpy(), [[1.5, 3.5]])


def test_wrapped_and_ensembled_patch_networks():
    torch.manual_seed(0)
    members = EnsembleNet.from_factory(
        lambda: PACE(n_outputs=2, dim=8, depth=1, pool_dim=64, patch_size=8, in_channels=2), 2)
    model = InputAdaptedNet(members, Standardizer("spectrum+center",
                                                  mean=torch.zeros(1, 100))).eval()
    X = np.random.default_rng(3).normal(size=(4, 100))
    assert len(model.patch_embeddings()) == 2
    maps = grad_cam(model, X, upsampling="patch")
    auto = grad_cam(model, X, upsampling="auto")
    assert maps.shape == (4, 100) and np.all(maps >= 0)
    np.testing.assert_allclose(maps, auto)


def test_networks_without_patches_interpolate_or_refuse():
    torch.manual_seed(0)
    net = GAPCNN(n_outputs=2, n_filters=4).eval()
    X = np.random.default_rng(4).normal(size=(2, 64))
    np.testing.assert_allclose(grad_cam(net, X, upsampling="auto"), grad_cam(net, X))
    with pytest.raises(ValueError, match="needs a patch network"):
        cam(net, X, upsampling="patch")
    with pytest.raises(ValueError, match="upsampling must be one of"):
        grad_cam_1d(net, X, upsampling="nearest")


def test_a_layer_that_is_not_the_tokens_refuses_patch():
    net = _pace()
    X = np.random.default_rng(5).normal(size=(2, 64))

    class Wider(torch.nn.Module):  # positions twice the tokens
        def forward(self, x):
            return torch.repeat_interleave(x, 2, dim=-1)

    net.blocks.append(Wider())
    net.feature_layers = lambda: {"embed": net.embed, "wide": net.blocks[-1]}
    with pytest.raises(ValueError, match="tokens"):
        grad_cam(net, X, layer="wide", upsampling="patch")
    assert grad_cam(net, X, layer="wide", upsampling="auto").shape == (2, 64)


@pytest.mark.parametrize("method", [grad_cam, grad_cam_1d])
def test_gradient_maps_share_their_pass_with_the_patch_terms(method):
    net = _pace()
    calls = []
    handle = net.register_forward_hook(lambda *_: calls.append(1))
    X = np.random.default_rng(4).normal(size=(5, 64))
    try:
        method(net, X, 0, upsampling="patch", batch_size=5)
    finally:
        handle.remove()
    assert len(calls) == 1  # one forward pass per batch: no second pass for the shares
