"""Renishaw WiRE ``.wdf`` files (single spectra, series and maps) through ``renishaw-wdf``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from skspectra.io._optional_reader import import_reader

WDF_EXTENSIONS = (".wdf",)


def _wdf() -> Any:
    return import_reader("wdf", "renishaw-wdf", "Renishaw WDF files")


def _open(path: Path) -> Any:
    wdf = _wdf()
    try:
        return wdf.Wdf(str(path))
    except Exception as exc:  # the reader's own errors, whatever their type
        raise ValueError(f"{path}: cannot be read as a Renishaw WDF file "
                         f"({type(exc).__name__}: {exc}).") from None


def _header_fields(data: Any) -> dict[str, Any]:
    header = data.hdr
    fields = {"title": header.title, "owner": header.user,
              "instrument": f"{header.appname} {header.appversion}",
              "date": header.time_start.isoformat() if header.time_start else "",
              "laser_wavenumber": float(header.laser_wavenumber),
              "measurement": str(header.type.name).lower()}
    return {name: value for name, value in fields.items() if value not in ("", None)}


def _spectra(path: Path, data: Any) -> tuple[np.ndarray, np.ndarray]:
    """The x values and the (collected) spectra of an open file, checked."""
    x = np.asarray(data.xlist(), dtype=np.float64)
    count = int(data.hdr.ncollected)
    try:
        Y = np.array([np.asarray(data.spectrum(i), dtype=np.float64) for i in range(count)])
    except Exception as exc:  # a block cut short shows up as the reader's error
        raise ValueError(f"{path}: the file is cut short or damaged, cannot read its "
                         f"spectra ({type(exc).__name__}: {exc}).") from None
    if count == 0 or Y.shape != (count, len(x)):
        raise ValueError(f"{path}: the file is cut short or damaged (read {Y.shape} spectra "
                         f"for {count} collected of {len(x)} points).")
    if not np.all(np.isfinite(Y)):
        raise ValueError(f"{path}: contains NaN or infinite intensities.")
    return x, Y


def _read_wdf(path: Path) -> tuple[np.ndarray, np.ndarray, list[dict[str, Any]], list[str]]:
    """The x values, spectra, per-spectrum metadata and names of a WDF file.

    Returns ``x`` (n_points,), ``Y`` (n_spectra, n_points), one metadata dict per spectrum
    (``x_units``, ``y_units``, ``n_points``, the header's title, owner, instrument, date,
    laser wavenumber and, for maps, the stage position ``position_x``/``position_y``) and
    the names ``"<path>#<index>"`` (``"<path>"`` for a file of one spectrum).
    """
    data = _open(path)
    try:
        x, Y = _spectra(path, data)
        fields = _header_fields(data)
        units = {"x_units": "cm-1" if "Raman" in str(data.xlist().units) else
                 str(data.xlist().units.name), "y_units": str(data.hdr.units.name).lower(),
                 "n_points": len(x)}
        positions = _positions(data, len(Y))
    finally:
        data.close()
    metadata = []
    for i in range(len(Y)):
        row = {**units, **fields}
        if positions is not None:
            row.update(position_x=float(positions[0][i]), position_y=float(positions[1][i]))
        metadata.append(row)
    names = [str(path)] if len(Y) == 1 else [f"{path}#{i}" for i in range(len(Y))]
    return x, Y, metadata, names


def _positions(data: Any, count: int) -> tuple[np.ndarray, np.ndarray] | None:
    from wdf.origin import WdfDataType

    try:
        origins = data.origins
        xs = np.asarray(origins[WdfDataType.Spatial_X], dtype=np.float64)[:count]
        ys = np.asarray(origins[WdfDataType.Spatial_Y], dtype=np.float64)[:count]
    except (KeyError, TypeError, ValueError):
        return None
    return xs, ys


def _read_wdf_map(path: Path) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """A WDF map as a (rows, cols, points) cube, its x values and the header's metadata.

    Each spectrum is placed by its stage position on the map's grid (``map_area``: start,
    step and count along x and y), so row-major, column-major and snake raster orders
    all give the same image; rows follow y, columns follow x.
    """
    data = _open(path)
    try:
        x, Y = _spectra(path, data)
        fields = _header_fields(data)
        try:
            area = data.map_area
        except Exception:  # no map-area block: not a map
            area = None
        positions = _positions(data, len(Y))
    finally:
        data.close()
    if area is None or positions is None or area.count.x < 1 or area.count.y < 1:
        raise ValueError(f"{path}: not a map (no map area or stage positions); read its "
                         "spectra with read_spectra.")
    rows, cols = int(area.count.y), int(area.count.x)
    if len(Y) != rows * cols:
        raise ValueError(f"{path}: the map has {len(Y)} spectra for {rows} x {cols} pixels "
                         "(cut short, or a measurement that was stopped).")
    col = np.rint((positions[0] - area.start.x) / (area.step.x or 1.0)).astype(int)
    row = np.rint((positions[1] - area.start.y) / (area.step.y or 1.0)).astype(int)
    if (col.min() < 0 or row.min() < 0 or col.max() >= cols or row.max() >= rows
            or len(set(zip(row.tolist(), col.tolist(), strict=True))) != len(Y)):
        raise ValueError(f"{path}: the stage positions do not fill the map's {rows} x {cols} "
                         "grid once each.")
    cube = np.empty((rows, cols, len(x)), dtype=np.float64)
    cube[row, col] = Y
    metadata = {"format": "Renishaw WDF", "x_units": "cm-1", "rows": rows, "cols": cols,
                "step_x": float(area.step.x), "step_y": float(area.step.y), **fields}
    return cube, x, metadata


def _guarded(read: Any, path: Path) -> Any:
    """``read(path)``; the reader's own errors on a damaged file become a ValueError."""
    try:
        return read(path)
    except (ValueError, ImportError):
        raise
    except Exception as exc:  # EOFError, struct.error, ... from a file cut short
        raise ValueError(f"{path}: the file is cut short or damaged "
                         f"({type(exc).__name__}: {exc}).") from None


def read_wdf(path: Path) -> tuple[np.ndarray, np.ndarray, list[dict[str, Any]], list[str]]:
    """The x values, spectra, per-spectrum metadata and names of a WDF file (see _read_wdf)."""
    return _guarded(_read_wdf, path)


def read_wdf_map(path: Path) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """A WDF map as a (rows, cols, points) cube, x values and metadata (see _read_wdf_map)."""
    return _guarded(_read_wdf_map, path)
