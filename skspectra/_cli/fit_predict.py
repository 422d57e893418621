"""``skspectra fit`` and ``skspectra predict``, for classifiers and regressors."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from skspectra._cli.csv_io import format_number, read_spectra_csv, write_csv
from skspectra._cli.errors import CLIError
from skspectra._cli.model_specs import (
    PREPROCESSORS,
    build_estimator,
    check_params_used,
    parse_models,
    parse_names,
    parse_params,
)
from skspectra._cli.saved_model import check_columns, load_model, model_input, save_model
from skspectra._cli.target import numeric_target, resolve_task

_T = TypeVar("_T")


def user_errors(action: str, call: Callable[[], _T]) -> _T:
    """Run ``call``; a ValueError or TypeError (bad data or parameters) becomes a CLIError."""
    try:
        return call()
    except (ValueError, TypeError) as exc:
        message = " ".join(str(exc).split())
        raise CLIError(f"{action}: {message}") from None


def cmd_fit(args: argparse.Namespace) -> int:
    """Fit one model on a CSV file and save it with joblib."""
    preprocess = parse_names(args.preprocess, PREPROCESSORS, "preprocessing") \
        if args.preprocess else []
    params = parse_params(args.param)
    table = read_spectra_csv(args.data, target=args.target)
    task = resolve_task(args.task, table.y, args.data)
    name = parse_models(args.model, task)
    if len(name) != 1:
        raise CLIError("fit takes one --model")
    name = name[0]
    check_params_used(params, [name], preprocess, task)
    estimator = build_estimator(name, preprocess=preprocess, params=params,
                                max_epochs=args.max_epochs, seed=args.seed, device=args.device,
                                task=task)
    if task == "regression":
        y = numeric_target(table.y)
        what = f"numeric target {y.min():.4g} to {y.max():.4g} (regression)"
    else:
        y = table.y
        classes = np.unique(y)
        what = f"{len(classes)} classes ({_short_list(classes)})"
    print(f"Fitting {name} on {table.X.shape[0]} spectra x {table.X.shape[1]} points, "
          f"{what} ...", flush=True)
    start = time.perf_counter()
    user_errors(f"cannot fit {name} on {args.data}", lambda: estimator.fit(table.X, y))
    seconds = time.perf_counter() - start
    save_model(args.output, estimator, columns=table.columns, target=args.target, model=name)
    print(f"Fitted {name} in {seconds:.1f} s; training "
          f"{_fit_quality(y, estimator.predict(table.X), task)}. Saved to {args.output}")
    return 0


def _fit_quality(y: np.ndarray, predicted: np.ndarray, task: str) -> str:
    """Accuracy, or RMSE and R^2, of predictions against known targets."""
    if task == "classification":
        return f"accuracy {float(np.mean(np.asarray(predicted).astype(str) == y)):.4f}"
    from sklearn.metrics import r2_score, root_mean_squared_error

    return (f"RMSE {root_mean_squared_error(y, predicted):.4g}, "
            f"R^2 {r2_score(y, predicted):.4f}")


def cmd_predict(args: argparse.Namespace) -> int:
    """Predict the class (or value) of every spectrum of a CSV file with a saved model."""
    from sklearn.base import is_regressor

    saved = load_model(args.model_file)
    target = args.target or saved.target
    table = read_spectra_csv(args.data, target=target, require_target=False)
    check_columns(saved, table)
    estimator = saved.estimator
    X = model_input(saved, table.X)
    regression = is_regressor(estimator)
    if args.proba and not hasattr(estimator, "predict_proba"):
        kind = "is a regressor" if regression else "has no predict_proba"
        raise CLIError(f"--proba: the model in {saved.path} {kind}")
    predictions = user_errors("cannot predict", lambda: estimator.predict(X))
    if regression and np.ndim(predictions) > 1:
        raise CLIError(f"the model in {saved.path} predicts {np.shape(predictions)[1]} "
                       "targets; the command line handles one")
    header = ["prediction"]
    columns: list[list[Any]] = [
        [format_number(p) for p in predictions] if regression else [str(p) for p in predictions]
    ]
    if args.proba:
        proba = user_errors("cannot predict", lambda: estimator.predict_proba(X))
        header += [f"proba_{label}" for label in estimator.classes_]
        columns += [[format_number(v) for v in proba[:, j]] for j in range(proba.shape[1])]
    rows = list(zip(*columns, strict=True))
    if args.output:
        write_csv(args.output, header, rows)
        print(f"Wrote {len(rows)} predictions to {args.output}", file=sys.stderr)
    else:
        write_csv(sys.stdout, header, rows)
    if table.y is not None and regression:
        resolve_task("regression", table.y, args.data)  # a CLIError for a non-number
        print(f"On the {len(rows)} spectra with a measured target (column {target!r}): "
              f"{_fit_quality(numeric_target(table.y), predictions, 'regression')}",
              file=sys.stderr)
    elif table.y is not None:
        accuracy = float(np.mean(np.array([str(p) for p in predictions]) == table.y))
        print(f"Accuracy on the {len(rows)} labelled spectra (column {target!r}): "
              f"{accuracy:.4f}", file=sys.stderr)
    return 0


def _short_list(values: Any, limit: int = 6) -> str:
    values = [str(v) for v in values]
    return ", ".join(values[:limit]) + (", ..." if len(values) > limit else "")
