"""Transmittance or reflectance to absorbance."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from skspectra._validation import Interval, Options

from ._base import SpectralTransformer


class ToAbsorbance(SpectralTransformer):
    """Convert transmittance or reflectance spectra to (apparent) absorbance.

    ``A = -log10(T)`` for transmittance ``T`` and ``A = log10(1 / R)`` for reflectance
    ``R`` (the apparent absorbance of NIR reflectance spectra), both as fractions; with
    ``percent=True`` the input is in percent and is divided by 100 first. Absorbance is
    what Beer-Lambert makes linear in concentration, and what PLS and most published
    deep models for spectra are trained on. It learns nothing: ``fit`` only validates.

    Parameters
    ----------
    quantity : {"transmittance", "reflectance"}, default="transmittance"
        What the input spectra are (the formula is the same; the name documents the
        pipeline and the error messages).
    percent : bool, default=False
        Whether the input is in percent (0-100) rather than a fraction (0-1).
    floor : float or None, default=None
        Smallest fraction kept: values below it are set to it before the logarithm, which
        caps the absorbance at ``-log10(floor)`` (e.g. ``1e-4`` caps it at 4). Saturated
        bands measure a transmittance near zero, and detector noise makes some of it
        negative. ``None``: a value <= 0 is an error.

    Attributes
    ----------
    n_features_in_ : int
        Number of features (points per spectrum) seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names seen during ``fit``, when ``X`` had string column names.

    Notes
    -----
    A value <= 0 has no absorbance (``log10`` of it is undefined): without ``floor``,
    ``fit`` and ``transform`` raise a :class:`ValueError` that says how many values and
    which spectrum, instead of returning infinity or NaN.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.preprocessing import ToAbsorbance
    >>> ToAbsorbance(percent=True).fit_transform(np.array([[100.0, 10.0, 1.0]]))
    array([[0., 1., 2.]])
    """

    def __init__(self, quantity: str = "transmittance", percent: bool = False,
                 floor: float | None = None) -> None:
        self.quantity = quantity
        self.percent = percent
        self.floor = floor

    _parameter_checks: ClassVar[dict[str, Any]] = {
        "quantity": Options(("transmittance", "reflectance")), "percent": Options((False, True)),
        "floor": (None, Interval(float, 0.0, 1.0, closed="neither"))}

    def _fractions(self, X: np.ndarray) -> np.ndarray:
        fractions = X / 100.0 if self.percent else X
        if self.floor is not None:
            return np.maximum(fractions, self.floor)
        bad = fractions <= 0
        if bad.any():
            rows = np.flatnonzero(bad.any(axis=1))
            raise ValueError(
                f"{self.quantity} must be > 0 to give an absorbance; {int(bad.sum())} values "
                f"are <= 0, first in spectrum {rows[0]} ({len(rows)} spectra in all). Pass "
                "floor= (e.g. 1e-4) to cap the absorbance, or baseline-correct first."
            )
        return fractions

    def _fit(self, X: np.ndarray) -> None:
        self._fractions(X)

    def _transform(self, X: np.ndarray) -> np.ndarray:
        return 0.0 - np.log10(self._fractions(X))  # 0.0 - : no -0.0 for a fraction of 1
