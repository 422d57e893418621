"""Multiplicative scatter correction (MSC)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from skspectra._validation import check_option

from ._base import SpectralTransformer, guard_zero

_REFERENCES = ("mean", "median")


class MSC(SpectralTransformer):
    """Multiplicative scatter correction against a reference spectrum.

    For each spectrum ``x`` the offset ``a`` and slope ``b`` of the
    least-squares line ``x ≈ a + b * reference`` are estimated, and the
    spectrum becomes ``(x - a) / b``: additive and multiplicative scatter
    relative to the reference are removed. All spectra are corrected at once
    with one matrix-vector product.

    Parameters
    ----------
    reference : {"mean", "median"} or array-like of shape (n_features,), default="mean"
        The reference spectrum: the mean or the median of the training
        spectra, or an explicit spectrum (for example an ideal, scatter-free one).

    Attributes
    ----------
    reference_ : ndarray of shape (n_features,)
        The reference spectrum used by ``transform`` (float64).
    n_features_in_ : int
        Number of features (points per spectrum) seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names seen during ``fit``, when ``X`` had string column names.

    See Also
    --------
    SNV : Scatter correction of each spectrum on its own, without a reference.

    Notes
    -----
    A constant reference spectrum (no variation to regress on) raises a
    :class:`ValueError` at ``fit``. A spectrum whose slope against the
    reference is zero up to rounding (a flat spectrum) cannot be divided by
    it; such a spectrum is only centred, ``x - mean(x)``, as :class:`SNV`
    does with a constant spectrum, instead of producing NaN or infinity.

    References
    ----------
    .. [1] P. Geladi, D. MacDougall and H. Martens, "Linearization and
       scatter-correction for near-infrared reflectance spectra of meat",
       Applied Spectroscopy 39(3), 491-500, 1985.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.preprocessing import MSC
    >>> ref = np.array([1.0, 3.0, 2.0, 5.0])
    >>> X = np.vstack([2.0 + 3.0 * ref, -1.0 + 0.5 * ref])
    >>> msc = MSC(reference=ref).fit(X)
    >>> msc.transform(X).round(6)
    array([[1., 3., 2., 5.],
           [1., 3., 2., 5.]])
    """

    def __init__(self, reference: str | ArrayLike = "mean") -> None:
        self.reference = reference

    def _check_params(self, n_features: int) -> None:
        if n_features < 2:
            raise ValueError(
                "MSC needs at least 2 points per spectrum to fit an offset and a slope, "
                f"got n_features={n_features}."
            )

    def _fit(self, X: np.ndarray) -> None:
        if isinstance(self.reference, str):
            check_option("reference", self.reference, _REFERENCES)
            statistic = np.mean if self.reference == "mean" else np.median
            reference = statistic(X, axis=0).astype(np.float64)
        else:
            try:
                reference = np.asarray(self.reference, dtype=np.float64)
            except (TypeError, ValueError) as exc:
                raise TypeError(
                    "reference must be 'mean', 'median' or an array of numbers, got "
                    f"{self.reference!r}."
                ) from exc
            if reference.shape != (X.shape[1],):
                raise ValueError(
                    f"reference must be a 1D array with one value per feature: expected shape "
                    f"({X.shape[1]},), got shape {reference.shape}."
                )
            if not np.all(np.isfinite(reference)):
                raise ValueError("reference contains NaN or infinity.")
        spread = np.ptp(reference)
        if spread <= 10 * np.finfo(np.float64).eps * np.abs(reference).max():
            raise ValueError(
                "The reference spectrum is constant, so no slope can be fitted against it; "
                "MSC needs a reference that varies along the spectrum."
            )
        self.reference_ = reference

    def _transform(self, X: np.ndarray) -> np.ndarray:
        reference = self.reference_.astype(X.dtype)
        ref_mean = reference.mean()
        centred_ref = reference - ref_mean
        # least squares x = a + b * ref: b = <x - mean(x), ref - mean(ref)> / |ref - mean(ref)|^2;
        # <mean(x), ref - mean(ref)> = 0, so the centring of x can be skipped.
        slope = (X @ centred_ref) / (centred_ref @ centred_ref)
        offset = X.mean(axis=1) - slope * ref_mean
        # a zero slope (flat spectrum) cannot be divided out: such spectra are only centred
        scale = np.linalg.norm(X, axis=1) / np.linalg.norm(centred_ref)
        slope = guard_zero(slope, scale)
        return (X - offset[:, None]) / slope[:, None]
