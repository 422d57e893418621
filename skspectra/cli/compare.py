"""``skspectra compare``: Monte-Carlo cross-validation of several models on one dataset.

Runs :func:`skspectra.model_selection.compare_models`, prints the summary table and
writes ``scores.csv`` (every split), ``summary.csv``, ``paired.csv`` (every model against
the first, split by split), ``accuracy_boxplot.png`` and,
per deep model, ``explanation_<model>.png``: the class-mean explanation over the
class-mean spectrum, pooled over the held-out spectra of every split. With a numeric
target (regression) the scores are RMSEP and R^2, the box plot is
``rmsep_boxplot.png``, ``predicted_vs_measured.png`` shows the held-out predictions of
every model, and the explanation figures show the mean over all held-out spectra.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from skspectra.cli import figures
from skspectra.cli.csv_io import write_csv
from skspectra.cli.defaults import (
    DEFAULT_MODELS,
    DEFAULT_N_SPLITS,
    DEFAULT_REGRESSION_MODELS,
    DEFAULT_TEST_SIZE,
)
from skspectra.cli.errors import CLIError, user_errors
from skspectra.cli.model_specs import (
    DEEP_MODELS,
    PREPROCESSORS,
    build_estimator,
    check_params_used,
    parse_models,
    parse_names,
    parse_params,
)
from skspectra.cli.spectra_files import read_labelled_files
from skspectra.cli.target import numeric_target, resolve_task


@dataclass
class Dataset:
    """The data of one comparison."""

    name: str
    X: np.ndarray
    y: np.ndarray
    x_axis: np.ndarray | None
    published: tuple[np.ndarray, np.ndarray] | None
    task: str = "classification"


def load_dataset(spec: str, target: str, task: str = "auto") -> Dataset:
    """A bundled dataset by name, or a CSV file by path; ``task`` as ``--task``."""
    from skspectra import datasets

    bundled = {info["name"]: info for info in datasets.list_datasets()}
    if spec in bundled:
        own = bundled[spec].get("task", "classification")
        if task not in ("auto", own):
            raise CLIError(f"{spec} is a {own} dataset; --task {task} does not apply")
        bunch = getattr(datasets, bundled[spec]["loader"])()
        return Dataset(spec, np.asarray(bunch.data), np.asarray(bunch.target),
                       bunch.x_axis, (bunch.train_index, bunch.test_index), own)
    if not Path(spec).exists() and not spec.lower().endswith(".csv"):
        raise CLIError(f"unknown dataset {spec!r}: not a bundled dataset "
                       f"({', '.join(bundled)}), a CSV file nor a folder")
    table = read_labelled_files(spec, target=target, task=task)
    task = "classification" if table.sources else resolve_task(task, table.y, spec)
    y = numeric_target(table.y) if task == "regression" else table.y
    return Dataset(Path(spec).name, table.X, y, table.x_axis, None, task)


def make_cv(args: argparse.Namespace, data: Dataset) -> tuple[Any, str]:
    """The splits and a description of them."""
    if args.split == "published":
        for option in ("n_splits", "test_size"):
            if getattr(args, option) is not None:
                raise CLIError(f"--{option.replace('_', '-')} does not apply to "
                               "--split published (one split: the published train/test parts)")
        if data.published is None:
            raise CLIError(f"--split published needs a bundled dataset; {data.name} has no "
                           "published split (use --cv mccv)")
        train, test = data.published
        return [(train, test)], f"the published split ({len(train)} train / {len(test)} test)"
    n_splits = DEFAULT_N_SPLITS if args.n_splits is None else args.n_splits
    stratify = data.task == "classification"
    if stratify:
        labels, counts = np.unique(data.y, return_counts=True)
        single = [str(label) for label in labels[counts < 2]]
        if single:
            shown = ", ".join(single[:5]) + (", ..." if len(single) > 5 else "")
            raise CLIError(f"stratified splits need at least 2 spectra per class; "
                           f"{len(single)} class(es) have one ({shown})")
    if args.cv == "kfold":
        from sklearn.model_selection import KFold, StratifiedKFold

        if args.test_size is not None:
            raise CLIError("--test-size does not apply to --cv kfold (test part: 1/n-splits)")
        if n_splits < 2:
            raise CLIError(f"--cv kfold needs --n-splits >= 2, got {n_splits}")
        folds = StratifiedKFold if stratify else KFold
        return (folds(n_splits, shuffle=True, random_state=args.seed),
                f"{'stratified ' * stratify}{n_splits}-fold cross-validation")
    from skspectra.model_selection import monte_carlo_cv

    test_size = DEFAULT_TEST_SIZE if args.test_size is None else args.test_size
    if test_size >= 1:
        test_size = int(test_size)
    cv = user_errors("bad split options",
                     lambda: monte_carlo_cv(n_splits, test_size=test_size, stratify=stratify,
                                            random_state=args.seed))
    return cv, (f"Monte-Carlo CV, {n_splits} {'stratified ' * stratify}splits, test size "
                f"{test_size}")


@contextlib.contextmanager
def _on_scheduler(address: str | None) -> Iterator[None]:
    """Run the block on the Dask cluster at ``address`` ("local": a new local cluster)."""
    if address is None:
        yield
        return
    hint = "--scheduler requires the 'distributed' extra: pip install 'skspectra[distributed]'"
    try:
        from skspectra.model_selection import dask_backend
    except ImportError:
        raise CLIError(hint) from None
    if importlib.util.find_spec("distributed") is None:
        raise CLIError(hint)
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(dask_backend(None if address == "local" else address))
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise CLIError(f"--scheduler {address}: {exc}") from None
        yield


def _epochs_text(max_epochs: int | None) -> str:
    """The deep models' training length, for the run's first line."""
    if max_epochs is None:
        return "; deep models: their own epochs (200)"
    return f"; deep models: {max_epochs} epochs"


def cmd_compare(args: argparse.Namespace) -> int:
    """Run the comparison and write its outputs."""
    started = time.perf_counter()
    preprocess = parse_names(args.preprocess, PREPROCESSORS, "preprocessing") \
        if args.preprocess else []
    params = parse_params(args.param)
    data = load_dataset(args.dataset, args.target, args.task)
    regression = data.task == "regression"
    default_models = DEFAULT_REGRESSION_MODELS if regression else DEFAULT_MODELS
    names = parse_models(args.models or default_models, data.task)
    check_params_used(params, names, preprocess, data.task)
    cv, cv_text = make_cv(args, data)
    # No --max-epochs: each deep model trains for its own max_epochs (200), the setting at
    # which its defaults were chosen by cross-validation (benchmarks/RESULTS.md, issue 12).
    max_epochs = args.max_epochs
    models = {
        name: build_estimator(name, preprocess=preprocess, params=params, max_epochs=max_epochs,
                              seed=args.seed, device=args.device, task=data.task)
        for name in names
    }
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CLIError(f"--out {out}: exists and is not a folder")
    plt = figures.pyplot()
    deep = [name for name in names if name in DEEP_MODELS]
    target = f"numeric target {data.y.min():.4g} to {data.y.max():.4g}" if regression else \
        f"{len(np.unique(data.y))} classes"
    print(f"Comparing {', '.join(names)} on {data.name} ({data.X.shape[0]} spectra x "
          f"{data.X.shape[1]} points, {target}); {cv_text}"
          f"{'; preprocessing ' + ' -> '.join(preprocess) if preprocess else ''}"
          f"{_epochs_text(max_epochs) if deep else ''}; seed {args.seed}.",
          flush=True)
    from skspectra.model_selection import compare_models

    with _on_scheduler(args.scheduler), warnings.catch_warnings():
        # loky replaces a worker whose memory grew (torch's allocator): not a user problem
        warnings.filterwarnings("ignore", message="A worker stopped while some jobs")
        result = user_errors(
            "comparison failed",
            lambda: compare_models(models, data.X, data.y, cv=cv, n_jobs=args.n_jobs,
                                   verbose=0 if args.quiet else 1,
                                   return_estimators=bool(deep) and plt is not None),
        )
    print()
    print(result.report())
    written = write_outputs(result, data, out, args, plt is not None)
    print(f"\nWrote to {out}/: {', '.join(written)}")
    if plt is None:
        print(f"No figures: {figures.PLOT_HINT}", file=sys.stderr)
    print(f"Total time {time.perf_counter() - started:.0f} s.")
    return 0


def write_outputs(result: Any, data: Dataset, out: Path, args: argparse.Namespace,
                  with_figures: bool) -> list[str]:
    """scores.csv, summary.csv and the figures; returns the file names."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CLIError(f"--out {out}: cannot create the folder: {exc.strerror or exc}") from None
    keys = list(result.records[0])
    write_csv(out / "scores.csv", keys, ([r[k] for k in keys] for r in result.records))
    summary = result.summary()
    write_csv(out / "summary.csv", list(summary[0]), ([r[k] for k in r] for r in summary))
    written = ["scores.csv", "summary.csv"]
    paired = result.paired() if len(result.splits) > 1 else []
    if paired:
        rows = [asdict(row) for row in paired]
        write_csv(out / "paired.csv", list(rows[0]), (list(row.values()) for row in rows))
        written.append("paired.csv")
    if not with_figures:
        return written
    n_splits = len(result.splits)
    over = f"over {n_splits} split{'s' * (n_splits > 1)}"
    box = "rmsep_boxplot.png" if data.task == "regression" else "accuracy_boxplot.png"
    figures.score_boxplot(result, str(out / box), f"{data.name}: test {{score}} {over}")
    written.append(box)
    if data.task == "regression":
        indices, _ = result.held_out_predictions(result.model_names[0])
        predicted = {name: result.held_out_predictions(name)[1] for name in result.model_names}
        figures.predicted_vs_measured(data.y[indices], predicted,
                                      str(out / "predicted_vs_measured.png"),
                                      f"{data.name}: held-out predictions {over}")
        written.append("predicted_vs_measured.png")
    for name in result.model_names:
        if name not in DEEP_MODELS:
            continue
        file = f"explanation_{name}.png"
        if explanation_figure(result, name, data, out / file, args.explain_method):
            written.append(file)
    return written


