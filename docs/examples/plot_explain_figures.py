"""
Explaining a GAP-CNN: CAM, class means and feature maps
=======================================================

The figures of the :doc:`explanations page </explanations>`: a GAP-CNN trained on
synthetic spectra whose informative bands are known (:func:`~skspectra.datasets.make_spectra`
returns them as ``mask``), its class activation maps (CAM) and the activations of its
layers. About 15 seconds on one CPU core.

Run: ``python docs/examples/plot_explain_figures.py``
"""

# %%
# Train a small GAP-CNN
# ---------------------
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


def shade(ax, x, mask):
    """Shade the true informative bands."""
    edges = np.flatnonzero(np.diff(np.r_[0, mask.astype(int), 0]))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        ax.axvspan(x[start], x[stop - 1], color="0.85", zorder=0)


X, y, mask = make_spectra(n_samples=300, n_features=300, n_classes=3, class_sep=3.0,
                          random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify=y,
                                                    random_state=0)
clf = GAPCNNClassifier(n_filters=8, max_epochs=25, random_state=0, device="cpu")
clf.fit(X_train, y_train)
print(f"test accuracy {clf.score(X_test, y_test):.3f}")

# %%
# Class activation maps
# ---------------------
# CAM needs a model with a global-average-pooling head (the default method is occlusion). The share
# of relevance that falls on the true bands (``localisation``) is compared with the
# fraction of points they cover, which is what a random map would score.
wavenumbers = np.linspace(1800, 900, X.shape[1])
maps = clf.explain(X_test[:100], method="cam")  # CAM of the predicted class
print(f"CAM localisation (relevance mass) {np.nanmean(localisation(maps, mask)):.3f}, "
      f"mask fraction {mask.mean():.3f}")

# %%
# One spectrum coloured by its CAM; shaded: the true informative bands.
ax = plot_attribution(X_test[0], maps[0], wavenumbers)
shade(ax, wavenumbers, mask)
ax.set_title(f"CAM of class {clf.predict(X_test[:1])[0]} (shaded: true informative bands)")
ax.figure.tight_layout()

# %%
# Class-mean spectra (top) and class-mean CAM (bottom), grouped by predicted class.
fig = plot_class_attribution(X_test[:100], maps, clf.predict(X_test[:100]), wavenumbers)
for axis in fig.axes[: len(clf.classes_)]:
    shade(axis, wavenumbers, mask)

# %%
# Feature maps
# ------------
# The activations of each convolutional block for one spectrum, input side first.
fig = plot_feature_maps(feature_maps(clf, X_test[:1]), spectrum=X_test[0], x_axis=wavenumbers,
                        max_channels=16)
plt.show()
