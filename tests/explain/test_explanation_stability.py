"""explanation_stability: class-mean maps across resampled training sets."""

import numpy as np
import pytest
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.pipeline import make_pipeline

from skspectra.datasets import make_spectra
from skspectra.explain import explanation_stability
from skspectra.explain._stability import _pairwise_agreement
from skspectra.models import PLSLDAClassifier
from skspectra.preprocessing import SNV


@pytest.fixture(scope="module")
def spectra():
    X, y, _ = make_spectra(n_samples=200, n_features=80, n_classes=3, class_sep=2.0,
                           random_state=0)
    return X, y


def test_a_linear_model_on_clear_bands_gives_stable_maps(spectra):
    X, y = spectra
    result = explanation_stability(PLSLDAClassifier(5), X, y, method="coef")
    assert result.maps.shape == (5, 3, 80)
    np.testing.assert_array_equal(result.classes, np.unique(y))
    assert np.all(result.mean_r > 0.9) and result.r > 0.9
    assert np.all(result.min_r <= result.mean_r)
    assert np.all((0 <= result.top_k_overlap) & (result.top_k_overlap <= 1))
    np.testing.assert_allclose(np.abs(result.maps).max(axis=2), 1.0)


def test_labels_that_carry_no_signal_give_unstable_maps(spectra):
    X, y = spectra
    shuffled = np.random.default_rng(0).permutation(y)
    stable = explanation_stability(PLSLDAClassifier(5), X, y, method="coef").r
    unstable = explanation_stability(PLSLDAClassifier(5), X, shuffled, method="coef").r
    assert unstable < stable - 0.2


def test_pipelines_and_given_splits(spectra):
    X, y = spectra
    cv = StratifiedShuffleSplit(3, test_size=0.5, random_state=1)
    result = explanation_stability(make_pipeline(SNV(), PLSLDAClassifier(5)), X, y,
                                   method="coef", cv=cv, n_jobs=2)
    assert result.maps.shape == (3, 3, 80)


def test_constant_maps_are_counted_and_left_out():
    maps = np.vstack([np.zeros(10), np.arange(10.0), np.arange(10.0) ** 2])
    mean_r, min_r, overlap, constant = _pairwise_agreement(maps, top_k=3)
    assert constant == 1 and 0.9 < mean_r <= 1 and min_r == mean_r
    assert overlap == pytest.approx(1.0)
    assert np.isnan(_pairwise_agreement(maps[:2], top_k=3)[0])


def test_bad_arguments(spectra):
    X, y = spectra
    with pytest.raises(ValueError, match="at least 2 splits"):
        explanation_stability(PLSLDAClassifier(5), X, y, cv=[(np.arange(100), np.arange(100, 200))])
    with pytest.raises(ValueError, match="one row per label"):
        explanation_stability(PLSLDAClassifier(5), X, y[:10])
