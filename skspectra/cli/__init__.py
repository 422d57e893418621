"""The ``skspectra`` console script: one module per sub-command.

Sub-commands
------------
``skspectra datasets [NAME]`` (:mod:`skspectra.cli.datasets`)
    List the bundled datasets, or print the description (source, citation) of one.
``skspectra compare`` (:mod:`skspectra.cli.compare`)
    Monte-Carlo cross-validation of several models on a bundled dataset or a CSV file:
    a table of accuracy (RMSEP and R^2 for a numeric target) and fit time,
    ``scores.csv``, a box plot, explanation figures and, for regression, a
    predicted-vs-measured figure.
``skspectra fit DATA.csv --model NAME -o model.joblib`` (:mod:`skspectra.cli.fit`)
    Fit one model (a classifier, or a regressor for a numeric target) on a CSV file and
    save it.
``skspectra predict model.joblib DATA.csv`` (:mod:`skspectra.cli.predict`)
    Predict the class (or value) of each spectrum of a CSV file.
``skspectra explain model.joblib DATA.csv`` (:mod:`skspectra.cli.explain`)
    Explain the predictions: a class-mean explanation figure and/or a CSV of relevances.

The parser and :func:`main` are in :mod:`skspectra.cli.main`; the other modules are the
command line's helpers (CSV files, model names, model files, figures). Only
:func:`main`, :func:`build_parser` and :class:`CLIError` are public; importing this
package does not import torch.

Examples
--------
>>> from skspectra.cli import main
>>> main(["datasets"])  # doctest: +ELLIPSIS
name ...
0
"""

from skspectra.cli.errors import CLIError
from skspectra.cli.main import build_parser, main

__all__ = ["CLIError", "build_parser", "main"]
