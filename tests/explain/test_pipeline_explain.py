"""skspectra.explain.explain on fitted Pipelines: raw-input coordinates and clear errors."""

import numpy as np
import pytest
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skspectra.datasets import make_spectra
from skspectra.explain import explain, occlusion
from skspectra.models import PLSLDAClassifier
from skspectra.preprocessing import SNV, RangeCut, SavGol


@pytest.fixture(scope="module")
def data():
    X, y, mask = make_spectra(n_samples=60, n_features=80, n_classes=2, random_state=0)
    return X, np.array(["a", "b"])[y], mask


@pytest.fixture(scope="module")
def pipe(data):
    X, y, _ = data
    return make_pipeline(SNV(), RangeCut(20, 59), PLSLDAClassifier()).fit(X, y)


def test_gradient_free_methods_map_back_with_zeros_outside_the_window(pipe, data):
    X = data[0][:4]
    maps = explain(pipe, X, method="coef")
    assert maps.shape == X.shape
    assert (maps[:, :20] == 0).all() and (maps[:, 60:] == 0).all()
    inner = pipe[-1].explain(pipe[:-1].transform(X), method="coef")
    np.testing.assert_array_equal(maps[:, 20:60], inner)
    # default: the last step's default method
    np.testing.assert_array_equal(explain(pipe, X)[:, 20:60],
                                  pipe[-1].explain(pipe[:-1].transform(X)))


def test_perturbation_methods_work_on_the_raw_spectra(pipe, data):
    X = data[0][:3]
    maps = explain(pipe, X, method="occlusion", window=3)
    idx = np.searchsorted(pipe.classes_, pipe.predict(X))
    np.testing.assert_allclose(maps, occlusion(pipe.predict_proba, X, idx, window=3))
    # occluding points that RangeCut drops cannot matter... except through SNV, which
    # uses every point: so they do matter a little, which only the raw-space method shows
    assert np.abs(maps[:, :15]).max() > 0
    lime_maps = explain(pipe, X, method="lime", target="b", n_segments=8, n_perturbations=60,
                        random_state=0)
    assert lime_maps.shape == X.shape


def test_cut_points_do_not_matter_without_coupling(data):
    X, y, _ = data
    pipe = make_pipeline(RangeCut(20, 59), LogisticRegression()).fit(X, y)
    maps = explain(pipe, X[:3], method="occlusion", window=1)
    # (up to rounding: BLAS sums a batch of perturbed rows in another order)
    assert np.abs(maps[:, :20]).max() < 1e-12 and np.abs(maps[:, 20:60]).max() > 1e-3
    with pytest.raises(ValueError, match=r"supported methods: \['lime', 'occlusion'\]"):
        explain(pipe, X[:3], method="saliency")


def test_position_keeping_steps_map_one_to_one(data):
    X, y, _ = data
    pipe = make_pipeline(SavGol(7, 2), StandardScaler(), PLSLDAClassifier()).fit(X, y)
    maps = explain(pipe, X[:2], method="vip")
    np.testing.assert_allclose(maps, np.tile(pipe[-1].vip_, (2, 1)))


def test_steps_that_mix_features_are_refused(data):
    X, y, _ = data
    pipe = make_pipeline(PCA(10), PLSLDAClassifier()).fit(X, y)
    with pytest.raises(ValueError, match=r"cannot map attributions back.*'pca'"):
        explain(pipe, X[:2], method="vip")
    assert explain(pipe, X[:2], method="occlusion").shape == (2, 80)


def test_plain_estimator_and_bad_inputs(pipe, data):
    X, y, _ = data
    clf = PLSLDAClassifier().fit(X, y)
    np.testing.assert_array_equal(explain(clf, X[:2], method="vip"),
                                  clf.explain(X[:2], method="vip"))
    with pytest.raises(TypeError, match="has no explain"):
        explain(LogisticRegression().fit(X, y), X[:2])
    with pytest.raises(ValueError, match="Unknown explanation method 'cam'"):
        explain(pipe, X[:2], method="cam")
    with pytest.raises(ValueError, match="not one of the classes"):
        explain(pipe, X[:2], method="occlusion", target="z")


def test_deep_pipeline_gradient_method(data):
    pytest.importorskip("torch")
    from skspectra.models import GAPCNNClassifier

    X, y, _ = data
    pipe = make_pipeline(SNV(), RangeCut(10, 73), GAPCNNClassifier(
        n_filters=4, n_blocks=2, max_epochs=2, random_state=0, device="cpu")).fit(X, y)
    maps = explain(pipe, X[:3], method="grad_cam")
    assert (maps[:, :10] == 0).all() and (maps[:, 74:] == 0).all()
    np.testing.assert_allclose(maps[:, 10:74], pipe[-1].explain(pipe[:-1].transform(X[:3]),
                                                                method="grad_cam"))
