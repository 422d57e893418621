"""The deep regressors (GAPCNN, ResNet1D, PACE): sklearn contract, target scaling, pipelines."""

import pickle

import joblib
import numpy as np
import pytest
from deep_configs import (
    ANY_LENGTH_REGRESSORS,
    FLOAT32_BATCH_NOISE,
    SMALL_REGRESSORS,
    kernel_size_argument,
)
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.utils.estimator_checks import parametrize_with_checks

from skspectra.datasets import make_spectra
from skspectra.models import GAPCNNRegressor, PACERegressor, ResNet1DRegressor
from skspectra.preprocessing import SavGol

TRAINING = dict(max_epochs=4, batch_size=16, random_state=0, device="cpu")
SMALL = SMALL_REGRESSORS
ESTIMATORS = list(SMALL)


def small(cls, **params):
    return cls(**{**SMALL[cls], **TRAINING, **params})


@pytest.fixture(scope="module")
def spectra():
    """Spectra whose target is the height of a band at points 40-49 (plus an offset)."""
    X, _, _ = make_spectra(n_samples=120, n_features=96, n_classes=2, random_state=0)
    rng = np.random.default_rng(0)
    height = rng.uniform(0, 2, len(X))
    X = X + height[:, None] * np.exp(-0.5 * ((np.arange(96) - 45) / 3.0) ** 2)
    return X, 10 * height + 5


# scikit-learn's own checks. Their data sets have 1 to 10 features, and
# check_regressors_train asks for R^2 > 0.5 on a 10-feature set whose one informative
# feature sits at a fixed position. A network that ends in global average pooling only
# knows *where* a value is through its kernels: a kernel of 21 points spans every position
# of a 10-feature input from every output position, so the networks can tell the
# features apart (with kernel_size=3 they reach R^2 of 0.04-0.14 there). Otherwise the
# same choices as for the classifiers (patch_size=1, no pooling, per-feature
# standardisation), and the same expected float32 batch-composition failures.
CHECKS_TRAINING = dict(max_epochs=20, lr=0.01, batch_size=32, random_state=0, device="cpu",
                       standardize="feature", validation_fraction=None)


