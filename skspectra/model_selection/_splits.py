"""Monte-Carlo cross-validation splits: the GAP-CNN paper's protocol."""

from __future__ import annotations

import numbers
from typing import Any

from sklearn.model_selection import ShuffleSplit, StratifiedShuffleSplit

__all__ = ["monte_carlo_cv"]


def monte_carlo_cv(
    n_splits: int = 20,
    *,
    test_size: float | int = 0.3,
    stratify: bool = True,
    random_state: Any = 0,
) -> StratifiedShuffleSplit | ShuffleSplit:
    """Monte-Carlo cross-validation: ``n_splits`` independent random train/test splits.

    Each split draws a fresh random test set of ``test_size`` (a fraction, or a count of
    samples); the same sample may be tested in several splits. This is the protocol of
    the GAP-CNN paper (Anal. Chim. Acta 2020), where the spread of accuracy over the
    partitions measures a model's stability as well as its accuracy.

    Parameters
    ----------
    n_splits : int, default=20
        Number of random splits.
    test_size : float or int, default=0.3
        Fraction of the samples (float in (0, 1)) or number of samples (int) in each
        test set.
    stratify : bool, default=True
        Keep the class proportions in every split (:class:`StratifiedShuffleSplit`);
        ``False``: plain :class:`ShuffleSplit` (also for regression targets).
    random_state : int, RandomState instance or None, default=0
        Seed of the splits; an int gives the same splits on every call.

    Returns
    -------
    StratifiedShuffleSplit or ShuffleSplit
        A scikit-learn splitter, usable as ``cv=`` anywhere in scikit-learn and in
        :func:`compare_models`.

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.model_selection import monte_carlo_cv
    >>> y = np.array([0] * 10 + [1] * 10)
    >>> cv = monte_carlo_cv(5, test_size=0.3, random_state=0)
    >>> [len(test) for _, test in cv.split(np.zeros((20, 1)), y)]
    [6, 6, 6, 6, 6]
    """
    if isinstance(n_splits, bool) or not isinstance(n_splits, numbers.Integral) or n_splits < 1:
        raise ValueError(f"n_splits must be a positive integer, got {n_splits!r}.")
    if isinstance(test_size, bool) or not isinstance(test_size, numbers.Real):
        raise TypeError(f"test_size must be a fraction or a number of samples, got {test_size!r}.")
    if isinstance(test_size, numbers.Integral):
        if test_size < 1:
            raise ValueError(f"test_size must be at least 1 sample, got {test_size!r}.")
    elif not 0 < test_size < 1:
        raise ValueError(f"test_size must be a fraction in (0, 1), got {test_size!r}.")
    splitter = StratifiedShuffleSplit if stratify else ShuffleSplit
    return splitter(n_splits=int(n_splits), test_size=test_size, random_state=random_state)
