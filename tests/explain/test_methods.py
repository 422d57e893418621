"""supported_methods / default_method: what explain accepts for a model, and its default."""

import numpy as np
import pytest
from sklearn.cross_decomposition import PLSRegression
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from skspectra.datasets import make_spectra
from skspectra.explain import default_method, explain, supported_methods
from skspectra.models import (
    GAPCNNClassifier,
    GAPCNNRegressor,
    PACEClassifier,
    PLSLDAClassifier,
    ResNet1DClassifier,
)
from skspectra.preprocessing import SNV


@pytest.fixture(scope="module")
def data():
    X, y, _ = make_spectra(n_samples=40, n_features=60, n_classes=2, random_state=0)
    return X, y


def test_pls_lda_and_a_pipeline_ending_in_it(data):
    X, y = data
    pls = PLSLDAClassifier(2).fit(X, y)
    assert supported_methods(pls) == ["coef", "vip", "occlusion"]
    assert default_method(pls) == "coef"
    pipe = make_pipeline(SNV(), PLSLDAClassifier(2)).fit(X, y)
    assert supported_methods(pipe) == supported_methods(pipe[-1])
    assert default_method(pipe) == "coef"
    # explain(pipe, X) uses exactly that default
    np.testing.assert_array_equal(explain(pipe, X[:3]), explain(pipe, X[:3], method="coef"))


def test_deep_models_default_to_the_measured_best(data):
    X, y = data
    clf = GAPCNNClassifier(max_epochs=1, random_state=0).fit(X, y)
    assert default_method(clf) == "grad_cam_occlusion"  # measured per network (RESULTS.md)
    np.testing.assert_array_equal(clf.explain(X[:2]),
                                  clf.explain(X[:2], method="grad_cam_occlusion"))
    resnet = ResNet1DClassifier(hidden_channels=4, n_stages=1, blocks_per_stage=1,
                                stem_channels=4, max_epochs=1, random_state=0).fit(X, y)
    assert default_method(resnet) == "occlusion"
    pace = PACEClassifier(dim=8, depth=1, max_epochs=1, random_state=0).fit(X, y)
    assert default_method(pace) == "grad_cam_occlusion"
    assert supported_methods(clf) == list(clf._explanation_methods())
    assert "cam" in supported_methods(clf)
    reg = GAPCNNRegressor(max_epochs=1, random_state=0).fit(X, X[:, 30])
    # regressors keep the signed 1D Grad-CAM (occlusion of a regression is not measured)
    assert default_method(reg) == "integrated_gradients"
    assert supported_methods(reg)[0] == "integrated_gradients"


def test_any_other_estimator_has_only_the_model_agnostic_methods(data):
    X, y = data
    for model in (LogisticRegression().fit(X, y), PLSRegression(2).fit(X, X[:, 30]),
                  make_pipeline(SNV(), LogisticRegression()).fit(X, y)):
        assert supported_methods(model) == ["occlusion", "lime"]
        with pytest.raises(ValueError, match=r"no explanation methods of its own.*'occlusion'"):
            default_method(model)
    with pytest.raises(ValueError, match="no explanation methods of its own"):
        explain(make_pipeline(SNV(), LogisticRegression()).fit(X, y), X[:2])


def test_unfitted_models_raise_not_fitted(data):
    for model in (PLSLDAClassifier(2), make_pipeline(SNV(), PLSLDAClassifier(2))):
        with pytest.raises(NotFittedError):
            supported_methods(model)
        with pytest.raises(NotFittedError):
            default_method(model)
