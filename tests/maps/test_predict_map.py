"""predict_map: the same answers as the model on the flattened cube, in batches, from disk."""

import warnings

import numpy as np
import pytest
from sklearn.pipeline import make_pipeline

from skspectra.datasets import make_spectra
from skspectra.explain import explain
from skspectra.maps import SpectralMap, predict_map
from skspectra.models import GAPCNNClassifier, PLSLDAClassifier, PLSRegressorCV
from skspectra.preprocessing import SNV

ROWS, COLS, POINTS = 4, 6, 60


@pytest.fixture(scope="module")
def data():
    X, y, _ = make_spectra(n_samples=90, n_features=POINTS, random_state=0)
    return X, y, X[:ROWS * COLS].reshape(ROWS, COLS, POINTS)


@pytest.fixture(scope="module")
def pls(data):
    X, y, _ = data
    return PLSLDAClassifier(3).fit(X, y)


def test_batches_give_the_model_answers_pixel_by_pixel(pls, data, capsys):
    _, _, cube = data
    flat = cube.reshape(-1, POINTS)
    result = predict_map(pls, cube, batch_size=5)  # 24 pixels: batches of 5, then 4
    assert isinstance(result, SpectralMap)
    np.testing.assert_array_equal(result.prediction, pls.predict(flat).reshape(ROWS, COLS))
    np.testing.assert_allclose(result.probabilities,
                               pls.predict_proba(flat).reshape(ROWS, COLS, -1), rtol=1e-6)
    np.testing.assert_array_equal(result.classes, pls.classes_)
    assert result.relevance is None and result.method is None
    err = capsys.readouterr().err
    assert "predict_map: 24/24 spectra (100.0 %)" in err and "spectra/s" in err


def test_a_memmap_on_disk_and_the_relevance_written_to_a_file(pls, data, tmp_path):
    _, _, cube = data
    np.save(tmp_path / "cube.npy", cube.astype(np.float32))
    on_disk = np.load(tmp_path / "cube.npy", mmap_mode="r")
    path = tmp_path / "relevance.npy"
    result = predict_map(pls, on_disk, batch_size=7, explain=True, relevance_path=path,
                         verbose=0)
    assert result.method == "coef" and isinstance(result.relevance, np.memmap)
    flat = cube.astype(np.float32).astype(np.float64).reshape(-1, POINTS)
    np.testing.assert_allclose(result.relevance.reshape(-1, POINTS),
                               explain(pls, flat), rtol=1e-5, atol=1e-7)
    np.testing.assert_array_equal(result.prediction.ravel(), pls.predict(flat))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cube.npy", "relevance.npy"]


def test_a_failed_call_leaves_no_file(pls, data, tmp_path):
    _, _, cube = data
    broken = cube.copy()
    broken[2, 3, 10] = np.nan
    with pytest.raises(ValueError, match=r"pixel \(row 2, col 3\) has NaN"):
        predict_map(pls, broken, batch_size=4, explain=True,
                    relevance_path=tmp_path / "relevance.npy", verbose=0)
    assert list(tmp_path.iterdir()) == []


def test_pipelines_with_column_names_and_regressors(data):
    pd = pytest.importorskip("pandas")
    X, y, cube = data
    frame = pd.DataFrame(X, columns=[f"{1000 + 2 * i}" for i in range(POINTS)])
    pipe = make_pipeline(SNV(), PLSLDAClassifier(3)).fit(frame, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "X does not have valid feature names"
        result = predict_map(pipe, cube, verbose=0)
    np.testing.assert_array_equal(
        result.prediction.ravel(), pipe.predict(pd.DataFrame(cube.reshape(-1, POINTS),
                                                             columns=frame.columns)))
    reg = PLSRegressorCV(max_components=3).fit(X, X[:, 5])
    values = predict_map(reg, cube, verbose=0)
    assert values.probabilities is None and values.prediction.dtype == np.float64
    np.testing.assert_allclose(values.prediction.ravel(), reg.predict(cube.reshape(-1, POINTS)))


def test_a_deep_model_and_its_default_explanation(data):
    X, y, cube = data
    clf = GAPCNNClassifier(n_filters=4, n_blocks=2, max_epochs=1, random_state=0).fit(X, y)
    small = cube[:1, :3]
    result = predict_map(clf, small, explain=True, verbose=0, window=5, stride=2)
    assert result.method == "grad_cam_occlusion"
    np.testing.assert_array_equal(result.prediction.ravel(), clf.predict(small[0]))
    np.testing.assert_allclose(result.relevance[0],
                               clf.explain(small[0], window=5, stride=2), rtol=1e-5, atol=1e-7)


def test_bad_input_is_named(pls, data):
    X, _, cube = data
    cases = [
        ((pls, X), {}, ValueError, "3 dimensions"),
        ((pls, cube[..., :50]), {}, ValueError, "50 points, but the model was fitted on 60"),
        ((pls, [[[1.0]]]), {}, TypeError, "numpy array or memmap"),
        ((pls, cube.astype(str)), {}, TypeError, "real numbers"),
        ((pls, cube), {"batch_size": 0}, ValueError, "batch_size must be a positive int"),
        ((pls, cube), {"method": "vip"}, ValueError, "need explain=True"),
        ((PLSLDAClassifier(2), cube), {}, Exception, "not fitted"),
    ]
    for args, options, error, message in cases:
        with pytest.raises(error, match=message):
            predict_map(*args, verbose=0, **options)


def test_plot_class_map(pls, data):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from skspectra.plotting import plot_class_map

    result = predict_map(pls, data[2], verbose=0)
    ax = plot_class_map(result, title="classes")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [str(c) for c in pls.classes_]
    assert ax.get_images()[0].get_array().shape == (ROWS, COLS)
    with pytest.raises(ValueError, match="not in classes"):
        plot_class_map(np.array([["a", "z"]]), classes=["a", "b"])
    with pytest.raises(ValueError, match=r"\(rows, cols\) map"):
        plot_class_map(np.array(["a", "b"]))
