"""Pickling deep estimators: the pickle carries no training-only device tensors."""

import pickle

import numpy as np
import pytest

from skspectra.datasets import make_spectra
from skspectra.models import GAPCNNClassifier, PACEClassifier


@pytest.fixture(scope="module")
def fitted():
    X, y, _ = make_spectra(n_samples=40, n_features=64, random_state=0)
    clf = PACEClassifier(patch_size=8, dim=8, depth=1, max_epochs=3, device="cpu",
                         lr_schedule="cosine", random_state=0).fit(X, y)
    return clf, X, y


def test_pickle_leaves_out_training_only_state_and_keeps_the_live_model(fitted):
    clf, X, _ = fitted
    early_stopping = dict(clf.net_.callbacks_)["early_stopping"]
    assert early_stopping.best_model_weights_ is not None
    loaded = pickle.loads(pickle.dumps(clf))
    callbacks = dict(loaded.net_.callbacks_)
    assert callbacks["early_stopping"].best_model_weights_ is None
    assert all(getattr(cb, "lr_scheduler_", None) is None for cb in callbacks.values())
    assert isinstance(loaded.net_.module, type)  # the class, not a second copy of the weights
    # The live estimator is unchanged and the loaded one predicts the same.
    assert dict(clf.net_.callbacks_)["early_stopping"].best_model_weights_ is not None
    assert not isinstance(clf.net_.module, type)
    np.testing.assert_array_equal(loaded.predict_proba(X), clf.predict_proba(X))


def test_loaded_model_can_be_refitted_and_explained(fitted):
    clf, X, y = fitted
    loaded = pickle.loads(pickle.dumps(clf))
    assert loaded.explain(X[:2], method="grad_cam").shape == (2, X.shape[1])
    refitted = loaded.set_params(max_epochs=2).fit(X, y)
    assert refitted.predict(X).shape == y.shape


def test_models_pickled_before_the_move_to_models_deep_still_load(fitted):
    """A pickle that names the old module (skspectra.models._pace) loads and predicts."""
    from skspectra.models._moved_modules import MOVED_MODULES

    clf, X, _ = fitted
    text = pickle.dumps(clf, protocol=0)  # module paths as plain "c<module>\n<name>" lines
    old = text.replace(b"cskspectra.models.deep._pace\n", b"cskspectra.models._pace\n")
    assert old != text and b"cskspectra.models.deep._pace\n" not in old
    loaded = pickle.loads(old)
    assert type(loaded) is PACEClassifier
    np.testing.assert_array_equal(loaded.predict_proba(X), clf.predict_proba(X))
    assert len(MOVED_MODULES) == 11  # every module that moved has its old path


def test_pickle_of_an_unfitted_estimator_is_plain():
    clf = GAPCNNClassifier(n_filters=4)
    assert pickle.loads(pickle.dumps(clf)).get_params() == clf.get_params()


def test_cuda_index_beyond_the_visible_devices_is_a_clear_error(monkeypatch):
    torch = pytest.importorskip("torch")
    from skspectra.models.deep._training import resolve_device

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    assert resolve_device("cuda:0") == "cuda:0"
    with pytest.raises(ValueError, match=r"only 1 CUDA device"):
        resolve_device("cuda:1")
