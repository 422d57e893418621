"""Within-class augmentation from each spectrum's own class (``augment_within_class_source``)."""

import pickle

import numpy as np
import pytest
import torch

from skspectra.datasets import make_spectra
from skspectra.models import GAPCNNClassifier, PACEClassifier, ResNet1DClassifier
from skspectra.models.deep._own_class_deviations import OwnClassDeviations


def tiny_pace(**params):
    return PACEClassifier(patch_size=8, dim=8, depth=1, pool_dim=64, max_epochs=2,
                          random_state=0, device="cpu", **params)


def test_a_spectrum_gets_only_deviations_of_its_own_class():
    # class 0 varies only at point 0, class 1 only at point 1
    rng = np.random.default_rng(0)
    X = np.zeros((20, 3), dtype=np.float32)
    y = np.repeat([0, 1], 10)
    X[y == 0, 0] = rng.normal(size=10)
    X[y == 1, 1] = rng.normal(size=10)
    collate = OwnClassDeviations(X, y, weight=1.0)
    batch = [(np.zeros(3, dtype=np.float32), np.int64(label)) for label in [0] * 8 + [1] * 8]
    torch.manual_seed(0)
    Xb, yb = collate(batch)
    assert yb.tolist() == [0] * 8 + [1] * 8
    assert torch.all(Xb[:8, 1:] == 0) and torch.any(Xb[:8, 0] != 0)
    assert torch.all(Xb[8:, [0, 2]] == 0) and torch.any(Xb[8:, 1] != 0)
    collate.release()
    assert collate.deviations is None
    Xb, _ = collate(batch)  # released: a plain collate
    assert torch.all(Xb == 0)


def test_own_class_changes_training_keeps_the_seed_and_no_data():
    X, y, _ = make_spectra(n_samples=30, n_features=64, n_classes=3, random_state=0)
    pooled = tiny_pace().fit(X, y)
    own = tiny_pace(augment_within_class_source="own_class").fit(X, y)
    again = tiny_pace(augment_within_class_source="own_class").fit(X, y)
    assert not np.allclose(pooled.predict_proba(X), own.predict_proba(X))
    np.testing.assert_array_equal(own.predict_proba(X), again.predict_proba(X))
    # the network's pooled augmentation is off, and no deviation stays in the model
    assert own.net_.module_.augmenter.deviations.numel() == 0
    assert own.net_.iterator_train__collate_fn.deviations is None
    loaded = pickle.loads(pickle.dumps(own))
    np.testing.assert_array_equal(loaded.predict_proba(X), own.predict_proba(X))


def test_own_class_is_inert_without_within_class_augmentation():
    X, y, _ = make_spectra(n_samples=30, n_features=64, n_classes=3, random_state=0)
    plain = tiny_pace(augment_within_class=0.0).fit(X, y)
    own = tiny_pace(augment_within_class=0.0, augment_within_class_source="own_class").fit(X, y)
    np.testing.assert_array_equal(plain.predict_proba(X), own.predict_proba(X))
    assert getattr(own.net_, "iterator_train__collate_fn", None) is None


def test_own_class_with_string_labels_and_a_validation_split():
    X, y, _ = make_spectra(n_samples=40, n_features=64, n_classes=2, random_state=0)
    labels = np.where(y == 0, "fresh", "spoiled")
    clf = tiny_pace(augment_within_class_source="own_class", validation_fraction=0.25,
                    mixup_alpha=0.2).fit(X, labels)
    assert set(clf.predict(X)) <= {"fresh", "spoiled"}


@pytest.mark.parametrize("cls", [PACEClassifier, GAPCNNClassifier, ResNet1DClassifier])
def test_every_classifier_takes_the_source_and_names_a_bad_one(cls):
    assert cls().augment_within_class_source == "pooled"
    X, y, _ = make_spectra(n_samples=20, n_features=64, random_state=0)
    with pytest.raises(ValueError, match="augment_within_class_source must be one of"):
        cls(augment_within_class_source="other", max_epochs=1, device="cpu").fit(X, y)


def test_a_class_without_variation_is_never_perturbed_in_training(monkeypatch):
    """End to end: class 0's training spectra are all flat and identical, so with
    deviations of their own class they stay flat at every step, where deviations drawn
    from every class would lend them class 1's; class 1's spectra are perturbed."""
    rng = np.random.default_rng(0)
    X = np.vstack([np.ones((6, 64)), rng.normal(size=(6, 64))]).astype(np.float32)
    y = np.repeat([0, 1], 6)
    seen = []
    clf = PACEClassifier(patch_size=8, dim=8, depth=1, pool_dim=64, max_epochs=2, batch_size=4,
                         random_state=0, device="cpu", augment_within_class_source="own_class")
    parent_class = clf._skorch_class

    def recording_class(net_kwargs):
        class Recording(parent_class(net_kwargs)):
            def infer(self, x, **fit_params):
                if self.module_.training:
                    seen.append(x.detach().clone())
                return super().infer(x, **fit_params)

        return Recording

    monkeypatch.setattr(clf, "_skorch_class", recording_class)
    clf.fit(X, y)
    trained = torch.cat(seen).numpy()
    flat = np.all(trained == trained[:, :1], axis=1)
    assert len(trained) and flat.sum() * 2 == len(trained)  # class 0: half of each epoch
    originals = X[6:]
    assert not any(np.any(np.all(row == originals, axis=1)) for row in trained[~flat])
