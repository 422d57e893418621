"""Input-gradient methods: saliency, SmoothGrad and integrated gradients (batched)."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.utils import check_random_state

from skspectra._validation import check_int
from skspectra.explain._baseline import fixed_baseline
from skspectra.explain._progress import progress_batches
from skspectra.explain._torch_utils import (
    as_2d_float,
    check_output,
    class_scores,
    eval_mode,
    resolve_targets,
    tensor,
    torch_module,
)

__all__ = ["integrated_gradients", "saliency", "smoothgrad"]

_IG_METHODS = ("gausslegendre", "riemann_trapezoid")


def _input_gradients(
    module: Any, X: np.ndarray, targets: np.ndarray, output: str, batch_size: int
) -> np.ndarray:
    """``dy^c/dx`` for each row of ``X``: one forward and one backward pass per batch."""
    import torch

    grads = np.empty_like(X)
    for lo, hi in progress_batches(X.shape[0], batch_size):
        with torch.enable_grad():
            x = tensor(module, X[lo:hi], requires_grad=True)
            scores = class_scores(module(x), targets[lo:hi], output)
            # Rows are independent in eval mode: the gradient of the sum is per-row.
            (grad,) = torch.autograd.grad(scores.sum(), x)
        grads[lo:hi] = grad.double().cpu().numpy()
    return grads


def _setup(model: Any, X: Any, target_indices: Any, output: str, batch_size: int):
    module = torch_module(model)
    X = as_2d_float(X)
    check_output(output)
    batch_size = check_int("batch_size", batch_size, 1)
    with eval_mode(module):
        targets = resolve_targets(module, X, target_indices, batch_size)
    return module, X, targets, batch_size


def saliency(
    model: Any,
    X: Any,
    target_indices: Any = None,
    *,
    absolute: bool = True,
    output: str = "logit",
    batch_size: int = 256,
) -> np.ndarray:
    """Saliency map ``|dy^c/dx|``: the gradient of the class score w.r.t. the raw spectrum.

    Parameters
    ----------
    model : fitted deep estimator or torch.nn.Module
        The network, or an estimator whose ``module_`` is the network.
    X : array-like of shape (n_samples, n_features)
        Raw spectra.
    target_indices : int, array-like of int of shape (n_samples,), or None
        Output (class) to explain per sample; ``None``: the largest output.
    absolute : bool, default=True
        Return the absolute gradient (standard saliency); ``False``: signed gradient.
    output : {"logit", "proba"}, default="logit"
        Which score ``y^c`` is differentiated.
    batch_size : int, default=256
        Spectra per forward/backward pass.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN
    >>> from skspectra.explain import saliency
    >>> _ = torch.manual_seed(0)
    >>> net = GAPCNN(n_outputs=2, n_filters=4).eval()
    >>> saliency(net, torch.randn(2, 32).numpy()).shape
    (2, 32)
    """
    module, X, targets, batch_size = _setup(model, X, target_indices, output, batch_size)
    with eval_mode(module):
        grads = _input_gradients(module, X, targets, output, batch_size)
    return np.abs(grads) if absolute else grads


def smoothgrad(
    model: Any,
    X: Any,
    target_indices: Any = None,
    *,
    n_samples: int = 25,
    noise_level: float = 0.1,
    absolute: bool = True,
    random_state: Any = None,
    output: str = "logit",
    batch_size: int = 256,
) -> np.ndarray:
    """SmoothGrad: the mean saliency over ``n_samples`` noisy copies of each spectrum.

    The Gaussian noise has standard deviation ``noise_level * (max(x) - min(x))``
    per spectrum (the relative noise level of Smilkov et al., 2017). The noisy
    copies of all spectra are stacked and processed in batches of ``batch_size``.

    Parameters
    ----------
    model : fitted deep estimator or torch.nn.Module
        The network, or an estimator whose ``module_`` is the network.
    X : array-like of shape (n_samples, n_features)
        Raw spectra.
    target_indices : int, array-like of int of shape (n_samples,), or None
        Output (class) to explain per sample; ``None``: the largest output for the
        clean spectrum.
    n_samples : int, default=25
        Noisy copies per spectrum.
    noise_level : float, default=0.1
        Noise standard deviation relative to each spectrum's range.
    absolute : bool, default=True
        Average absolute gradients (``False``: signed gradients).
    random_state : int, RandomState or None, default=None
        Seed of the noise.
    output : {"logit", "proba"}, default="logit"
        Which score is differentiated.
    batch_size : int, default=256
        Noisy spectra per forward/backward pass.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN
    >>> from skspectra.explain import smoothgrad
    >>> _ = torch.manual_seed(0)
    >>> net = GAPCNN(n_outputs=2, n_filters=4).eval()
    >>> smoothgrad(net, torch.randn(2, 32).numpy(), n_samples=4, random_state=0).shape
    (2, 32)
    """
    module, X, targets, batch_size = _setup(model, X, target_indices, output, batch_size)
    n_copies = check_int("n_samples", n_samples, 1)
    if not np.isfinite(noise_level) or noise_level < 0:
        raise ValueError(f"noise_level must be a finite number >= 0; got {noise_level!r}.")
    rng = check_random_state(random_state)
    sigma = noise_level * (X.max(axis=1) - X.min(axis=1))
    noisy = np.repeat(X, n_copies, axis=0)
    noisy += rng.standard_normal(noisy.shape) * np.repeat(sigma, n_copies)[:, None]
    with eval_mode(module):
        grads = _input_gradients(module, noisy, np.repeat(targets, n_copies), output, batch_size)
    if absolute:
        grads = np.abs(grads)
    return grads.reshape(X.shape[0], n_copies, X.shape[1]).mean(axis=1)


def _path_rule(method: str, n_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Quadrature points ``alphas`` in [0, 1] and their weights for the path integral."""
    if method == "gausslegendre":
        nodes, weights = np.polynomial.legendre.leggauss(n_steps)
        return 0.5 * (1 + nodes), 0.5 * weights
    if n_steps < 2:
        raise ValueError("method='riemann_trapezoid' needs n_steps >= 2.")
    weights = np.full(n_steps, 1.0 / (n_steps - 1))
    weights[[0, -1]] /= 2
    return np.linspace(0, 1, n_steps), weights


