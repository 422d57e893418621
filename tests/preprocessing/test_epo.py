"""EPO: removal of the within-class directions, and its cross-validated count."""

import numpy as np
import pytest
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline

from skspectra.preprocessing import EPO
from skspectra.preprocessing._epo import nearest_neighbour_scores


def nuisance_spectra(n_per_class=8, n_points=60, nuisance=5.0, seed=0):
    """Two classes that differ by a small band; a large within-class baseline slope."""
    rng = np.random.default_rng(seed)
    axis = np.linspace(0, 1, n_points)
    y = np.repeat([0, 1], n_per_class)
    band = np.exp(-0.5 * ((axis - 0.5) / 0.03) ** 2)
    X = 0.3 * y[:, None] * band + nuisance * rng.normal(size=(len(y), 1)) * axis
    return X + 0.01 * rng.normal(size=X.shape), y


def test_the_removed_directions_are_orthonormal_and_gone_from_the_output():
    X, y = nuisance_spectra()
    epo = EPO(n_components=3).fit(X, y)
    V = epo.components_
    assert V.shape == (3, X.shape[1]) and epo.n_components_ == 3
    np.testing.assert_allclose(V @ V.T, np.eye(3), atol=1e-10)
    np.testing.assert_allclose(epo.transform(X) @ V.T, 0.0, atol=1e-10)


def test_the_first_direction_is_the_within_class_slope():
    X, y = nuisance_spectra()
    slope = np.linspace(0, 1, X.shape[1])
    direction = EPO(n_components=1).fit(X, y).components_[0]
    cosine = abs(direction @ slope) / np.linalg.norm(slope)
    assert cosine > 0.99


def test_zero_components_is_the_identity_and_float32_stays_float32():
    X, y = nuisance_spectra()
    epo = EPO(n_components=0).fit(X, y)
    assert epo.components_.shape == (0, X.shape[1])
    np.testing.assert_array_equal(epo.transform(X), X)
    assert epo.transform(X.astype(np.float32)).dtype == np.float32


def test_auto_removes_a_dominant_nuisance_and_it_helps_nearest_neighbours():
    X, y = nuisance_spectra(seed=1)
    epo = EPO().fit(X, y)
    assert epo.n_components_ >= 1
    assert epo.cv_scores_.shape == (11,)
    assert epo.cv_scores_[epo.n_components_] == epo.cv_scores_.max()
    plain = cross_val_score(KNeighborsClassifier(1), X, y, cv=4).mean()
    filtered = cross_val_score(make_pipeline(EPO(), KNeighborsClassifier(1)), X, y, cv=4).mean()
    assert filtered > plain + 0.2


def test_auto_keeps_the_spectra_when_the_classes_differ_along_the_largest_variation():
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], 10)
    X = y[:, None] * np.linspace(1, 2, 40) + 0.05 * rng.normal(size=(30, 40))
    assert EPO().fit(X, y).n_components_ == 0


def test_auto_removes_nothing_when_every_class_has_one_spectrum():
    X, y = nuisance_spectra(n_per_class=1)  # 2 spectra, 2 classes: no within-class variation
    epo = EPO().fit(X, y)
    assert epo.n_components_ == 0 and epo.cv_scores_ is None
    np.testing.assert_array_equal(epo.transform(X), X)


def test_nearest_neighbour_scores_equal_a_direct_computation():
    X, y = nuisance_spectra(seed=2)
    scores = nearest_neighbour_scores(X, y, max_components=4, cv=4)
    from sklearn.model_selection import StratifiedKFold

    direct = np.zeros(5)
    for train, test in StratifiedKFold(4, shuffle=True, random_state=0).split(X, y):
        for q in range(5):
            model = make_pipeline(EPO(n_components=q), KNeighborsClassifier(1))
            direct[q] += (model.fit(X[train], y[train]).predict(X[test]) == y[test]).sum()
    np.testing.assert_allclose(scores, direct / len(y))


def test_fewer_directions_than_requested_when_the_rank_is_lower():
    X, y = nuisance_spectra(n_per_class=2)  # 4 spectra, 2 classes: within-class rank 2
    assert EPO(n_components=5).fit(X, y).n_components_ == 2


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"n_components": -1}, ValueError, "n_components must be >= 0"),
        ({"n_components": "all"}, ValueError, "integer >= 0 or 'auto'"),
        ({"n_components": 1.5}, TypeError, "n_components must be an integer"),
        ({"cv": 1}, ValueError, "cv must be >= 2"),
        ({"min_gain": 1.5}, ValueError, "min_gain must be in"),
    ],
)
def test_bad_parameters_raise_clear_errors(params, error, match):
    X, y = nuisance_spectra()
    with pytest.raises(error, match=match):
        EPO(**params).fit(X, y)


def test_fit_needs_labels():
    X, _ = nuisance_spectra()
    with pytest.raises(ValueError, match="requires y"):
        EPO().fit(X, None)


def test_min_gain_keeps_the_spectra_unless_removal_gains_that_much():
    X, y = nuisance_spectra(seed=1)
    free = EPO().fit(X, y)
    gain = free.cv_scores_.max() - free.cv_scores_[0]
    assert gain > 0.2
    assert EPO(min_gain=gain).fit(X, y).n_components_ == free.n_components_
    assert EPO(min_gain=min(1.0, gain + 0.01)).fit(X, y).n_components_ == 0
