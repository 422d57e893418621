"""to_onnx: onnxruntime runs the exported graph and gives the estimator's outputs."""

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import make_pipeline

from skspectra.datasets import make_spectra
from skspectra.export import to_onnx
from skspectra.models import (
    GAPCNNClassifier,
    GAPCNNRegressor,
    PACEClassifier,
    PLSLDAClassifier,
    ResNet1DClassifier,
)
from skspectra.preprocessing import MSC, SNV, Normalize, RangeCut, Resample, SavGol

pytest.importorskip("torch")
pytest.importorskip("onnx")
pytest.importorskip("onnxscript")
pytest.importorskip("onnxruntime")

TOLERANCE = 1e-5  # issue 15: onnxruntime equals the estimator to 1e-5


@pytest.fixture(scope="module")
def data():
    X, y, _ = make_spectra(n_samples=30, n_features=64, random_state=0)
    return X + 2.0, y  # positive spectra: MSC and Normalize see realistic input


def _run(path, X):
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == ["spectra"]
    return session.get_outputs()[0].name, session.run(None, {"spectra": X.astype(np.float32)})[0]


@pytest.mark.parametrize("model", [
    GAPCNNClassifier(n_filters=4, n_blocks=2, max_epochs=2, random_state=0),
    ResNet1DClassifier(hidden_channels=4, stem_channels=4, n_stages=2, blocks_per_stage=1,
                       max_epochs=2, random_state=0),
    PACEClassifier(patch_size=8, dim=16, depth=1, pool_dim=64, max_epochs=2, random_state=0),
], ids=lambda m: type(m).__name__)
def test_classifiers_give_their_probabilities(tmp_path, data, model):
    X, y = data
    model.set_params(device="cpu").fit(X, y)
    name, probabilities = _run(to_onnx(model, tmp_path / "m.onnx"), X)
    assert name == "probabilities"
    np.testing.assert_allclose(probabilities, model.predict_proba(X), atol=TOLERANCE)
    # any batch size: the batch dimension is dynamic
    np.testing.assert_allclose(_run(tmp_path / "m.onnx", X[:3])[1], model.predict_proba(X[:3]),
                               atol=TOLERANCE)


def test_a_pipeline_carries_its_preprocessing(tmp_path, data):
    X, y = data
    pipe = make_pipeline(MSC(), SNV(), RangeCut(4, 60), Normalize("minmax"),
                         Resample(np.linspace(5.0, 55.0, 40)), Normalize("l2"),
                         GAPCNNClassifier(n_filters=4, n_blocks=2, max_epochs=2, random_state=0,
                                          device="cpu")).fit(X, y)
    _, probabilities = _run(to_onnx(pipe, tmp_path / "pipe.onnx"), X)
    np.testing.assert_allclose(probabilities, pipe.predict_proba(X), atol=TOLERANCE)


def test_a_regressor_predicts_in_the_target_units(tmp_path, data):
    X, _ = data
    target = 50.0 + 10.0 * X[:, 20]
    reg = GAPCNNRegressor(n_filters=4, n_blocks=2, max_epochs=2, random_state=0,
                          derivative_window=5, device="cpu").fit(X, target)
    name, predictions = _run(to_onnx(reg, tmp_path / "reg.onnx"), X)
    assert name == "predictions" and predictions.shape == (30, 1)
    np.testing.assert_allclose(predictions[:, 0], reg.predict(X), rtol=TOLERANCE)


def test_what_cannot_be_exported_is_refused_and_nothing_is_written(tmp_path, data):
    X, y = data
    with pytest.raises(TypeError, match="skl2onnx"):
        to_onnx(PLSLDAClassifier(2).fit(X, y), tmp_path / "pls.onnx")
    with pytest.raises(NotFittedError):
        to_onnx(GAPCNNClassifier(), tmp_path / "unfitted.onnx")
    pipe = make_pipeline(SavGol(5, 2), GAPCNNClassifier(n_filters=4, n_blocks=2, max_epochs=1,
                                                        random_state=0, device="cpu"))
    with pytest.raises(ValueError, match=r"SavGol cannot be exported.*'Resample', 'SNV'"):
        to_onnx(pipe.fit(X, y), tmp_path / "savgol.onnx")
    assert list(tmp_path.iterdir()) == []


def test_importing_export_does_not_import_torch():
    import subprocess
    import sys

    code = "import sys, skspectra.export; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
