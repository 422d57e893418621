"""Shared machinery of the spectral transformers: validation, dtype, feature names.

Every transformer in :mod:`skspectra.preprocessing` works row-wise on a 2D array
of spectra, shape ``(n_samples, n_features)``: one spectrum per row, one
wavelength / wavenumber per column. The base class below validates the input
with :func:`sklearn.utils.validation.validate_data` (2D, finite, float64 or
float32; integers become float64), records ``n_features_in_`` and
``feature_names_in_`` at ``fit`` and checks them again at ``transform``, and
casts the result back to the input's float dtype.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from skspectra._validation import validate_parameters

__all__ = [
    "SpectralTransformer",
    "guard_zero",
]

#: dtypes accepted as they are; anything else (ints, bools, float16) becomes float64.
FLOAT_DTYPES = (np.float64, np.float32)


def guard_zero(divisor: np.ndarray, magnitude: np.ndarray) -> np.ndarray:
    """Replace divisors that are zero up to rounding by 1, in place, and return them.

    A divisor counts as zero when it is at most ``10 * eps`` times
    ``magnitude`` (the size of the values it was computed from), so that a
    constant spectrum is left unscaled instead of being blown up to noise or NaN.
    """
    tiny = np.abs(divisor) <= 10 * np.finfo(divisor.dtype).eps * magnitude
    divisor[tiny] = 1
    return divisor


class SpectralTransformer(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Base class of the row-wise spectral transformers.

    Subclasses implement ``_transform(X)`` (``X`` is validated, 2D, float32 or
    float64), declare ``_parameter_checks`` (checked by
    :func:`skspectra._validation.validate_parameters` at ``fit`` and ``transform``), and
    may override ``_check_params(n_features)`` (what the constraints cannot say: checks
    that involve several parameters or the number of points) and ``_fit(X)`` (learn
    state, e.g. a reference spectrum). The output keeps the input's float
    dtype: float32 stays float32, float64 stays float64, integers become
    float64.
    """

    _parameter_checks: ClassVar[dict[str, Any]] = {}

    def _check_params(self, n_features: int) -> None:
        """Validate the parameters against the number of features; override."""

    def _check_all_params(self, n_features: int) -> None:
        validate_parameters(self)
        self._check_params(n_features)

    def _fit(self, X: np.ndarray) -> None:
        """Learn fitted attributes from validated ``X``; stateless by default."""

    def _transform(self, X: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def fit(self, X: ArrayLike, y: None = None) -> SpectralTransformer:
        """Validate the spectra and learn what the transform needs.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra, one per row. A pandas DataFrame's column names are kept as
            ``feature_names_in_``.
        y : None
            Ignored; present for the scikit-learn API.

        Returns
        -------
        self : object
            The fitted transformer.
        """
        self._fit(self._validate_fit(X))
        return self

    def _validate_fit(self, X: ArrayLike) -> np.ndarray:
        """Validate ``X`` at fit time: sets ``n_features_in_`` and ``feature_names_in_``."""
        X = validate_data(self, X, dtype=FLOAT_DTYPES)
        self._check_all_params(X.shape[1])
        return X

    def transform(self, X: ArrayLike) -> np.ndarray:
        """Transform the spectra.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra, one per row, with the same features as at ``fit``.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_features_out)
            The transformed spectra, float32 for float32 input, else float64.
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=FLOAT_DTYPES, reset=False)
        self._check_all_params(X.shape[1])
        return np.asarray(self._transform(X), dtype=X.dtype)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
