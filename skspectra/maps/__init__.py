"""Hyperspectral maps: predictions and explanations of a (rows, cols, points) cube.

:func:`predict_map` runs a fitted model (or Pipeline) over every pixel of a Raman or IR
image, in batches, so that a cube on disk (a ``numpy.memmap`` or ``numpy.load(...,
mmap_mode="r")``) far larger than memory is read piece by piece. It returns a
:class:`SpectralMap`: the class (or predicted value) of each pixel, the class
probabilities, and optionally the default explanation of each pixel, written to a ``.npy``
file when it would not fit in memory. :func:`skspectra.plotting.plot_class_map` draws the
class map.

Examples
--------
>>> import numpy as np
>>> from skspectra.datasets import make_spectra
>>> from skspectra.maps import predict_map
>>> from skspectra.models import PLSLDAClassifier
>>> X, y, _ = make_spectra(n_samples=60, n_features=40, random_state=0)
>>> clf = PLSLDAClassifier(2).fit(X, y)
>>> cube = X[:12].reshape(3, 4, 40)               # a 3 x 4 pixel image
>>> result = predict_map(clf, cube, verbose=0)
>>> result.prediction.shape, result.probabilities.shape
((3, 4), (3, 4, 2))
"""

from skspectra.maps._predict_map import SpectralMap, predict_map

__all__ = ["SpectralMap", "predict_map"]
