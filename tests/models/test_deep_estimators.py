"""Behaviour shared by the deep estimators (GAPCNN, ResNet1D, PACE classifiers)."""

import io
import pickle
import warnings

import joblib
import numpy as np
import pytest
from deep_configs import (
    ANY_LENGTH_CLASSIFIERS,
    FLOAT32_BATCH_NOISE,
    SMALL_CLASSIFIERS,
    kernel_size_argument,
)
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, ShuffleSplit, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.utils.estimator_checks import parametrize_with_checks

from skspectra.datasets import make_spectra
from skspectra.models import GAPCNNClassifier, PACEClassifier, ResNet1DClassifier
from skspectra.preprocessing import SavGol

TRAINING = dict(max_epochs=4, batch_size=16, random_state=0, device="cpu")
SMALL = SMALL_CLASSIFIERS
ESTIMATORS = list(SMALL)


def small(cls, **params):
    return cls(**{**SMALL[cls], **TRAINING, **params})


@pytest.fixture(scope="module")
def spectra():
    X, y, _ = make_spectra(n_samples=90, n_features=96, n_classes=3, class_sep=3.0,
                           random_state=0)
    return X, y


# scikit-learn's own checks. The checks' data sets have 1 to a few features, so the
# configuration is one every input length fits (patch_size=1, no pooling); on 1 to 10
# features per-spectrum standardisation would erase the information, hence "feature";
# enough epochs to reach the checks' accuracy threshold (0.83 on blobs). The expected
# failures are explained in tests/deep_configs.py.
CHECKS_TRAINING = dict(max_epochs=20, lr=0.01, batch_size=32, random_state=0, device="cpu",
                       standardize="feature", derivative_window=None,
                       validation_fraction=None)


@parametrize_with_checks([
    cls(**params, **kernel_size_argument(cls, 3), **CHECKS_TRAINING)
    for cls, params in ANY_LENGTH_CLASSIFIERS.items()
], expected_failed_checks=lambda estimator: FLOAT32_BATCH_NOISE)
def test_sklearn_compatible(estimator, check):
    check(estimator)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_learns_and_gives_probabilities(cls):
    X, y, _ = make_spectra(n_samples=150, n_features=96, n_classes=3, class_sep=6,
                           random_state=0)
    clf = cls(**SMALL[cls], max_epochs=40, lr=1e-2, validation_fraction=None,
              batch_size=16, random_state=0, device="cpu").fit(X[:100], y[:100])
    proba = clf.predict_proba(X[100:])
    assert proba.shape == (50, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    # chance is 1/3; seen 0.78-1.0 over seeds 0-2
    assert clf.score(X[100:], y[100:]) > 0.7
    assert clf.n_features_in_ == X.shape[1]
    assert len(clf.history_) == 40


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_same_seed_same_model_and_global_rng_untouched(cls, spectra):
    import torch

    X, y = spectra
    torch.manual_seed(123)
    before = torch.rand(1)
    torch.manual_seed(123)
    a = small(cls, augment_noise=0.1, augment_shift=2).fit(X, y)
    after = torch.rand(1)
    b = small(cls, augment_noise=0.1, augment_shift=2).fit(X, y)
    c = small(cls, augment_noise=0.1, augment_shift=2, random_state=1).fit(X, y)
    np.testing.assert_array_equal(a.predict_proba(X), b.predict_proba(X))
    assert not np.allclose(a.predict_proba(X), c.predict_proba(X))
    assert before == after  # fit forked torch's RNG instead of consuming it


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_pickle_joblib_and_clone(cls, spectra, tmp_path):
    X, y = spectra
    clf = small(cls).fit(X, y)
    expected = clf.predict_proba(X)
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(clf)).predict_proba(X), expected)
    joblib.dump(clf, tmp_path / "model.joblib")
    np.testing.assert_array_equal(joblib.load(tmp_path / "model.joblib").predict_proba(X),
                                  expected)
    fresh = clone(clf)
    assert not hasattr(fresh, "net_")
    assert fresh.get_params() == clf.get_params()


