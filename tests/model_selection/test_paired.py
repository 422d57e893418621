"""Paired comparison over overlapping splits: the corrected resampled t-test."""

import numpy as np
import pytest
from scipy.stats import t

from skspectra.datasets import load_coffee
from skspectra.model_selection import (
    PairedComparison,
    compare_models,
    corrected_resampled_ttest,
    monte_carlo_cv,
)
from skspectra.models import PLSLDAClassifier, PLSRegressorCV


def test_corrected_ttest_matches_nadeau_bengio_by_hand():
    d = np.array([0.05, -0.01, 0.03, 0.02, 0.04, 0.0])
    ratio = 0.25
    # Nadeau & Bengio (2003): variance (1/J + n_test/n_train) * s^2, J - 1 degrees of freedom
    se = np.sqrt((1 / 6 + 0.25) * d.var(ddof=1))
    mean, low, high, p = corrected_resampled_ttest(d, ratio, confidence=0.9)
    assert mean == pytest.approx(0.13 / 6)
    assert high - mean == pytest.approx(mean - low) == pytest.approx(t.ppf(0.95, 5) * se)
    assert p == pytest.approx(2 * t.sf(mean / se, 5))
    # wider than the plain paired t interval, which ignores the overlap of the splits
    assert high - low > 2 * t.ppf(0.95, 5) * d.std(ddof=1) / np.sqrt(6)


def test_corrected_ttest_edge_cases():
    assert corrected_resampled_ttest([0.0, 0.0, 0.0], 0.5) == (0.0, 0.0, 0.0, 1.0)
    assert corrected_resampled_ttest([0.1, 0.1], 0.5)[3] == 0.0
    mean, low, high, p = corrected_resampled_ttest([0.2], 0.5)
    assert mean == 0.2 and np.isnan(low) and np.isnan(high) and np.isnan(p)
    with pytest.raises(ValueError, match="non-empty 1-D"):
        corrected_resampled_ttest([], 0.5)
    with pytest.raises(ValueError, match="test_train_ratio"):
        corrected_resampled_ttest([0.1, 0.2], 0.0)
    with pytest.raises(ValueError, match="confidence"):
        corrected_resampled_ttest([0.1, 0.2], 0.5, confidence=1.0)


def test_paired_counts_and_report():
    X, y = load_coffee(return_X_y=True)
    result = compare_models({"k1": PLSLDAClassifier(1), "k3": PLSLDAClassifier(3),
                             "k5": PLSLDAClassifier(5)}, X, y, cv=monte_carlo_cv(6))
    rows = result.paired()
    assert [(r.model, r.reference) for r in rows] == [("k3", "k1"), ("k5", "k1")]
    for row in rows:
        assert isinstance(row, PairedComparison)
        diff = result.scores(row.model) - result.scores("k1")
        assert row.mean_difference == pytest.approx(diff.mean())
        assert (row.better, row.tied, row.worse) == (
            int((diff > 1e-12).sum()), int((np.abs(diff) <= 1e-12).sum()),
            int((diff < -1e-12).sum()))
        n_test, n_train = result.scores("k1", "n_test")[0], result.scores("k1", "n_train")[0]
        expected = corrected_resampled_ttest(diff, n_test / n_train)
        np.testing.assert_allclose([row.ci_low, row.ci_high], expected[1:3])
    other = result.paired(reference="k5", score="balanced_accuracy")
    assert [r.model for r in other] == ["k1", "k3"] and other[0].score == "balanced_accuracy"
    report = result.report()
    assert "Paired with k1 on the same 6 splits" in report
    assert f"{rows[1].mean_difference:+.4f}" in report
    with pytest.raises(KeyError, match="no score 'rmse'"):
        result.paired(score="rmse")
    with pytest.raises(KeyError, match="no model 'x'"):
        result.paired(reference="x")


def test_paired_lower_rmse_counts_as_better():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 30))
    y = X[:, :3].sum(axis=1) + 0.1 * rng.normal(size=40)
    result = compare_models({"cv": PLSRegressorCV(max_components=5),
                             "one": PLSRegressorCV(max_components=1)},
                            X, y, cv=monte_carlo_cv(4, stratify=False))
    row = result.paired()[0]
    assert row.score == "rmse" and row.mean_difference > 0  # one component: larger RMSEP
    assert row.worse == 4 and row.better == 0


def test_one_model_or_one_split_has_no_paired_table():
    X, y = load_coffee(return_X_y=True)
    one_model = compare_models({"k1": PLSLDAClassifier(1)}, X, y, cv=monte_carlo_cv(3))
    assert "Paired" not in one_model.report() and one_model.paired() == []
    one_split = compare_models({"k1": PLSLDAClassifier(1), "k2": PLSLDAClassifier(2)}, X, y,
                               cv=monte_carlo_cv(1))
    assert "Paired" not in one_split.report()
