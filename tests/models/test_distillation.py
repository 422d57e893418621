"""Distillation from PLS-LDA in the deep classifiers (``distill_weight``)."""

import numpy as np
import pytest
import torch

from skspectra.datasets import make_spectra
from skspectra.models import GAPCNNClassifier, PACEClassifier, PLSLDAClassifierCV
from skspectra.models.deep._distillation import pls_lda_teacher


def tiny_pace(**params):
    return PACEClassifier(patch_size=8, dim=8, depth=1, pool_dim=64, max_epochs=1,
                          random_state=0, device="cpu", **params)


@pytest.mark.parametrize("n_classes", [2, 3])
def test_teacher_logits_are_the_pls_lda_decision(n_classes):
    X, y, _ = make_spectra(n_samples=40, n_features=50, n_classes=n_classes, random_state=1)
    A, b = pls_lda_teacher(X, y)
    assert A.shape == (50, n_classes) and b.shape == (n_classes,)
    X_new, _, _ = make_spectra(n_samples=10, n_features=50, n_classes=n_classes, random_state=2)
    reference = PLSLDAClassifierCV(max_components=20, cv=5).fit(X, y)
    decision = reference.decision_function(X_new)
    if n_classes == 2:  # the logits (0, d) differ by the decision value
        np.testing.assert_allclose((X_new @ A + b) @ [-1, 1], decision, rtol=1e-8, atol=1e-8)
    else:
        np.testing.assert_allclose(X_new @ A + b, decision, rtol=1e-8, atol=1e-8)


def test_teacher_fits_a_class_of_two_spectra_quietly(recwarn):
    X, y, _ = make_spectra(n_samples=20, n_features=30, n_classes=2, random_state=0)
    keep = np.r_[np.flatnonzero(y == 0), np.flatnonzero(y == 1)[:2]]
    A, _ = pls_lda_teacher(X[keep], y[keep])
    assert np.isfinite(A).all()
    assert not [w for w in recwarn if issubclass(w.category, UserWarning)]


def test_targets_blend_mixed_labels_and_teacher(monkeypatch):
    X, y, _ = make_spectra(n_samples=30, n_features=64, n_classes=3, random_state=0)
    clf = tiny_pace(distill_weight=0.5).fit(X, y)
    net = clf.net_
    assert type(net).__name__ == "DistillingNeuralNetClassifier"
    assert net.mixup_alpha == 0.4  # mixup_alpha=0: distillation's own alpha
    X_mixed = torch.as_tensor(0.3 * X[:8] + 0.7 * X[8:16], dtype=torch.float32)
    labels = torch.full((8, 3), 1 / 3)
    teacher = torch.softmax(X_mixed @ net.teacher_A + net.teacher_b, dim=1)
    target = net.mixed_target(X_mixed, labels)
    torch.testing.assert_close(target, 0.5 * labels + 0.5 * teacher)
    assert not torch.allclose(target, labels)
    # every training step goes through the hook
    calls = []
    monkeypatch.setattr(type(net), "mixed_target", lambda self, Xm, lab: calls.append(1) or lab)
    net.partial_fit(X.astype(np.float32), np.searchsorted(clf.classes_, y))
    assert len(calls) == 2  # 30 spectra, batch 16


def test_distillation_uses_a_given_mixup_alpha_and_keeps_the_seed():
    X, y, _ = make_spectra(n_samples=30, n_features=64, n_classes=3, random_state=0)
    first = tiny_pace(distill_weight=0.5, mixup_alpha=1.0).fit(X, y)
    again = tiny_pace(distill_weight=0.5, mixup_alpha=1.0).fit(X, y)
    plain = tiny_pace(mixup_alpha=1.0).fit(X, y)
    assert first.net_.mixup_alpha == 1.0
    np.testing.assert_array_equal(first.predict_proba(X), again.predict_proba(X))
    assert not np.allclose(first.predict_proba(X), plain.predict_proba(X))


def test_teacher_comes_from_the_training_part_only(monkeypatch):
    from skspectra.models.deep import _distillation

    seen = []
    original = _distillation.pls_lda_teacher
    monkeypatch.setattr(_distillation, "pls_lda_teacher",
                        lambda X, y: seen.append(len(X)) or original(X, y))
    X, y, _ = make_spectra(n_samples=40, n_features=64, n_classes=2, random_state=0)
    tiny_pace(distill_weight=0.5, validation_fraction=0.25).fit(X, y)
    assert seen == [30]  # the validation quarter is not shown to the teacher


def test_without_a_teacher_training_is_the_undistilled_one_with_a_warning():
    X, y, _ = make_spectra(n_samples=3, n_features=32, n_classes=3, random_state=0)
    with pytest.warns(UserWarning, match="no PLS-LDA teacher.*single.*without distillation"):
        clf = tiny_pace(distill_weight=0.5).fit(X, y)
    plain = tiny_pace().fit(X, y)
    assert type(clf.net_) is type(plain.net_)
    np.testing.assert_array_equal(clf.predict_proba(X), plain.predict_proba(X))
    with pytest.warns(UserWarning, match="no PLS-LDA teacher"):
        mixed = tiny_pace(distill_weight=0.5, mixup_alpha=0.4).fit(X, y)
    assert type(mixed.net_).__name__ == "MixupNeuralNetClassifier"


@pytest.mark.parametrize("value, error", [(1.5, ValueError), (-0.1, ValueError),
                                          ("0.5", TypeError)])
def test_bad_distill_weight_is_named(value, error):
    X, y, _ = make_spectra(n_samples=20, n_features=32, n_classes=2, random_state=0)
    with pytest.raises(error, match="distill_weight"):
        GAPCNNClassifier(distill_weight=value, max_epochs=1).fit(X, y)


def test_a_distilled_model_pickles_and_predicts_the_same():
    import pickle

    X, y, _ = make_spectra(n_samples=30, n_features=64, n_classes=3, random_state=0)
    clf = tiny_pace(distill_weight=0.5).fit(X, y)
    loaded = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(loaded.predict_proba(X), clf.predict_proba(X))
    assert loaded.net_.teacher_A.device.type == "cpu"
