"""Deviations of spectra from their class means (numpy only: no torch, no scikit-learn).

Shared by :class:`skspectra.preprocessing.EPO`, which takes the within-class directions
from them, and the deep classifiers' within-class augmentation
(:func:`skspectra.nn.within_class_deviations`), which adds them to training spectra.
"""

from __future__ import annotations

import numpy as np


def deviations_from_class_means(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """A float64 copy of ``X`` with each row's class mean (over ``y``) subtracted.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra._class_means import deviations_from_class_means
    >>> deviations_from_class_means(np.array([[1.0], [3.0], [10.0]]), np.array([0, 0, 1]))
    array([[-1.],
           [ 1.],
           [ 0.]])
    """
    deviations = np.asarray(X, dtype=np.float64).copy()
    y = np.asarray(y)
    for label in np.unique(y):
        members = y == label
        deviations[members] -= deviations[members].mean(axis=0)
    return deviations
