"""ENVI hyperspectral cubes (``.hdr`` + binary) through Spectral Python (``spectral``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from skspectra.io._optional_reader import import_reader

ENVI_EXTENSIONS = (".hdr",)
_UNITS = {"nanometers": "nm", "nm": "nm", "micrometers": "um", "microns": "um", "um": "um",
          "wavenumber": "cm-1", "cm-1": "cm-1", "1/cm": "cm-1"}


def read_envi_map(path: Path) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """An ENVI cube as a read-only (rows, cols, bands) memmap, its x values and metadata.

    The data file is mapped, not read: a cube far larger than memory costs nothing until
    its pixels are used (e.g. batch by batch in :func:`skspectra.maps.predict_map`). The x
    values are the header's ``wavelength`` list.
    """
    envi = import_reader("spectral.io.envi", "spectral", "ENVI cubes")
    try:
        image = envi.open(str(path))
        cube = image.open_memmap(interleave="bip", writable=False)
    except Exception as exc:  # the reader's own errors, whatever their type
        raise ValueError(f"{path}: cannot be read as an ENVI cube "
                         f"({type(exc).__name__}: {' '.join(str(exc).split())}).") from None
    meta = image.metadata
    if "wavelength" not in meta:
        raise ValueError(f"{path}: the header has no 'wavelength' list, so the bands have no "
                         "x values.")
    x = np.asarray([float(v) for v in meta["wavelength"]], dtype=np.float64)
    if len(x) != cube.shape[2]:
        raise ValueError(f"{path}: the header lists {len(x)} wavelengths for "
                         f"{cube.shape[2]} bands.")
    if not np.issubdtype(cube.dtype, np.number) or np.issubdtype(cube.dtype,
                                                                 np.complexfloating):
        raise ValueError(f"{path}: holds {cube.dtype} data, not real intensities.")
    units = str(meta.get("wavelength units", "")).strip()
    metadata = {"format": "ENVI", "x_units": _UNITS.get(units.lower(), units),
                "rows": int(cube.shape[0]), "cols": int(cube.shape[1]),
                "interleave": str(meta.get("interleave", "")),
                "description": str(meta.get("description", "")).strip()}
    return cube, x, metadata