def test_string_labels_and_pandas_wavenumber_columns(spectra):
    pd = pytest.importorskip("pandas")
    X, y = spectra
    names = np.array(["chicken", "pork", "turkey"])[y]
    frame = pd.DataFrame(X, columns=[f"{w:.1f}" for w in np.linspace(1800, 900, X.shape[1])])
    clf = small(PACEClassifier).fit(frame, names)
    assert list(clf.classes_) == ["chicken", "pork", "turkey"]
    assert set(clf.predict(frame)) <= set(names)
    np.testing.assert_array_equal(clf.feature_names_in_, frame.columns)
    with pytest.raises(ValueError, match="feature names"):
        clf.predict(frame.rename(columns={frame.columns[0]: "other"}))


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_bad_input_gives_clear_errors(cls, spectra):
    X, y = spectra
    with pytest.raises(ValueError, match="NaN"):
        small(cls).fit(np.where(np.eye(*X.shape, dtype=bool), np.nan, X), y)
    with pytest.raises(ValueError, match="infinity"):
        small(cls).fit(np.where(np.eye(*X.shape, dtype=bool), np.inf, X), y)
    with pytest.raises(ValueError, match="at least 2 classes; got 1 class"):
        small(cls).fit(X, np.zeros(len(X)))
    with pytest.raises(ValueError, match="0 sample"):
        small(cls).fit(X[:0], y[:0])
    clf = small(cls).fit(X, y)
    with pytest.raises(ValueError, match=f"expecting {X.shape[1]} features"):
        clf.predict(X[:, :-5])


def test_pace_spectrum_shorter_than_patch_is_a_clear_error(spectra):
    X, y = spectra
    with pytest.raises(ValueError, match="fewer than patch_size=32"):
        small(PACEClassifier, patch_size=32).fit(X[:, :20], y)
    with pytest.raises(ValueError, match="pool_dim=16 is smaller than patch_size=32"):
        small(PACEClassifier, patch_size=32, pool_dim=16).fit(X, y)


@pytest.mark.parametrize(
    ("param", "value", "error"),
    [
        ("max_epochs", 0, ValueError),
        ("max_steps", 0, ValueError),
        ("max_steps", 10.5, TypeError),
        ("lr", -1.0, ValueError),
        ("batch_size", 2.5, TypeError),
        ("validation_fraction", 1.0, ValueError),
        ("standardize", "snv", ValueError),
        ("lr_schedule", "step", ValueError),
        ("optimizer", "lbfgs", ValueError),
        ("augment_scale", 1.5, ValueError),
        ("class_weight", "inverse", ValueError),
        ("epo_components", -1, ValueError),
        ("epo_components", "all", ValueError),
        ("derivative_window", 4, ValueError),
        ("derivative_window", 1, ValueError),
        ("derivative_window", 2.5, TypeError),
        ("derivative_window", 97, ValueError),  # longer than the 96-point spectra
        ("mixup_alpha", -0.1, ValueError),
        ("mixup_alpha", "0.4", TypeError),
        ("augment_within_class", -0.5, ValueError),
        ("augment_within_class", "0.5", TypeError),
        ("device", "tpu", ValueError),
    ],
)
def test_bad_hyperparameters_are_named(spectra, param, value, error):
    X, y = spectra
    with pytest.raises(error, match=param if param != "device" else "tpu"):
        small(GAPCNNClassifier, **{param: value}).fit(X, y)


