"""``read_map``: a spectral image (Renishaw WDF map, ENVI cube) as a (rows, cols, points) cube."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from skspectra.io._envi import ENVI_EXTENSIONS, read_envi_map
from skspectra.io._wdf import WDF_EXTENSIONS, read_wdf_map

_MAP_READERS = {**dict.fromkeys(WDF_EXTENSIONS, read_wdf_map),
                **dict.fromkeys(ENVI_EXTENSIONS, read_envi_map)}
MAP_EXTENSIONS = tuple(_MAP_READERS)


def read_map(path: str | os.PathLike, *, return_metadata: bool = False) -> Any:
    """Read a spectral image as a (rows, cols, points) cube and its x-axis.

    Parameters
    ----------
    path : path
        A Renishaw WiRE map (``.wdf``, the ``renishaw-wdf`` package) or an ENVI header
        (``.hdr`` beside its binary file, the ``spectral`` package); both in the ``io`` extra.
    return_metadata : bool, default=False
        Also return a dict of the file's metadata (format, x units, rows, cols and the
        header fields the format holds).

    Returns
    -------
    cube : ndarray of shape (rows, cols, points)
        A WDF map's spectra placed by their stage positions (rows follow y, columns x), as
        float64; an ENVI cube as a read-only memmap of the file (nothing is read until it
        is used), in the file's dtype.
    x_axis : ndarray of shape (points,)
        Raman shift (WDF, cm^-1) or the header's wavelengths (ENVI), as written.
    metadata : dict
        Only with ``return_metadata=True``.

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    ValueError
        Naming the file: an unknown extension, a file that is not what its extension says,
        a map cut short, a WDF file that is not a map, an ENVI header without wavelengths.

    See Also
    --------
    skspectra.maps.predict_map : classify (and explain) every pixel of the cube.

    Examples
    --------
    >>> from skspectra.io import read_map
    >>> cube, x_axis = read_map("scan.wdf")  # doctest: +SKIP
    >>> cube.shape  # doctest: +SKIP
    (11, 8, 575)
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file.")
    reader = _MAP_READERS.get(path.suffix.lower())
    if reader is None:
        raise ValueError(f"{path}: not a spectral image read by read_map; it reads "
                         f"{', '.join(MAP_EXTENSIONS)} (read_spectra reads single spectra).")
    cube, x_axis, metadata = reader(path)
    if return_metadata:
        return cube, x_axis, {"source": str(path), **metadata}
    return cube, x_axis
