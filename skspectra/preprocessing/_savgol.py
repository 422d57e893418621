"""Savitzky-Golay smoothing and derivatives of spectra."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from scipy.signal import savgol_filter

from skspectra._validation import Interval, Options

from ._base import SpectralTransformer

_MODES = ("interp", "mirror", "nearest", "constant", "wrap")


class SavGol(SpectralTransformer):
    """Savitzky-Golay filter: smooth each spectrum or take its derivative.

    Fits a polynomial of degree ``polyorder`` by least squares to each window
    of ``window_length`` consecutive points and replaces the centre point by
    the polynomial's value (``deriv=0``) or its ``deriv``-th derivative. All
    spectra are filtered at once with :func:`scipy.signal.savgol_filter` along
    ``axis=1``, so the output equals scipy's to the last bit.

    Parameters
    ----------
    window_length : int, default=11
        Points in the filter window. Must be odd (an even window has no centre
        point, so scipy's even-window filter shifts every band by half a point),
        greater than ``polyorder`` and at most ``n_features``.
    polyorder : int, default=2
        Degree of the local polynomial, ``0 <= polyorder < window_length``.
    deriv : int, default=0
        Order of the derivative, ``0 <= deriv <= polyorder`` (a higher
        derivative of the local polynomial is identically zero, so it is
        refused rather than returned as zeros).
    delta : float, default=1.0
        Spacing of the x-axis, used to scale derivatives: the ``deriv``-th
        derivative is divided by ``delta**deriv``.
    mode : {"interp", "mirror", "nearest", "constant", "wrap"}, default="interp"
        Edge handling, passed to scipy. ``"interp"`` (default) fits one
        polynomial to the first and one to the last ``window_length`` points
        and evaluates it on the ``window_length // 2`` edge points, so no
        padding is invented; the other modes pad the spectrum (reflection
        about the edge point, repetition of the edge value, zeros, or
        periodic wrap) and filter the padded signal.

    Attributes
    ----------
    n_features_in_ : int
        Number of features (points per spectrum) seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names seen during ``fit``, when ``X`` had string column names.

    See Also
    --------
    scipy.signal.savgol_filter : The filter applied along each row.
    SNV : Scatter correction often applied after a derivative.

    Notes
    -----
    A window longer than the spectrum, ``polyorder >= window_length``,
    ``deriv > polyorder`` and an even ``window_length`` raise a
    :class:`ValueError` at ``fit`` (and at ``transform``, if the parameters
    were changed after fitting).

    References
    ----------
    .. [1] A. Savitzky and M. J. E. Golay, "Smoothing and differentiation of
       data by simplified least squares procedures", Analytical Chemistry
       36(8), 1627-1639, 1964.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.preprocessing import SavGol
    >>> X = np.arange(1.0, 8.0)[None, :] ** 2  # x**2 at x = 1..7
    >>> SavGol(window_length=5, polyorder=2).fit_transform(X).round(6)
    array([[ 1.,  4.,  9., 16., 25., 36., 49.]])
    >>> SavGol(window_length=5, polyorder=2, deriv=1).fit_transform(X).round(6)
    array([[ 2.,  4.,  6.,  8., 10., 12., 14.]])
    """

    def __init__(
        self,
        window_length: int = 11,
        polyorder: int = 2,
        deriv: int = 0,
        delta: float = 1.0,
        mode: str = "interp",
    ) -> None:
        self.window_length = window_length
        self.polyorder = polyorder
        self.deriv = deriv
        self.delta = delta
        self.mode = mode

    _parameter_checks: ClassVar[dict[str, Any]] = {
        "window_length": Interval(int, 1),
        "polyorder": Interval(int, 0),
        "deriv": Interval(int, 0),
        "delta": Interval(float, 0.0, closed="neither"),
        "mode": Options(_MODES),
    }

    def _check_params(self, n_features: int) -> None:
        window, polyorder, deriv = int(self.window_length), int(self.polyorder), int(self.deriv)
        if window % 2 == 0:
            raise ValueError(
                f"window_length must be odd, got window_length={window}: an even window "
                "has no centre point and would shift the spectrum by half a point."
            )
        if polyorder >= window:
            raise ValueError(
                f"polyorder must be less than window_length, got polyorder={polyorder} "
                f"and window_length={window}."
            )
        if deriv > polyorder:
            raise ValueError(
                f"deriv must be <= polyorder, got deriv={deriv} and polyorder={polyorder} "
                "(that derivative of the local polynomial is identically zero)."
            )
        if window > n_features:
            raise ValueError(
                f"window_length={window} is longer than the spectrum (n_features={n_features}); "
                "choose window_length <= n_features."
            )

    def _transform(self, X: np.ndarray) -> np.ndarray:
        return savgol_filter(
            X,
            self.window_length,
            self.polyorder,
            deriv=self.deriv,
            delta=self.delta,
            axis=1,
            mode=self.mode,
        )