def test_keyboard_interrupt_keeps_best_weights(spectra):
    import copy

    from skorch.callbacks import Callback

    class SnapshotThenInterrupt(Callback):
        """Keep each epoch's weights; raise Ctrl-C at the end of epoch 4."""

        def initialize(self):
            self.snapshots = []
            return self

        def on_epoch_end(self, net, **kwargs):
            self.snapshots.append(copy.deepcopy(net.module_.state_dict()))
            if len(net.history) == 4:
                raise KeyboardInterrupt

    X, y = spectra
    spy = SnapshotThenInterrupt()
    clf = small(GAPCNNClassifier, max_epochs=50, lr=0.3, validation_fraction=0.3,
                lr_schedule="none", dropout=0.1,
                n_members=1,  # the training trajectory that lr=0.3 was chosen for
                callbacks=[spy]).fit(X, y)
    assert len(clf.history_) == 4
    valid_losses = [row["valid_loss"] for row in clf.history_]
    best = int(np.argmin(valid_losses))
    assert best != 3, "lr chosen so that the last epoch is not the best: restore is exercised"
    restored = clf.module_.state_dict()
    for name, value in spy.snapshots[best].items():
        if "running_" in name or "num_batches_tracked" in name:
            continue  # BatchNorm statistics are recomputed with the restored weights
        np.testing.assert_array_equal(restored[name].numpy(), value.numpy(), err_msg=name)
    assert clf.predict_proba(X).shape == (len(X), 3)


def test_early_stopping_stops_and_patience_none_runs_all_epochs(spectra):
    X, y = spectra
    stopped = small(GAPCNNClassifier, max_epochs=200, patience=2, lr=0.05,
                    validation_fraction=0.2).fit(X, y)
    assert len(stopped.history_) < 200
    full = small(GAPCNNClassifier, max_epochs=6, patience=None).fit(X, y)
    assert len(full.history_) == 6
    assert "valid_loss" not in full.history_[-1]  # default: no validation split
    validated = small(GAPCNNClassifier, validation_fraction=0.2).fit(X, y)
    assert "valid_loss" in validated.history_[-1]


def test_validation_spectra_teach_the_module_nothing(spectra):
    # standardisation, EPO directions and within-class deviations come from the spectra
    # skorch trains on, not from the validation part that early stopping monitors
    from skorch.dataset import Dataset

    X, y = spectra
    clf = small(GAPCNNClassifier, standardize="center", validation_fraction=0.25,
                augment_within_class=0.5, max_epochs=2).fit(X, y)
    y_encoded = np.searchsorted(clf.classes_, y)
    train, valid = clf.net_.train_split(Dataset(X.astype(np.float32), y_encoded), y_encoded)
    assert len(valid.indices) > 0
    mean = clf.net_.module_.standardizer.mean.numpy()
    np.testing.assert_allclose(mean, X[train.indices].mean(axis=0), atol=1e-5)
    assert not np.allclose(mean, X.mean(axis=0), atol=1e-5)


def test_max_steps_cuts_the_epochs_and_the_schedule_spans_the_cut_run(spectra):
    X, y = spectra  # 90 spectra at batch 16: 6 steps per epoch
    cut = small(GAPCNNClassifier, max_epochs=20, max_steps=15, n_members=1).fit(X, y)
    assert len(cut.history_) == 3  # ceil(15 / 6)
    schedule = dict(cut.net_.callbacks_)["lr_schedule"]
    assert schedule.T_max == 3  # the cosine reaches lr / 100 at the last epoch run
    untouched = small(GAPCNNClassifier, max_epochs=5, max_steps=600, n_members=1).fit(X, y)
    assert len(untouched.history_) == 5
    one = small(GAPCNNClassifier, max_epochs=5, max_steps=1, n_members=1).fit(X, y)
    assert len(one.history_) == 1


def test_a_fit_cut_short_by_max_steps_warns_when_it_has_not_fitted_its_training_spectra(
        monkeypatch):
    from sklearn.exceptions import ConvergenceWarning

    import skspectra.models.deep._classifier as classifier

    rng = np.random.RandomState(0)
    X, y = rng.normal(size=(60, 64)), np.repeat([0, 1, 2], 20)  # labels no network fits fast
    cut = small(GAPCNNClassifier, max_epochs=5, max_steps=1, n_members=1)
    with pytest.warns(ConvergenceWarning, match=r"max_steps=1 stopped training after 1 of "
                                                r"max_epochs=5 epochs.*max_steps=None"):
        cut.fit(X, y)
    assert cut.score(X, y) < classifier.UNDER_TRAINED_ACCURACY
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        # not cut: the same training accuracy is then no sign of a budget too small
        small(GAPCNNClassifier, max_epochs=1, max_steps=None, n_members=1).fit(X, y)
        # cut, but at or above the bar (here lowered to the fit's own accuracy)
        monkeypatch.setattr(classifier, "UNDER_TRAINED_ACCURACY", cut.score(X, y))
        clone(cut).fit(X, y)


