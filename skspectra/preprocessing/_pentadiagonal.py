"""Many symmetric pentadiagonal linear systems solved at once (vectorised over systems).

AsLS solves ``(W + lam D'D) z = W y`` for every spectrum, with a different
diagonal ``W`` per spectrum and iteration. LAPACK's banded Cholesky
(``solveh_banded``) pays BLAS calls per matrix column, 120-250 us for a
2,000-point spectrum on the benchmark machine; the LDL^T recurrence below
runs its Python loop over the columns once and does each step for all systems
with a fixed 16 numpy calls, which is several times faster for many spectra.
"""

from __future__ import annotations

import numpy as np

__all__ = ["second_difference_penalty", "solve_pentadiagonal"]


def second_difference_penalty(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Diagonals of ``D'D`` for the second-difference matrix ``D`` of shape (n - 2, n).

    Returns
    -------
    diag, sub1, sub2 : ndarray of shape (n,)
        ``diag[k] = (D'D)[k, k]``, ``sub1[k] = (D'D)[k, k - 1]`` (``sub1[0] = 0``) and
        ``sub2[k] = (D'D)[k, k - 2]`` (``sub2[:2] = 0``).
    """
    diag, sub1, sub2 = np.zeros(n), np.zeros(n), np.zeros(n)
    # row j of D is (1, -2, 1) in columns j, j + 1, j + 2, for j = 0 .. n - 3
    diag[: n - 2] += 1.0
    diag[1 : n - 1] += 4.0
    diag[2:] += 1.0
    sub1[1 : n - 1] -= 2.0
    sub1[2:] -= 2.0
    sub2[2:] += 1.0
    return diag, sub1, sub2


def solve_pentadiagonal(
    diag: np.ndarray,
    sub1: np.ndarray,
    sub2: np.ndarray,
    rhs: np.ndarray,
    work: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Solve ``A_j z_j = rhs_j`` for m symmetric positive definite pentadiagonal ``A_j``.

    System ``j`` is column ``j``: its main diagonal is ``diag[:, j]``; its two
    sub-diagonals ``sub1`` (``A[k, k-1]``) and ``sub2`` (``A[k, k-2]``) are
    shared by all systems. The LDL^T factorisation and both substitutions
    loop over the n rows and treat all m systems at once.

    Parameters
    ----------
    diag : ndarray of shape (n, m)
        Main diagonals, one column per system.
    sub1, sub2 : ndarray of shape (n,)
        First and second sub-diagonals (``sub1[0]`` and ``sub2[:2]`` unused).
    rhs : ndarray of shape (n, m)
        Right-hand sides; overwritten with the solutions.
    work : tuple of three ndarrays of shape (n, m), optional
        Scratch arrays for the factors, to reuse across calls (fresh large
        arrays cost a page fault per 4 kB on first touch); allocated if None.

    Returns
    -------
    z : ndarray of shape (n, m)
        The solutions (the ``rhs`` array itself).
    """
    n, m = diag.shape
    if work is None:
        work = (np.empty_like(diag), np.empty_like(diag), np.empty_like(diag))
    # Python lists of row views and positional ``out`` arguments: with a few
    # thousand systems the loop is bound by per-call overhead, not arithmetic.
    d, e, f = (list(w) for w in work)  # D of LDL^T, L[k, k-1] and L[k, k-2]
    a, u = list(diag), list(rhs)  # u: forward substitution L u = rhs, in place
    b_list, c_list = sub1.tolist(), sub2.tolist()
    mul, sub, div = np.multiply, np.subtract, np.divide
    g = np.empty(m, dtype=diag.dtype)
    tmp = np.empty(m, dtype=diag.dtype)
    np.copyto(d[0], a[0])
    if n > 1:
        div(b_list[1], d[0], e[1])
        mul(e[1], b_list[1], tmp)
        sub(a[1], tmp, d[1])
        mul(e[1], u[0], tmp)
        sub(u[1], tmp, u[1])
    for k in range(2, n):
        c, b = c_list[k], b_list[k]
        dk, ek, fk, uk = d[k], e[k], f[k], u[k]
        div(c, d[k - 2], fk)  # f_k d_{k-2} = A[k, k-2]
        mul(e[k - 1], -c, g)
        np.add(g, b, g)  # g = e_k d_{k-1} = A[k, k-1] - f_k e_{k-1} d_{k-2}
        div(g, d[k - 1], ek)
        mul(ek, g, tmp)  # e_k^2 d_{k-1}
        sub(a[k], tmp, dk)
        mul(fk, c, tmp)  # f_k^2 d_{k-2}
        sub(dk, tmp, dk)
        mul(ek, u[k - 1], tmp)
        sub(uk, tmp, uk)
        mul(fk, u[k - 2], tmp)
        sub(uk, tmp, uk)
    z = rhs
    z /= work[0]  # D v = u
    # back substitution L^T z = v
    if n > 1:
        mul(e[n - 1], u[n - 1], tmp)
        sub(u[n - 2], tmp, u[n - 2])
    for k in range(n - 3, -1, -1):
        zk = u[k]
        mul(e[k + 1], u[k + 1], tmp)
        sub(zk, tmp, zk)
        mul(f[k + 2], u[k + 2], tmp)
        sub(zk, tmp, zk)
    return z
