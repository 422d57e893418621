"""Model-randomisation sanity check (Adebayo et al., 2018) for deep models."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
from scipy.stats import rankdata
from sklearn.pipeline import Pipeline

from skspectra.explain._pipeline import explain
from skspectra.explain._torch_utils import torch_module

__all__ = ["model_randomisation_check"]


def _row_spearman(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Spearman rank correlation of each pair of rows; NaN for a constant row."""
    ra = rankdata(a, axis=1) - (a.shape[1] + 1) / 2
    rb = rankdata(b, axis=1) - (b.shape[1] + 1) / 2
    denom = np.sqrt((ra**2).sum(axis=1) * (rb**2).sum(axis=1))
    return np.divide((ra * rb).sum(axis=1), denom, out=np.full(len(a), np.nan), where=denom > 0)


def randomised_copy(estimator: Any, random_state: int = 0) -> Any:
    """A deep copy whose network weights are re-initialised (seeded), the rest unchanged.

    Every submodule of the copy's torch network that has ``reset_parameters``
    (convolutions, linear and BatchNorm layers) is reset with torch seeded by
    ``random_state``. For a Pipeline, the last step's network is randomised.
    """
    import torch

    randomised = copy.deepcopy(estimator)
    final = randomised._final_estimator if isinstance(randomised, Pipeline) else randomised
    module = torch_module(final)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(random_state)
        for sub in module.modules():
            if sub is not module and hasattr(sub, "reset_parameters"):
                sub.reset_parameters()
    module.eval()
    return randomised


def model_randomisation_check(
    estimator: Any,
    X: Any,
    method: str | None = None,
    target: Any = None,
    *,
    random_state: int = 0,
    relevance: str = "absolute",
    **options: Any,
) -> np.ndarray:
    """Rank correlation between explanations of the trained and of a weight-randomised model.

    The sanity check of Adebayo et al. (2018): an explanation that reflects what the
    model learned must change when the weights are replaced by random ones, so the
    Spearman correlation should be low. A value near 1 means the method mostly
    reflects the input (an edge detector), not the model.

    Parameters
    ----------
    estimator : fitted deep estimator or Pipeline ending in one
        A model with a torch network (``module_``).
    X : array-like of shape (n_samples, n_features)
        Spectra to explain.
    method : str, default=None
        Explanation method (``None``: the model's default).
    target : class label, array-like of labels, or None, default=None
        ``None``: the trained model's predicted class, used for both models.
    random_state : int, default=0
        Seed of the re-initialisation.
    relevance : {"absolute", "signed"}, default="absolute"
        Correlate absolute attributions or signed ones.
    **options
        Passed to the method.

    Returns
    -------
    ndarray of shape (n_samples,)
        Spearman correlation per spectrum (NaN where a map is constant).

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.models import GAPCNNClassifier
    >>> from skspectra.explain import model_randomisation_check
    >>> X, y, _ = make_spectra(n_samples=40, n_features=64, random_state=0)
    >>> clf = GAPCNNClassifier(n_filters=4, max_epochs=3, device="cpu", random_state=0)
    >>> rho = model_randomisation_check(clf.fit(X, y), X[:4], method="grad_cam_1d")
    >>> rho.shape
    (4,)
    """
    if relevance not in ("absolute", "signed"):
        raise ValueError(f"relevance must be 'absolute' or 'signed'; got {relevance!r}.")
    if target is None:
        target = estimator.predict(X)
    randomised = randomised_copy(estimator, random_state)
    trained_maps = explain(estimator, X, method=method, target=target, **options)
    random_maps = explain(randomised, X, method=method, target=target, **options)
    if relevance == "absolute":
        trained_maps, random_maps = np.abs(trained_maps), np.abs(random_maps)
    return _row_spearman(trained_maps, random_maps)
