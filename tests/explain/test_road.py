"""ROAD: noisy linear imputation and the remove-and-debias curves."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from skspectra.explain import deletion_auc, noisy_linear_imputation, road_auc


def test_imputation_is_the_line_between_kept_neighbours_and_constant_beyond_the_ends():
    x = np.array([[9.0, 9.0, 2.0, 7.0, 7.0, 8.0, 6.0, 9.0]])
    removed = np.array([[True, True, False, True, True, False, False, True]])
    out = noisy_linear_imputation(x, removed, noise=0.0)
    np.testing.assert_allclose(out, [[2.0, 2.0, 2.0, 4.0, 6.0, 8.0, 6.0, 6.0]])


def test_kept_points_are_untouched_and_noise_scales_with_the_spectrum():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 50)) * np.array([[1.0]] * 100 + [[10.0]] * 100)
    removed = rng.random(X.shape) < 0.5
    clean = noisy_linear_imputation(X, removed, noise=0.0)
    noisy = noisy_linear_imputation(X, removed, noise=0.1, random_state=0)
    np.testing.assert_array_equal(noisy[~removed], X[~removed])
    jitter = (noisy - clean)[removed]
    small, large = removed[:100], removed[100:]
    spread = [np.std((noisy - clean)[:100][small]), np.std((noisy - clean)[100:][large])]
    assert spread[1] / spread[0] == pytest.approx(10, rel=0.2)
    assert np.abs(jitter).max() > 0
    np.testing.assert_array_equal(
        noisy, noisy_linear_imputation(X, removed, noise=0.1, random_state=0))


def test_a_spectrum_with_everything_removed_becomes_its_mean():
    x = np.array([[1.0, 2.0, 6.0]])
    np.testing.assert_allclose(noisy_linear_imputation(x, np.ones((1, 3), bool), noise=0.0),
                               [[3.0, 3.0, 3.0]])


@pytest.fixture(scope="module")
def band_model():
    """Spectra whose class is one narrow band's height; the model reads that band."""
    rng = np.random.default_rng(0)
    axis = np.arange(100)
    y = rng.integers(0, 2, 300)
    band = np.exp(-0.5 * ((axis - 60) / 2.0) ** 2)
    X = rng.normal(size=(300, 1)) + 0.05 * rng.normal(size=(300, 100)) + np.outer(y, band)
    clf = LogisticRegression(C=10, max_iter=5000).fit(X, y)
    truth = np.tile(band, (300, 1))
    return clf, X, truth


def test_morf_falls_faster_and_lerf_stays_higher_for_the_true_band(band_model):
    clf, X, truth = band_model
    X = X[:60]
    random = np.random.default_rng(1).random(X.shape)
    morf_truth = road_auc(clf.predict_proba, X, truth[:60]).mean()
    morf_random = road_auc(clf.predict_proba, X, random).mean()
    lerf_truth = road_auc(clf.predict_proba, X, truth[:60], order="lerf").mean()
    lerf_random = road_auc(clf.predict_proba, X, random, order="lerf").mean()
    assert morf_truth < morf_random - 0.1
    assert lerf_truth > lerf_random


def test_imputation_avoids_the_deletion_shock_of_a_mean_spectrum(band_model):
    # Removing only irrelevant points (least relevant first) should change little under
    # ROAD; deletion to the mean spectrum replaces the offset, which this model also reads.
    clf, X, truth = band_model
    X, truth = X[:60], truth[:60]
    start = clf.predict_proba(X).max(axis=1)
    road = road_auc(clf.predict_proba, X, truth, order="lerf", return_curve=True)
    deletion = deletion_auc(clf.predict_proba, X, -truth, return_curve=True)
    assert abs(road[2][:, 5] - start).mean() < abs(deletion[2][:, 10] - start).mean()


def test_curve_shape_and_bad_arguments():
    X = np.random.default_rng(0).normal(size=(4, 20))
    clf = LogisticRegression().fit(np.vstack([X, X + 1]), [0] * 4 + [1] * 4)
    auc, fractions, curves = road_auc(clf.predict_proba, X, X, n_steps=4, return_curve=True)
    assert auc.shape == (4,) and curves.shape == (4, 5)
    np.testing.assert_allclose(fractions, np.linspace(0, 0.9, 5))
    np.testing.assert_allclose(curves[:, 0], clf.predict_proba(X).max(axis=1))
    with pytest.raises(ValueError, match="order must be one of"):
        road_auc(clf.predict_proba, X, X, order="random")
    with pytest.raises(ValueError, match="max_fraction"):
        road_auc(clf.predict_proba, X, X, max_fraction=1.0)
    with pytest.raises(ValueError, match="shape of X"):
        road_auc(clf.predict_proba, X, X[:, :5])
    with pytest.raises(ValueError, match="removed must have the shape"):
        noisy_linear_imputation(X, np.zeros((4, 3), bool))
