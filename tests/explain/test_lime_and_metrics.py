"""LIME (against sklearn's weighted Ridge) and the explanation quality metrics."""

import numpy as np
import pytest
from scipy.integrate import trapezoid
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics.pairwise import cosine_distances

from skspectra.explain import deletion_auc, insertion_auc, lime, localisation


@pytest.fixture(scope="module")
def model():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 30))
    y = (X[:, 12] + X[:, 13] - 0.5 * X[:, 25] > 0).astype(int)
    return LogisticRegression().fit(X, y), X


class Counter:
    def __init__(self, fn):
        self.fn, self.calls = fn, 0

    def __call__(self, X):
        self.calls += 1
        return self.fn(X)


def test_lime_matches_weighted_ridge_reference(model):
    clf, X = model
    X = X[:3]
    ours = lime(clf.predict_proba, X, [1, 0, 1], n_segments=6, n_perturbations=50,
                baseline="zero", random_state=0, batch_size=64)
    Z = np.random.RandomState(0).randint(0, 2, size=(3, 50, 6)).astype(float)
    Z[:, 0] = 1
    for i, target in enumerate([1, 0, 1]):
        keep = np.repeat(Z[i], 5, axis=1).astype(bool)
        scores = clf.predict_proba(np.where(keep, X[i], 0.0))[:, target]
        distances = cosine_distances(Z[i], np.ones((1, 6)))[:, 0]
        weights = np.sqrt(np.exp(-(distances**2) / 0.25**2))
        coef = Ridge(alpha=1.0).fit(Z[i], scores, sample_weight=weights).coef_
        np.testing.assert_allclose(ours[i], np.repeat(coef, 5), rtol=1e-8, atol=1e-12)


def test_lime_finds_the_decisive_segment_and_batches(model):
    clf, X = model
    counted = Counter(clf.predict_proba)
    maps = lime(counted, X[:4], n_segments=10, n_perturbations=300, random_state=0,
                batch_size=500)
    # 4 * 300 perturbed rows in chunks of 500: 3 calls, plus one for the predicted classes
    assert counted.calls == 4
    top = np.abs(maps).argmax(axis=1)
    assert set(top // 3) <= {4, 8}  # features 12-13 (segment 4) or 25 (segment 8)
    assert (top // 3 == 4).mean() >= 0.5


def test_lime_errors(model):
    clf, X = model
    with pytest.raises(ValueError, match="n_segments"):
        lime(clf.predict_proba, X[:2], n_segments=31)
    with pytest.raises(ValueError, match="kernel_width"):
        lime(clf.predict_proba, X[:2], kernel_width=0)
    with pytest.raises(ValueError, match="interp"):
        lime(clf.predict_proba, X[:2], baseline="interp")


def _deletion_reference(proba, x, attribution, target, baseline, n_steps):
    order = np.argsort(-attribution, kind="stable")
    values = []
    for k in np.round(np.linspace(0, 1, n_steps + 1) * len(x)).astype(int):
        z = x.copy()
        z[order[:k]] = baseline[order[:k]]
        values.append(proba(z[None])[0, target])
    return trapezoid(values, np.linspace(0, 1, n_steps + 1)), values


def test_deletion_and_insertion_against_a_loop(model):
    clf, X = model
    rng = np.random.default_rng(1)
    maps = rng.normal(size=(3, 30))
    base = X.mean(axis=0)
    auc, fractions, curves = deletion_auc(clf.predict_proba, X[:3], maps, [0, 1, 1],
                                          n_steps=6, batch_size=5, return_curve=True)
    for i, target in enumerate([0, 1, 1]):
        ref_auc, ref_curve = _deletion_reference(clf.predict_proba, X[i], maps[i], target,
                                                 X[:3].mean(axis=0), 6)
        np.testing.assert_allclose(curves[i], ref_curve)
        np.testing.assert_allclose(auc[i], ref_auc)
    ins, _, ins_curves = insertion_auc(clf.predict_proba, X[:3], maps, [0, 1, 1],
                                       baseline=base, n_steps=6, return_curve=True)
    # insertion's first point is the baseline, its last the spectrum itself
    np.testing.assert_allclose(ins_curves[:, 0], clf.predict_proba(base[None])[0, [0, 1, 1]])
    np.testing.assert_allclose(ins_curves[:, -1], clf.predict_proba(X[:3])[[0, 1, 2], [0, 1, 1]])
    assert fractions[0] == 0 and fractions[-1] == 1 and ins.shape == (3,)
    # relevance="absolute" ranks by |attribution|: the same as ranking |maps| signed
    np.testing.assert_allclose(
        deletion_auc(clf.predict_proba, X[:3], maps, [0, 1, 1], relevance="absolute"),
        deletion_auc(clf.predict_proba, X[:3], np.abs(maps), [0, 1, 1]))
    assert not np.allclose(deletion_auc(clf.predict_proba, X[:3], maps, [0, 1, 1]),
                           deletion_auc(clf.predict_proba, X[:3], np.abs(maps), [0, 1, 1]))


def test_faithful_maps_beat_random_ones(model):
    clf, X = model
    X = X[:40]
    # exact contributions of a linear model, signed for the predicted class
    informed = X * clf.coef_[0] * np.where(clf.predict(X) == 1, 1.0, -1.0)[:, None]
    random = np.random.default_rng(0).normal(size=X.shape)
    # explain the predicted class: its probability should drop fast when informed
    assert deletion_auc(clf.predict_proba, X, informed, baseline="zero").mean() < \
        deletion_auc(clf.predict_proba, X, random, baseline="zero").mean() - 0.05
    assert insertion_auc(clf.predict_proba, X, informed, baseline="zero").mean() > \
        insertion_auc(clf.predict_proba, X, random, baseline="zero").mean() + 0.05


def test_localisation():
    maps = np.array([[0.0, -3.0, 1.0, 0.0], [1.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0],
                     [2.0, 1.0, 1.0, 0.0]])
    mask = np.array([False, True, True, False])
    np.testing.assert_allclose(localisation(maps, mask), [1.0, 0.0, np.nan, 0.5])
    np.testing.assert_allclose(localisation(maps, mask, relevance="positive"),
                               [1.0, 0.0, np.nan, 0.5])
    np.testing.assert_allclose(localisation(maps, mask, metric="pointing_game"),
                               [1.0, 0.0, np.nan, 0.0])
    per_sample = np.tile(mask, (4, 1))
    per_sample[3] = [True, False, False, False]
    np.testing.assert_allclose(localisation(maps, per_sample, metric="pointing_game"),
                               [1.0, 0.0, np.nan, 1.0])
    with pytest.raises(TypeError, match="boolean"):
        localisation(maps, mask.astype(int))
    with pytest.raises(ValueError, match="mask must have shape"):
        localisation(maps, mask[:3])
    with pytest.raises(ValueError, match="metric"):
        localisation(maps, mask, metric="iou")


def test_metric_input_errors(model):
    clf, X = model
    with pytest.raises(ValueError, match="shape of X"):
        deletion_auc(clf.predict_proba, X[:3], np.ones((2, 30)))
    with pytest.raises(ValueError, match="relevance"):
        deletion_auc(clf.predict_proba, X[:3], np.ones((3, 30)), relevance="abs")
