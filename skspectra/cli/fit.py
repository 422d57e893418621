"""``skspectra fit``: fit one model on a CSV file and save it."""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np

from skspectra.cli.errors import CLIError, user_errors
from skspectra.cli.model_specs import (
    PREPROCESSORS,
    build_estimator,
    check_params_used,
    parse_models,
    parse_names,
    parse_params,
)
from skspectra.cli.saved_model import model_card, save_model
from skspectra.cli.spectra_files import read_labelled_files
from skspectra.cli.target import numeric_target, prediction_quality, resolve_task


def cmd_fit(args: argparse.Namespace) -> int:
    """Fit one model on a CSV file and save it with joblib."""
    preprocess = parse_names(args.preprocess, PREPROCESSORS, "preprocessing") \
        if args.preprocess else []
    params = parse_params(args.param)
    table = read_labelled_files(args.data, target=args.target, task=args.task)
    task = "classification" if table.sources else resolve_task(args.task, table.y, args.data)
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
    cv_scores, cv_metric = (None, None) if not args.cv else _cross_validate(
        estimator, table.X, y, task, args.cv, args.seed, name)
    start = time.perf_counter()
    user_errors(f"cannot fit {name} on {args.data}", lambda: estimator.fit(table.X, y))
    seconds = time.perf_counter() - start
    card = model_card(estimator, columns=table.columns, n_samples=table.X.shape[0], task=task,
                      cv_scores=cv_scores, cv_metric=cv_metric)
    save_model(args.output, estimator, columns=table.columns, target=args.target, model=name,
               card=card)
    print(f"Fitted {name} in {seconds:.1f} s; training "
          f"{prediction_quality(y, estimator.predict(table.X), task)}. Saved to {args.output}")
    return 0


def _cross_validate(estimator: Any, X: np.ndarray, y: np.ndarray, task: str, folds: int,
                    seed: int, name: str) -> tuple[list[float], str]:
    """K-fold scores of a clone of ``estimator`` (stratified for classification), printed."""
    from sklearn.base import clone
    from sklearn.model_selection import KFold, StratifiedKFold

    if task == "regression":
        splitter, metric = KFold(folds, shuffle=True, random_state=seed), "r2"
    else:
        smallest = int(np.unique(y, return_counts=True)[1].min())
        if smallest < folds:
            raise CLIError(f"--cv {folds}: the smallest class has {smallest} spectra; use "
                           f"--cv {max(smallest, 2)} or fewer folds")
        splitter, metric = StratifiedKFold(folds, shuffle=True, random_state=seed), "accuracy"
    scores = []
    for fold, (train, test) in enumerate(splitter.split(X, y), start=1):
        model = clone(estimator)
        user_errors(f"cannot fit {name} on fold {fold}",
                    lambda m=model, t=train: m.fit(X[t], y[t]))
        scores.append(float(model.score(X[test], y[test])))
        print(f"  cv fold {fold}/{folds}: {metric} {scores[-1]:.4f}", flush=True)
    print(f"Cross-validated {metric}: {np.mean(scores):.4f} +/- {np.std(scores):.4f} over "
          f"{folds} folds", flush=True)
    return scores, metric


def _short_list(values: Any, limit: int = 6) -> str:
    values = [str(v) for v in values]
    return ", ".join(values[:limit]) + (", ..." if len(values) > limit else "")
