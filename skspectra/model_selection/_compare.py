"""``compare_models``: every model on every split, in parallel through joblib."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.metrics import accuracy_score, balanced_accuracy_score
from sklearn.model_selection import check_cv
from sklearn.utils import indexable
from sklearn.utils._indexing import _safe_indexing
from sklearn.utils.parallel import Parallel, delayed

from skspectra.model_selection._splits import monte_carlo_cv
from skspectra.models import is_deep_estimator

__all__ = ["ComparisonResult", "compare_models"]

SCORES = ("accuracy", "balanced_accuracy")
RECORD_KEYS = ("model", "split", *SCORES, "fit_time", "predict_time", "n_train", "n_test")

# The deep models seed torch's per-process generator for their fit, and torch draws from
# it even to predict (every DataLoader iteration takes a seed). Two such tasks in threads
# of one process (joblib's threading backend, Dask workers with several threads) would
# interleave their draws and lose reproducibility, so they run one at a time per process.
_TORCH_LOCK = threading.Lock()


@dataclass
class ComparisonResult:
    """What :func:`compare_models` measured: one record per (model, split).

    Attributes
    ----------
    records : list of dict
        One dict per model and split, ordered by model (in the order given) then
        split, with the keys ``model``, ``split`` (0-based), ``accuracy``,
        ``balanced_accuracy``, ``fit_time`` and ``predict_time`` (seconds, wall
        clock, inside the worker), ``n_train`` and ``n_test``.
    model_names : list of str
        The models, in the order given.
    splits : list of (ndarray, ndarray)
        The (train indices, test indices) of every split.
    estimators : dict of str to list, or None
        With ``return_estimators=True``: per model, the fitted estimator of each split.
    """

    records: list[dict[str, Any]]
    model_names: list[str]
    splits: list[tuple[np.ndarray, np.ndarray]]
    estimators: dict[str, list[Any]] | None = field(default=None, repr=False)

    def scores(self, model: str, key: str = "accuracy") -> np.ndarray:
        """One measurement of one model, per split.

        Parameters
        ----------
        model : str
            A model name.
        key : str, default="accuracy"
            ``"accuracy"``, ``"balanced_accuracy"``, ``"fit_time"``, ``"predict_time"``,
            ``"n_train"`` or ``"n_test"``.

        Returns
        -------
        ndarray of shape (n_splits,)
            The values, in the order of the splits.
        """
        if model not in self.model_names:
            raise KeyError(f"no model {model!r}; models: {self.model_names}.")
        if key not in RECORD_KEYS[2:]:
            raise KeyError(f"no measurement {key!r}; measurements: {list(RECORD_KEYS[2:])}.")
        return np.array([r[key] for r in self.records if r["model"] == model], dtype=float)

    def summary(self) -> list[dict[str, Any]]:
        """Per model: number of splits, mean and std (ddof=0) of the scores, mean times.

        Returns
        -------
        list of dict
            Keys ``model``, ``n_splits``, ``accuracy_mean``, ``accuracy_std``,
            ``balanced_accuracy_mean``, ``balanced_accuracy_std``, ``fit_time_mean``,
            ``predict_time_mean``.
        """
        rows = []
        for name in self.model_names:
            row: dict[str, Any] = {"model": name, "n_splits": len(self.scores(name))}
            for key in SCORES:
                values = self.scores(name, key)
                row[f"{key}_mean"] = float(values.mean())
                row[f"{key}_std"] = float(values.std())
            for key in ("fit_time", "predict_time"):
                row[f"{key}_mean"] = float(self.scores(name, key).mean())
            rows.append(row)
        return rows

    def report(self) -> str:
        """The summary as a plain-text table.

        Returns
        -------
        str
            One row per model: splits, accuracy mean and std, balanced accuracy, mean fit
            and predict times (seconds).
        """
        header = ("model", "splits", "accuracy", "std", "balanced acc.", "fit (s)",
                  "predict (s)")
        cells = [header] + [
            (
                row["model"],
                str(row["n_splits"]),
                f"{row['accuracy_mean']:.4f}",
                f"{row['accuracy_std']:.4f}",
                f"{row['balanced_accuracy_mean']:.4f}",
                f"{row['fit_time_mean']:.2f}",
                f"{row['predict_time_mean']:.3f}",
            )
            for row in self.summary()
        ]
        widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

        def line(row: tuple[str, ...]) -> str:
            return "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()

        lines = [line(r) for r in cells]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs pandas).

        Returns
        -------
        pandas.DataFrame
            One row per record, with the columns ``model``, ``split``, ``accuracy``,
            ``balanced_accuracy``, ``fit_time``, ``predict_time``, ``n_train``, ``n_test``.
        """
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - pandas is a test dependency
            raise ImportError("ComparisonResult.to_frame needs pandas; use .records "
                              "(a list of dicts) without it.") from None
        return pd.DataFrame(self.records, columns=list(RECORD_KEYS))


