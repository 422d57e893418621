"""Standard normal variate (SNV) scatter correction."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from skspectra._validation import Interval

from ._base import SpectralTransformer, guard_zero


class SNV(SpectralTransformer):
    """Standard normal variate: centre and scale each spectrum on its own.

    Each spectrum ``x`` becomes ``(x - mean(x)) / std(x)``, which removes
    additive and multiplicative scatter effects spectrum by spectrum. It
    learns nothing from the training set: ``fit`` only validates.

    Parameters
    ----------
    ddof : int, default=0
        Delta degrees of freedom of the standard deviation (divisor
        ``n_features - ddof``). ``ddof=1`` is Barnes et al.'s formula; the
        choice scales every output by the same constant.

    Attributes
    ----------
    n_features_in_ : int
        Number of features (points per spectrum) seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names seen during ``fit``, when ``X`` had string column names.

    See Also
    --------
    MSC : Scatter correction against a reference spectrum.
    Normalize : Scaling without centring.

    Notes
    -----
    A constant spectrum has zero standard deviation (up to rounding); it is
    only centred (it becomes zeros) instead of producing NaN or noise.

    References
    ----------
    .. [1] R. J. Barnes, M. S. Dhanoa and S. J. Lister, "Standard normal variate
       transformation and de-trending of near-infrared diffuse reflectance
       spectra", Applied Spectroscopy 43(5), 772-777, 1989.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.preprocessing import SNV
    >>> X = np.array([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0]])
    >>> SNV().fit_transform(X).round(4)
    array([[-1.2247,  0.    ,  1.2247],
           [-1.2247,  0.    ,  1.2247]])
    """

    def __init__(self, ddof: int = 0) -> None:
        self.ddof = ddof

    _parameter_checks: ClassVar[dict[str, Any]] = {"ddof": Interval(int, 0)}

    def _check_params(self, n_features: int) -> None:
        if self.ddof >= n_features:
            raise ValueError(
                f"ddof must be less than the number of points per spectrum, got "
                f"ddof={self.ddof} and n_features={n_features}."
            )

    def _transform(self, X: np.ndarray) -> np.ndarray:
        centred = X - X.mean(axis=1, keepdims=True)
        std = np.sqrt((centred**2).sum(axis=1, keepdims=True) / (X.shape[1] - self.ddof))
        return centred / guard_zero(std, np.abs(X).max(axis=1, keepdims=True))
