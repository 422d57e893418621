"""skspectra.plotting with the Agg backend: figures are produced and labelled."""

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from skspectra.plotting import (  # noqa: E402
    plot_attribution,
    plot_class_attribution,
    plot_feature_maps,
)

WAVENUMBERS = np.linspace(1800, 900, 60)  # descending, as infrared spectra are listed


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_plot_attribution():
    x = np.linspace(0, 1, 60)
    ax = plot_attribution(np.sin(6 * x), np.cos(6 * x), WAVENUMBERS)
    assert ax.get_xlabel() == "Wavenumber (cm$^{-1}$)" and ax.get_ylabel() == "Intensity"
    line = ax.collections[0]
    assert len(line.get_segments()) == 59
    np.testing.assert_allclose(line.get_array(), (np.cos(6 * x)[:-1] + np.cos(6 * x)[1:]) / 2)
    assert ax.xaxis_inverted()  # descending wavenumbers are drawn descending
    assert ax.figure.axes[-1].get_ylabel() == "Attribution"  # the colour bar
    ax2 = plot_attribution(np.ones(5), np.arange(5.0), colorbar=False)
    assert ax2.get_xlabel() == "Point" and not ax2.xaxis_inverted()
    with pytest.raises(ValueError, match="same length"):
        plot_attribution(np.ones(5), np.ones(4))
    with pytest.raises(ValueError, match="x_axis"):
        plot_attribution(np.ones(5), np.ones(5), np.ones(3))


def test_plot_class_attribution():
    rng = np.random.default_rng(0)
    X, A = rng.normal(size=(10, 60)), rng.normal(size=(10, 60))
    y = np.array(["a"] * 4 + ["b"] * 6)
    fig = plot_class_attribution(X, A, y, WAVENUMBERS)
    spectra_axes, twin_axes = fig.axes[:2], fig.axes[2:]
    assert [ax.get_title() for ax in spectra_axes] == ["class a (n=4)", "class b (n=6)"]
    one_group = plot_class_attribution(X, A, np.full(10, "all spectra"), group_label="")
    assert one_group.axes[0].get_title() == "all spectra (n=10)"
    assert spectra_axes[1].get_xlabel() == "Wavenumber (cm$^{-1}$)"
    assert all(ax.get_ylabel() == "Attribution" for ax in twin_axes)
    np.testing.assert_allclose(spectra_axes[0].lines[0].get_ydata(), X[:4].mean(0))
    with pytest.raises(ValueError, match="no samples"):
        plot_class_attribution(X, A, y, classes=["a", "c"])
    with pytest.raises(ValueError, match="same shape"):
        plot_class_attribution(X, A[:, :5], y)


def test_plot_feature_maps():
    rng = np.random.default_rng(0)
    maps = {"conv1": rng.random((3, 4, 60)), "conv2": rng.random((3, 8, 30))}
    fig = plot_feature_maps(maps, sample=1, spectrum=rng.random(60), x_axis=WAVENUMBERS)
    labels = [ax.get_ylabel() for ax in fig.axes[:3]]
    assert labels == ["Input", "conv1\nchannel", "conv2\nchannel"]
    np.testing.assert_allclose(fig.axes[1].images[0].get_array(), maps["conv1"][1])
    assert fig.axes[2].get_xlabel() == "Wavenumber (cm$^{-1}$)"
    fig2 = plot_feature_maps(maps, max_channels=2)
    assert fig2.axes[0].images[0].get_array().shape == (2, 60)
    with pytest.raises(ValueError, match="sample"):
        plot_feature_maps(maps, sample=5)
    with pytest.raises(ValueError, match="non-empty dict"):
        plot_feature_maps({})
