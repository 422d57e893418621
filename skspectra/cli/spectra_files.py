"""Instrument files on the command line: a folder, a glob or a file instead of a CSV table.

``fit`` and ``compare`` read a folder with one sub-folder per class (the sub-folder's name is
the label of the files in it); ``predict`` and ``explain`` read a folder, a glob or a single
file and resample every spectrum onto the model's training axis. The files are read by
:func:`skspectra.io.read_spectra` (the ``io`` extra); CSV files keep the CSV convention.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from skspectra.cli.csv_io import SpectraTable, format_number, numeric_axis, read_spectra_csv
from skspectra.cli.errors import CLIError

FILES_HELP = """\
Instead of a CSV file, DATA can be instrument files (JCAMP-DX: .jdx, .dx, .jcamp, .jcm;
Thermo/Galactic SPC: .spc and Renishaw WiRE: .wdf, every spectrum of the file; the 'io'
extra): for fit and compare a
folder with one sub-folder per class, named after the class, holding that class's files
(files on different grids are resampled onto the range they all cover); for predict and
explain a folder, a glob in quotes ("new/*.jdx") or one file, resampled onto the model's
training wavenumbers."""


def names_files(data: str) -> bool:
    """Whether ``data`` names instrument files (a folder, a glob or a spectrum file)."""
    from skspectra.io import SUPPORTED_EXTENSIONS

    return (Path(data).is_dir() or any(char in data for char in "*?[")
            or Path(data).suffix.lower() in SUPPORTED_EXTENSIONS)


def _read(source: object, grid: object, where: str) -> tuple[np.ndarray, list[str], list[str],
                                                            bool]:
    """Spectra, column names, sources and whether they were resampled; errors as CLIError."""
    try:
        from skspectra.io import read_spectra

        spectra, meta = read_spectra(source, grid=grid, return_metadata=True)
    except (ValueError, FileNotFoundError, ImportError) as exc:
        raise CLIError(f"{where}: {' '.join(str(exc).split())}") from None
    columns = [format_number(x) for x in spectra.columns]
    return (spectra.to_numpy(dtype=np.float64), columns, list(spectra.index),
            bool(meta["resampled"].any()))


def read_labelled_files(data: str, *, target: str = "label", task: str = "auto",
                        require_target: bool = True) -> SpectraTable:
    """A CSV file, or a folder of class sub-folders, as a table with labels.

    Parameters
    ----------
    data : str
        A CSV file (read as :func:`read_spectra_csv` does), or a folder whose sub-folders
        are the classes.
    target : str, default="label"
        The label column of a CSV file.
    task : str, default="auto"
        ``--task``: the sub-folders are classes, so ``"regression"`` is an error for them.
    require_target : bool, default=True
        As for :func:`read_spectra_csv` (CSV files only).
    """
    if not names_files(data):
        return read_spectra_csv(data, target=target, require_target=require_target)
    if task == "regression":
        raise CLIError(f"{data}: a folder of class sub-folders holds classes; --task regression "
                       "needs a CSV file with a numeric target column")
    folder = Path(data)
    if not folder.is_dir():
        raise CLIError(f"{data}: training spectra from instrument files need a folder with "
                       "one sub-folder per class")
    classes = sorted(p for p in folder.iterdir() if p.is_dir())
    if len(classes) < 2:
        raise CLIError(f"{data}: found {len(classes)} sub-folder(s); put each class's files "
                       "in a sub-folder named after the class (at least two classes)")
    from skspectra.io import SUPPORTED_EXTENSIONS

    files, labels = [], []
    for sub in classes:
        found = sorted(p for p in sub.iterdir()
                       if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS)
        if not found:
            raise CLIError(f"{sub}: the class folder holds no spectrum file "
                           f"({', '.join(SUPPORTED_EXTENSIONS)})")
        files += found
        labels += [sub.name] * len(found)
    X, columns, sources, resampled = _read(files, "common", data)
    if resampled:
        print(f"{data}: the files are on different x grids; resampled onto the range they all "
              f"cover ({columns[0]} to {columns[-1]}, {len(columns)} points)", file=sys.stderr)
    return SpectraTable(X=X, y=np.array(labels, dtype=str), columns=columns, path=data,
                        sources=sources)


def read_unlabelled(data: str, columns: list[str] | None, *, target: str) -> SpectraTable:
    """A CSV file (labels optional), or instrument files resampled onto ``columns``.

    ``columns`` are the model's training columns: instrument files need them to be numbers
    (wavenumbers), since they are resampled onto that axis.
    """
    if not names_files(data):
        return read_spectra_csv(data, target=target, require_target=False)
    grid = None if columns is None else numeric_axis(columns)
    if grid is None:
        raise CLIError(f"{data}: instrument files are resampled onto the model's training "
                       "wavenumbers, but the model was fitted on columns that are not numbers")
    X, _, sources, _ = _read(data, grid, data)
    return SpectraTable(X=X, y=None, columns=list(columns), path=data, sources=sources)
