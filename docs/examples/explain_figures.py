"""Make the figures of docs/explanations.md: CAM of a GAP-CNN on synthetic spectra.

Run ``python docs/examples/explain_figures.py`` (about a minute on 2 CPU cores); it
writes ``docs/images/explain_*.png``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from sklearn.model_selection import train_test_split

from skspectra.datasets import make_spectra
from skspectra.explain import feature_maps, localisation
from skspectra.models import GAPCNNClassifier
from skspectra.plotting import (
    plot_attribution,
    plot_class_attribution,
    plot_feature_maps,
)

OUT = Path(__file__).resolve().parent.parent / "images"


def shade(ax, x, mask):
    """Shade the true informative bands."""
    edges = np.flatnonzero(np.diff(np.r_[0, mask.astype(int), 0]))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        ax.axvspan(x[start], x[stop - 1], color="0.85", zorder=0)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    X, y, mask = make_spectra(n_samples=600, n_features=500, n_classes=3, class_sep=2.0,
                              random_state=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify=y,
                                                        random_state=0)
    clf = GAPCNNClassifier(max_epochs=60, random_state=0, device="cpu").fit(X_train, y_train)
    print(f"test accuracy {clf.score(X_test, y_test):.3f}")
    wavenumbers = np.linspace(1800, 900, X.shape[1])
    maps = clf.explain(X_test[:150])  # CAM of the predicted class
    print(f"CAM localisation (relevance mass) {np.nanmean(localisation(maps, mask)):.3f}, "
          f"mask fraction {mask.mean():.3f}")

    ax = plot_attribution(X_test[0], maps[0], wavenumbers)
    shade(ax, wavenumbers, mask)
    ax.set_title(f"CAM of class {clf.predict(X_test[:1])[0]} (shaded: true informative bands)")
    ax.figure.tight_layout()
    ax.figure.savefig(OUT / "explain_attribution.png", dpi=90)

    fig = plot_class_attribution(X_test[:150], maps, clf.predict(X_test[:150]), wavenumbers)
    for axis in fig.axes[: len(clf.classes_)]:
        shade(axis, wavenumbers, mask)
    fig.savefig(OUT / "explain_class_mean.png", dpi=90)

    fig = plot_feature_maps(feature_maps(clf, X_test[:1]), spectrum=X_test[0],
                            x_axis=wavenumbers, max_channels=16)
    fig.savefig(OUT / "explain_feature_maps.png", dpi=90)
    plt.close("all")


if __name__ == "__main__":
    main()
