"""``skspectra fit`` and ``skspectra predict``."""

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
    MODELS,
    PREPROCESSORS,
    build_estimator,
    check_params_used,
    parse_names,
    parse_params,
)
from skspectra._cli.saved_model import check_columns, load_model, model_input, save_model

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
    name = parse_names(args.model, MODELS, "model")
    if len(name) != 1:
        raise CLIError("fit takes one --model")
    name = name[0]
    preprocess = parse_names(args.preprocess, PREPROCESSORS, "preprocessing") \
        if args.preprocess else []
    params = parse_params(args.param)
    check_params_used(params, [name], preprocess)
    table = read_spectra_csv(args.data, target=args.target)
    estimator = build_estimator(name, preprocess=preprocess, params=params,
                                max_epochs=args.max_epochs, seed=args.seed, device=args.device)
    classes = np.unique(table.y)
    print(f"Fitting {name} on {table.X.shape[0]} spectra x {table.X.shape[1]} points, "
          f"{len(classes)} classes ({_short_list(classes)}) ...", flush=True)
    start = time.perf_counter()
    user_errors(f"cannot fit {name} on {args.data}", lambda: estimator.fit(table.X, table.y))
    seconds = time.perf_counter() - start
    accuracy = float(np.mean(estimator.predict(table.X) == table.y))
    save_model(args.output, estimator, columns=table.columns, target=args.target, model=name)
    print(f"Fitted {name} in {seconds:.1f} s; training accuracy {accuracy:.4f}. "
          f"Saved to {args.output}")
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    """Predict the class of every spectrum of a CSV file with a saved model."""
    saved = load_model(args.model_file)
    target = args.target or saved.target
    table = read_spectra_csv(args.data, target=target, require_target=False)
    check_columns(saved, table)
    estimator = saved.estimator
    X = model_input(saved, table.X)
    predictions = user_errors("cannot predict", lambda: estimator.predict(X))
    header = ["prediction"]
    columns: list[list[Any]] = [[str(p) for p in predictions]]
    if args.proba:
        if not hasattr(estimator, "predict_proba"):
            raise CLIError(f"the model in {saved.path} has no predict_proba")
        proba = user_errors("cannot predict", lambda: estimator.predict_proba(X))
        header += [f"proba_{label}" for label in estimator.classes_]
        columns += [[format_number(v) for v in proba[:, j]] for j in range(proba.shape[1])]
    rows = list(zip(*columns, strict=True))
    if args.output:
        write_csv(args.output, header, rows)
        print(f"Wrote {len(rows)} predictions to {args.output}", file=sys.stderr)
    else:
        write_csv(sys.stdout, header, rows)
    if table.y is not None:
        accuracy = float(np.mean(np.array([str(p) for p in predictions]) == table.y))
        print(f"Accuracy on the {len(rows)} labelled spectra (column {target!r}): "
              f"{accuracy:.4f}", file=sys.stderr)
    return 0


def _short_list(values: Any, limit: int = 6) -> str:
    values = [str(v) for v in values]
    return ", ".join(values[:limit]) + (", ..." if len(values) > limit else "")
