"""JCAMP-DX files through the ``jcamp`` package, with the checks that it leaves out.

``jcamp.readfile`` returns empty arrays, rather than raising, for a file that is not
JCAMP-DX or that was cut short, and it *prints* (rather than raises) the failures of the
standard's X and Y checks of compressed data, so every condition is checked here: against
the header, and on what the parser printed.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import numpy as np

from skspectra.io._optional_reader import import_reader

JCAMP_EXTENSIONS = (".jdx", ".dx", ".jcamp", ".jcm")

_UNITS = {"1/CM": "cm-1", "NANOMETERS": "nm", "MICROMETERS": "um"}
# header fields copied into the metadata, under these names (when the file has them)
_FIELDS = {
    "title": "title", "data type": "data_type", "origin": "origin", "owner": "owner",
    "date": "date", "spectrometer/data system": "instrument", "resolution": "resolution",
    "sampling procedure": "sampling_procedure", "state": "state", "jcamp-dx": "jcamp_version",
}


def _jcamp() -> Any:
    return import_reader("jcamp", "jcamp", "JCAMP-DX files")


def read_jcamp(path: Path) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """The x values, y values and metadata of the single spectrum in a JCAMP-DX file.

    Parameters
    ----------
    path : pathlib.Path
        A JCAMP-DX file holding one spectrum (``##XYDATA`` in any of the standard's
        compressions, e.g. ASDF).

    Returns
    -------
    x, y : ndarray of shape (n_points,)
        The x values (as written, after ``XFACTOR``) and the intensities.
    metadata : dict
        ``x_units``, ``y_units``, ``n_points`` and the header fields the file has (title,
        data type, origin, owner, date, instrument, resolution, ...).

    Raises
    ------
    ValueError
        Naming the file, when it is not JCAMP-DX, holds several blocks, was cut short
        (fewer points than ``##NPOINTS`` or no ``##END``), or has NaN intensities.
    """
    text = path.read_text(errors="replace")
    if "##TITLE" not in text.upper()[:2000] or "##XYDATA" not in text.upper():
        raise ValueError(f"{path}: not a JCAMP-DX spectrum (no ##TITLE header or no "
                         "##XYDATA table).")
    table = text[text.upper().index("##XYDATA"):]
    table = table[table.index("\n") + 1 if "\n" in table else len(table):]
    if "?" in table.split("##", 1)[0]:
        raise ValueError(f"{path}: contains missing intensities ('?' in the data table, NaN); "
                         "skspectra does not guess values for them.")
    jcamp = _jcamp()
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            data = jcamp.readfile(str(path))
    except Exception as exc:  # the parser's own errors, whatever their type
        raise ValueError(f"{path}: cannot be read as JCAMP-DX ({exc}).") from None
    complaints = [line.strip() for line in printed.getvalue().splitlines() if line.strip()]
    if complaints:
        raise ValueError(f"{path}: the data table is cut short or damaged ({complaints[0]}"
                         f"{f'; {len(complaints) - 1} more' if len(complaints) > 1 else ''}).")
    if data.get("children"):
        raise ValueError(f"{path}: holds {len(data['children'])} JCAMP-DX blocks; only "
                         "files of one spectrum are read.")
    x = np.asarray(data.get("x", []), dtype=np.float64)
    y = np.asarray(data.get("y", []), dtype=np.float64)
    declared = data.get("npoints")
    if "end" not in data or len(x) == 0 or len(x) != len(y) or (
            isinstance(declared, (int, float)) and len(x) != int(declared)):
        raise ValueError(
            f"{path}: the file is cut short or damaged (read {len(x)} points, the header "
            f"declares {declared}{'' if 'end' in data else ', and ##END is missing'}).")
    if not np.all(np.isfinite(y)) or not np.all(np.isfinite(x)):
        raise ValueError(f"{path}: contains NaN or infinite values.")
    metadata: dict[str, Any] = {
        "x_units": _UNITS.get(str(data.get("xunits", "")).strip().upper(),
                              str(data.get("xunits", "")).strip()),
        "y_units": str(data.get("yunits", "")).strip().lower(),
        "n_points": len(x),
    }
    for field, name in _FIELDS.items():
        if field in data and str(data[field]).strip():
            metadata[name] = data[field].strip() if isinstance(data[field], str) else data[field]
    return x, y, metadata