def test_epochs_within_steps_counts_the_dropped_last_batch():
    from skspectra.models.deep._training import epochs_within_steps

    assert epochs_within_steps(200, None, 10_000, 16, drop_last=False) == 200
    assert epochs_within_steps(200, 1600, 504, 16, drop_last=False) == 50  # 32 steps
    assert epochs_within_steps(200, 1600, 128, 16, drop_last=False) == 200  # 8 steps
    assert epochs_within_steps(200, 1600, 129, 16, drop_last=False) == 178  # 9 steps
    assert epochs_within_steps(200, 1600, 129, 16, drop_last=True) == 200  # 8 steps
    assert epochs_within_steps(10, 5, 3, 16, drop_last=False) == 5  # one batch per epoch


def test_class_weight_balanced_and_dict(spectra):
    X, y = spectra
    keep = np.r_[np.flatnonzero(y == 0), np.flatnonzero(y != 0)[:20]]
    for class_weight in ("balanced", {0: 1.0, 1: 5.0, 2: 5.0}):
        clf = small(GAPCNNClassifier, class_weight=class_weight).fit(X[keep], y[keep])
        weight = clf.net_.criterion_.loss.weight
        assert weight is not None and len(weight) == 3
    with pytest.raises(ValueError, match="not in the classes"):
        small(GAPCNNClassifier, class_weight={7: 1.0}).fit(X, y)


def test_verbose_prints_per_epoch_progress(spectra, capsys):
    X, y = spectra
    small(GAPCNNClassifier, verbose=1, max_epochs=2, validation_fraction=0.2).fit(X, y)
    out = capsys.readouterr().out
    assert "train_loss" in out and "valid_loss" in out


def test_in_pipeline_with_shuffle_split(spectra):
    X, y = spectra
    pipe = Pipeline([("sg", SavGol(window_length=7, polyorder=2)),
                     ("clf", small(PACEClassifier))])
    scores = cross_val_score(pipe, X, y, cv=ShuffleSplit(n_splits=2, test_size=0.3,
                                                         random_state=0))
    assert scores.shape == (2,)
    assert np.all((0 <= scores) & (scores <= 1))


def test_grid_search_over_patch_size_in_two_processes(spectra):
    X, y = spectra
    pipe = Pipeline([("sg", SavGol(window_length=7, polyorder=2)),
                     ("clf", small(PACEClassifier, max_epochs=2))])
    search = GridSearchCV(pipe, {"clf__patch_size": [8, 16, 32]}, cv=2, n_jobs=2)
    search.fit(X, y)
    assert list(search.cv_results_["param_clf__patch_size"]) == [8, 16, 32]
    assert search.best_estimator_.named_steps["clf"].patch_size in (8, 16, 32)


def test_augmentation_changes_training_not_prediction(spectra):
    X, y = spectra
    plain = small(GAPCNNClassifier).fit(X, y)
    augmented = small(GAPCNNClassifier, augment_noise=0.2, augment_tilt=0.5).fit(X, y)
    assert not np.allclose(plain.predict_proba(X), augmented.predict_proba(X))
    # evaluation is deterministic: the augmenter is inactive outside training
    np.testing.assert_array_equal(augmented.predict_proba(X), augmented.predict_proba(X))


