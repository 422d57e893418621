"""Asymmetric least squares (AsLS) baseline correction."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike

from skspectra._validation import Interval

from ._base import SpectralTransformer
from ._pentadiagonal import second_difference_penalty, solve_pentadiagonal

#: values per block of spectra (2**21: 1,048 spectra of 2,000 points); the ten work
#: arrays of a block then take 16 MB each
_BLOCK_VALUES = 2**21


class AsLS(SpectralTransformer):
    """Asymmetric least squares baseline: estimate a smooth baseline and subtract it.

    For each spectrum ``y`` the baseline ``z`` minimises
    ``sum_i w_i (y_i - z_i)**2 + lam * sum_i (Δ²z_i)**2``, a Whittaker
    smoother whose weights are asymmetric: after each solve, points above the
    baseline (peaks) get weight ``p`` and points below get ``1 - p``. With a
    small ``p`` the baseline slides under the peaks. Starting from ``w = 1``,
    the weights are updated until they stop changing (relative change at most
    ``tol``) or ``max_iter`` solves have been made.

    Each solve is the pentadiagonal system ``(W + lam D'D) z = W y``. All
    spectra still iterating are solved together by a vectorised LDL^T
    recurrence (see Notes), and a spectrum leaves the loop as soon as its
    weights have converged.

    Parameters
    ----------
    lam : float, default=1e5
        Smoothness penalty ``λ > 0``; larger is stiffer. Eilers & Boelens
        suggest ``1e2 <= lam <= 1e9`` for spectra. Its effect depends on the
        number of points per spectrum.
    p : float, default=0.01
        Asymmetry ``0 < p < 1``: weight of the points above the baseline.
        Eilers & Boelens suggest ``0.001 <= p <= 0.1`` for positive peaks.
    max_iter : int, default=10
        Maximum number of weighted solves per spectrum.
    tol : float, default=1e-3
        Convergence threshold on the relative change of the weights,
        ``||w_new - w|| / ||w||``. The weights only take the values ``p`` and
        ``1 - p``, so the default stops when (practically) no point changes
        side, which is Eilers & Boelens' criterion.
    return_baseline : bool, default=False
        By default ``transform`` returns the corrected spectra ``y - z``, so
        the transformer drops into a pipeline. With ``True`` it returns the
        baselines ``z`` themselves.

    Attributes
    ----------
    n_iter_ : int
        Largest number of weighted solves that a training spectrum needed at
        ``fit``; equal to ``max_iter`` when some spectrum did not converge.
        ``fit`` computes the training baselines for it (``fit_transform``
        computes them once).
    n_features_in_ : int
        Number of features (points per spectrum) seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names seen during ``fit``, when ``X`` had string column names.

    See Also
    --------
    Detrend : Subtraction of a fitted polynomial, for baselines without curvature.

    Notes
    -----
    The baseline is computed in float64 whatever the input dtype (``lam`` up
    to ``1e9`` needs it); the output is cast back to the input's dtype.
    Spectra of 1 or 2 points have no second difference to penalise: their
    baseline is the spectrum itself and the corrected spectrum is zero.

    Speed: LAPACK's banded Cholesky (``scipy.linalg.solveh_banded``) costs
    120-250 us per solve of a 2,000-point spectrum on the 2-core benchmark
    machine, dominated by per-column BLAS calls, so a loop over 10,000 spectra
    with up to 10 iterations takes 25-55 s. The recurrence used here makes 16
    numpy calls per column for a block of about a thousand spectra at once;
    ``benchmarks/preprocessing.py`` measured it 5 to 9 times faster than that loop (5 to 11 s
    for 10,000 x 2,000 spectra on that shared machine).

    References
    ----------
    .. [1] P. H. C. Eilers and H. F. M. Boelens, "Baseline correction with
       asymmetric least squares smoothing", Leiden University Medical Centre
       report, 2005.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.preprocessing import AsLS
    >>> t = np.linspace(0, 1, 200)
    >>> baseline = 1 + 2 * t
    >>> peak = np.exp(-0.5 * ((t - 0.5) / 0.01) ** 2)
    >>> X = (baseline + peak)[None, :]
    >>> corrected = AsLS(lam=1e5, p=0.001).fit_transform(X)
    >>> bool(np.abs(corrected[0] - peak).max() < 0.02)
    True
    """

    def __init__(
        self,
        lam: float = 1e5,
        p: float = 0.01,
        max_iter: int = 10,
        tol: float = 1e-3,
        return_baseline: bool = False,
    ) -> None:
        self.lam = lam
        self.p = p
        self.max_iter = max_iter
        self.tol = tol
        self.return_baseline = return_baseline

    _parameter_checks: ClassVar[dict[str, Any]] = {
        "lam": Interval(float, 0.0, closed="neither"),
        "p": Interval(float, 0.0, 1.0, closed="neither"),
        "max_iter": Interval(int, 1),
        "tol": Interval(float, 0.0, closed="left"),
    }

    def _check_params(self, n_features: int) -> None:
        if not isinstance(self.return_baseline, bool | np.bool_):
            raise TypeError(f"return_baseline must be a bool, got {self.return_baseline!r}.")

    def fit_transform(self, X: ArrayLike, y: None = None) -> np.ndarray:
        """Fit to the spectra and return them baseline-corrected, in one pass.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra, one per row.
        y : None
            Ignored; present for the scikit-learn API.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_features)
            Corrected spectra, or baselines with ``return_baseline=True``.
        """
        X = self._validate_fit(X)
        X_new, self.n_iter_ = self._apply(X)
        return np.asarray(X_new, dtype=X.dtype)

    def _fit(self, X: np.ndarray) -> None:
        self.n_iter_ = self._apply(X)[1]

    def _transform(self, X: np.ndarray) -> np.ndarray:
        return self._apply(X)[0]

    def _apply(self, X: np.ndarray) -> tuple[np.ndarray, int]:
        """Corrected spectra (or baselines) and the largest iteration count."""
        n_samples, n_features = X.shape
        block = max(1, _BLOCK_VALUES // n_features)
        baseline = np.empty((n_samples, n_features))
        n_iter = 0
        for start in range(0, n_samples, block):
            rows = slice(start, start + block)
            # (n_features, n_spectra) layout: the solver's steps are contiguous rows
            spectra = np.array(X[rows].T, dtype=np.float64, order="C")
            block_baseline, block_iter = self._fit_baselines(spectra)
            baseline[rows] = block_baseline.T
            n_iter = max(n_iter, block_iter)
        return (baseline if self.return_baseline else X - baseline), n_iter

    def _fit_baselines(self, Y: np.ndarray) -> tuple[np.ndarray, int]:
        """Baselines of the spectra in the columns of ``Y`` and the solves made.

        The spectra still iterating are kept compacted in the first columns of
        the work arrays; a spectrum's baseline is written to the output when
        its weights stop changing. The work arrays are allocated once per block.
        """
        n_features, n_spectra = Y.shape
        diag, sub1, sub2 = second_difference_penalty(n_features)
        diag, sub1, sub2 = self.lam * diag[:, None], self.lam * sub1, self.lam * sub2
        baselines = np.empty_like(Y)
        system, rhs, new_weights, difference, *work = (np.empty_like(Y) for _ in range(7))
        above = np.empty(Y.shape, dtype=bool)
        active = np.arange(n_spectra)  # columns of the spectra still iterating
        W = np.ones_like(Y)
        n_iter = 0
        while True:
            n_iter += 1
            m = active.size
            np.add(diag, W, out=system[:, :m])
            np.multiply(W, Y, out=rhs[:, :m])
            z = solve_pentadiagonal(
                system[:, :m], sub1, sub2, rhs[:, :m], work=tuple(w[:, :m] for w in work)
            )
            if n_iter == self.max_iter:
                baselines[:, active] = z
                return baselines, n_iter
            # w = p above the baseline, 1 - p on or below it
            np.greater(Y, z, out=above[:, :m])
            W_new = np.multiply(above[:, :m], 2 * self.p - 1, out=new_weights[:, :m])
            W_new += 1 - self.p
            step = np.subtract(W_new, W, out=difference[:, :m])
            change = np.sqrt(np.einsum("ij,ij->j", step, step) / np.einsum("ij,ij->j", W, W))
            moving = change > self.tol
            if not moving.all():
                done = ~moving
                baselines[:, active[done]] = np.compress(done, z, axis=1)
                if not moving.any():
                    return baselines, n_iter
                active = active[moving]
                Y = np.compress(moving, Y, axis=1)
                W = np.compress(moving, W_new, axis=1)
            else:
                np.copyto(W, W_new)
