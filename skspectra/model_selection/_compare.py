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
from sklearn.base import clone, is_regressor
from sklearn.model_selection import check_cv
from sklearn.utils import indexable
from sklearn.utils._indexing import _safe_indexing
from sklearn.utils.parallel import Parallel, delayed

from skspectra.model_selection._paired import PairedComparison, corrected_resampled_ttest
from skspectra.model_selection._scores import SCORES, check_scoring_names, compute
from skspectra.model_selection._splits import monte_carlo_cv
from skspectra.models import is_deep_estimator

__all__ = ["ComparisonResult", "compare_models"]

_CLASSIFICATION_SCORES = ("accuracy", "balanced_accuracy")
MEASUREMENTS = ("fit_time", "predict_time", "n_train", "n_test")

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
        split, with the keys ``model``, ``split`` (0-based), one per score of
        ``scoring`` (``accuracy`` and ``balanced_accuracy`` by default for
        classifiers, ``rmse`` and ``r2`` for regressors), ``fit_time`` and
        ``predict_time`` (seconds, wall clock, inside the worker), ``n_train`` and
        ``n_test``.
    model_names : list of str
        The models, in the order given.
    splits : list of (ndarray, ndarray)
        The (train indices, test indices) of every split.
    estimators : dict of str to list, or None
        With ``return_estimators=True``: per model, the fitted estimator of each split.
    scoring : tuple of str
        The scores recorded, the first being the main one (``scores(model)``, the
        report's first columns, the progress lines).
    predictions : dict of str to list of ndarray, or None
        Per model, the predictions on the test part of each split (in the order of
        ``splits[i][1]``); see :meth:`held_out_predictions`.
    """

    records: list[dict[str, Any]]
    model_names: list[str]
    splits: list[tuple[np.ndarray, np.ndarray]]
    estimators: dict[str, list[Any]] | None = field(default=None, repr=False)
    scoring: tuple[str, ...] = _CLASSIFICATION_SCORES
    predictions: dict[str, list[np.ndarray]] | None = field(default=None, repr=False)

    @property
    def task(self) -> str:
        """``"classification"`` or ``"regression"``, from the scores recorded."""
        return SCORES[self.scoring[0]].task

    def scores(self, model: str, key: str | None = None) -> np.ndarray:
        """One measurement of one model, per split.

        Parameters
        ----------
        model : str
            A model name.
        key : str, default=None
            A score of ``scoring`` (``None``: the first), ``"fit_time"``,
            ``"predict_time"``, ``"n_train"`` or ``"n_test"``.

        Returns
        -------
        ndarray of shape (n_splits,)
            The values, in the order of the splits.
        """
        if model not in self.model_names:
            raise KeyError(f"no model {model!r}; models: {self.model_names}.")
        key = self.scoring[0] if key is None else key
        keys = [*self.scoring, *MEASUREMENTS]
        if key not in keys:
            raise KeyError(f"no measurement {key!r}; measurements: {keys}.")
        return np.array([r[key] for r in self.records if r["model"] == model], dtype=float)

    def held_out_predictions(self, model: str) -> tuple[np.ndarray, np.ndarray]:
        """The test indices and predictions of one model, pooled over the splits.

        Parameters
        ----------
        model : str
            A model name.

        Returns
        -------
        indices : ndarray of shape (n_predictions,)
            Row of ``X`` of each prediction (a row tested in several splits appears
            once per split).
        predictions : ndarray of shape (n_predictions,) or (n_predictions, n_outputs)
            The predictions, split after split.
        """
        if model not in self.model_names:
            raise KeyError(f"no model {model!r}; models: {self.model_names}.")
        if self.predictions is None:
            raise ValueError("this result holds no predictions.")
        indices = np.concatenate([test for _, test in self.splits])
        return indices, np.concatenate(self.predictions[model])

    def summary(self) -> list[dict[str, Any]]:
        """Per model: number of splits, mean and std (ddof=0) of the scores, mean times.

        Returns
        -------
        list of dict
            Keys ``model``, ``n_splits``, ``<score>_mean`` and ``<score>_std`` for each
            score of ``scoring`` (e.g. ``accuracy_mean``), ``fit_time_mean`` and
            ``predict_time_mean``.
        """
        rows = []
        for name in self.model_names:
            row: dict[str, Any] = {"model": name, "n_splits": len(self.scores(name))}
            for key in self.scoring:
                values = self.scores(name, key)
                row[f"{key}_mean"] = float(values.mean())
                row[f"{key}_std"] = float(values.std())
            for key in ("fit_time", "predict_time"):
                row[f"{key}_mean"] = float(self.scores(name, key).mean())
            rows.append(row)
        return rows

    def report(self) -> str:
        """The summary as a plain-text table, then the paired comparison.

        Returns
        -------
        str
            One row per model: splits, the mean and std of the first score, the means
            of the other scores, mean fit and predict times (seconds). With two models
            or more and two splits or more, a second table compares every model with
            the first on the first score, split by split (:meth:`paired`).
        """
        main, *others = self.scoring
        header = ("model", "splits", SCORES[main].label, "std",
                  *(SCORES[key].label for key in others), "fit (s)", "predict (s)")
        cells = [header] + [
            (
                row["model"],
                str(row["n_splits"]),
                f"{row[f'{main}_mean']:.4f}",
                f"{row[f'{main}_std']:.4f}",
                *(f"{row[f'{key}_mean']:.4f}" for key in others),
                f"{row['fit_time_mean']:.2f}",
                f"{row['predict_time_mean']:.3f}",
            )
            for row in self.summary()
        ]
        text = _text_table(cells)
        if len(self.model_names) > 1 and len(self.splits) > 1:
            text += "\n\n" + _paired_table(self.paired())
        return text

    def paired(self, reference: str | None = None, score: str | None = None,
               confidence: float = 0.95) -> list[PairedComparison]:
        """Every other model against ``reference``, split by split on the same splits.

        The splits overlap, so the interval and p come from Nadeau and Bengio's corrected
        resampled t-test (:func:`~skspectra.model_selection.corrected_resampled_ttest`),
        not from a plain paired t-test, which would be far too confident.

        Parameters
        ----------
        reference : str, default=None
            The model the others are compared with (``None``: the first model).
        score : str, default=None
            A score of ``scoring`` (``None``: the first).
        confidence : float, default=0.95
            Level of the intervals.

        Returns
        -------
        list of PairedComparison
            One per model other than ``reference``, in the order of ``model_names``.

        Examples
        --------
        >>> from skspectra.datasets import load_coffee
        >>> from skspectra.model_selection import compare_models, monte_carlo_cv
        >>> from skspectra.models import PLSLDAClassifier
        >>> X, y = load_coffee(return_X_y=True)
        >>> result = compare_models({"k1": PLSLDAClassifier(1), "k3": PLSLDAClassifier(3)},
        ...                         X, y, cv=monte_carlo_cv(5))
        >>> row = result.paired()[0]
        >>> row.model, row.reference, row.n_splits
        ('k3', 'k1', 5)
        """
        reference = self.model_names[0] if reference is None else reference
        score = self.scoring[0] if score is None else score
        if score not in self.scoring:
            raise KeyError(f"no score {score!r}; scores: {list(self.scoring)}.")
        ref = self.scores(reference, score)
        ratio = float(self.scores(reference, "n_test").mean()
                      / self.scores(reference, "n_train").mean())
        sense = 1.0 if SCORES[score].greater_is_better else -1.0
        rows = []
        for name in self.model_names:
            if name == reference:
                continue
            diff = self.scores(name, score) - ref
            mean, low, high, p = corrected_resampled_ttest(diff, ratio, confidence)
            gain = sense * np.where(np.abs(diff) < 1e-12, 0.0, diff)
            rows.append(PairedComparison(
                model=name, reference=reference, score=score, n_splits=len(diff),
                mean_difference=mean, ci_low=low, ci_high=high, p_value=p,
                better=int((gain > 0).sum()), tied=int((gain == 0).sum()),
                worse=int((gain < 0).sum())))
        return rows

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs pandas).

        Returns
        -------
        pandas.DataFrame
            One row per record, with the columns ``model``, ``split``, the scores,
            ``fit_time``, ``predict_time``, ``n_train`` and ``n_test``.
        """
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - pandas is a test dependency
            raise ImportError("ComparisonResult.to_frame needs pandas; use .records "
                              "(a list of dicts) without it.") from None
        return pd.DataFrame(self.records,
                            columns=["model", "split", *self.scoring, *MEASUREMENTS])


def _text_table(cells: list[tuple[str, ...]]) -> str:
    """Rows of strings as aligned columns (first left-aligned), a rule under the header."""
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]

    def line(row: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()

    lines = [line(row) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _paired_table(rows: list[PairedComparison]) -> str:
    """:meth:`ComparisonResult.paired`'s rows as a titled table."""
    first = rows[0]
    label = SCORES[first.score].label
    cells = [("model", f"minus {first.reference}", "95 % interval", "p",
              "better/tied/worse")] + [
        (row.model, f"{row.mean_difference:+.4f}",
         f"[{row.ci_low:+.4f}, {row.ci_high:+.4f}]", f"{row.p_value:.3f}",
         f"{row.better}/{row.tied}/{row.worse}")
        for row in rows
    ]
    return (f"Paired with {first.reference} on the same {first.n_splits} splits ({label}; "
            "interval and p of the corrected resampled t-test, Nadeau & Bengio 2003, "
            "since the splits overlap):\n" + _text_table(cells))


def _fit_and_score(
    name: str,
    estimator: Any,
    X: Any,
    y: Any,
    train: np.ndarray,
    test: np.ndarray,
    split: int,
    scoring: tuple[str, ...],
    return_estimator: bool,
) -> tuple[dict[str, Any], Any, np.ndarray]:
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
        **compute(scoring, y_test, y_pred),
        "fit_time": fit_time,
        "predict_time": predict_time,
        "n_train": len(train),
        "n_test": len(test),
    }
    return record, estimator if return_estimator else None, np.asarray(y_pred)


def _task(models: dict[str, Any]) -> str:
    """``"regression"`` when every model is a regressor, ``"classification"`` when none is."""
    regressors = [name for name, model in models.items() if is_regressor(model)]
    if not regressors:
        return "classification"
    if len(regressors) == len(models):
        return "regression"
    others = [name for name in models if name not in regressors]
    raise ValueError(f"models mixes regressors ({', '.join(regressors)}) and classifiers "
                     f"({', '.join(others)}); compare one kind at a time.")


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
    scoring: str | list[str] | None = None,
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
        Named classifiers, or named regressors (or Pipelines ending in one); they are
        cloned, not changed. Classifiers and regressors cannot be mixed.
    X : array-like of shape (n_samples, n_features)
        Spectra (numpy array or pandas DataFrame).
    y : array-like of shape (n_samples,)
        Class labels, or numeric targets for regressors.
    cv : int, cross-validation splitter or iterable, default=None
        ``None``: Monte-Carlo cross-validation, :func:`monte_carlo_cv` (20 random 70/30
        splits, seed 0; stratified for classifiers). Otherwise as scikit-learn's ``cv``:
        an int is a (stratified, for classifiers) k-fold, a splitter or a list of (train,
        test) index pairs is used as is.
    scoring : str or list of str, default=None
        The scores recorded per split, the first being the main one. Classifiers:
        ``"accuracy"``, ``"balanced_accuracy"`` (``None``: both). Regressors:
        ``"rmse"`` (root mean squared error of prediction, RMSEP), ``"r2"``, ``"mae"``
        (``None``: ``["rmse", "r2"]``).
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
        ``records`` (one dict per model and split), ``summary()``, ``paired()``,
        ``report()``, ``to_frame()``, ``splits``, the held-out ``predictions`` and, on request,
        ``estimators``.

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

    Regressors are scored by RMSE and R^2:

    >>> from skspectra.datasets import load_tecator
    >>> from skspectra.models import PLSRegressorCV
    >>> X, y = load_tecator(return_X_y=True)
    >>> result = compare_models({"pls": PLSRegressorCV()}, X, y, cv=3)
    >>> result.scoring, bool(result.scores("pls").mean() < 5)
    (('rmse', 'r2'), True)
    """
    models = _check_models(models)
    task = _task(models)
    scoring = check_scoring_names(scoring, task)
    X, y, groups = indexable(X, y, groups)
    if task == "regression":
        y = _numeric_target(y)
    classifier = task == "classification"
    cv = monte_carlo_cv(stratify=classifier) if cv is None else \
        check_cv(cv, y, classifier=classifier)
    splits = [(np.asarray(train), np.asarray(test)) for train, test in cv.split(X, y, groups)]
    if not splits:
        raise ValueError("cv produced no splits.")
    tasks = [(name, split) for split in range(len(splits)) for name in models]
    parallel, streamed = _parallel(n_jobs, pre_dispatch)
    start = time.perf_counter()
    outputs = parallel(
        delayed(_fit_and_score)(name, clone(models[name]), X, y, *splits[split], split,
                                scoring, return_estimators)
        for name, split in tasks
    )
    done: dict[tuple[str, int], tuple[dict[str, Any], Any, np.ndarray]] = {}
    for record, estimator, y_pred in outputs:
        done[record["model"], record["split"]] = (record, estimator, y_pred)
        if verbose and streamed:
            _print_progress(record, scoring[0], len(done), len(tasks), len(splits), start)
    if verbose and not streamed:
        for count, (record, _, _) in enumerate(done.values(), start=1):
            _print_progress(record, scoring[0], count, len(tasks), len(splits), start)
    ordered = [done[name, split] for name in models for split in range(len(splits))]
    estimators = None
    if return_estimators:
        estimators = {name: [done[name, s][1] for s in range(len(splits))] for name in models}
    return ComparisonResult(
        records=[record for record, _, _ in ordered],
        model_names=list(models),
        splits=splits,
        estimators=estimators,
        scoring=scoring,
        predictions={name: [done[name, s][2] for s in range(len(splits))] for name in models},
    )


def _numeric_target(y: Any) -> np.ndarray:
    """A regression target as floats, or a ValueError naming the problem."""
    try:
        values = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("the models are regressors, but y is not numeric (e.g. class "
                         "labels); pass numeric targets, or compare classifiers.") from None
    if not np.all(np.isfinite(values)):
        raise ValueError("y holds NaN or infinite values.")
    return values


def _print_progress(record: dict[str, Any], score: str, count: int, total: int,
                    n_splits: int, start: float) -> None:
    print(
        f"[{count}/{total}] {record['model']} split {record['split'] + 1}/{n_splits}: "
        f"{SCORES[score].label} {record[score]:.3f}, fit {record['fit_time']:.1f} s "
        f"({time.perf_counter() - start:.0f} s elapsed)",
        file=sys.stderr,
        flush=True,
    )
