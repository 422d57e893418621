"""ExplainMixin: dispatch, target resolution and validation on a toy estimator."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import validate_data

from skspectra.explain import ExplainMixin, class_indices


def signed_input(estimator, X, target_indices):
    """Explanation whose sign tells which class was explained."""
    return X * (target_indices[:, None] + 1.0)


def constant(estimator, X, target_indices, value=1.0):
    return np.full(X.shape, value)


class ToyClassifier(ExplainMixin, ClassifierMixin, BaseEstimator):
    def fit(self, X, y):
        X, y = validate_data(self, X, y)
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        X = validate_data(self, X, reset=False)
        return self.classes_[(X[:, 0] > 0).astype(int)]

    def _explanation_methods(self):
        return {
            "signed": signed_input,
            "ones": constant,
            "bad": lambda est, X, idx: X[:, :1],
        }


class ToyRegressor(ExplainMixin, RegressorMixin, BaseEstimator):
    def fit(self, X, y):
        validate_data(self, X, y)
        return self

    def _explanation_methods(self):
        return {"targets": lambda est, X, idx: np.full(X.shape, -1.0 if idx is None else 1.0)}


@pytest.fixture
def data():
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [2.0, -1.0]])
    return X, np.array(["neg", "pos", "pos"])


def test_default_method_and_predicted_target(data):
    X, y = data
    clf = ToyClassifier().fit(X, y)
    # predicted classes: pos, neg, pos -> indices 1, 0, 1
    np.testing.assert_array_equal(clf.explain(X), X * np.array([[2.0], [1.0], [2.0]]))


def test_label_target_and_per_sample_targets(data):
    X, y = data
    clf = ToyClassifier().fit(X, y)
    np.testing.assert_array_equal(clf.explain(X, "signed", target="neg"), X)
    per_sample = clf.explain(X, "signed", target=["neg", "pos", "neg"])
    np.testing.assert_array_equal(per_sample, X * np.array([[1.0], [2.0], [1.0]]))
    with pytest.raises(ValueError, match="one label per sample; got 2 labels for 3 samples"):
        clf.explain(X, "signed", target=["neg", "pos"])


def test_options_are_forwarded(data):
    X, y = data
    clf = ToyClassifier().fit(X, y)
    np.testing.assert_array_equal(clf.explain(X, "ones", value=3.0), np.full(X.shape, 3.0))


def test_errors(data):
    X, y = data
    with pytest.raises(NotFittedError):
        ToyClassifier().explain(X)
    clf = ToyClassifier().fit(X, y)
    with pytest.raises(ValueError, match=r"supported methods: \['signed', 'ones', 'bad'\]"):
        clf.explain(X, method="cam")
    with pytest.raises(ValueError, match=r"target 'zero' is not one of.*\['neg', 'pos'\]"):
        clf.explain(X, target="zero")
    with pytest.raises(ValueError, match="expecting 2 features"):
        clf.explain(np.ones((2, 3)))


def test_feature_names_are_checked(data):
    X, y = data
    frame = pd.DataFrame(X, columns=["a", "b"])
    clf = ToyClassifier().fit(frame, y)
    assert clf.explain(frame).shape == (3, 2)
    with pytest.raises(ValueError, match="feature names"):
        clf.explain(frame.rename(columns={"a": "c"}))


def test_estimator_without_classes(data):
    X, _ = data
    reg = ToyRegressor().fit(X, [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(reg.explain(X), np.full(X.shape, -1.0))
    with pytest.raises(ValueError, match="target is only meaningful for classifiers"):
        reg.explain(X, target=1)


def test_wrong_output_shape_is_reported(data):
    X, y = data
    clf = ToyClassifier().fit(X, y)
    with pytest.raises(RuntimeError, match=r"'bad' returned shape \(3, 1\); expected \(3, 2\)"):
        clf.explain(X, "bad")


def test_class_indices():
    classes = np.array([3, 5, 9])
    np.testing.assert_array_equal(class_indices(classes, [9, 3, 9]), [2, 0, 2])
    assert class_indices(classes, 5) == 1
    with pytest.raises(ValueError, match=r"target '5' is not one of the classes"):
        class_indices(classes, "5")
