"""The ``skspectra`` argument parser and ``main``: parsing here, each sub-command in its module.

Errors in the user's input are reported as one line on stderr with exit code 2, never as
a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Callable, Sequence

from skspectra import __version__
from skspectra.cli.csv_io import CSV_HELP
from skspectra.cli.defaults import (
    COMPARE_DESCRIPTION,
    DEFAULT_DATASET,
    DEFAULT_MODELS,
    DEFAULT_N_JOBS,
    DEFAULT_N_SPLITS,
    DEFAULT_OUT,
    DEFAULT_REGRESSION_MODELS,
    DEFAULT_TEST_SIZE,
)
from skspectra.cli.errors import CLIError
from skspectra.cli.model_specs import MODELS_HELP, PARAM_HELP, PREPROCESS_HELP, TASK_HELP
from skspectra.cli.spectra_files import FILES_HELP

__all__ = ["build_parser", "main"]


def _lazy(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    """A sub-command that imports its implementation (and torch) only when run."""

    def run(args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(f"skspectra.cli.{module}"), function)(args)

    return run


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _cv_folds(text: str) -> int:
    folds = _positive_int(text)
    if folds < 2:
        raise argparse.ArgumentTypeError(f"must be at least 2, got {text!r}")
    return folds


def _test_size(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not (0 < value < 1 or (value >= 1 and value.is_integer())):
        raise argparse.ArgumentTypeError(
            f"expected a fraction in (0, 1) or a whole number of spectra, got {text!r}"
        )
    return value


def _add_model_options(parser: argparse.ArgumentParser, *, compare: bool) -> None:
    """Options shared by ``compare`` and ``fit``: preprocessing, parameters, training."""
    parser.add_argument("--preprocess", metavar="STEPS", help=f"comma-separated: {PREPROCESS_HELP}")
    param_help = PARAM_HELP
    if compare:
        param_help += "; prefix MODEL: to set it for one model only (e.g. pace:patch_size=8), " \
                      "without a prefix it applies to every model that has the parameter"
    parser.add_argument("--param", action="append", metavar="[MODEL:]NAME=VALUE" if compare
                        else "NAME=VALUE", help=param_help)
    default = "default: the model's own (200)"
    parser.add_argument("--max-epochs", type=_positive_int, metavar="N",
                        help=f"training epochs of the deep models ({default})")
    parser.add_argument("--seed", type=int, default=0,
                        help="random_state of the models" + (" and of the splits" if compare
                                                              else "") + " (default: 0)")
    parser.add_argument("--device", default=None,
                        help="torch device of the deep models: auto (GPU if available, the "
                             "default), cpu, cuda, cuda:1, ...")
    parser.add_argument("--target", default="label", metavar="COLUMN",
                        help="name of the label column of a CSV file (default: label)")
    parser.add_argument("--task", choices=("auto", "classification", "regression"),
                        default="auto", help=TASK_HELP)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the ``skspectra`` command."""
    parser = argparse.ArgumentParser(
        prog="skspectra",
        description="Deep learning and chemometrics for spectra, the scikit-learn way.",
        epilog="Run `skspectra COMMAND --help` for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"skspectra {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    formatter = argparse.RawDescriptionHelpFormatter

    p_datasets = commands.add_parser(
        "datasets",
        help="list the bundled datasets, or describe one",
        description="List the bundled datasets, or print the description of one.",
    )
    p_datasets.add_argument("name", nargs="?", help="a dataset name from the list")
    p_datasets.set_defaults(func=_lazy("datasets", "cmd_datasets"))

    p_compare = commands.add_parser(
        "compare",
        help="cross-validate several models on a dataset (the main job)",
        formatter_class=formatter,
        description=COMPARE_DESCRIPTION,
        epilog=f"{CSV_HELP}\n\n{FILES_HELP}",
    )
    p_compare.add_argument("--dataset", default=DEFAULT_DATASET, metavar="NAME|FILE.csv|FOLDER",
                           help="a bundled dataset (see `skspectra datasets`), a CSV file or a "
                                "folder of class sub-folders of instrument files "
                                f"(default: {DEFAULT_DATASET})")
    p_compare.add_argument("--models", metavar="M1,M2,...",
                           help=f"comma-separated: {MODELS_HELP} (default: {DEFAULT_MODELS}; "
                                f"for regression {DEFAULT_REGRESSION_MODELS})")
    splits = p_compare.add_mutually_exclusive_group()
    splits.add_argument("--cv", choices=("mccv", "kfold"), default="mccv",
                        help="mccv: Monte-Carlo CV, --n-splits random stratified train/test "
                             "splits (default); kfold: stratified k-fold")
    splits.add_argument("--split", choices=("published",),
                        help="published: one split, the bundled dataset's published "
                             "train/test parts")
    p_compare.add_argument("--n-splits", type=_positive_int, metavar="N",
                           help=f"number of splits (default: {DEFAULT_N_SPLITS})")
    p_compare.add_argument("--test-size", type=_test_size, metavar="F",
                           help=f"test fraction of each Monte-Carlo split, or a number of "
                                f"spectra (default: {DEFAULT_TEST_SIZE})")
    _add_model_options(p_compare, compare=True)
    p_compare.add_argument("--n-jobs", type=int, default=DEFAULT_N_JOBS, metavar="N",
                           help="(model, split) fits run at once in worker processes; -1: one "
                                f"per CPU (default: {DEFAULT_N_JOBS})")
    p_compare.add_argument("--scheduler", metavar="ADDRESS",
                           help="run the fits on a Dask cluster: a scheduler address "
                                "(tcp://host:8786) or 'local' (a cluster on this machine); "
                                "needs the 'distributed' extra")
    p_compare.add_argument("--explain-method", metavar="METHOD",
                           help="explanation method of the figures (default: each model's "
                                "default: grad_cam_occlusion for PACE and "
                                "GAP-CNN, occlusion for ResNet1D, coef for PLS-LDA)")
    p_compare.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                           help=f"output folder (default: ./{DEFAULT_OUT})")
    p_compare.add_argument("--quiet", action="store_true",
                           help="no progress lines (one per finished fit, on stderr)")
    p_compare.set_defaults(func=_lazy("compare", "cmd_compare"))

    p_fit = commands.add_parser(
        "fit",
        help="fit one model on a CSV file and save it",
        formatter_class=formatter,
        description="Fit one model on the spectra and labels of a CSV file and save it "
                    "(joblib).\n\nExample:\n  skspectra fit train.csv --model pace "
                    "--param patch_size=8 -o model.joblib",
        epilog=f"{CSV_HELP}\n\n{FILES_HELP}",
    )
    p_fit.add_argument("data", metavar="DATA", help="training spectra with labels: a CSV "
                       "file, or a folder of class sub-folders of instrument files")
    p_fit.add_argument("--model", required=True, metavar="NAME", help=MODELS_HELP)
    _add_model_options(p_fit, compare=False)
    p_fit.add_argument("-o", "--output", default="model.joblib", metavar="FILE",
                       help="where to save the fitted model (default: model.joblib)")
    p_fit.add_argument("--cv", type=_cv_folds, default=None, metavar="K",
                       help="also score the model by K-fold cross-validation (stratified for "
                            "classes) before the final fit, and keep the scores in the "
                            "saved model's card (K >= 2; K extra fits)")
    p_fit.set_defaults(func=_lazy("fit", "cmd_fit"))

    p_info = commands.add_parser(
        "info",
        help="print a saved model's card: task, classes, x-axis, data, versions, CV",
        formatter_class=formatter,
        description="Print the model card of a model saved by `skspectra fit`: its task, "
                    "classes, x-axis range, training-data shape, the package versions it "
                    "was fitted with, and its cross-validation scores (fit --cv).\n\n"
                    "Example:\n  skspectra info model.joblib",
    )
    p_info.add_argument("model_file", metavar="MODEL.joblib")
    p_info.add_argument("--json", action="store_true", help="print the card as JSON")
    p_info.set_defaults(func=_lazy("info", "cmd_info"))

    p_predict = commands.add_parser(
        "predict",
        help="predict the class of each spectrum of a CSV file",
        formatter_class=formatter,
        description="Predict the class of each spectrum with a model saved by `skspectra "
                    "fit`. Writes CSV (a 'prediction' column, and 'proba_<class>' columns "
                    "with --proba) to stdout or to -o FILE. If the file has the label "
                    "column, the accuracy is printed on stderr.\n\nExample:\n  skspectra "
                    "predict model.joblib test.csv --proba -o predictions.csv",
        epilog=f"{CSV_HELP}\n\n{FILES_HELP}",
    )
    p_predict.add_argument("model_file", metavar="MODEL.joblib")
    p_predict.add_argument("data", metavar="DATA", help="spectra: a CSV file (its label "
                           "column, if present, is not used to predict) or instrument files")
    p_predict.add_argument("--proba", action="store_true", help="add class probabilities")
    p_predict.add_argument("--target", metavar="COLUMN",
                           help="label column (default: the one the model was fitted with)")
    p_predict.add_argument("-o", "--output", metavar="FILE", help="write CSV here, not stdout")
    p_predict.set_defaults(func=_lazy("predict", "cmd_predict"))

    p_explain = commands.add_parser(
        "explain",
        help="explain a saved model's predictions: figure and relevance CSV",
        formatter_class=formatter,
        description="Explain the predictions of a saved model on the spectra of a CSV "
                    "file. The figure shows, for each explained class, the mean spectrum "
                    "and the mean explanation.\n\nExample:\n  skspectra explain "
                    "model.joblib test.csv --method grad_cam -o fig.png --relevance-csv "
                    "relevance.csv",
        epilog=f"{CSV_HELP}\n\n{FILES_HELP}",
    )
    p_explain.add_argument("model_file", metavar="MODEL.joblib")
    p_explain.add_argument("data", metavar="DATA", help="a CSV file, or instrument files "
                           "(a folder, a quoted glob or one file)")
    p_explain.add_argument("--method", help="occlusion, cam, grad_cam, grad_cam_1d, "
                                            "grad_cam_occlusion, saliency, smoothgrad, "
                                            "integrated_gradients, lime (deep "
                                            "models); coef, vip, occlusion (PLS-LDA); "
                                            "default: the model's own (grad_cam_occlusion "
                                            "for PACE and GAP-CNN, occlusion for ResNet1D, "
                                            "coef for PLS-LDA)")
    p_explain.add_argument("--class", dest="explain_class", metavar="LABEL",
                           help="explain this class for every spectrum (default: each "
                                "spectrum's predicted class)")
    p_explain.add_argument("--option", action="append", metavar="NAME=VALUE",
                           help="option of the method, e.g. window=9 for occlusion; repeatable")
    p_explain.add_argument("--target", metavar="COLUMN",
                           help="label column to ignore (default: the model's)")
    p_explain.add_argument("-o", "--output", default="explanation.png", metavar="FILE",
                           help="figure file, .png/.pdf/.svg (default: explanation.png)")
    p_explain.add_argument("--relevance-csv", metavar="FILE",
                           help="also write the relevances: a 'class' column (the explained "
                                "class) and one column per wavenumber")
    p_explain.add_argument("--no-figure", action="store_true", help="write no figure")
    p_explain.set_defaults(func=_lazy("explain", "cmd_explain"))
    return parser


def _one_line_warning(command: str) -> Callable[..., None]:
    """``warnings.showwarning`` that prints a warning as one line, without source code."""

    def show(message: Warning | str, category: type[Warning], *_args: object, **_kwargs: object
             ) -> None:
        text = " ".join(str(message).split())
        print(f"skspectra {command}: {category.__name__}: {text}", file=sys.stderr)

    return show


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``skspectra`` command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _one_line_warning(args.command)
            return args.func(args)
    except CLIError as exc:
        print(f"skspectra {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"skspectra {args.command}: interrupted", file=sys.stderr)
        return 130