def explanation_figure(result: Any, name: str, data: Dataset, path: Path,
                       method: str | None) -> bool:
    """Class-mean explanation of ``name`` over its held-out spectra, pooled over splits.

    Each split's model explains its own test spectra for their true class (a regressor:
    its prediction, and all spectra form one group); each split's maps are divided by
    their largest absolute value, so that every split weighs the same. Returns False
    (with a note on stderr) when the method does not apply.
    """
    from skspectra.explain import default_method, explain

    regression = data.task == "regression"
    spectra, maps, labels = [], [], []
    for estimator, (_, test) in zip(result.estimators[name], result.splits, strict=True):
        target = None if regression else data.y[test]
        try:
            relevance = explain(estimator, data.X[test], method=method, target=target)
        except (ValueError, TypeError) as exc:
            print(f"note: no explanation figure for {name}: {exc}", file=sys.stderr)
            return False
        scale = np.abs(relevance).max()
        maps.append(relevance / scale if scale > 0 else relevance)
        spectra.append(data.X[test])
        labels.append(np.full(len(test), "all held-out spectra") if regression
                      else data.y[test])
    shown = method or default_method(result.estimators[name][0])
    n_splits = len(result.splits)
    figures.class_explanation(
        np.concatenate(spectra), np.concatenate(maps), np.concatenate(labels), data.x_axis,
        str(path),
        f"{name} on {data.name}: mean {shown} explanation of "
        f"{'the prediction' if regression else 'the true class'}, held-out spectra "
        f"of {n_splits} split{'s' * (n_splits > 1)}",
        group_label="" if regression else "class",
    )
    return True

