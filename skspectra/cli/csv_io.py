"""The command line's CSV convention: one spectrum per row, wavenumbers as column headers.

A header row names the columns: every column is a point of the spectrum (its header the
wavenumber, or any name) except the label column (``--target``, default ``label``).
Cells are numbers; the label is any text. Errors name the file, line and column.
Only the standard library's :mod:`csv` is used (pandas is not required).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from skspectra.cli.errors import CLIError

CSV_HELP = """\
CSV files: one spectrum per row, comma-separated, with a header row. Every column is a
point of the spectrum, its header the wavenumber (e.g. 400.0,401.9,...; any names are
accepted, numeric headers become the x-axis of the figures), except the label column
named by --target (default: label), which holds each spectrum's class as text. Cells
must be finite numbers; every row must have as many cells as the header."""


@dataclass
class SpectraTable:
    """Spectra read from a CSV file."""

    X: np.ndarray
    """float64 array (n_spectra, n_points)."""
    y: np.ndarray | None
    """Labels as strings, or None when the file has no label column."""
    columns: list[str]
    """Headers of the spectral columns, in order."""
    path: str
    sources: list[str] | None = None
    """The file of each spectrum, when they were read from instrument files."""

    @property
    def x_axis(self) -> np.ndarray | None:
        """The headers as numbers when all of them are numbers, else None."""
        return numeric_axis(self.columns)


def numeric_axis(columns: Sequence[str]) -> np.ndarray | None:
    """``columns`` as a float array if every one is a finite number, else None."""
    try:
        values = np.array([float(c) for c in columns])
    except ValueError:
        return None
    return values if np.all(np.isfinite(values)) else None


def _open_rows(path: str) -> list[list[str]]:
    file = Path(path)
    if not file.exists():
        raise CLIError(f"{path}: no such file")
    if not file.is_file():
        raise CLIError(f"{path}: not a file")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CLIError(f"{path}: not a UTF-8 text (CSV) file") from None
    except OSError as exc:
        raise CLIError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise CLIError(f"{path}: not a valid CSV file: {exc}") from None


def read_spectra_csv(path: str, *, target: str = "label", require_target: bool = True
                     ) -> SpectraTable:
    """Read spectra (and labels) from a CSV file; any problem is a one-line CLIError.

    Parameters
    ----------
    path : str
        The file.
    target : str, default="label"
        Header of the label column.
    require_target : bool, default=True
        Fail when the file has no ``target`` column; otherwise every column is spectral
        and ``y`` is None.
    """
    rows = _open_rows(path)
    numbered = [(number, row) for number, row in enumerate(rows, start=1)
                if any(cell.strip() for cell in row)]
    if not numbered:
        raise CLIError(f"{path}: the file is empty (expected a header row and spectra)")
    header_line, header = numbered[0]
    header = [cell.strip() for cell in header]
    _check_header(path, header, target)
    if target in header:
        label_index: int | None = header.index(target)
    elif require_target:
        hint = ""
        if len(header) == 1 and any(sep in header[0] for sep in (";", "\t")):
            hint = " (the header has a single column: cells must be separated by commas)"
        shown = ", ".join(repr(c) for c in header[:5]) + (", ..." if len(header) > 5 else "")
        raise CLIError(
            f"{path}: no label column {target!r}{hint}; the columns are {shown}; "
            "name the label column with --target"
        )
    else:
        label_index = None
    spectral = [i for i in range(len(header)) if i != label_index]
    if not spectral:
        raise CLIError(f"{path}: no spectral columns besides the label column {target!r}")
    data = numbered[1:]
    if not data:
        raise CLIError(f"{path}: the header is followed by no spectra")
    for number, row in data:
        if len(row) != len(header):
            raise CLIError(
                f"{path} line {number}: {len(row)} cells, but the header (line {header_line}) "
                f"has {len(header)} columns"
            )
    columns = [header[i] for i in spectral]
    X = _numbers(path, data, spectral, columns)
    y = None
    if label_index is not None:
        labels = [row[label_index].strip() for _, row in data]
        for (number, _), label in zip(data, labels, strict=True):
            if not label:
                raise CLIError(f"{path} line {number}: empty cell in the label column {target!r}")
        y = np.array(labels, dtype=str)
    return SpectraTable(X=X, y=y, columns=columns, path=path)


def _check_header(path: str, header: list[str], target: str) -> None:
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            raise CLIError(f"{path}: column {position} of the header has no name")
        if name in seen:
            raise CLIError(f"{path}: the column {name!r} appears twice in the header")
        seen.add(name)


def _numbers(path: str, data: list[tuple[int, list[str]]], spectral: list[int],
             columns: list[str]) -> np.ndarray:
    cells = [[row[i] for i in spectral] for _, row in data]
    try:
        X = np.array(cells, dtype=np.float64)
    except ValueError:
        X = None
    if X is not None and np.all(np.isfinite(X)):
        return X
    for (number, _), row in zip(data, cells, strict=True):
        for column, cell in zip(columns, row, strict=True):
            text = cell.strip()
            if not text:
                raise CLIError(f"{path} line {number}, column {column!r}: empty cell")
            try:
                value = float(text)
            except ValueError:
                raise CLIError(
                    f"{path} line {number}, column {column!r}: {text!r} is not a number"
                ) from None
            if not math.isfinite(value):
                raise CLIError(
                    f"{path} line {number}, column {column!r}: {text!r} is not a finite number"
                )
    raise CLIError(f"{path}: cannot read the cells as numbers")  # pragma: no cover


def write_csv(stream_or_path: TextIO | str | Path, header: Sequence[str],
              rows: Iterable[Sequence[Any]]) -> None:
    """Write a header and rows as CSV to a path or an open text stream."""
    if isinstance(stream_or_path, str | Path):
        try:
            with open(stream_or_path, "w", newline="", encoding="utf-8") as handle:
                write_csv(handle, header, rows)
        except OSError as exc:
            raise CLIError(f"{stream_or_path}: cannot write: {exc.strerror or exc}") from None
        return
    writer = csv.writer(stream_or_path, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def format_number(value: float) -> str:
    """A float as the shortest text that reads back to the same value."""
    return repr(float(value))
