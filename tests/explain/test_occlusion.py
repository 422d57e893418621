"""Batched occlusion against a naive one-window-at-a-time loop."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skspectra.explain import occlusion
from skspectra.models import PLSLDAClassifier


def naive_occlusion(predict_proba, X, targets, window, stride, baseline):
    """One model call per window and sample, written from the definition."""
    n, p = X.shape
    centres = list(range(0, p, stride))
    if centres[-1] != p - 1:
        centres.append(p - 1)
    column_mean = X.mean(axis=0)
    out = np.zeros((n, p))
    for s in range(n):
        x = X[s]
        p_ref = predict_proba(x[None])[0, targets[s]]
        sums, counts = np.zeros(p), np.zeros(p)
        for c in centres:
            start, end = max(0, c - window // 2), min(p, c - window // 2 + window)
            occluded = x.copy()
            for j in range(start, end):
                if isinstance(baseline, str) and baseline == "zero":
                    occluded[j] = 0.0
                elif isinstance(baseline, str) and baseline == "mean":
                    occluded[j] = column_mean[j]
                elif isinstance(baseline, str) and baseline == "interp":
                    left = x[start - 1] if start > 0 else x[end]
                    right = x[end] if end < p else x[start - 1]
                    occluded[j] = left + (right - left) * (j - (start - 1)) / (end - start + 1)
                elif np.ndim(baseline) == 0:
                    occluded[j] = baseline
                else:
                    occluded[j] = np.asarray(baseline)[j]
            sensitivity = p_ref - predict_proba(occluded[None])[0, targets[s]]
            if stride == 1:
                out[s, c] = sensitivity
            else:
                sums[start:end] += sensitivity
                counts[start:end] += 1
        if stride > 1:
            out[s] = sums / counts
    return out


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(90, 23)).cumsum(axis=1) * 0.3 + 1.0
    y = np.arange(90) % 3
    X[y == 1, 6:10] += 1.0
    X[y == 2, 15:18] += 1.0
    return X, y, PLSLDAClassifier(4).fit(X, y)


@pytest.mark.parametrize(
    ("window", "stride", "baseline"),
    [
        (1, 1, "zero"),
        (5, 1, "zero"),
        (4, 1, "mean"),
        (5, 1, "interp"),
        (3, 1, 0.5),
        (6, 2, "zero"),
        (5, 3, "interp"),
        (7, 7, "mean"),
        (4, 3, "array"),
    ],
)
def test_matches_naive_loop(fitted, window, stride, baseline):
    X, _, clf = fitted
    Xs = X[:4]
    if baseline == "array":
        baseline = np.linspace(-1, 1, X.shape[1])
    targets = np.array([0, 1, 2, 1])
    expected = naive_occlusion(clf.predict_proba, Xs, targets, window, stride, baseline)
    for batch_size in (1, 7, 10_000):
        got = occlusion(
            clf.predict_proba,
            Xs,
            targets,
            window=window,
            stride=stride,
            baseline=baseline,
            batch_size=batch_size,
        )
        np.testing.assert_allclose(got, expected, atol=1e-12)


def test_per_sample_baseline_and_default_target(fitted):
    X, _, clf = fitted
    Xs = X[:3]
    base = X[3:6]
    targets = clf.predict_proba(Xs).argmax(axis=1)
    got = occlusion(clf.predict_proba, Xs, None, window=3, baseline=base)
    for s in range(3):
        expected = naive_occlusion(
            clf.predict_proba, Xs[s : s + 1], targets[s : s + 1], 3, 1, base[s]
        )
        np.testing.assert_allclose(got[s], expected[0], atol=1e-12)


def test_is_batched(fitted):
    X, _, clf = fitted
    calls = []

    def counting_proba(Z):
        calls.append(len(Z))
        return clf.predict_proba(Z)

    occlusion(counting_proba, X[:5], 0, window=3, batch_size=50)
    n_windows = 5 * X.shape[1]
    assert len(calls) == 1 + int(np.ceil(n_windows / 50))
    assert sum(calls) == 5 + n_windows


def test_works_on_a_pipeline_and_localises_the_informative_feature():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(300, 12))
    y = (X[:, 7] + 0.5 * rng.normal(size=300) > 0).astype(int)
    pipe = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
    Xs = X[np.abs(X[:, 7]) > 0.5][:6]
    maps = occlusion(pipe.predict_proba, Xs, 1, window=1)
    assert maps.shape == (6, 12)
    others = np.abs(np.delete(maps, 7, axis=1)).max(axis=1)
    assert np.all(np.abs(maps[:, 7]) > 3 * others)
    expected = naive_occlusion(pipe.predict_proba, Xs, np.ones(6, int), 1, 1, "zero")
    np.testing.assert_allclose(maps, expected, atol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"window": 30}, ValueError, r"window must be in \[1, 23\]"),
        ({"window": 3, "stride": 4}, ValueError, r"stride must be in \[1, 3\]"),
        ({"window": 2.0}, TypeError, "window must be an int"),
        ({"batch_size": 0}, ValueError, "batch_size must be >= 1"),
        ({"baseline": "median"}, ValueError, "baseline must be one of"),
        ({"baseline": np.zeros(5)}, ValueError, "an array baseline must have shape"),
        ({"window": 23, "baseline": "interp"}, ValueError, "needs window < n_features"),
    ],
)
def test_bad_parameters(fitted, kwargs, error, match):
    X, _, clf = fitted
    with pytest.raises(error, match=match):
        occlusion(clf.predict_proba, X[:2], 0, **kwargs)


def test_bad_inputs(fitted):
    X, _, clf = fitted
    with pytest.raises(ValueError, match="X must be 2-D"):
        occlusion(clf.predict_proba, X[0], 0)
    with pytest.raises(ValueError, match=r"target_indices must lie in \[0, 2\]"):
        occlusion(clf.predict_proba, X[:2], 3)


def test_several_window_widths_average_the_single_width_maps():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(30, 20))
    y = (X[:, 4] + X[:, 15] > 0).astype(int)
    clf = LogisticRegression().fit(X, y)
    multi = occlusion(clf.predict_proba, X[:4], window=(1, 3, 7), baseline="mean")
    singles = [occlusion(clf.predict_proba, X[:4], window=w, baseline="mean") for w in (1, 3, 7)]
    np.testing.assert_allclose(multi, np.mean(singles, axis=0), rtol=1e-12)
    assert not np.allclose(multi, singles[0])
    with pytest.raises(ValueError, match="non-empty"):
        occlusion(clf.predict_proba, X[:4], window=[])
