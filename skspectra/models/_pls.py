"""PLS2 by the improved kernel algorithms of Dayal and MacGregor (1997).

Pure numpy/scipy functions; the estimators in :mod:`skspectra.models` build on them.

Why these algorithms
--------------------
scikit-learn's :class:`~sklearn.cross_decomposition.PLSRegression` runs NIPALS: per
component it iterates a power method on the deflated ``X`` and ``Y`` (two passes over
``X`` per iteration, a few iterations for a multi-column ``Y``) and then deflates ``X``
in place (one more read-write pass). Dayal and MacGregor showed that only the small
cross-covariance matrix ``S = X'Y`` (p x q) needs deflating; the weight vector of each
component is the dominant left singular vector of ``S``, which we obtain exactly (no
power iteration) from the eigen-decomposition of the tiny ``S'S`` (q x q). The results
equal NIPALS' (same weights, loadings, rotations and scores), including for a
multi-column ``Y`` (PLS2), which SIMPLS does not reproduce.

Two variants, chosen by ``solver``:

``"direct"`` (their algorithm 1)
    Works on ``X`` itself: per component one product ``X r`` and one ``X' t``, that is
    two read-only passes over ``X`` and no deflation of ``X``. Cost ``O(n p k)``; best
    whenever ``n_features`` is not small compared with ``n_components``, and in
    particular for ``n_samples << n_features`` (typical spectra).
``"gram"`` (their algorithm 2)
    Forms the kernel ``X'X`` (p x p) once with a BLAS-3 product (``O(n p^2)``, centred
    block by block, no centred copy of ``X``), after which each component costs
    ``O(p^2)`` and never touches ``X`` again. Pays off for tall data with few features
    and many components.
``"auto"``
    ``"gram"`` when ``n_samples >= 2 * n_features`` and
    ``n_features <= 25 * n_components``, else ``"direct"``. The Gram product costs
    ``n p^2`` multiply-adds at BLAS-3 speed, the direct passes ``2 n p k`` at
    memory speed; the crossover, ``p`` about ``25 k``, was measured on 2 CPU cores
    (e.g. 20000 x 500: direct faster up to k = 10, Gram from k = 20).

Centring (and scaling) is implicit: ``X`` is never copied or modified.

References
----------
Dayal, B. S. and MacGregor, J. F. (1997). Improved PLS algorithms.
Journal of Chemometrics, 11(1), 73-85.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["PLSFit", "choose_solver", "pls_fit", "pls_transform", "pls_truncate", "pls_vip"]

_SOLVERS = ("auto", "direct", "gram")
# A component is only extracted while the largest singular value of the deflated
# X'Y is above this fraction of the first one; below it, X (or what X can still
# explain of Y) is exhausted to rounding error.
_RANK_RTOL = 1e-10
_BLOCK_BYTES = 8 * 2**20


class PLSFit(NamedTuple):
    """A fitted PLS model (all arrays float64).

    ``x_weights`` (p, k), ``x_loadings`` (p, k), ``x_rotations`` (p, k) and
    ``y_loadings`` (q, k) live in the centred (and scaled) coordinates, as in
    scikit-learn; ``x_scores`` is (n, k). ``k`` may be smaller than requested when the
    rank of the problem is exhausted (see :func:`pls_fit`).
    """

    x_mean: np.ndarray
    x_std: np.ndarray
    y_mean: np.ndarray
    y_std: np.ndarray
    x_weights: np.ndarray
    x_loadings: np.ndarray
    x_rotations: np.ndarray
    y_loadings: np.ndarray
    x_scores: np.ndarray

    @property
    def n_components(self) -> int:
        """Number of components actually extracted."""
        return self.x_weights.shape[1]


def choose_solver(n_samples: int, n_features: int, n_components: int) -> str:
    """Pick ``"direct"`` or ``"gram"`` for a problem shape (the ``"auto"`` rule).

    Examples
    --------
    >>> choose_solver(100, 2000, 20)
    'direct'
    >>> choose_solver(20000, 100, 20)
    'gram'
    """
    if n_samples >= 2 * n_features and n_features <= 25 * n_components:
        return "gram"
    return "direct"


def _row_blocks(n_samples: int, n_features: int):
    step = max(64, _BLOCK_BYTES // (8 * max(n_features, 1)))
    for start in range(0, n_samples, step):
        yield slice(start, min(start + step, n_samples))


def _column_std(X: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Column standard deviation (ddof=1), two-pass, without a full copy of X."""
    sq = np.zeros(X.shape[1])
    for rows in _row_blocks(*X.shape):
        d = X[rows] - mean
        sq += np.einsum("ij,ij->j", d, d)
    return np.sqrt(sq / (X.shape[0] - 1))


