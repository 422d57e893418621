"""``skspectra explain``: which bands drove a saved model's decisions."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import numpy as np

from skspectra.cli import figures
from skspectra.cli.csv_io import format_number, write_csv
from skspectra.cli.errors import CLIError, user_errors
from skspectra.cli.model_specs import parse_options
from skspectra.cli.saved_model import check_columns, load_model, model_input
from skspectra.cli.spectra_files import read_unlabelled


def _class_label(classes: np.ndarray, text: str) -> Any:
    """The element of ``classes`` whose text is ``text``."""
    for label in classes.tolist():
        if str(label) == text:
            return label
    raise CLIError(f"--class {text!r} is not one of the model's classes: "
                   f"{', '.join(str(c) for c in classes)}")


def cmd_explain(args: argparse.Namespace) -> int:
    """Explain a saved model's predictions on a CSV file: a figure and/or a CSV.

    A classifier's maps explain each spectrum's predicted class (or ``--class``); a
    regressor's explain its prediction, and the figure shows their mean.
    """
    from sklearn.base import is_regressor

    from skspectra.explain import explain
    from skspectra.explain._progress import reporting_progress

    if args.no_figure and not args.relevance_csv:
        raise CLIError("nothing to write: --no-figure needs --relevance-csv")
    plt = None if args.no_figure else figures.pyplot()
    if not args.no_figure and plt is None:
        raise CLIError(f"the figure needs matplotlib ({figures.PLOT_HINT}); "
                       "or use --no-figure --relevance-csv FILE")
    saved = load_model(args.model_file)
    table = read_unlabelled(args.data, saved.columns, target=args.target or saved.target)
    check_columns(saved, table)
    estimator = saved.estimator
    options = parse_options(args.option, "--option")
    classes = getattr(estimator, "classes_", None)
    regression = is_regressor(estimator)
    if classes is None and not regression:
        raise CLIError(f"the model in {saved.path} is neither a classifier nor a regressor")
    if regression and args.explain_class is not None:
        raise CLIError(f"--class: the model in {saved.path} is a regressor (it has no classes)")
    X = model_input(saved, table.X)
    if regression:
        predicted = user_errors("cannot predict", lambda: estimator.predict(X))
        explained = np.array([format_number(v) for v in np.ravel(predicted)])
        target = None
    elif args.explain_class is not None:
        label = _class_label(np.asarray(classes), args.explain_class)
        explained = np.array([label] * len(table.X), dtype=object)
        target: Any = label
    else:
        explained = user_errors("cannot predict", lambda: estimator.predict(X))
        target = None
    method = args.method or "the default method"
    with reporting_progress(f"explain ({method})"):
        relevance = user_errors(
            "cannot explain",
            lambda: explain(estimator, X, method=args.method, target=target, **options),
        )
    written = []
    if args.relevance_csv:
        rows = ([str(c), *(format_number(v) for v in row)]
                for c, row in zip(explained, relevance, strict=True))
        write_csv(args.relevance_csv, ["prediction" if regression else "class", *table.columns],
                  rows)
        written.append(args.relevance_csv)
    if not args.no_figure:
        groups = np.full(len(explained), "all spectra") if regression else \
            np.array([str(c) for c in explained])
        explained_what = "prediction" if regression else \
            "class " + str(target) if target is not None else "predicted class"
        figures.class_explanation(
            table.X, relevance, groups, table.x_axis, args.output,
            f"{saved.model or type(estimator).__name__}: {method} explanation "
            f"({explained_what}), mean over {len(table.X)} spectra of {args.data}",
            group_label="" if regression else "class",
        )
        written.append(args.output)
    print(f"Explained {len(table.X)} spectra with {method}; wrote {', '.join(written)}",
          file=sys.stderr)
    return 0
