"""Per-point contributions: the sum identity of GAP heads, purity and linearity."""

import numpy as np
import pytest
import torch

from skspectra.datasets import make_spectra
from skspectra.explain import (
    contribution_linearity,
    contribution_purity,
    contributions,
    grad_cam_1d,
)
from skspectra.explain._contributions import spread_to_points
from skspectra.nn import GAPCNN, PACE, ResNet1D

NETWORKS = {
    "gap-cnn": lambda n: GAPCNN(n_outputs=n, n_filters=4),
    "resnet1d": lambda n: ResNet1D(n_outputs=n, hidden_channels=4, stem_channels=4,
                                   n_stages=3, blocks_per_stage=1),
    "pace": lambda n: PACE(n_outputs=n, dim=8, depth=2),
}


@pytest.mark.parametrize("n_positions, n_features", [(16, 100), (7, 64), (64, 64), (40, 30)])
def test_spreading_keeps_each_positions_total(n_positions, n_features):
    maps = torch.randn(3, n_positions, dtype=torch.float64)
    spread = spread_to_points(maps, n_features)
    assert spread.shape == (3, n_features)
    torch.testing.assert_close(spread.sum(-1), maps.sum(-1))
    # a single position's share goes to the points it covers, and to no other point
    one = torch.zeros(1, n_positions, dtype=torch.float64)
    one[0, 0] = 1.0
    covered = spread_to_points(one, n_features)[0]
    assert covered[: max(1, n_features // n_positions)].min() > 0
    assert covered[int(np.ceil(n_features / n_positions)):].abs().max() == 0


@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_contributions_sum_to_the_output_less_the_bias(name):
    torch.manual_seed(0)
    net = NETWORKS[name](3).double().eval()
    X = torch.randn(5, 150, dtype=torch.float64)
    logits = net(X).detach()
    bias = net.head.linear.bias.detach()
    for target in range(3):
        total = contributions(net, X.numpy(), target).sum(axis=1)
        np.testing.assert_allclose(total, (logits[:, target] - bias[target]).numpy(),
                                   rtol=1e-9, atol=1e-9)
    # the interpolated 1D Grad-CAM has the same terms but does not keep the total
    assert not np.allclose(grad_cam_1d(net, X.numpy(), 0).sum(1),
                           (logits[:, 0] - bias[0]).numpy())


def test_the_identity_holds_for_fitted_estimators_too():
    from skspectra.models import GAPCNNClassifier, PACERegressor

    X, y, _ = make_spectra(n_samples=30, n_features=80, n_classes=2, random_state=0)
    clf = GAPCNNClassifier(n_filters=4, n_blocks=2, n_members=1, max_epochs=2,
                           random_state=0).fit(X, y)
    module = clf.module_.double()
    with torch.no_grad():
        logits = module.eval()(torch.as_tensor(X[:4]))
    np.testing.assert_allclose(
        contributions(clf, X[:4], 1).sum(1),
        (logits[:, 1] - module.net.head.linear.bias[1]).detach().numpy(), atol=1e-9)
    reg = PACERegressor(dim=8, depth=1, max_epochs=2, random_state=0).fit(X, X[:, 10])
    module = reg.module_.double().eval()
    with torch.no_grad():
        out = module(torch.as_tensor(X[:4]))[:, 0]
    np.testing.assert_allclose(contributions(reg, X[:4]).sum(1),
                               (out - module.net.head.linear.bias[0]).detach().numpy(), atol=1e-9)


def test_purity_of_two_classes_is_complementary():
    torch.manual_seed(1)
    net = GAPCNN(n_outputs=2, n_filters=4).double().eval()
    X = np.random.default_rng(0).normal(size=(6, 64))
    p0 = contribution_purity(net, X, 0)
    p1 = contribution_purity(net, X, 1)
    assert ((p0 >= 0) & (p0 <= 1)).all()
    # with two classes the margin of one is minus the margin of the other
    np.testing.assert_allclose(p0 + p1, 1.0)
    predicted = net(torch.as_tensor(X)).argmax(1).numpy()
    np.testing.assert_allclose(contribution_purity(net, X), np.where(predicted == 0, p0, p1))


def test_purity_is_high_for_a_trained_classifier():
    from skspectra.models import GAPCNNClassifier

    X, y, _ = make_spectra(n_samples=60, n_features=64, n_classes=2, class_sep=3.0,
                           random_state=0)
    clf = GAPCNNClassifier(n_filters=8, n_blocks=2, max_epochs=30, random_state=0).fit(X, y)
    assert np.nanmean(contribution_purity(clf, X)) > 0.6


def test_linearity_of_a_regressor_on_its_analyte_band():
    from skspectra.models import GAPCNNRegressor

    X, _, _ = make_spectra(n_samples=80, n_features=64, n_classes=2, random_state=0)
    height = np.random.default_rng(1).uniform(0, 2, len(X))
    band = np.exp(-0.5 * ((np.arange(64) - 30) / 3.0) ** 2)
    X = X + height[:, None] * band
    reg = GAPCNNRegressor(n_filters=8, n_blocks=2, max_epochs=40, random_state=0)
    reg.fit(X, height)
    mask = band > 0.05
    r2 = contribution_linearity(reg, X, height, mask)
    # the network predicts the height; the band's share of its contribution follows it,
    # and a band-free stretch of the axis does not
    assert r2 > 0.5
    assert contribution_linearity(reg, X, height, ~mask & (np.arange(64) > 50)) < r2


def test_bad_input_gets_clear_errors():
    net = GAPCNN(n_outputs=1, n_filters=4).eval()
    X = np.random.default_rng(0).normal(size=(5, 64))
    mask = np.zeros(64, dtype=bool)
    mask[:5] = True
    with pytest.raises(ValueError, match="at least two outputs"):
        contribution_purity(net, X)
    with pytest.raises(ValueError, match="one value per spectrum"):
        contribution_linearity(net, X, np.ones(4), mask)
    with pytest.raises(TypeError, match="boolean"):
        contribution_linearity(net, X, np.arange(5.0), mask.astype(int))
    with pytest.raises(ValueError, match="mask must have shape"):
        contribution_linearity(net, X, np.arange(5.0), mask[:10])
    with pytest.raises(ValueError, match="selects no point"):
        contribution_linearity(net, X, np.arange(5.0), np.zeros(64, dtype=bool))
    with pytest.raises(ValueError, match="at least 3"):
        contribution_linearity(net, X[:2], np.arange(2.0), mask)
    with pytest.raises(TypeError, match="torch network"):
        contributions(object(), X)
