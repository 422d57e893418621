"""``skspectra predict``: the class (or value) of each spectrum, with a saved model."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import numpy as np

from skspectra.cli.csv_io import format_number, write_csv
from skspectra.cli.errors import CLIError, user_errors
from skspectra.cli.saved_model import check_columns, load_model, model_input
from skspectra.cli.spectra_files import read_unlabelled
from skspectra.cli.target import numeric_target, prediction_quality, resolve_task


def cmd_predict(args: argparse.Namespace) -> int:
    """Predict the class (or value) of every spectrum of a CSV file with a saved model."""
    from sklearn.base import is_regressor

    saved = load_model(args.model_file)
    target = args.target or saved.target
    table = read_unlabelled(args.data, saved.columns, target=target)
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
    if table.sources is not None:  # instrument files: which file each row is
        header, columns = ["source", *header], [table.sources, *columns]
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
              f"{prediction_quality(numeric_target(table.y), predictions, 'regression')}",
              file=sys.stderr)
    elif table.y is not None:
        accuracy = float(np.mean(np.array([str(p) for p in predictions]) == table.y))
        print(f"Accuracy on the {len(rows)} labelled spectra (column {target!r}): "
              f"{accuracy:.4f}", file=sys.stderr)
    return 0
