"""The ROCKET-family classifiers of aeon, for the benchmarks only (the ``bench`` extra).

aeon takes ``(n_cases, n_channels, n_timepoints)`` float64 arrays; these wrappers take the
package's ``(n_spectra, n_points)`` arrays, so that the benchmarks treat every model alike.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin


class AeonClassifier(ClassifierMixin, BaseEstimator):
    """An aeon classifier on 2D spectra: adds the channel axis and casts to float64."""

    def __init__(self, name: str = "minirocket", random_state: int | None = None,
                 n_jobs: int = 1) -> None:
        self.name = name
        self.random_state = random_state
        self.n_jobs = n_jobs

    def _make(self) -> Any:
        from aeon.classification.convolution_based import (
            MiniRocketClassifier,
            MultiRocketHydraClassifier,
        )

        cls = {"minirocket": MiniRocketClassifier,
               "multirocket-hydra": MultiRocketHydraClassifier}[self.name]
        return cls(random_state=self.random_state, n_jobs=self.n_jobs)

    def fit(self, X: Any, y: Any) -> AeonClassifier:
        self.model_ = self._make().fit(_3d(X), np.asarray(y))
        self.classes_ = self.model_.classes_
        return self

    def predict(self, X: Any) -> np.ndarray:
        return self.model_.predict(_3d(X))


def _3d(X: Any) -> np.ndarray:
    return np.asarray(X, dtype=np.float64)[:, None, :]


def minirocket(random_state: int | None = None) -> AeonClassifier:
    """aeon's MiniRocketClassifier (its defaults) on 2D spectra."""
    return AeonClassifier("minirocket", random_state=random_state)


def multirocket_hydra(random_state: int | None = None) -> AeonClassifier:
    """aeon's MultiRocketHydraClassifier (its defaults) on 2D spectra."""
    return AeonClassifier("multirocket-hydra", random_state=random_state)