def _fit_and_score(
    name: str,
    estimator: Any,
    X: Any,
    y: Any,
    train: np.ndarray,
    test: np.ndarray,
    split: int,
    return_estimator: bool,
) -> tuple[dict[str, Any], Any]:
    """Fit one (already cloned) estimator on one split and score it on the test part."""
    X_train, y_train = _safe_indexing(X, train), _safe_indexing(y, train)
    X_test, y_test = _safe_indexing(X, test), _safe_indexing(y, test)
    lock = _TORCH_LOCK if is_deep_estimator(estimator) else contextlib.nullcontext()
    with lock:
        start = time.perf_counter()
        estimator.fit(X_train, y_train)
        fit_time = time.perf_counter() - start
        start = time.perf_counter()
        y_pred = estimator.predict(X_test)
        predict_time = time.perf_counter() - start
    record = {
        "model": name,
        "split": split,
        "accuracy": float(accuracy_score(y_test, y_pred)),
        "balanced_accuracy": float(balanced_accuracy_score(y_test, y_pred)),
        "fit_time": fit_time,
        "predict_time": predict_time,
        "n_train": len(train),
        "n_test": len(test),
    }
    return record, estimator if return_estimator else None


def _check_models(models: Any) -> dict[str, Any]:
    if not isinstance(models, Mapping) or not models:
        raise TypeError(
            "models must be a non-empty dict from a name to an estimator, got "
            f"{type(models).__name__}."
        )
    for name, model in models.items():
        if not isinstance(name, str):
            raise TypeError(f"model names must be strings, got {name!r}.")
        if not (hasattr(model, "fit") and hasattr(model, "predict")
                and hasattr(model, "get_params")):
            raise TypeError(
                f"models[{name!r}] must be a scikit-learn estimator (fit, predict, "
                f"get_params), got {type(model).__name__}."
            )
    return dict(models)


def _parallel(n_jobs: int | None, pre_dispatch: str | int) -> tuple[Parallel, bool]:
    """A Parallel that yields results as they finish where the backend allows it."""
    try:
        return Parallel(n_jobs=n_jobs, pre_dispatch=pre_dispatch,
                        return_as="generator_unordered"), True
    except ValueError:  # e.g. the multiprocessing backend: results come all at once
        return Parallel(n_jobs=n_jobs, pre_dispatch=pre_dispatch), False


