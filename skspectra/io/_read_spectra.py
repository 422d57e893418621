"""``read_spectra``: files, folders and globs of instrument files into DataFrames."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from skspectra.io._jcamp import JCAMP_EXTENSIONS, read_jcamp
from skspectra.io._spc import SPC_EXTENSIONS, read_spc
from skspectra.io._wdf import WDF_EXTENSIONS, read_wdf


def _read_one_jcamp(path: Path) -> tuple[np.ndarray, np.ndarray, list[dict], list[str]]:
    x, y, meta = read_jcamp(path)
    return x, y[None, :], [meta], [str(path)]


# extension -> (format name, reader of (x, spectra (k, n_points), k metadata dicts, k names))
_READERS = {**dict.fromkeys(JCAMP_EXTENSIONS, ("JCAMP-DX", _read_one_jcamp)),
            **dict.fromkeys(SPC_EXTENSIONS, ("Thermo/Galactic SPC", read_spc)),
            **dict.fromkeys(WDF_EXTENSIONS, ("Renishaw WDF", read_wdf))}
SUPPORTED_EXTENSIONS = tuple(_READERS)
# instrument formats that are known but not read yet (a clear error instead of a guess)
_NOT_YET = {".0": "Bruker OPUS", ".opus": "Bruker OPUS"}


def _paths(source: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """The files that ``source`` names: a file, a folder, a glob or a list of them."""
    if isinstance(source, (str, os.PathLike)):
        text = os.fspath(source)
        if any(char in text for char in "*?["):
            found = sorted(Path(p) for p in glob.glob(text) if Path(p).is_file())
            if not found:
                raise ValueError(f"{text}: the pattern matches no file.")
            return found
        path = Path(text)
        if path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS)
            if not found:
                raise ValueError(f"{path}: the folder holds no spectrum file (extensions "
                                 f"{', '.join(SUPPORTED_EXTENSIONS)}).")
            return found
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder.")
        return [path]
    paths = [p for item in source for p in _paths(item)]
    if not paths:
        raise ValueError("read_spectra got an empty list of paths.")
    return paths


def _reader(path: Path) -> Any:
    suffix = path.suffix.lower()
    if suffix in _READERS:
        return _READERS[suffix]
    if suffix == ".hdr":
        raise ValueError(f"{path}: an ENVI cube is an image; read it with "
                         "skspectra.io.read_map.")
    if suffix in _NOT_YET or suffix[1:].isdigit():  # OPUS files end in .0, .1, ...
        name = _NOT_YET.get(suffix, "Bruker OPUS")
        raise ValueError(f"{path}: {name} files are not read yet; skspectra reads "
                         f"{', '.join(SUPPORTED_EXTENSIONS)}.")
    raise ValueError(f"{path}: unknown spectrum file type {suffix or '(no extension)'!r}; "
                     f"skspectra reads {', '.join(SUPPORTED_EXTENSIONS)}.")


def read_spectra(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    grid: Any = None,
    return_metadata: bool = False,
) -> Any:
    """Read instrument files into a DataFrame: one row per spectrum, one column per x value.

    Parameters
    ----------
    source : path, glob pattern, folder, or a list of them
        A file; a folder (its files with a known extension, sorted by name, not recursive);
        a glob such as ``"data/*.jdx"``; or a list of any of these. Formats: JCAMP-DX
        (``.jdx``, ``.dx``, ``.jcamp``, ``.jcm``; one spectrum per file), Thermo/Galactic
        SPC (``.spc``; every spectrum of the file) and Renishaw WiRE (``.wdf``; every
        spectrum of the file, a map's in acquisition order: use :func:`read_map` for the
        image).
    grid : None, "common" or array-like of float, default=None
        What to do with files on different x grids. ``None``: they are an error (nothing
        is resampled behind your back). ``"common"``: resample every file linearly onto
        the range all of them cover, at the coarsest of their spacings
        (:func:`skspectra.preprocessing.align_spectra`); files that already share one
        grid are returned as they are. An array: resample onto it (it must lie inside
        every file's range).
    return_metadata : bool, default=False
        Also return a DataFrame of per-spectrum metadata.

    Returns
    -------
    spectra : pandas.DataFrame of shape (n_spectra, n_points)
        Float columns (the x values of the files, in the order they were written, or
        ``grid``), index ``source`` (each file's path; ``"<path>#<i>"`` for the spectra
        of a file that holds several). Ready for any skspectra
        estimator: the column names carry the x-axis.
    metadata : pandas.DataFrame
        Only with ``return_metadata=True`` (without it, the same fields are in
        ``spectra.attrs["metadata"]``, a dict from each source to its fields): the same
        index; columns ``format``, ``x_units``, ``y_units``, ``n_points``, ``x_first``,
        ``x_last`` (the file's own axis), ``resampled`` (whether ``grid`` changed its
        values) and the header fields that the files hold (``title``, ``data_type``,
        ``origin``, ``owner``, ``date``, ``instrument``,
        ``resolution``, ...).

    Raises
    ------
    FileNotFoundError
        A path that does not exist.
    ValueError
        Naming the file: an unknown or not-yet-supported format, a file that is not what
        its extension says, a truncated file, NaN intensities, an empty folder or
        pattern, files on different x grids without ``grid``, and a ``grid`` outside a
        file's range.
    ImportError
        When the reader of a format is not installed (``pip install "skspectra[io]"``).

    Examples
    --------
    >>> from skspectra.io import read_spectra
    >>> X, meta = read_spectra("measurements/*.jdx", return_metadata=True)  # doctest: +SKIP
    >>> meta[["title", "x_units", "y_units"]]  # doctest: +SKIP
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError('read_spectra needs pandas: pip install "skspectra[io]".') from None
    if not (grid is None or (isinstance(grid, str) and grid == "common")
            or not isinstance(grid, str)):
        raise ValueError(f"grid must be None, 'common' or an array of x values; got {grid!r}.")
    paths = _paths(source)
    readers = [_reader(path) for path in paths]  # every format is known before any reading
    frames, metadata, names = [], [], []
    for path, (format_name, reader) in zip(paths, readers, strict=True):
        x, Y, metas, sources = reader(path)
        frames.append(pd.DataFrame(Y, index=pd.Index(sources, name="source"),
                                   columns=x.astype(np.float64)))
        metadata += [{"format": format_name, **meta, "x_first": float(x[0]),
                      "x_last": float(x[-1])} for meta in metas]
        names += sources
    first = frames[0].columns.to_numpy()
    one_grid = True
    for path, frame in zip(paths, frames, strict=True):
        x = frame.columns.to_numpy()
        same = len(x) == len(first) and np.allclose(x, first, rtol=0, atol=1e-6 * np.ptp(x))
        one_grid = one_grid and same
        if not same and grid is None:
            raise ValueError(
                f"{path}: its x grid ({len(x)} points, {x[0]:g} to {x[-1]:g}) differs from "
                f"{paths[0]}'s ({len(first)} points, {first[0]:g} to {first[-1]:g}); pass "
                "grid='common' (or a grid of your own) to resample them onto one.")
    resampled = not (grid is None or (isinstance(grid, str) and one_grid))
    for meta in metadata:
        meta["resampled"] = resampled
    if not resampled:
        spectra = pd.DataFrame(np.vstack([f.to_numpy() for f in frames]),
                               index=pd.Index(names, name="source"), columns=first)
    else:
        from skspectra.preprocessing import align_spectra

        spectra = align_spectra(frames, grid=None if isinstance(grid, str) else grid)
        spectra.index.name = "source"
    table = pd.DataFrame(metadata, index=spectra.index)
    # the same metadata travels with the spectra, as plain dicts (DataFrame.attrs)
    spectra.attrs["metadata"] = table.to_dict("index")
    if not return_metadata:
        return spectra
    return spectra, table
