"""Thermo/Galactic SPC files (``.spc``) through the ``spc-io`` package.

One file holds one spectrum or several (a "multifile", e.g. a time series); their x axis
is either one for all of them (evenly spaced or listed) or one per spectrum. ``spc-io``
reads the new little-endian format (version byte ``0x4B``), which is what instruments
have written since GRAMS/32; the big-endian (``0x4C``) and old (``0x4D``) formats get a
clear error.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np

from skspectra.io._optional_reader import import_reader

SPC_EXTENSIONS = (".spc",)

# the format's x and y unit codes (spc-io's names) -> the names read_spectra uses
_X_UNITS = {"XWAVEN": "cm-1", "XRAMANS": "cm-1", "XNMETR": "nm", "XUMETR": "um",
            "XMMETR": "mm", "XSECS": "s", "XMINUTS": "min", "XHERTZ": "Hz",
            "XEV": "eV", "XPOINT": "points", "XARB": ""}
_X_QUANTITY = {"XWAVEN": "wavenumber", "XRAMANS": "raman shift", "XNMETR": "wavelength",
               "XUMETR": "wavelength"}
_Y_UNITS = {"YABSRB": "absorbance", "YTRANS": "transmittance", "YREFLEC": "reflectance",
            "YLOGDR": "log(1/r)", "YKMONK": "kubelka-munk", "YCOUNT": "counts",
            "YINTENS": "intensity", "YRELINT": "relative intensity", "YPERCNT": "percent",
            "YEMISN": "emission", "YIGRAM": "interferogram", "YARB": ""}


def _spc_io() -> Any:
    return import_reader("spc_io", "spc-io", "Thermo/Galactic SPC files")


def _text(field: bytes) -> str:
    return field.split(b"\x00", 1)[0].decode("latin-1").strip()


def _parse(path: Path, content: bytes) -> tuple[Any, Any]:
    """spc-io's low-level file (its headers) and high-level one, after the format checks."""
    spc_io = _spc_io()
    if len(content) < 512:
        raise ValueError(f"{path}: the file is cut short or damaged ({len(content)} bytes, "
                         "shorter than an SPC header of 512).")
    version = content[1]
    if version in (0x4C, 0x4D):
        variant = "big-endian" if version == 0x4C else "old"
        raise ValueError(f"{path}: an SPC file in the {variant} format (version byte "
                         f"0x{version:X}), which the reader does not support; re-save it as "
                         "a new-format SPC file.")
    if version != 0x4B:
        raise ValueError(f"{path}: not a Thermo/Galactic SPC file (its second byte is "
                         f"0x{version:02X}, not the format's version byte 0x4B).")
    try:
        raw = spc_io.SpcRaw.from_bytes_io(io.BytesIO(content))
        return raw.main_header, spc_io.SPC.from_spc_raw(raw)
    except Exception as exc:  # the reader's own errors, whatever their type
        raise ValueError(f"{path}: the file is cut short or damaged ({type(exc).__name__}: "
                         f"{exc}).") from None


def read_spc(path: Path) -> tuple[np.ndarray, np.ndarray, list[dict[str, Any]], list[str]]:
    """The x values, spectra, per-spectrum metadata and names of an SPC file.

    Parameters
    ----------
    path : pathlib.Path
        A new-format (little-endian) SPC file of one or several spectra.

    Returns
    -------
    x : ndarray of shape (n_points,)
        The x values, as written (``ffirst`` to ``flast`` evenly, or the file's own list).
    Y : ndarray of shape (n_spectra, n_points)
        The intensities (float64).
    metadata : list of dict
        One per spectrum: ``x_units``, ``y_units``, ``n_points``, ``x_quantity`` (when the
        unit code says), ``title`` (the file's comment), ``instrument``, ``resolution``,
        ``date``, ``technique`` (the instrument technique code), ``z`` (a multifile's
        z values, when they differ) and the key=value pairs of the file's log book.
    names : list of str
        ``"<path>"`` for a file of one spectrum, ``"<path>#<i>"`` for each of several.

    Raises
    ------
    ValueError
        Naming the file: not an SPC file, a format the reader does not support, a file
        cut short, spectra of one file on different x axes, NaN intensities.
    """
    content = Path(path).read_bytes()
    raw_header, spc = _parse(path, content)
    if len(spc) == 0:
        raise ValueError(f"{path}: the SPC file holds no spectrum.")
    axes = [np.asarray(sub.xarray, dtype=np.float64) for sub in spc]
    for i, x in enumerate(axes[1:], start=1):
        if len(x) != len(axes[0]) or not np.allclose(x, axes[0], rtol=0, atol=1e-9):
            raise ValueError(f"{path}: its spectrum {i} is on another x axis than spectrum 0 "
                             "(an XYXY multifile); save its spectra as separate files.")
    x = axes[0]
    Y = np.array([np.asarray(sub.yarray, dtype=np.float64) for sub in spc])
    if Y.shape != (len(spc), len(x)) or len(x) == 0:
        raise ValueError(f"{path}: the file is cut short or damaged (read {Y.shape} values "
                         f"for {len(x)} x values).")
    if not (np.all(np.isfinite(Y)) and np.all(np.isfinite(x))):
        raise ValueError(f"{path}: contains NaN or infinite values.")
    fields: dict[str, Any] = {
        "x_units": _X_UNITS.get(str(raw_header.fxtype), str(raw_header.fxtype).lower()),
        "y_units": _Y_UNITS.get(str(raw_header.fytype), str(raw_header.fytype).lower()),
        "n_points": len(x)}
    if str(raw_header.fxtype) in _X_QUANTITY:
        fields["x_quantity"] = _X_QUANTITY[str(raw_header.fxtype)]
    for name, value in (("title", _text(raw_header.fcmnt)),
                        ("instrument", _text(raw_header.fsource)),
                        ("resolution", _text(raw_header.fres)),
                        ("technique", str(raw_header.fexper))):
        if value and value != "UNKNOWN":
            fields[name] = value
    if spc.date.year > 1970:  # spc-io gives the epoch for a file without a date
        fields["date"] = spc.date.isoformat()
    for key, value in (spc.log_book.text or {}).items():
        fields.setdefault(str(key).strip(), str(value).strip())
    z = [sub.z for sub in spc]
    # a multifile's z values (time, temperature, ...), when the file gives distinct ones
    z_known = len(set(z)) == len(z) > 1 and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in z)
    metadata = [{**fields, "z": float(v)} if z_known else dict(fields) for v in z]
    names = [str(path)] if len(Y) == 1 else [f"{path}#{i}" for i in range(len(Y))]
    return x, Y, metadata, names