def test_within_class_augmentation_changes_training_keeps_the_seed_and_no_data(spectra):
    X, y = spectra
    plain = small(GAPCNNClassifier).fit(X, y)
    augmented = small(GAPCNNClassifier, augment_within_class=0.5).fit(X, y)
    again = small(GAPCNNClassifier, augment_within_class=0.5).fit(X, y)
    assert not np.allclose(plain.predict_proba(X), augmented.predict_proba(X))
    np.testing.assert_array_equal(augmented.predict_proba(X), again.predict_proba(X))
    # the training spectra's deviations are dropped after fit: not in the fitted model
    augmenter = augmented.net_.module_.augmenter
    assert augmenter.deviations.numel() == 0 and not augmenter.active
    loaded = pickle.loads(pickle.dumps(augmented))
    np.testing.assert_array_equal(loaded.predict_proba(X), augmented.predict_proba(X))


def test_within_class_augmentation_is_a_classifier_parameter():
    assert "augment_within_class" in PACEClassifier().get_params()
    from skspectra.models import GAPCNNRegressor

    assert "augment_within_class" not in GAPCNNRegressor().get_params()


def test_resnet1d_and_pace_augment_within_class_by_default(spectra):
    # rounds AI and AM (benchmarks/RESULTS.md): ResNet1D's and PACE's default is 1.0
    assert ResNet1DClassifier().augment_within_class == 1.0
    assert GAPCNNClassifier().augment_within_class == 0.0
    assert PACEClassifier().augment_within_class == 1.0
    X, y = spectra
    default = small(ResNet1DClassifier).fit(X, y)
    plain = small(ResNet1DClassifier, augment_within_class=0.0).fit(X, y)
    assert not np.allclose(default.predict_proba(X), plain.predict_proba(X))


def test_resnet_flatten_head(spectra):
    X, y = spectra
    clf = small(ResNet1DClassifier, head="flatten").fit(X, y)
    assert clf.module_.head_weight is None
    assert clf.predict(X).shape == (len(X),)


@pytest.mark.skipif("not __import__('torch').cuda.is_available()", reason="needs CUDA")
def test_gpu_model_loads_on_cpu(spectra):
    X, y = spectra
    clf = small(GAPCNNClassifier, device="cuda").fit(X, y)
    buffer = io.BytesIO()
    pickle.dump(clf, buffer)
    restored = pickle.loads(buffer.getvalue())
    np.testing.assert_allclose(restored.predict_proba(X), clf.predict_proba(X), atol=1e-5)


@pytest.mark.skipif("__import__('torch').cuda.is_available()", reason="simulates a CPU-only host")
def test_model_saved_for_cuda_loads_on_cpu_only_machine(spectra):
    # What a GPU-trained model looks like to the unpickler: its net's device is "cuda".
    # On a machine without CUDA, loading must fall back to the CPU and predict the same.
    X, y = spectra
    clf = small(GAPCNNClassifier).fit(X, y)
    expected = clf.predict_proba(X)
    clf.net_.device = "cuda"
    with pytest.warns(UserWarning, match="(?i)cuda"):
        restored = pickle.loads(pickle.dumps(clf))
    assert str(restored.net_.device) == "cpu"
    np.testing.assert_array_equal(restored.predict_proba(X), expected)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_ensemble_members_are_averaged_reproducible_and_explained(cls, spectra):
    import torch

    from skspectra.nn import EnsembleNet

    X, y = spectra
    clf = small(cls, n_members=3).fit(X, y)
    ensemble = clf.module_.net
    assert isinstance(ensemble, EnsembleNet) and ensemble.n_members == 3
    with torch.no_grad():
        inputs = clf.module_.preprocess(torch.as_tensor(X, dtype=torch.float32))
        logits = torch.stack([m(inputs) for m in ensemble.members]).mean(0)
    np.testing.assert_allclose(clf.predict_proba(X), torch.softmax(logits, 1).numpy(),
                               atol=1e-5)
    np.testing.assert_array_equal(small(cls, n_members=3).fit(X, y).predict_proba(X),
                                  clf.predict_proba(X))
    assert clf.explain(X[:4]).shape == (4, X.shape[1])


