"""Normalisation of each spectrum by its norm, area, maximum or range."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from skspectra._validation import Options

from ._base import SpectralTransformer, guard_zero

_NORMS = ("l2", "area", "max", "minmax")


class Normalize(SpectralTransformer):
    """Scale each spectrum on its own: by its l2 norm, area, maximum or range.

    Parameters
    ----------
    norm : {"l2", "area", "max", "minmax"}, default="l2"
        - ``"l2"``: ``x / sqrt(sum(x**2))``, unit Euclidean norm.
        - ``"area"``: ``x / sum(|x|)``, unit area under ``|x|`` (rectangle
          rule on a unit-spaced axis, i.e. the l1 norm; the absolute value
          keeps the divisor positive for derivative spectra).
        - ``"max"``: ``x / max(|x|)``, the largest peak becomes 1 (or -1).
        - ``"minmax"``: ``(x - min(x)) / (max(x) - min(x))``, range [0, 1].

    Attributes
    ----------
    n_features_in_ : int
        Number of features (points per spectrum) seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names seen during ``fit``, when ``X`` had string column names.

    See Also
    --------
    SNV : Centring and scaling by the standard deviation.
    sklearn.preprocessing.Normalizer : The l1 / l2 / max norms, without "minmax".

    Notes
    -----
    A divisor that is zero (up to rounding), as for an all-zero or a constant
    spectrum, is replaced by 1: the spectrum is left unscaled (``"minmax"``
    still subtracts the minimum) instead of producing NaN.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.preprocessing import Normalize
    >>> X = np.array([[1.0, 3.0, 2.0, 2.0]])
    >>> Normalize(norm="max").fit_transform(X).round(4)
    array([[0.3333, 1.    , 0.6667, 0.6667]])
    >>> Normalize(norm="minmax").fit_transform(X)
    array([[0. , 1. , 0.5, 0.5]])
    """

    def __init__(self, norm: str = "l2") -> None:
        self.norm = norm

    _parameter_checks: ClassVar[dict[str, Any]] = {"norm": Options(_NORMS)}

    def _transform(self, X: np.ndarray) -> np.ndarray:
        magnitude = np.abs(X).max(axis=1, keepdims=True)
        if self.norm == "l2":
            divisor = np.sqrt((X**2).sum(axis=1, keepdims=True))
        elif self.norm == "area":
            divisor = np.abs(X).sum(axis=1, keepdims=True)
        elif self.norm == "max":
            divisor = magnitude.copy()
        else:  # minmax
            low = X.min(axis=1, keepdims=True)
            X = X - low
            divisor = X.max(axis=1, keepdims=True)
        return X / guard_zero(divisor, magnitude)
