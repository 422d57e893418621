"""The sanity checks of Adebayo et al. (2018): model and data randomisation."""

from __future__ import annotations

import copy
import re
from typing import Any

import numpy as np
from scipy.stats import rankdata
from sklearn.base import clone
from sklearn.pipeline import Pipeline
from sklearn.utils import check_random_state

from skspectra.explain._pipeline import explain
from skspectra.explain._torch_utils import torch_module

__all__ = [
    "cascading_randomisation_check",
    "label_randomisation_check",
    "model_randomisation_check",
]


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
    _check_relevance(relevance)
    if target is None:
        target = estimator.predict(X)
    randomised = randomised_copy(estimator, random_state)
    trained_maps = explain(estimator, X, method=method, target=target, **options)
    random_maps = explain(randomised, X, method=method, target=target, **options)
    return _compare(trained_maps, random_maps, relevance)


def _check_relevance(relevance: str) -> None:
    if relevance not in ("absolute", "signed"):
        raise ValueError(f"relevance must be 'absolute' or 'signed'; got {relevance!r}.")


def _compare(a: np.ndarray, b: np.ndarray, relevance: str) -> np.ndarray:
    return _row_spearman(np.abs(a), np.abs(b)) if relevance == "absolute" else _row_spearman(a, b)


def _layers(module: Any) -> list[tuple[str, Any]]:
    """The layers with their own parameters and ``reset_parameters``, in definition order."""
    return [(name, sub) for name, sub in module.named_modules()
            if sub is not module and hasattr(sub, "reset_parameters")
            and any(True for _ in sub.parameters(recurse=False))]


_MEMBER = re.compile(r"(^|\.)members\.\d+\.")


def _layer_levels(module: Any) -> list[tuple[str, list[Any]]]:
    """:func:`_layers` grouped by depth: an ensemble's members share each level.

    In an :class:`skspectra.nn.EnsembleNet` the layer ``members.<k>.<name>`` of every
    member ``k`` forms one level, named ``members.*.<name>``, so that a cascade from the
    head down randomises the same depth of every member at once (otherwise the members
    not yet touched would keep explaining the averaged output). A single network has one
    layer per level, under its own name.
    """
    levels: dict[str, list[Any]] = {}
    for name, layer in _layers(module):
        levels.setdefault(_MEMBER.sub(r"\1members.*.", name), []).append(layer)
    return list(levels.items())


def cascading_randomisation_check(
    estimator: Any,
    X: Any,
    method: str | None = None,
    target: Any = None,
    *,
    random_state: int = 0,
    relevance: str = "absolute",
    **options: Any,
) -> tuple[list[str], np.ndarray]:
    """Re-initialise the network layer by layer from the head down; compare the maps.

    The cascading model-parameter randomisation of Adebayo et al. (2018): the layers of
    a copy of the network are re-initialised one after the other, starting at the
    output, and after each step the explanations are compared with the trained model's
    by Spearman rank correlation. A method that depends on what the model learned
    decorrelates as soon as the head is random and stays low; one that stays high while
    the top layers are random reflects the input and the lower layers only.

    Parameters
    ----------
    estimator : fitted deep estimator or Pipeline ending in one
        A model with a torch network (``module_``).
    X : array-like of shape (n_samples, n_features)
        Spectra to explain.
    method : str, default=None
        Explanation method (``None``: the model's default).
    target : class label, array-like of labels, or None, default=None
        ``None``: the trained model's predicted class, used at every step.
    random_state : int, default=0
        Seed of the re-initialisations.
    relevance : {"absolute", "signed"}, default="absolute"
        Correlate absolute attributions or signed ones.
    **options
        Passed to the method.

    Returns
    -------
    layers : list of str
        The layer randomised at each step, head first (names in the torch module; for an
        ensemble, ``members.*.<name>``: that layer of every member at once).
    rho : ndarray of shape (n_layers, n_samples)
        Spearman correlation after each step (row ``i``: layers ``0..i`` random).

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.models import GAPCNNClassifier
    >>> from skspectra.explain import cascading_randomisation_check
    >>> X, y, _ = make_spectra(n_samples=40, n_features=64, random_state=0)
    >>> clf = GAPCNNClassifier(n_filters=4, n_blocks=2, n_members=1, max_epochs=3,
    ...                        random_state=0)
    >>> layers, rho = cascading_randomisation_check(clf.fit(X, y), X[:4], method="grad_cam")
    >>> layers[0], rho.shape
    ('net.head.linear', (5, 4))
    """
    import torch

    _check_relevance(relevance)
    if target is None:
        target = estimator.predict(X)
    trained_maps = explain(estimator, X, method=method, target=target, **options)
    randomised = copy.deepcopy(estimator)
    final = randomised._final_estimator if isinstance(randomised, Pipeline) else randomised
    module = torch_module(final)
    names, rho = [], []
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(random_state)
        for name, layers in reversed(_layer_levels(module)):
            for layer in layers:
                layer.reset_parameters()
            module.eval()
            maps = explain(randomised, X, method=method, target=target, **options)
            names.append(name)
            rho.append(_compare(trained_maps, maps, relevance))
    return names, np.array(rho)


def label_randomisation_check(
    estimator: Any,
    X: Any,
    y: Any,
    X_explain: Any = None,
    method: str | None = None,
    *,
    random_state: int = 0,
    relevance: str = "absolute",
    **options: Any,
) -> np.ndarray:
    """Retrain on permuted labels; compare the maps with those of the model trained on ``y``.

    The data-randomisation check of Adebayo et al. (2018): a clone of ``estimator`` is
    trained on ``(X, y)`` and another on ``(X, permuted y)``, which can only memorise.
    Explanations of the same spectra and the same target class should then differ: a
    low Spearman correlation passes, a high one means the method does not depend on the
    relation between spectra and labels.

    Parameters
    ----------
    estimator : classifier
        An unfitted model or Pipeline (cloned twice).
    X : array-like of shape (n_samples, n_features)
        Training spectra.
    y : array-like of shape (n_samples,)
        Their labels.
    X_explain : array-like of shape (m, n_features), default=None
        Spectra to explain; ``None``: ``X``.
    method : str, default=None
        Explanation method (``None``: the model's default).
    random_state : int, default=0
        Seed of the permutation.
    relevance : {"absolute", "signed"}, default="absolute"
        Correlate absolute attributions or signed ones.
    **options
        Passed to the method.

    Returns
    -------
    ndarray of shape (m,)
        Spearman correlation per explained spectrum, for the class that the model
        trained on ``y`` predicts.

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.models import PLSLDAClassifier
    >>> from skspectra.explain import label_randomisation_check
    >>> X, y, _ = make_spectra(n_samples=60, n_features=50, random_state=0)
    >>> label_randomisation_check(PLSLDAClassifier(3), X, y, method="coef").shape
    (60,)
    """
    _check_relevance(relevance)
    X = np.asarray(X)
    y = np.asarray(y)
    X_explain = X if X_explain is None else np.asarray(X_explain)
    permuted = check_random_state(random_state).permutation(y)
    trained = clone(estimator).fit(X, y)
    memorised = clone(estimator).fit(X, permuted)
    target = trained.predict(X_explain)
    return _compare(explain(trained, X_explain, method=method, target=target, **options),
                    explain(memorised, X_explain, method=method, target=target, **options),
                    relevance)
