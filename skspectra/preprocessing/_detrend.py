"""Polynomial detrending of spectra."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from skspectra._validation import Interval

from ._base import SpectralTransformer


class Detrend(SpectralTransformer):
    """Subtract from each spectrum its least-squares polynomial trend.

    A polynomial of degree ``order`` in the point index is fitted to every
    spectrum by least squares and subtracted. All spectra share the same
    design (Vandermonde) matrix ``V``, so one thin QR factorisation
    ``V = QR`` serves every row: the detrended spectra are
    ``X - (X Q) Q^T``, two matrix products for the whole data set.

    Parameters
    ----------
    order : int, default=1
        Degree of the polynomial trend: 0 removes the mean, 1 a straight
        line, 2 a parabola. Must be less than ``n_features``.

    Attributes
    ----------
    n_features_in_ : int
        Number of features (points per spectrum) seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names seen during ``fit``, when ``X`` had string column names.

    See Also
    --------
    AsLS : Baseline removal that follows a curved baseline under peaks.
    SNV : Often combined with detrending (Barnes et al. 1989).

    Notes
    -----
    The polynomial is fitted against equally spaced points (the column
    index), as in Barnes et al.'s detrend; for an unevenly sampled x-axis the
    fitted trend is a polynomial in the index, not in the wavenumber.

    References
    ----------
    .. [1] R. J. Barnes, M. S. Dhanoa and S. J. Lister, "Standard normal variate
       transformation and de-trending of near-infrared diffuse reflectance
       spectra", Applied Spectroscopy 43(5), 772-777, 1989.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.preprocessing import Detrend
    >>> X = np.array([[1.0, 4.0, 5.0, 8.0]])  # a straight line plus a zig-zag
    >>> Detrend(order=1).fit_transform(X).round(6)
    array([[-0.2,  0.6, -0.6,  0.2]])
    """

    def __init__(self, order: int = 1) -> None:
        self.order = order

    _parameter_checks: ClassVar[dict[str, Any]] = {"order": Interval(int, 0)}

    def _check_params(self, n_features: int) -> None:
        order = int(self.order)
        if order >= n_features:
            raise ValueError(
                f"order must be less than the number of points per spectrum, got order={order} "
                f"and n_features={n_features}."
            )

    def _transform(self, X: np.ndarray) -> np.ndarray:
        # points scaled to [-1, 1] keep the Vandermonde matrix well conditioned
        t = np.linspace(-1.0, 1.0, X.shape[1])
        basis, _ = np.linalg.qr(np.vander(t, self.order + 1, increasing=True))
        basis = basis.astype(X.dtype)
        return X - (X @ basis) @ basis.T