def test_n_members_must_be_a_positive_integer(spectra):
    X, y = spectra
    with pytest.raises(ValueError, match="n_members"):
        small(GAPCNNClassifier, n_members=0).fit(X, y)
    with pytest.raises(TypeError, match="n_members"):
        small(GAPCNNClassifier, n_members=2.0).fit(X, y)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_batchnorm_statistics_are_those_of_the_final_weights(cls, spectra):
    import torch

    from skspectra.nn import recalibrate_batchnorm

    X, y = spectra
    clf = small(cls, max_epochs=6, lr=0.05).fit(X, y)
    before = clf.predict_proba(X)
    recalibrate_batchnorm(clf.module_, [torch.as_tensor(X, dtype=torch.float32)])
    np.testing.assert_allclose(clf.predict_proba(X), before, atol=1e-5)


def test_center_standardisation_subtracts_the_mean_spectrum(spectra):
    X, y = spectra
    clf = small(GAPCNNClassifier, standardize="center").fit(X, y)
    standardizer = clf.module_.standardizer
    np.testing.assert_allclose(standardizer.mean.numpy(), X.mean(axis=0), rtol=1e-5)
    assert standardizer.scale.ndim == 0
    np.testing.assert_allclose(float(standardizer.scale), (X - X.mean(axis=0)).std(), rtol=1e-4)


def test_resnet_stem_stride_halves_the_feature_maps(spectra):
    import torch

    X, y = spectra
    feats = {stride: small(ResNet1DClassifier, stem_stride=stride).fit(X, y).module_
             .forward_features(torch.as_tensor(X[:2], dtype=torch.float32)).shape[-1]
             for stride in (1, 2)}
    assert feats == {1: 48, 2: 24}


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_one_spectrum_per_class_trains_at_the_default_epo(cls, spectra):
    X, y = spectra
    first = np.array([np.flatnonzero(y == label)[0] for label in np.unique(y)])
    clf = small(cls, epo_components="auto").fit(X[first], y[first])
    assert clf.epo_components_ == 0
    assert set(clf.predict(X[:5])) <= set(y)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_epo_components_are_removed_inside_the_network(cls, spectra):
    import torch

    from skspectra.preprocessing import EPO

    X, y = spectra
    clf = small(cls, epo_components=2).fit(X, y)
    standardizer = clf.module_.standardizer
    assert clf.epo_components_ == 2 and standardizer.projection.shape == (2, X.shape[1])
    snv = (X - X.mean(1, keepdims=True)) / (X.std(1, keepdims=True) + 1e-8)
    expected = EPO(n_components=2).fit(snv, y).components_
    np.testing.assert_allclose(np.abs(standardizer.projection.numpy() @ expected.T),
                               np.eye(2), atol=1e-4)
    channels = standardizer(torch.as_tensor(X[:, None], dtype=torch.float32))
    # the SNV spectrum, its centred deviation and, by default for GAP-CNN, its derivative
    assert channels.shape[1] == 2 + (clf.derivative_window is not None)
    np.testing.assert_allclose((channels[:, 0] @ standardizer.projection.T).numpy(), 0.0,
                               atol=1e-4)
    assert clf.explain(X[:3]).shape == (3, X.shape[1])


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_derivative_window_adds_a_derivative_input_channel(cls, spectra):
    import torch

    from skspectra.nn import Standardizer, sg_derivative

    X, y = spectra
    clf = small(cls, derivative_window=7).fit(X, y)
    standardizer = clf.module_.standardizer
    raw = torch.as_tensor(X[:4, None], dtype=torch.float32)
    channels = standardizer(raw)
    # the same standardisation without the derivative: every channel but the last
    plain = Standardizer(standardizer.mode, standardizer.mean, standardizer.scale,
                         projection=standardizer.projection)(raw)
    assert channels.shape == (4, plain.shape[1] + 1, X.shape[1])
    torch.testing.assert_close(channels[:, :-1], plain)
    torch.testing.assert_close(channels[:, -1:], sg_derivative(channels[:, :1], 7))
    assert clf.explain(X[:3]).shape == (3, X.shape[1])


