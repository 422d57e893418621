"""The figures of docs/explanations.md: CAM and feature maps of a GAP-CNN on synthetic spectra.

Run ``python docs/examples/explain_figures.py`` (about a minute on 2 idle CPU cores). With
``SKSPECTRA_WRITE_DOCS_IMAGES=1`` in the environment it also writes
``docs/images/explain_*.png``; otherwise it only draws them (as the docs test does).
"""

import os
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
    write = os.environ.get("SKSPECTRA_WRITE_DOCS_IMAGES") == "1"
    X, y, mask = make_spectra(n_samples=300, n_features=300, n_classes=3, class_sep=3.0,
                              random_state=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify=y,
                                                        random_state=0)
    clf = GAPCNNClassifier(n_filters=8, max_epochs=25, random_state=0, device="cpu")
    clf.fit(X_train, y_train)
    print(f"test accuracy {clf.score(X_test, y_test):.3f}")
    wavenumbers = np.linspace(1800, 900, X.shape[1])
    maps = clf.explain(X_test[:100])  # CAM of the predicted class
    print(f"CAM localisation (relevance mass) {np.nanmean(localisation(maps, mask)):.3f}, "
          f"mask fraction {mask.mean():.3f}")

    ax = plot_attribution(X_test[0], maps[0], wavenumbers)
    shade(ax, wavenumbers, mask)
    ax.set_title(f"CAM of class {clf.predict(X_test[:1])[0]} (shaded: true informative bands)")
    ax.figure.tight_layout()
    figures = {"explain_attribution.png": ax.figure}

    fig = plot_class_attribution(X_test[:100], maps, clf.predict(X_test[:100]), wavenumbers)
    for axis in fig.axes[: len(clf.classes_)]:
        shade(axis, wavenumbers, mask)
    figures["explain_class_mean.png"] = fig

    figures["explain_feature_maps.png"] = plot_feature_maps(
        feature_maps(clf, X_test[:1]), spectrum=X_test[0], x_axis=wavenumbers, max_channels=16)
    if write:
        OUT.mkdir(exist_ok=True)
        for name, figure in figures.items():
            figure.savefig(OUT / name, dpi=90)
        print(f"wrote {len(figures)} figures to {OUT}")
    plt.close("all")


if __name__ == "__main__":
    main()
