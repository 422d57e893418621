"""Resampling spectra onto a given x-axis grid, and aligning sets measured on different grids."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ._axis import parse_column_names, resolve_x_axis
from ._base import SpectralTransformer

__all__ = ["Resample", "align_spectra"]


def _check_grid(grid: Any) -> np.ndarray:
    try:
        values = np.asarray(grid, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"grid must be an array of numbers: {exc}") from exc
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"grid must be a non-empty 1D array; got shape {values.shape}.")
    if not np.all(np.isfinite(values)):
        raise ValueError("grid contains NaN or infinity.")
    return values


def _interpolation(x_axis: np.ndarray, grid: np.ndarray, owner: str):
    """Left column, right column and weight of the linear interpolation onto ``grid``."""
    order = np.argsort(x_axis, kind="stable")
    xs = x_axis[order]
    if np.any(np.diff(xs) == 0):
        raise ValueError(f"{owner}: the x-axis has repeated values; it cannot be interpolated.")
    span = xs[-1] - xs[0]
    tolerance = 1e-9 * max(span, abs(xs[-1]), 1.0)
    if grid.min() < xs[0] - tolerance or grid.max() > xs[-1] + tolerance:
        raise ValueError(
            f"{owner}: the grid spans [{grid.min():g}, {grid.max():g}] but the spectra cover "
            f"only [{xs[0]:g}, {xs[-1]:g}]; resampling does not extrapolate. Choose a grid "
            "inside the measured range (RangeCut first if needed)."
        )
    if xs.size == 1:
        return order[np.zeros(grid.size, int)], order[np.zeros(grid.size, int)], np.zeros(
            grid.size)
    right = np.clip(np.searchsorted(xs, grid, side="right"), 1, xs.size - 1)
    left = right - 1
    weight = np.clip((grid - xs[left]) / (xs[right] - xs[left]), 0.0, 1.0)
    return order[left], order[right], weight


class Resample(SpectralTransformer):
    """Interpolate each spectrum linearly onto a given x-axis grid.

    Spectra from two instruments, or from one instrument at two resolutions, have
    different x-axes; a model needs one. ``Resample`` maps every spectrum onto ``grid``
    (wavenumbers or wavelengths, in any order) by linear interpolation of its own points.
    It does not extrapolate: a grid that reaches outside the measured x-axis is an error.

    The input x-axis is, in order of precedence: ``x_axis``; the numeric column names of a
    pandas DataFrame passed to ``fit``; otherwise the column indices ``0, 1, ...``. It may
    rise or fall. To bring several tables on different grids onto one, use
    :func:`align_spectra`.

    Parameters
    ----------
    grid : array-like of shape (n_features_out,)
        The x-axis values of the output columns.
    x_axis : array-like of shape (n_features,) or None, default=None
        The x-axis value of each input column.

    Attributes
    ----------
    x_axis_in_ : ndarray of shape (`n_features_in_`,)
        The input x-axis used.
    grid_ : ndarray of shape (n_features_out,)
        The output x-axis (``grid`` as float64).
    n_features_in_ : int
        Number of features (points per spectrum) seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names seen during ``fit``, when ``X`` had string column names.

    See Also
    --------
    align_spectra : Several tables on different grids onto one.
    RangeCut : Keep a window of the x-axis without interpolating.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.preprocessing import Resample
    >>> X = np.array([[0.0, 10.0, 20.0]])
    >>> Resample(grid=[1000.0, 1500.0], x_axis=[1000.0, 2000.0, 3000.0]).fit_transform(X)
    array([[0., 5.]])
    """

    def __init__(self, grid: ArrayLike, x_axis: ArrayLike | None = None) -> None:
        self.grid = grid
        self.x_axis = x_axis

    def fit(self, X: ArrayLike, y: None = None) -> Resample:
        """Check that ``grid`` lies inside the x-axis of ``X`` and prepare the interpolation.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra, one per row. A DataFrame's numeric column names give the x-axis when
            ``x_axis`` is None.
        y : None
            Ignored; present for the scikit-learn API.

        Returns
        -------
        self : Resample
            The fitted transformer.
        """
        columns = getattr(X, "columns", None)  # read before validation drops them
        super().fit(X)
        x_axis = resolve_x_axis(self.x_axis, columns, self.n_features_in_, "Resample")
        grid = _check_grid(self.grid)
        self._left, self._right, self._weight = _interpolation(x_axis, grid, "Resample")
        self.x_axis_in_ = x_axis
        self.grid_ = grid
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "grid_")

    def _transform(self, X: np.ndarray) -> np.ndarray:
        weight = self._weight.astype(X.dtype)
        return X[:, self._left] * (1 - weight) + X[:, self._right] * weight

    def get_feature_names_out(self, input_features: ArrayLike | None = None) -> np.ndarray:
        """The grid values as strings (``str(float(value))``), one per output column.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Ignored except for validation; the output columns are the grid's.

        Returns
        -------
        feature_names_out : ndarray of str objects
        """
        super().get_feature_names_out(input_features)  # validates input_features
        return np.asarray([str(float(value)) for value in self.grid_], dtype=object)


def align_spectra(frames: Sequence[Any], grid: ArrayLike | None = None):
    """Put tables of spectra measured on different x-axes onto one grid, in one call.

    Each table is a pandas DataFrame with one spectrum per row and its x-axis values as
    column names (what :func:`skspectra.io.read_spectra` returns for one instrument). Every
    table is resampled linearly (:class:`Resample`) onto ``grid`` and the rows are stacked
    in order, keeping their index.

    Parameters
    ----------
    frames : sequence of pandas.DataFrame
        The tables, at least one.
    grid : array-like of float or None, default=None
        The common x-axis. ``None``: from the largest first value to the smallest last value
        of the tables' axes (the range they all cover), ascending, at the coarsest of the
        tables' median spacings (so that no table is given a resolution it does not have).

    Returns
    -------
    pandas.DataFrame of shape (total rows, len(grid))
        Columns: the grid values (float).

    Raises
    ------
    ValueError
        When the tables' x-axes do not overlap, or ``grid`` reaches outside one of them
        (the message names the table and both ranges).

    Examples
    --------
    >>> import pandas as pd
    >>> from skspectra.preprocessing import align_spectra
    >>> a = pd.DataFrame([[0.0, 1.0, 2.0]], columns=[1000.0, 1001.0, 1002.0])
    >>> b = pd.DataFrame([[5.0, 6.0, 7.0]], columns=[998.0, 1000.0, 1002.0])
    >>> align_spectra([a, b])  # the range both cover, at b's coarser spacing of 2
       1000.0  1002.0
    0     0.0     2.0
    0     6.0     7.0
    """
    import pandas as pd

    frames = list(frames)
    if not frames:
        raise ValueError("align_spectra needs at least one table of spectra.")
    axes = []
    for i, frame in enumerate(frames):
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"table {i} must be a pandas DataFrame with the x-axis as column "
                            f"names; got {type(frame).__name__}.")
        axes.append(parse_column_names(frame.columns, f"align_spectra (table {i})"))
    if grid is None:
        low = max(float(a.min()) for a in axes)
        high = min(float(a.max()) for a in axes)
        if low > high:
            ranges = ", ".join(f"table {i}: [{a.min():g}, {a.max():g}]" for i, a in
                               enumerate(axes))
            raise ValueError(f"align_spectra: the x-axes do not overlap ({ranges}).")
        steps = [np.median(np.abs(np.diff(np.sort(a)))) for a in axes if a.size > 1]
        step = max(steps) if steps else 0.0
        n_points = 1 if step == 0 else int(np.floor((high - low) / step + 1e-9)) + 1
        grid = low + step * np.arange(n_points)
    grid = _check_grid(grid)
    rows = []
    for i, (frame, axis) in enumerate(zip(frames, axes, strict=True)):
        resample = Resample(grid=grid, x_axis=axis)
        try:
            values = resample.fit_transform(frame.to_numpy(dtype=np.float64))
        except ValueError as exc:
            raise ValueError(f"align_spectra, table {i}: {exc}") from None
        rows.append(pd.DataFrame(values, index=frame.index, columns=grid))
    return pd.concat(rows)
