"""Saving and loading the command line's model files (joblib), with input checks.

A model file holds a dict: ``estimator`` (the fitted estimator or Pipeline),
``columns`` (the spectral column headers it was fitted on), ``target`` (the label
column's name), ``model`` (the command-line model name), ``skspectra_version`` and
``card``, the model card (:func:`model_card`: task, classes, x-axis, training-data shape,
package versions, cross-validation scores when ``fit --cv`` computed them). A file holding
a bare fitted estimator (``joblib.dump(pipe, path)``) is accepted too (without a card).
The file is written to a temporary name and renamed, so a failed save leaves no
half-written model file.
"""

from __future__ import annotations

import math
import os
import platform
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from skspectra.cli.csv_io import SpectraTable, numeric_axis
from skspectra.cli.errors import CLIError

FORMAT_KEY = "skspectra_model_file"
FORMAT_VERSION = 1


@dataclass
class SavedModel:
    """A fitted estimator and what the command line knows about its input."""

    estimator: Any
    columns: list[str] | None
    target: str
    model: str | None
    path: str
    card: dict[str, Any] = field(default_factory=dict)

    @property
    def n_features(self) -> int | None:
        if self.columns is not None:
            return len(self.columns)
        return getattr(self.estimator, "n_features_in_", None)


def _versions() -> dict[str, str]:
    """Versions of Python and of the packages a model file depends on (those imported)."""
    from skspectra import __version__

    versions = {"python": platform.python_version(), "skspectra": __version__}
    for name in ("numpy", "scipy", "sklearn", "torch", "skorch"):
        module = sys.modules.get(name)
        if module is not None:
            versions[name] = str(getattr(module, "__version__", "unknown"))
    return versions


def model_card(estimator: Any, *, columns: list[str], n_samples: int, task: str,
               cv_scores: list[float] | None = None, cv_metric: str | None = None
               ) -> dict[str, Any]:
    """What a user of a saved model needs to know about it, as plain data.

    Task, classes (classification), the x-axis (the spectral column headers it was fitted
    on), the training-data shape, the package versions at fitting time, and the
    cross-validation scores when they were computed (``None`` otherwise).
    """
    classes = getattr(estimator, "classes_", None)
    return {
        "task": task,
        "classes": None if classes is None else [str(c) for c in classes],
        "x_axis": list(columns),
        "training_shape": [int(n_samples), len(columns)],
        "versions": _versions(),
        "cv_metric": cv_metric,
        "cv_scores": None if cv_scores is None else [float(v) for v in cv_scores],
    }


def save_model(path: str, estimator: Any, *, columns: list[str], target: str, model: str,
               card: dict[str, Any] | None = None) -> None:
    """Write a model file atomically (temporary file, then rename); a problem is a CLIError."""
    import joblib

    from skspectra import __version__

    content = {
        FORMAT_KEY: FORMAT_VERSION,
        "estimator": estimator,
        "columns": list(columns),
        "target": target,
        "model": model,
        "skspectra_version": __version__,
        "card": card or {},
    }
    folder = os.path.dirname(os.path.abspath(path))
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".skspectra-", suffix=".tmp")
        os.close(handle)
        joblib.dump(content, temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise CLIError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.remove(temporary)


def load_model(path: str) -> SavedModel:
    """Read a model file written by ``skspectra fit`` (or a joblib-dumped estimator).

    Loading unpickles the file: only load model files you trust.
    """
    import joblib

    file = Path(path)
    if not file.is_file():
        raise CLIError(f"{path}: no such model file")
    try:
        content = joblib.load(file)
    except Exception as exc:  # unpickling fails in many ways (format, missing modules...)
        raise CLIError(f"{path}: not a readable model file ({type(exc).__name__}: {exc})"
                       ) from None
    if isinstance(content, dict) and FORMAT_KEY in content:
        estimator = content.get("estimator")
        columns = content.get("columns")
        target = content.get("target") or "label"
        model = content.get("model")
        card = dict(content.get("card") or {})
    else:
        estimator, columns, target, model, card = content, None, "label", None, {}
        names = getattr(estimator, "feature_names_in_", None)
        if names is not None:
            columns = [str(name) for name in names]
    if not (hasattr(estimator, "predict") and hasattr(estimator, "n_features_in_")):
        raise CLIError(f"{path}: does not hold a fitted skspectra model")
    return SavedModel(estimator, None if columns is None else list(columns), target, model,
                      path, card)


def check_columns(saved: SavedModel, table: SpectraTable) -> None:
    """Fail with one line when ``table``'s spectral columns do not match the model's."""
    expected = saved.n_features
    found = len(table.columns)
    if expected is not None and found != expected:
        raise CLIError(
            f"{table.path} has {found} spectral columns (wavenumbers), but the model in "
            f"{saved.path} was fitted on {expected}"
        )
    if saved.columns is None:
        return
    for position, (want, got) in enumerate(zip(saved.columns, table.columns, strict=True)):
        if not _same_column(want, got):
            raise CLIError(
                f"{table.path}: spectral column {position + 1} is {got!r}, but the model in "
                f"{saved.path} was fitted with {want!r} there (different wavenumbers)"
            )


def _same_column(want: str, got: str) -> bool:
    if want == got:
        return True
    numbers = numeric_axis([want, got])
    return numbers is not None and math.isclose(numbers[0], numbers[1], rel_tol=1e-9,
                                                abs_tol=1e-9)


def model_input(saved: SavedModel, X: np.ndarray) -> Any:
    """``X`` as the estimator expects it: a DataFrame if it was fitted with column names."""
    names = getattr(saved.estimator, "feature_names_in_", None)
    if names is None:
        return X
    import pandas as pd

    return pd.DataFrame(X, columns=names)
