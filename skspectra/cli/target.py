"""The task of a command: classification or regression, from the option or the target."""

from __future__ import annotations

import numpy as np

from skspectra.cli.errors import CLIError


def _as_numbers(labels: np.ndarray) -> np.ndarray | None:
    try:
        values = labels.astype(np.float64)
    except ValueError:
        return None
    return values if np.all(np.isfinite(values)) else None


def resolve_task(option: str, labels: np.ndarray, source: str) -> str:
    """``"classification"`` or ``"regression"`` for ``--task option`` and text ``labels``.

    ``auto`` is regression when every label is a finite number and not all are whole
    numbers (``0``/``1`` or ``1``/``2``/``3`` stay class labels). ``regression`` with a
    label that is not a number is a CLIError naming it.
    """
    if option == "classification":
        return option
    values = _as_numbers(labels)
    if option == "regression":
        if values is None:
            bad = next(str(v) for v in labels if _as_numbers(np.array([v])) is None)
            raise CLIError(f"{source}: a regression target must hold numbers, but it holds "
                           f"{bad!r}")
        return option
    if values is not None and np.any(values != np.round(values)):
        return "regression"
    return "classification"


def numeric_target(labels: np.ndarray) -> np.ndarray:
    """The labels as floats (already checked by :func:`resolve_task`)."""
    return labels.astype(np.float64)


def prediction_quality(y: np.ndarray, predicted: np.ndarray, task: str) -> str:
    """Accuracy, or RMSE and R^2, of predictions against known targets."""
    if task == "classification":
        return f"accuracy {float(np.mean(np.asarray(predicted).astype(str) == y)):.4f}"
    from sklearn.metrics import r2_score, root_mean_squared_error

    return (f"RMSE {root_mean_squared_error(y, predicted):.4g}, "
            f"R^2 {r2_score(y, predicted):.4f}")
