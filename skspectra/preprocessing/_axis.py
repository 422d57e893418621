"""The x-axis of spectra: read from column names or given, and converted between units."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

__all__ = ["AXIS_UNITS", "check_x_axis", "convert_axis", "parse_column_names", "resolve_x_axis"]

#: Units of :func:`convert_axis`: wavelengths in nm or um, wavenumbers in cm^-1.
AXIS_UNITS = ("nm", "um", "cm-1")
_NM_PER_UNIT = {"nm": 1.0, "um": 1e3}


def parse_column_names(columns: Iterable[object], owner: str) -> np.ndarray:
    """The x-axis from DataFrame column names: numbers or numeric strings."""
    values = []
    for name in columns:
        try:
            values.append(float(name))
        except (TypeError, ValueError):
            raise ValueError(
                f"{owner} reads the x-axis from the DataFrame column names, but {name!r} is "
                "not a number; pass the x-axis explicitly with x_axis=."
            ) from None
    x_axis = np.asarray(values, dtype=np.float64)
    if not np.all(np.isfinite(x_axis)):
        raise ValueError("The x-axis read from the DataFrame column names has NaN or infinity.")
    return x_axis


def check_x_axis(x_axis: Any, n_features: int, name: str = "x_axis") -> np.ndarray:
    """``x_axis`` as a finite float64 array of shape (n_features,); clear error otherwise."""
    try:
        values = np.asarray(x_axis, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers: {exc}") from exc
    if values.shape != (n_features,):
        raise ValueError(
            f"{name} must be 1D with one value per feature: got shape {values.shape} "
            f"for n_features={n_features}."
        )
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name} contains NaN or infinity.")
    return values


def resolve_x_axis(x_axis: Any, columns: Iterable[object] | None, n_features: int,
                   owner: str) -> np.ndarray:
    """The x-axis of a transformer's input: ``x_axis``, else numeric column names, else indices."""
    if x_axis is not None:
        return check_x_axis(x_axis, n_features)
    if columns is not None:
        return parse_column_names(columns, owner)
    return np.arange(n_features, dtype=np.float64)


def convert_axis(x_axis: Any, source: str, target: str) -> np.ndarray:
    """Convert x-axis values between wavelength (nm, um) and wavenumber (cm^-1).

    ``wavenumber [cm^-1] = 1e7 / wavelength [nm]``. The order of the values is kept, so a
    wavelength axis that rises gives a wavenumber axis that falls. Only the axis changes:
    the intensities stay what they are (no Jacobian rescaling), as spectroscopy software
    does when it relabels an axis.

    Parameters
    ----------
    x_axis : array-like of float
        Axis values in ``source`` units, all > 0.
    source, target : {"nm", "um", "cm-1"}
        Units of the values given and of the values returned.

    Returns
    -------
    ndarray of float64, the same shape as ``x_axis``

    Examples
    --------
    >>> from skspectra.preprocessing import convert_axis
    >>> convert_axis([1000.0, 2500.0], "nm", "cm-1")
    array([10000.,  4000.])
    >>> convert_axis([4000.0], "cm-1", "um")
    array([2.5])
    """
    for name, unit in (("source", source), ("target", target)):
        if unit not in AXIS_UNITS:
            raise ValueError(f"{name} must be one of {list(AXIS_UNITS)}, got {unit!r}.")
    try:
        values = np.asarray(x_axis, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"x_axis must be an array of numbers: {exc}") from exc
    if not np.all(np.isfinite(values)) or np.any(values <= 0):
        raise ValueError("x_axis values must be finite and > 0 to convert between wavelength "
                         "and wavenumber.")
    nm = 1e7 / values if source == "cm-1" else values * _NM_PER_UNIT[source]
    return 1e7 / nm if target == "cm-1" else nm / _NM_PER_UNIT[target]