def test_epo_auto_takes_the_count_that_gated_epo_chooses(spectra):
    from skspectra.models.deep._classifier import EPO_MIN_GAIN
    from skspectra.preprocessing import EPO

    rng = np.random.default_rng(0)
    axis = np.linspace(0, 1, 64)
    y = np.repeat([0, 1, 2], 12)
    bands = np.exp(-0.5 * ((axis - np.array([[0.3], [0.5], [0.7]])) / 0.02) ** 2)
    nuisance = rng.normal(size=(36, 2)) @ np.vstack([np.sin(3 * axis), np.cos(5 * axis)])
    cases = {"nuisance": (1.0 + 0.2 * bands[y] + 3 * nuisance, y), "clean": spectra}
    chosen = {}
    for name, (X, labels) in cases.items():
        clf = small(PACEClassifier).fit(X, labels)  # epo_components="auto" by default
        snv = (X - X.mean(1, keepdims=True)) / (X.std(1, keepdims=True) + 1e-8)
        gated = EPO(min_gain=EPO_MIN_GAIN).fit(snv.astype(np.float32), labels)
        assert clf.epo_components_ == gated.n_components_
        chosen[name] = clf.epo_components_
    assert chosen["nuisance"] >= 1 and chosen["clean"] == 0
    assert small(PACEClassifier, epo_components=0).fit(*spectra).epo_components_ == 0


def test_mixup_trains_on_mixed_spectra_with_the_same_mix_of_labels():
    import torch

    from skspectra.models.deep._mixup import MixupNeuralNetClassifier

    class Recorder(torch.nn.Module):
        n_outputs = 2

        def __init__(self):
            super().__init__()
            self.linear = torch.nn.Linear(4, 2)
            self.inputs = []

        def forward(self, x):
            self.inputs.append(x.detach().clone())
            return self.linear(x)

    targets = []

    class RecordingLoss(torch.nn.Module):
        def forward(self, y_pred, y_true):
            targets.append(y_true.detach().clone())
            return torch.nn.functional.cross_entropy(y_pred, y_true)

    X, y = np.eye(4, dtype=np.float32), np.array([0, 1, 0, 1])
    torch.manual_seed(0)
    net = MixupNeuralNetClassifier(Recorder, criterion=RecordingLoss, mixup_alpha=0.4,
                                   max_epochs=1, batch_size=4, train_split=None,
                                   iterator_train__shuffle=False)
    net.fit(X, y)
    (mixed,), (soft,) = net.module_.inputs, targets
    # X is the identity: row r of the mixed batch holds the weights of the spectra mixed
    # into it, and its target is the same mix of their one-hot labels
    np.testing.assert_allclose(soft.numpy(), mixed.numpy() @ np.eye(2)[y], atol=1e-6)
    np.testing.assert_allclose(mixed.sum(1).numpy(), 1.0, atol=1e-6)
    assert (soft.max(1).values < 0.99).any()  # some rows are genuine mixtures


def test_mixup_changes_training_not_prediction_and_keeps_the_seed(spectra):
    X, y = spectra
    plain = small(GAPCNNClassifier, mixup_alpha=0.0).fit(X, y)
    mixed = small(GAPCNNClassifier, mixup_alpha=0.4).fit(X, y)
    again = small(GAPCNNClassifier, mixup_alpha=0.4).fit(X, y)
    assert type(mixed.net_).__name__ == "MixupNeuralNetClassifier"
    assert not np.allclose(plain.predict_proba(X), mixed.predict_proba(X))
    np.testing.assert_array_equal(mixed.predict_proba(X), again.predict_proba(X))
    loaded = pickle.loads(pickle.dumps(mixed))
    np.testing.assert_array_equal(loaded.predict_proba(X), mixed.predict_proba(X))