@parametrize_with_checks([
    cls(**params, **kernel_size_argument(cls, 21), **CHECKS_TRAINING)
    for cls, params in ANY_LENGTH_REGRESSORS.items()
], expected_failed_checks=lambda estimator: FLOAT32_BATCH_NOISE)
def test_sklearn_compatible(estimator, check):
    check(estimator)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_learns_a_band_height_in_original_units(cls, spectra):
    X, y = spectra
    reg = cls(**SMALL[cls], max_epochs=40, lr=1e-2, standardize="global", batch_size=16,
              random_state=0, device="cpu").fit(X[:80], y[:80])
    pred = reg.predict(X[80:])
    assert pred.shape == (40,) and pred.dtype == np.float64
    # the target spans 5-25 (std ~5.8); predicting the mean gives R^2 <= 0; seen 0.88-0.96
    assert reg.score(X[80:], y[80:]) > 0.7
    assert abs(pred.mean() - y[80:].mean()) < 3  # original units, not standardised ones
    np.testing.assert_allclose(reg.y_mean_, [y[:80].mean()])
    np.testing.assert_allclose(reg.y_scale_, [y[:80].std()])
    assert reg.n_outputs_ == 1 and len(reg.history_) == 40


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_multi_output_targets(cls, spectra):
    X, y = spectra
    Y = np.column_stack([y, -3 * y + 100, np.full_like(y, 7.0)])
    reg = small(cls).fit(X, Y)
    pred = reg.predict(X)
    assert pred.shape == (len(X), 3) and reg.n_outputs_ == 3
    assert reg.net_.module_.n_outputs == 3
    assert reg.y_scale_[2] == 0  # a constant target: trained as zeros, no division by 0,
    np.testing.assert_array_equal(pred[:, 2], 7.0)  # ... and predicted exactly
    # a 2-D y with one column stays 2-D; a 1-D y gives 1-D predictions
    assert small(cls).fit(X, y[:, None]).predict(X[:3]).shape == (3, 1)
    assert small(cls).fit(X, y).predict(X[:3]).shape == (3,)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_target_scaling_makes_units_irrelevant(cls, spectra):
    # the network sees standardised targets, so y and 1000 * y - 50 train the same network
    X, y = spectra
    base = small(cls).fit(X, y).predict(X)
    scaled = small(cls).fit(X, 1000 * y - 50).predict(X)
    np.testing.assert_allclose(scaled, 1000 * base - 50, rtol=1e-6, atol=1e-6 * 1000)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_same_seed_same_model(cls, spectra):
    X, y = spectra
    a = small(cls, augment_noise=0.1).fit(X, y).predict(X)
    b = small(cls, augment_noise=0.1).fit(X, y).predict(X)
    c = small(cls, augment_noise=0.1, random_state=1).fit(X, y).predict(X)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_pickle_joblib_and_clone(cls, spectra, tmp_path):
    X, y = spectra
    reg = small(cls).fit(X, y)
    expected = reg.predict(X)
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(reg)).predict(X), expected)
    joblib.dump(reg, tmp_path / "model.joblib")
    np.testing.assert_array_equal(joblib.load(tmp_path / "model.joblib").predict(X), expected)
    fresh = clone(reg)
    assert not hasattr(fresh, "net_") and fresh.get_params() == reg.get_params()
    assert "class_weight" not in reg.get_params()


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_bad_input_gives_clear_errors(cls, spectra):
    X, y = spectra
    with pytest.raises(ValueError, match="NaN"):
        small(cls).fit(np.where(np.eye(*X.shape, dtype=bool), np.nan, X), y)
    with pytest.raises(ValueError, match="NaN"):
        small(cls).fit(X, np.where(np.arange(len(y)) == 3, np.nan, y))
    with pytest.raises(ValueError, match="infinity"):
        small(cls).fit(X, np.where(np.arange(len(y)) == 3, np.inf, y))
    with pytest.raises(ValueError, match=r"(?i)numeric|convert"):
        small(cls).fit(X, np.array(["a", "b", "c"] * 40, dtype=object))
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        small(cls).fit(X, y[:-1])
    reg = small(cls).fit(X, y)
    with pytest.raises(ValueError, match=f"expecting {X.shape[1]} features"):
        reg.predict(X[:, :-5])


def test_validation_split_and_early_stopping(spectra):
    X, y = spectra
    reg = small(GAPCNNRegressor, max_epochs=100, patience=3, lr=0.05,
                validation_fraction=0.2).fit(X, y)
    assert "valid_loss" in reg.history_[-1]
    assert len(reg.history_) < 100
    assert reg.net_.train_split is not None  # a plain (not stratified) split of 20 %


def test_resnet_flatten_head_has_no_cam(spectra):
    X, y = spectra
    reg = small(ResNet1DRegressor, head="flatten").fit(X, y)
    methods = list(reg._explanation_methods())
    assert "cam" not in methods and methods[0] == "integrated_gradients"
    assert reg.explain(X[:2]).shape == (2, X.shape[1])


def test_cross_val_score_in_pipeline_with_savgol(spectra):
    X, y = spectra
    pipe = Pipeline([("sg", SavGol(window_length=7, polyorder=2)),
                     ("reg", small(GAPCNNRegressor))])
    scores = cross_val_score(pipe, X, y, cv=KFold(3, shuffle=True, random_state=0),
                             scoring="neg_root_mean_squared_error")
    assert scores.shape == (3,) and np.all(np.isfinite(scores)) and np.all(scores < 0)


def test_grid_search_in_pipeline_with_savgol(spectra):
    X, y = spectra
    pipe = Pipeline([("sg", SavGol(window_length=7, polyorder=2)),
                     ("reg", small(PACERegressor, max_epochs=2))])
    search = GridSearchCV(pipe, {"sg__deriv": [0, 1], "reg__patch_size": [8, 16]}, cv=2)
    search.fit(X, y)
    assert len(search.cv_results_["params"]) == 4
    assert search.best_estimator_.predict(X[:3]).shape == (3,)