def integrated_gradients(
    model: Any,
    X: Any,
    target_indices: Any = None,
    *,
    baseline: Any = "zero",
    n_steps: int = 50,
    method: str = "gausslegendre",
    output: str = "logit",
    batch_size: int = 256,
) -> np.ndarray:
    """Integrated gradients ``(x - x') * integral_0^1 dy^c/dx(x' + a (x - x')) da``.

    The integral along the straight path from the baseline ``x'`` to ``x`` is
    approximated by a quadrature of ``n_steps`` points (Gauss-Legendre by default,
    as captum does); the path points of all spectra are stacked and their gradients
    computed in batches. The attributions sum to about ``y^c(x) - y^c(x')``
    (completeness).

    Parameters
    ----------
    model : fitted deep estimator or torch.nn.Module
        The network, or an estimator whose ``module_`` is the network.
    X : array-like of shape (n_samples, n_features)
        Raw spectra.
    target_indices : int, array-like of int of shape (n_samples,), or None
        Output (class) to explain per sample; ``None``: the largest output.
    baseline : {"zero", "mean"}, float or array-like, default="zero"
        The reference ``x'``: zeros, the mean spectrum of ``X``, a constant, or an
        array of shape (n_features,) or (n_samples, n_features).
    n_steps : int, default=50
        Number of quadrature points.
    method : {"gausslegendre", "riemann_trapezoid"}, default="gausslegendre"
        Quadrature rule.
    output : {"logit", "proba"}, default="logit"
        Which score is differentiated.
    batch_size : int, default=256
        Path points per forward/backward pass.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> import torch
    >>> from skspectra.nn import GAPCNN
    >>> from skspectra.explain import integrated_gradients
    >>> _ = torch.manual_seed(0)
    >>> net = GAPCNN(n_outputs=2, n_filters=4).eval()
    >>> integrated_gradients(net, torch.randn(2, 32).numpy(), n_steps=8).shape
    (2, 32)
    """
    module, X, targets, batch_size = _setup(model, X, target_indices, output, batch_size)
    n_steps = check_int("n_steps", n_steps, 1)
    if method not in _IG_METHODS:
        raise ValueError(f"method must be one of {_IG_METHODS}; got {method!r}.")
    base = fixed_baseline(baseline, X)
    alphas, weights = _path_rule(method, n_steps)
    delta = X - base
    path = base[:, None, :] + alphas[None, :, None] * delta[:, None, :]
    path = path.reshape(-1, X.shape[1])
    with eval_mode(module):
        grads = _input_gradients(module, path, np.repeat(targets, n_steps), output, batch_size)
    grads = grads.reshape(X.shape[0], n_steps, X.shape[1])
    return delta * np.einsum("s,nsp->np", weights, grads)
