"""recalibrate_batchnorm: evaluation-mode statistics recomputed with the final weights."""

import pytest
import torch

from skspectra.nn import GAPCNN, InputAdaptedNet, SpectralAugmenter, recalibrate_batchnorm


def first_batchnorm(net):
    return next(m for m in net.modules() if isinstance(m, torch.nn.BatchNorm1d))


def test_running_stats_become_the_statistics_of_the_data():
    torch.manual_seed(0)
    net = GAPCNN(2, n_filters=4, n_blocks=1, dropout=0.0)
    x = torch.randn(64, 50) * 3 + 5
    recalibrate_batchnorm(net, [x])
    bn = first_batchnorm(net)
    conv_out = next(m for m in net.modules() if isinstance(m, torch.nn.Conv1d))(x[:, None])
    assert torch.allclose(bn.running_mean, conv_out.mean(dim=(0, 2)), atol=1e-4)
    assert torch.allclose(bn.running_var, conv_out.var(dim=(0, 2)), rtol=1e-3)
    assert bn.momentum == 0.1  # restored
    assert not net.training


def test_evaluation_then_matches_batch_statistics():
    torch.manual_seed(0)
    net = GAPCNN(2, n_filters=4, n_blocks=2, dropout=0.0)
    x = torch.randn(32, 64) * 10
    net.train()
    with torch.no_grad():
        batch_out = net(x)
    net.eval()
    with torch.no_grad():
        stale = net(x)  # default running stats (0, 1): far off for inputs of scale 10
    recalibrate_batchnorm(net, [x])
    with torch.no_grad():
        calibrated = net(x)
    assert (calibrated - batch_out).abs().max() < 1e-3 < (stale - batch_out).abs().max()


def test_augmentation_stays_off_while_recalibrating():
    torch.manual_seed(0)
    net = InputAdaptedNet(GAPCNN(2, n_filters=4, n_blocks=1),
                          augmenter=SpectralAugmenter(noise=5.0))
    x = torch.randn(16, 40)
    recalibrate_batchnorm(net, [x])
    first = first_batchnorm(net).running_var.clone()
    recalibrate_batchnorm(net, [x])  # noise would give other statistics each time
    assert torch.equal(first, first_batchnorm(net).running_var)


def test_needs_a_batch_of_two():
    with pytest.raises(ValueError, match="2 or more"):
        recalibrate_batchnorm(GAPCNN(2, n_filters=4), [torch.randn(1, 40)])
    assert recalibrate_batchnorm(torch.nn.Linear(3, 2), []) == 0
