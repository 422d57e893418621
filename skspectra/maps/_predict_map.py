"""``predict_map``: a fitted model over every pixel of a hyperspectral cube, in batches."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass
class SpectralMap:
    """What :func:`predict_map` returns: per-pixel predictions, probabilities, relevance.

    Attributes
    ----------
    prediction : ndarray of shape (rows, cols)
        The predicted class label (classifiers) or value (regressors) of each pixel.
    probabilities : ndarray of shape (rows, cols, n_classes) or None
        float32 class probabilities, columns in ``classes`` order; None for regressors.
    classes : ndarray or None
        The model's ``classes_``.
    relevance : ndarray of shape (rows, cols, points) or None
        float32 relevance of each point of each pixel's spectrum (``explain=True``); a
        read-only memmap of ``relevance_path`` when one was given.
    method : str or None
        The explanation method used.
    seconds : float
        Wall-clock time of the whole call.
    """

    prediction: np.ndarray
    probabilities: np.ndarray | None
    classes: np.ndarray | None
    relevance: np.ndarray | None
    method: str | None
    seconds: float


def _check_cube(cube: Any) -> np.ndarray:
    if not hasattr(cube, "shape") or not hasattr(cube, "dtype"):
        raise TypeError(f"cube must be a numpy array or memmap of shape (rows, cols, points); "
                        f"got {type(cube).__name__}.")
    if len(cube.shape) != 3:
        raise ValueError(f"cube must have 3 dimensions (rows, cols, points); got shape "
                         f"{tuple(cube.shape)}.")
    if min(cube.shape) < 1:
        raise ValueError(f"cube has an empty dimension: shape {tuple(cube.shape)}.")
    if not np.issubdtype(cube.dtype, np.number) or np.issubdtype(cube.dtype, np.complexfloating):
        raise TypeError(f"cube must hold real numbers; its dtype is {cube.dtype}.")
    return cube


def _features(estimator: Any, batch: np.ndarray) -> Any:
    """``batch`` as the estimator was fitted: a DataFrame when it knows column names."""
    names = getattr(estimator, "feature_names_in_", None)
    if names is None:
        return batch
    import pandas as pd

    return pd.DataFrame(batch, columns=names)


def _progress(done: int, total: int, start: float, verbose: int) -> None:
    if not verbose:
        return
    rate = done / max(time.perf_counter() - start, 1e-9)
    end = "\n" if done == total else ""
    print(f"\rpredict_map: {done:,}/{total:,} spectra ({100 * done / total:.1f} %), "
          f"{rate:,.0f} spectra/s", end=end, file=sys.stderr, flush=True)


def predict_map(
    estimator: Any,
    cube: Any,
    *,
    batch_size: int = 4096,
    proba: bool = True,
    explain: bool = False,
    method: str | None = None,
    relevance_path: str | os.PathLike | None = None,
    verbose: int = 1,
    **explain_options: Any,
) -> SpectralMap:
    """Predict (and optionally explain) every pixel of a (rows, cols, points) cube.

    The cube is read ``batch_size`` spectra at a time, so a memmap larger than memory
    works; only the outputs are held (or, for the relevance, written to
    ``relevance_path``).

    Parameters
    ----------
    estimator : fitted estimator or Pipeline
        Any fitted scikit-learn model of skspectra or not; fitted on spectra with as many
        points as the cube's last dimension.
    cube : ndarray or numpy.memmap of shape (rows, cols, points)
        The image; any real dtype (each batch is converted to float64).
    batch_size : int, default=4096
        Spectra per batch, rounded down to whole image rows (at least one row). Memory per
        batch is about ``batch_size * points * 8`` bytes plus what the model needs. The cube
        may have any memory layout (e.g. an ENVI band-sequential memmap of
        :func:`skspectra.io.read_map`): each batch is read as a block of rows.
    proba : bool, default=True
        Also return the class probabilities (classifiers with ``predict_proba``).
    explain : bool, default=False
        Also explain each pixel's predicted class with ``method`` (the model's default
        when None; :func:`skspectra.explain.explain`). This costs far more than predicting:
        for the deep models, one forward pass per point and spectrum.
    method : str, default=None
        The explanation method (``explain=True`` only).
    relevance_path : path, default=None
        Write the relevance to this ``.npy`` file (float32, shape (rows, cols, points)) and
        return it as a read-only memmap, instead of holding it in memory. The file appears
        only when the whole cube is done: a failed call leaves nothing.
    verbose : int, default=1
        Print the progress (spectra done, spectra per second) to stderr.
    **explain_options
        Passed to the explanation method (e.g. ``window=9``).

    Returns
    -------
    SpectralMap
        ``prediction`` (rows, cols), ``probabilities`` (rows, cols, n_classes) or None,
        ``classes``, ``relevance`` (rows, cols, points) or None, ``method``, ``seconds``.

    Raises
    ------
    TypeError
        When ``cube`` is not an array of real numbers.
    ValueError
        When ``cube`` is not 3-D, its number of points differs from the model's, the
        model is not fitted, ``batch_size`` is not a positive int, or ``method``,
        ``relevance_path`` or explanation options are given without ``explain=True``.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.maps import predict_map
    >>> from skspectra.models import PLSLDAClassifier
    >>> X, y, _ = make_spectra(n_samples=60, n_features=40, random_state=0)
    >>> clf = PLSLDAClassifier(2).fit(X, y)
    >>> result = predict_map(clf, X[:12].reshape(3, 4, 40), explain=True, verbose=0)
    >>> result.method, result.relevance.shape
    ('coef', (3, 4, 40))
    """
    from sklearn.utils.validation import check_is_fitted

    cube = _check_cube(cube)
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) \
            or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int; got {batch_size!r}.")
    if not explain and (method is not None or relevance_path is not None or explain_options):
        raise ValueError("method, relevance_path and explanation options need explain=True.")
    check_is_fitted(estimator)
    rows, cols, points = cube.shape
    expected = getattr(estimator, "n_features_in_", None)
    if expected is not None and expected != points:
        raise ValueError(f"the cube's spectra have {points} points, but the model was fitted "
                         f"on {expected}.")
    total = rows * cols
    # whole image rows per batch: any memory layout (e.g. an ENVI band-sequential memmap)
    # is read one small block at a time, never reshaped (which could copy the whole cube)
    rows_per_batch = max(1, batch_size // cols)
    classes = getattr(estimator, "classes_", None)
    with_proba = proba and classes is not None and hasattr(estimator, "predict_proba")
    prediction = np.empty(total, dtype=np.asarray(classes).dtype if classes is not None
                          else np.float64)
    probabilities = (np.empty((total, len(classes)), dtype=np.float32) if with_proba
                     else None)
    relevance, temporary = None, None
    if explain:
        from skspectra.explain import default_method
        from skspectra.explain import explain as explain_batch

        method = default_method(estimator) if method is None else method
        if relevance_path is not None:
            target = Path(relevance_path)
            handle, name = tempfile.mkstemp(suffix=".npy", dir=target.parent or ".")
            os.close(handle)
            temporary = Path(name)
            relevance = np.lib.format.open_memmap(temporary, mode="w+", dtype=np.float32,
                                                  shape=(total, points))
        else:
            relevance = np.empty((total, points), dtype=np.float32)
    start = time.perf_counter()
    try:
        for first_row in range(0, rows, rows_per_batch):
            last_row = min(first_row + rows_per_batch, rows)
            low, high = first_row * cols, last_row * cols
            batch = np.asarray(cube[first_row:last_row], dtype=np.float64).reshape(-1, points)
            if not np.all(np.isfinite(batch)):
                bad = low + int(np.flatnonzero(~np.isfinite(batch).all(axis=1))[0])
                raise ValueError(f"the cube's pixel (row {bad // cols}, col {bad % cols}) has "
                                 "NaN or infinite values.")
            features = _features(estimator, batch)
            if with_proba:
                scores = estimator.predict_proba(features)
                probabilities[low:high] = scores
                prediction[low:high] = np.asarray(classes)[np.argmax(scores, axis=1)]
            else:
                prediction[low:high] = np.ravel(estimator.predict(features))
            if explain:
                relevance[low:high] = explain_batch(estimator, features, method=method,
                                                    **explain_options)
            _progress(high, total, start, verbose)
        if temporary is not None:
            relevance.flush()
            del relevance
            os.replace(temporary, relevance_path)
            temporary = None
            relevance = np.load(relevance_path, mmap_mode="r")
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    return SpectralMap(
        prediction=prediction.reshape(rows, cols),
        probabilities=None if probabilities is None else probabilities.reshape(rows, cols, -1),
        classes=classes,
        relevance=None if relevance is None else relevance.reshape(rows, cols, points),
        method=method if explain else None,
        seconds=time.perf_counter() - start,
    )