def _centred_gram(X: np.ndarray, mean: np.ndarray, std: np.ndarray | None) -> np.ndarray:
    """``Xs' Xs`` with ``Xs = (X - mean) / std``, accumulated over row blocks."""
    gram = np.zeros((X.shape[1], X.shape[1]))
    for rows in _row_blocks(*X.shape):
        block = X[rows] - mean
        if std is not None:
            block /= std
        gram += block.T @ block
    return gram


def _dominant_direction(St: np.ndarray) -> tuple[np.ndarray, float]:
    """Dominant left singular vector of ``S = St.T`` and its squared singular value.

    ``St`` is ``S`` transposed (q x p, rows contiguous); the eigenproblem is q x q.
    """
    if St.shape[0] == 1:
        w = St[0].copy()
        return w, float(w @ w)
    evals, evecs = np.linalg.eigh(St @ St.T)
    return evecs[:, -1] @ St, float(evals[-1])


def pls_fit(
    X: np.ndarray,
    Y: np.ndarray,
    n_components: int,
    *,
    scale: bool = False,
    solver: str = "auto",
) -> PLSFit:
    """Fit PLS (PLS1 or PLS2, regression deflation) as NIPALS would, without iterating.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), float64
        Predictors; not modified.
    Y : ndarray of shape (n_samples, n_targets), float64
        Responses (for PLS-DA: the one-hot class indicators).
    n_components : int
        Number of components wanted. Fewer are returned when the deflated ``X'Y``
        vanishes first (``X`` exhausted, or ``Y`` fully explained); callers check
        ``PLSFit.n_components``.
    scale : bool, default=False
        Scale ``X`` and ``Y`` columns to unit variance (ddof=1), as
        ``PLSRegression(scale=True)``; columns with zero variance are left unscaled.
    solver : {"auto", "direct", "gram"}, default="auto"
        See the module docstring.

    Returns
    -------
    PLSFit
        Weights, loadings, rotations, scores and the centring/scaling used.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(30, 50))
    >>> Y = np.eye(3)[rng.integers(0, 3, 30)]
    >>> fit = pls_fit(X, Y, 4)
    >>> fit.x_scores.shape, fit.n_components
    ((30, 4), 4)
    """
    if solver not in _SOLVERS:
        raise ValueError(f"solver must be one of {_SOLVERS}; got {solver!r}.")
    n, p = X.shape
    if solver == "auto":
        solver = choose_solver(n, p, n_components)
    x_mean, x_std, y_mean, y_std, St = _centre_scale(X, Y, scale)
    gram = _centred_gram(X, x_mean, x_std) if solver == "gram" else None

    # Components are stored as rows (contiguous writes), transposed at the end.
    k_max = min(n_components, p)
    W, P, R = np.zeros((k_max, p)), np.zeros((k_max, p)), np.zeros((k_max, p))
    Q = np.zeros((k_max, Y.shape[1]))
    T = np.zeros((k_max, n)) if gram is None else None
    first = None
    k = 0
    for k in range(k_max):
        w, sigma2 = _dominant_direction(St)
        first = sigma2 if first is None else first
        if not sigma2 > _RANK_RTOL**2 * first:
            break
        w /= np.sqrt(w @ w)
        if w[np.argmax(np.abs(w))] < 0:  # sign convention of scikit-learn
            w = -w
        r = w - (P[:k] @ w) @ R[:k]
        if gram is None:
            rs = r if x_std is None else r / x_std
            t = X @ rs - x_mean @ rs
            tt = t @ t
            p_k = (X.T @ t - x_mean * t.sum()) / tt
            p_k = p_k if x_std is None else p_k / x_std
            T[k] = t
        else:
            g_r = gram @ r
            tt = r @ g_r
            p_k = g_r / tt
        if not tt > 0.0:
            break
        q_k = (St @ r) / tt
        St -= np.outer(tt * q_k, p_k)
        W[k], P[k], R[k], Q[k] = w, p_k, r, q_k
    else:
        k = k_max
    fit = PLSFit(
        x_mean,
        np.ones(p) if x_std is None else x_std,
        y_mean,
        np.ones(Y.shape[1]) if y_std is None else y_std,
        W[:k].T,
        P[:k].T,
        R[:k].T,
        Q[:k].T,
        np.empty((n, 0)),
    )
    return fit._replace(x_scores=pls_transform(fit, X) if T is None else T[:k].T)


