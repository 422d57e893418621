"""Selection of an x-axis window (a wavenumber or wavelength range)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike

from skspectra._validation import Interval

from ._axis import resolve_x_axis
from ._base import SpectralTransformer


class RangeCut(SpectralTransformer):
    """Keep the columns whose x-axis value lies in ``[start, end]``.

    The x-axis is, in order of precedence: the ``x_axis`` array; the column
    names of a pandas DataFrame passed to ``fit`` (numbers, or numeric
    strings like ``"1000.5"``); otherwise the column indices ``0, 1, ...``.
    Ascending and descending axes both work, since selection is by value.

    Parameters
    ----------
    start : float or None, default=None
        Lower bound of the window, inclusive; ``None`` means no lower bound.
    end : float or None, default=None
        Upper bound of the window, inclusive; ``None`` means no upper bound.
    x_axis : array-like of shape (n_features,) or None, default=None
        The x-axis value (wavenumber, wavelength, ...) of each column.

    Attributes
    ----------
    support_ : ndarray of shape (`n_features_in_`,), dtype=bool
        Mask of the kept columns.
    x_axis_ : ndarray of shape (n_features_out,)
        The x-axis values of the kept columns, in their original order.
    n_features_in_ : int
        Number of features (points per spectrum) seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names seen during ``fit``, when ``X`` had string column names.

    See Also
    --------
    sklearn.feature_selection.SelectorMixin : The same selection by a fitted mask.

    Notes
    -----
    ``start > end``, a window that contains no x-axis value, an ``x_axis``
    whose length differs from ``n_features`` and DataFrame column names that
    are not numbers (without ``x_axis``) raise a :class:`ValueError` at ``fit``.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.preprocessing import RangeCut
    >>> X = np.arange(10.0).reshape(2, 5)
    >>> wavenumbers = np.array([1800.0, 1700.0, 1600.0, 1500.0, 1400.0])
    >>> cut = RangeCut(start=1450, end=1700, x_axis=wavenumbers).fit(X)
    >>> cut.transform(X)
    array([[1., 2., 3.],
           [6., 7., 8.]])
    >>> cut.x_axis_
    array([1700., 1600., 1500.])
    """

    def __init__(
        self,
        start: float | None = None,
        end: float | None = None,
        x_axis: ArrayLike | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.x_axis = x_axis

    def fit(self, X: ArrayLike, y: None = None) -> RangeCut:
        """Find the columns whose x-axis value lies in ``[start, end]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra, one per row. A DataFrame's numeric column names give the
            x-axis when ``x_axis`` is None.
        y : None
            Ignored; present for the scikit-learn API.

        Returns
        -------
        self : RangeCut
            The fitted transformer.
        """
        columns = getattr(X, "columns", None)  # read before validation drops them
        super().fit(X)
        self._select(columns)
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "support_")

    _parameter_checks: ClassVar[dict[str, Any]] = {
        "start": (None, Interval(float)), "end": (None, Interval(float))}

    def _check_params(self, n_features: int) -> None:
        low = -np.inf if self.start is None else float(self.start)
        high = np.inf if self.end is None else float(self.end)
        if low > high:
            raise ValueError(f"start must be <= end, got start={self.start} and end={self.end}.")

    def _select(self, columns: Iterable[object] | None) -> None:
        n_features = self.n_features_in_
        x_axis = resolve_x_axis(self.x_axis, columns, n_features, "RangeCut")
        low = -np.inf if self.start is None else float(self.start)
        high = np.inf if self.end is None else float(self.end)
        support = (x_axis >= low) & (x_axis <= high)
        if not support.any():
            raise ValueError(
                f"RangeCut(start={self.start}, end={self.end}) selects no feature: the x-axis "
                f"of the n_features={n_features} columns spans [{x_axis.min():g}, "
                f"{x_axis.max():g}]."
            )
        self.support_ = support
        self.x_axis_ = x_axis[support]

    def _transform(self, X: np.ndarray) -> np.ndarray:
        return X[:, self.support_]

    def get_feature_names_out(self, input_features: ArrayLike | None = None) -> np.ndarray:
        """Names of the kept columns.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Input feature names; by default ``feature_names_in_`` if defined,
            else ``["x0", "x1", ...]``.

        Returns
        -------
        feature_names_out : ndarray of str objects
            The names of the selected columns.
        """
        return super().get_feature_names_out(input_features)[self.support_]