def compare_models(
    models: Mapping[str, Any],
    X: Any,
    y: Any,
    *,
    cv: Any = None,
    groups: Any = None,
    n_jobs: int | None = None,
    verbose: int = 0,
    return_estimators: bool = False,
    pre_dispatch: str | int = "2*n_jobs",
) -> ComparisonResult:
    """Fit and score every model on every cross-validation split.

    Each (model, split) pair is one task: a fresh :func:`~sklearn.base.clone` of the
    model is fitted on the split's training part and scored on its test part. The tasks
    run through :class:`joblib.Parallel`, so the active joblib backend decides where:
    ``n_jobs`` local processes by default, or a Dask cluster inside
    ``joblib.parallel_config(backend="dask")``. The splits are drawn once, before any
    task runs, and no task uses a global random generator, so the records are the same
    whatever the backend and ``n_jobs``, provided every model is seeded through its
    own ``random_state`` (an unseeded deep model differs from run to run anyway). The
    deep models seed torch's per-process random generator, so within one process
    (joblib's threading backend, a Dask worker with several threads) their fits run one
    at a time; give Dask workers one thread each to train several at once.

    Parameters
    ----------
    models : dict of str to estimator
        Named classifiers (or Pipelines ending in one); they are cloned, not changed.
    X : array-like of shape (n_samples, n_features)
        Spectra (numpy array or pandas DataFrame).
    y : array-like of shape (n_samples,)
        Class labels.
    cv : int, cross-validation splitter or iterable, default=None
        ``None``: Monte-Carlo cross-validation, :func:`monte_carlo_cv` (20 stratified
        random 70/30 splits, seed 0). Otherwise as scikit-learn's ``cv``: an int is a
        stratified k-fold, a splitter or a list of (train, test) index pairs is used as is.
    groups : array-like of shape (n_samples,), default=None
        Group labels, for group-aware splitters.
    n_jobs : int, default=None
        Number of tasks run at once (``None``: 1 unless set by
        ``joblib.parallel_config``; ``-1``: all CPUs).
    verbose : int, default=0
        ``>= 1``: one line on stderr per finished task (model, split, accuracy,
        fit time, progress).
    return_estimators : bool, default=False
        Keep every fitted estimator in ``result.estimators``.
    pre_dispatch : str or int, default="2*n_jobs"
        Passed to :class:`joblib.Parallel`.

    Returns
    -------
    ComparisonResult
        ``records`` (one dict per model and split), ``summary()``, ``report()``,
        ``to_frame()``, ``splits`` and, on request, ``estimators``.

    Examples
    --------
    >>> from skspectra.datasets import load_coffee
    >>> from skspectra.model_selection import compare_models, monte_carlo_cv
    >>> from skspectra.models import PLSLDAClassifier
    >>> X, y = load_coffee(return_X_y=True)
    >>> models = {"pls-lda-2": PLSLDAClassifier(2), "pls-lda-5": PLSLDAClassifier(5)}
    >>> result = compare_models(models, X, y, cv=monte_carlo_cv(5, random_state=0))
    >>> len(result.records), sorted(result.records[0])[:3]
    (10, ['accuracy', 'balanced_accuracy', 'fit_time'])
    >>> [row["model"] for row in result.summary()]
    ['pls-lda-2', 'pls-lda-5']
    """
    models = _check_models(models)
    X, y, groups = indexable(X, y, groups)
    cv = monte_carlo_cv() if cv is None else check_cv(cv, y, classifier=True)
    splits = [(np.asarray(train), np.asarray(test)) for train, test in cv.split(X, y, groups)]
    if not splits:
        raise ValueError("cv produced no splits.")
    tasks = [(name, split) for split in range(len(splits)) for name in models]
    parallel, streamed = _parallel(n_jobs, pre_dispatch)
    start = time.perf_counter()
    outputs = parallel(
        delayed(_fit_and_score)(name, clone(models[name]), X, y, *splits[split], split,
                                return_estimators)
        for name, split in tasks
    )
    done: dict[tuple[str, int], tuple[dict[str, Any], Any]] = {}
    for record, estimator in outputs:
        done[record["model"], record["split"]] = (record, estimator)
        if verbose and streamed:
            _print_progress(record, len(done), len(tasks), len(splits), start)
    if verbose and not streamed:
        for count, (record, _) in enumerate(done.values(), start=1):
            _print_progress(record, count, len(tasks), len(splits), start)
    ordered = [done[name, split] for name in models for split in range(len(splits))]
    estimators = None
    if return_estimators:
        estimators = {name: [done[name, s][1] for s in range(len(splits))] for name in models}
    return ComparisonResult(
        records=[record for record, _ in ordered],
        model_names=list(models),
        splits=splits,
        estimators=estimators,
    )


def _print_progress(record: dict[str, Any], count: int, total: int, n_splits: int,
                    start: float) -> None:
    print(
        f"[{count}/{total}] {record['model']} split {record['split'] + 1}/{n_splits}: "
        f"accuracy {record['accuracy']:.3f}, fit {record['fit_time']:.1f} s "
        f"({time.perf_counter() - start:.0f} s elapsed)",
        file=sys.stderr,
        flush=True,
    )