def _centre_scale(X: np.ndarray, Y: np.ndarray, scale: bool):
    """Means, scales (None when not scaling) and ``S' = Ys' Xs``, without copying X.

    Without scaling, the column sums of ``X`` and ``X' Yc`` come from one pass over
    ``X`` (a product with ``[1, Yc]``). ``Yc`` is centred, so ``X' Yc`` equals
    ``(X - mean)' Yc`` up to the rounding term removed below.
    """
    n = X.shape[0]
    y_mean = Y.mean(axis=0)
    Yc = Y - y_mean
    if not scale:
        sums_and_cross = np.vstack([np.ones(n), Yc.T]) @ X
        x_mean = sums_and_cross[0] / n
        St = sums_and_cross[1:] - np.outer(Yc.sum(axis=0), x_mean)
        return x_mean, None, y_mean, None, St
    x_mean = X.mean(axis=0)
    x_std = _column_std(X, x_mean)
    x_std[x_std == 0.0] = 1.0
    y_std = Yc.std(axis=0, ddof=1)
    y_std[y_std == 0.0] = 1.0
    Yc /= y_std
    St = (Yc.T @ X - np.outer(Yc.sum(axis=0), x_mean)) / x_std
    return x_mean, x_std, y_mean, y_std, St


def pls_transform(fit: PLSFit, X: np.ndarray) -> np.ndarray:
    """X scores ``((X - x_mean) / x_std) @ x_rotations`` without copying ``X``.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X, Y = rng.normal(size=(20, 8)), np.eye(2)[rng.integers(0, 2, 20)]
    >>> fit = pls_fit(X, Y, 3)
    >>> np.allclose(pls_transform(fit, X), fit.x_scores)
    True
    """
    Rs = fit.x_rotations / fit.x_std[:, None]
    return X @ Rs - fit.x_mean @ Rs


def pls_truncate(fit: PLSFit, n_components: int) -> PLSFit:
    """The nested sub-model made of the first ``n_components`` components.

    PLS components are extracted one after the other, so the model fitted with ``k``
    components is exactly this truncation of any model fitted with more.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X, Y = rng.normal(size=(20, 8)), np.eye(2)[rng.integers(0, 2, 20)]
    >>> np.allclose(pls_truncate(pls_fit(X, Y, 5), 2).x_weights, pls_fit(X, Y, 2).x_weights)
    True
    """
    k = n_components
    return fit._replace(
        x_weights=fit.x_weights[:, :k],
        x_loadings=fit.x_loadings[:, :k],
        x_rotations=fit.x_rotations[:, :k],
        y_loadings=fit.y_loadings[:, :k],
        x_scores=fit.x_scores[:, :k],
    )


def pls_vip(x_weights: np.ndarray, x_scores: np.ndarray, y_loadings: np.ndarray) -> np.ndarray:
    """Variable importance in projection (Wold), one value per feature.

    ``VIP_j = sqrt(p * sum_a SS_a (w_ja / ||w_a||)^2 / sum_a SS_a)`` where
    ``SS_a = ||q_a||^2 ||t_a||^2`` is the part of the sum of squares of (scaled) ``Y``
    explained by component ``a``. The mean of ``VIP^2`` over the features is 1.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X, Y = rng.normal(size=(20, 8)), np.eye(2)[rng.integers(0, 2, 20)]
    >>> fit = pls_fit(X, Y, 3)
    >>> vip = pls_vip(fit.x_weights, fit.x_scores, fit.y_loadings)
    >>> round(float(np.mean(vip**2)), 6)
    1.0
    """
    ss = (y_loadings**2).sum(axis=0) * (x_scores**2).sum(axis=0)
    w2 = x_weights**2 / (x_weights**2).sum(axis=0)
    return np.sqrt(x_weights.shape[0] * (w2 @ ss) / ss.sum())
