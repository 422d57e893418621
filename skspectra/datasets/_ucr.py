"""Read any UCR-format file pair: one series per line, the class label first."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.utils import Bunch

from ._bunch import build_bunch, check_loader_args, fill_doc


def _split_cells(line: str, sep: str | None) -> list[str]:
    cells = line.split(sep)
    if sep is not None:
        cells = [cell.strip() for cell in cells]
    return cells


def _detect_separator(line: str) -> str | None:
    """Tab, comma, or (None) any run of whitespace, from the first data line."""
    if "\t" in line:
        return "\t"
    if "," in line:
        return ","
    return None


def _parse_row(cells: list[str], path: Path, lineno: int) -> np.ndarray:
    try:
        return np.array(cells, dtype=np.float64)
    except ValueError:
        pass
    for column, cell in enumerate(cells, start=1):
        try:
            float(cell)
        except ValueError:
            what = "an empty cell" if cell == "" else f"the non-numeric cell {cell!r}"
            raise ValueError(
                f"{path}: line {lineno}, column {column} holds {what}; a UCR-format file "
                "holds only numbers (the class label first, then the series; NaN pads "
                "variable-length series)."
            ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def read_ucr_file(path: str | os.PathLike[str]) -> tuple[np.ndarray, np.ndarray]:
    """Read one UCR-format file into ``(X, labels)``.

    Each non-empty line is one series, its first cell the class label. Cells are
    separated by tabs (the UCR 2018 ``.tsv`` files), commas (older ``.csv`` or
    ``.txt`` copies) or runs of spaces. ``NaN`` cells are kept: the UCR 2018
    archive pads its variable-length series with NaN at the end of the row.

    Returns
    -------
    X : ndarray of shape (n_series, length), float64
    labels : ndarray of shape (n_series,)
        int64 when every label is a whole number, else float64.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"a UCR file path must be a str or os.PathLike, got {type(path).__name__}.")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"UCR file not found: {path}")
    rows: list[np.ndarray] = []
    linenos: list[int] = []
    sep: str | None = None
    with path.open(encoding="utf-8") as handle:
        for lineno, raw in enumerate(handle, start=1):
            line = raw.strip()
            if not line:
                continue
            if not rows and line.startswith(("@", "#")):
                raise ValueError(
                    f"{path}: line {lineno} starts with {line[0]!r}: this looks like a "
                    "sktime/aeon .ts or .arff file, not a UCR-format table (label, values...)."
                )
            if not rows:
                sep = _detect_separator(line)
            rows.append(_parse_row(_split_cells(line, sep), path, lineno))
            linenos.append(lineno)
    if not rows:
        raise ValueError(f"{path}: the file holds no data rows.")
    lengths = np.array([len(row) for row in rows])
    if np.any(lengths != lengths[0]):
        bad = int(np.flatnonzero(lengths != lengths[0])[0])
        raise ValueError(
            f"{path}: ragged rows: line {linenos[0]} has {lengths[0]} cells but line "
            f"{linenos[bad]} has {lengths[bad]}. Pad variable-length series with NaN so "
            "that every row has the same number of cells."
        )
    if lengths[0] < 2:
        raise ValueError(f"{path}: each row needs a label and at least one value.")
    table = np.vstack(rows)
    labels = table[:, 0]
    if not np.all(np.isfinite(labels)):
        lineno = linenos[int(np.flatnonzero(~np.isfinite(labels))[0])]
        raise ValueError(f"{path}: line {lineno} has a missing or infinite class label.")
    if np.all(labels == np.round(labels)):
        labels = labels.astype(np.int64)
    return table[:, 1:], labels


def _describe(train: Path, test: Path | None, parts: dict[str, Any]) -> str:
    sizes = ", ".join(f"{len(labels)} {name}" for name, (_, labels) in parts.items())
    X = next(iter(parts.values()))[0]
    classes = np.unique(np.concatenate([labels for _, labels in parts.values()]))
    n_nan = sum(int(np.isnan(x).sum()) for x, _ in parts.values())
    lines = [
        f"UCR-format data read from {train}" + (f" and {test}" if test else "") + ".",
        "",
        f":Number of series: {sizes}",
        f":Series length: {X.shape[1]}",
        f":Classes: {len(classes)} (labels {', '.join(map(str, classes))})",
        f":Missing values (NaN): {n_nan}",
        "",
        "Rows are returned as stored in the file (the UCR 2018 archive stores each",
        "row z-normalised). Please cite the data's original paper and the archive:",
        "Dau, H. A. et al. (2019). The UCR time series archive. IEEE/CAA Journal of",
        "Automatica Sinica, 6(6), 1293-1305.",
    ]
    return "\n".join(lines)


@fill_doc
def load_ucr(
    train_path: str | os.PathLike[str],
    test_path: str | os.PathLike[str] | None = None,
    *,
    split: str = "all",
    return_X_y: bool = False,
    as_frame: bool = False,
) -> Bunch | tuple[Any, Any]:
    """Load a UCR-format train/test file pair that skspectra does not bundle.

    Reads the UCR 2018 archive's ``<Name>_TRAIN.tsv``/``<Name>_TEST.tsv`` files
    (or comma- or space-separated copies of them): one series per line, the
    class label in the first cell. Use it for the larger sets that are not
    bundled, e.g. EthanolLevel. Nothing is downloaded.

    Parameters
    ----------
    train_path : str or path-like
        The training file.
    test_path : str or path-like, optional
        The test file. Without it every row is a training row and
        ``split="test"`` raises a ValueError.
    {split_params}

    Returns
    -------
    {bunch_returns}

    Raises
    ------
    FileNotFoundError
        If a file does not exist.
    ValueError
        For an empty file, a non-numeric or empty cell (the message names its
        line and column), rows of different lengths, a missing label, or a train
        and a test file whose series lengths differ.

    Notes
    -----
    Labels are int64 when all are whole numbers, else float64; ``target_names``
    are their string forms. Data are returned as float32, rows unchanged.
    ``NaN`` cells are kept as NaN: the UCR 2018 archive pads variable-length
    series with NaN at the end of the row, and most estimators reject NaN, so
    truncate or interpolate before fitting.

    Examples
    --------
    >>> import os, tempfile
    >>> from skspectra.datasets import load_ucr
    >>> folder = tempfile.mkdtemp()
    >>> train = os.path.join(folder, "Toy_TRAIN.tsv")
    >>> with open(train, "w") as f:
    ...     _ = f.write("1\\t0.5\\t1.5\\t2.5\\n2\\t3.0\\t2.0\\t1.0\\n")
    >>> X, y = load_ucr(train, return_X_y=True)
    >>> X.shape, X.dtype, y.tolist()
    ((2, 3), dtype('float32'), [1, 2])
    """
    check_loader_args(split, return_X_y, as_frame)
    parts: dict[str, tuple[np.ndarray, np.ndarray]] = {"train": read_ucr_file(train_path)}
    train, test = Path(os.fspath(train_path)), None
    if test_path is not None:
        parts["test"] = read_ucr_file(test_path)
        test = Path(os.fspath(test_path))
        n_train, n_test = parts["train"][0].shape[1], parts["test"][0].shape[1]
        if n_train != n_test:
            raise ValueError(
                f"The training file has series of length {n_train} but the test file "
                f"{n_test}; both files of a UCR pair hold series of the same length."
            )
    return build_bunch(
        parts,
        split=split,
        return_X_y=return_X_y,
        as_frame=as_frame,
        descr=_describe(train, test, parts),
        caller="load_ucr",
    )
