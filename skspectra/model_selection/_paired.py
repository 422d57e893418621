"""Paired comparison of two models over the same resampled splits.

Monte-Carlo (and k-fold) splits of one data set overlap: their training parts share most
spectra, so the per-split scores of a model are correlated and the plain paired t-test
over splits is far too confident. Nadeau and Bengio's corrected resampled t-test
(Machine Learning 52, 2003) inflates the variance of the mean difference from ``s^2 / J``
to ``(1 / J + n_test / n_train) s^2``; scikit-learn's example "Statistical comparison of
models using grid search" uses the same correction.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PairedComparison", "corrected_resampled_ttest"]


@dataclass(frozen=True)
class PairedComparison:
    """One model against a reference, over the splits both were scored on.

    Attributes
    ----------
    model, reference : str
        The two models; differences are ``model`` minus ``reference``.
    score : str
        The score compared (e.g. ``"accuracy"``, ``"rmse"``).
    n_splits : int
        Splits compared.
    mean_difference : float
        Mean over the splits of the score difference, in the score's units.
    ci_low, ci_high : float
        The confidence interval of the mean difference (corrected resampled t; NaN with
        one split).
    p_value : float
        Two-sided p of the corrected resampled t-test (NaN with one split).
    better, tied, worse : int
        Splits where ``model`` scored better than, the same as, or worse than the
        reference, in the score's sense (a lower RMSE is better).
    """

    model: str
    reference: str
    score: str
    n_splits: int
    mean_difference: float
    ci_low: float
    ci_high: float
    p_value: float
    better: int
    tied: int
    worse: int


def corrected_resampled_ttest(
    differences: np.ndarray, test_train_ratio: float, confidence: float = 0.95
) -> tuple[float, float, float, float]:
    """Nadeau and Bengio's corrected resampled t-test of paired score differences.

    Parameters
    ----------
    differences : array-like of shape (n_splits,)
        Score of one model minus that of the other, split by split, on the same splits.
    test_train_ratio : float
        ``n_test / n_train`` of the splits (their mean where sizes vary).
    confidence : float, default=0.95
        Level of the interval, in (0, 1).

    Returns
    -------
    mean, low, high, p_value : float
        Mean difference, the interval's ends, and the two-sided p. With one split the
        interval and p are NaN; with identical differences the interval is the mean
        itself and p is 1 for a zero mean, 0 otherwise.

    Examples
    --------
    >>> mean, low, high, p = corrected_resampled_ttest([0.02, 0.0, 0.03, 0.01], 0.3 / 0.7)
    >>> round(mean, 3), round(low, 3), round(high, 3), round(p, 2)
    (0.015, -0.019, 0.049, 0.25)
    """
    from scipy.stats import t

    d = np.asarray(differences, dtype=float)
    if d.ndim != 1 or d.size == 0:
        raise ValueError("differences must be a non-empty 1-D array.")
    if not test_train_ratio > 0:
        raise ValueError(f"test_train_ratio must be > 0, got {test_train_ratio}.")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}.")
    mean = float(d.mean())
    if d.size == 1:
        return mean, float("nan"), float("nan"), float("nan")
    se = np.sqrt((1.0 / d.size + test_train_ratio) * d.var(ddof=1))
    if se == 0:
        return mean, mean, mean, 1.0 if mean == 0 else 0.0
    dof = d.size - 1
    half = float(t.ppf(0.5 + confidence / 2, dof) * se)
    p = float(2 * t.sf(abs(mean) / se, dof))
    return mean, mean - half, mean + half, p
