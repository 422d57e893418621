"""The bundled Tecator regression set: shape, split, values, caveats, description."""

import numpy as np
import pytest

from skspectra.datasets import list_datasets, load_tecator


def test_shapes_dtypes_and_target():
    bunch = load_tecator()
    assert bunch.data.shape == (215, 100) and bunch.data.dtype == np.float32
    assert bunch.target.shape == (215,) and bunch.target.dtype == np.float64
    assert bunch.target_names.tolist() == ["fat"]
    assert bunch.feature_names == [f"x{i}" for i in range(100)]
    assert bunch.x_axis is None
    # fat in percent (0.9-49.1 in the training rows); absorbances, not normalised
    assert 0.5 < bunch.target.min() < 1.0 and 49 < bunch.target.max() < 50
    assert 2.0 < bunch.data.min() and bunch.data.max() < 5.5
    assert not np.allclose(bunch.data.mean(axis=1), 0, atol=0.5)


def test_values_equal_the_ts_files():
    # copied from Tecator_TRAIN.ts (first row) and Tecator_TEST.ts (last row) of sktime
    X_train, y_train = load_tecator(split="train", return_X_y=True)
    X_test, y_test = load_tecator(split="test", return_X_y=True)
    np.testing.assert_array_equal(X_train[0, :3], np.float32([2.61776, 2.61814, 2.61859]))
    np.testing.assert_array_equal(X_test[-1, -2:], np.float32([2.93514, 2.91564]))
    assert (y_train[0], y_test[0], y_test[-1]) == (22.5, 46.3, 42.5)


def test_split():
    full = load_tecator()
    train, test = load_tecator(split="train"), load_tecator(split="test")
    assert len(train.data) == 172 and len(test.data) == 43
    np.testing.assert_array_equal(np.vstack([train.data, test.data]), full.data)
    np.testing.assert_array_equal(np.concatenate([train.target, test.target]), full.target)
    np.testing.assert_array_equal(full.train_index, np.arange(172))
    np.testing.assert_array_equal(full.test_index, np.arange(172, 215))
    assert full.split.tolist() == ["train"] * 172 + ["test"] * 43


def test_documented_repeats():
    # the DESCR's caveats: 193 distinct rows; 8 test rows repeat a training row, among
    # them the last training row (sktime's split overlaps by one row)
    X, y = load_tecator(return_X_y=True)
    rows = np.column_stack([X.astype(np.float64), y])
    assert len(np.unique(rows, axis=0)) == 193
    train = {row.tobytes() for row in rows[:172]}
    repeated = [i for i in range(172, 215) if rows[i].tobytes() in train]
    assert len(repeated) == 8 and repeated[0] == 172
    np.testing.assert_array_equal(rows[171], rows[172])


def test_as_frame_and_return_X_y():
    pd = pytest.importorskip("pandas")
    bunch = load_tecator(as_frame=True)
    assert isinstance(bunch.data, pd.DataFrame) and bunch.data.shape == (215, 100)
    assert isinstance(bunch.target, pd.Series) and bunch.target.dtype == np.float64
    X, y = load_tecator(split="test", as_frame=True, return_X_y=True)
    assert X.shape == (43, 100) and y.shape == (43,)


def test_descr_cites_sources_and_states_caveats():
    descr = load_tecator().DESCR
    for text in ("Borggaard", "Thodberg", "Tecator", "sktime==1.2.0", "OpenML", "Tan, C. W.",
                 "only fat", "193", "850-1050 nm"):
        assert text in descr, text


def test_registry_entry_and_pls_baseline():
    from sklearn.cross_decomposition import PLSRegression
    from sklearn.model_selection import cross_val_score

    (entry,) = [d for d in list_datasets() if d["name"] == "tecator"]
    assert entry["task"] == "regression" and entry["n_classes"] is None
    assert (entry["n_train"], entry["n_test"], entry["n_features"]) == (172, 43, 100)
    bunch = load_tecator()
    # the published split as a cv argument: PLS on raw absorbances beats the mean by far
    rmse = -cross_val_score(PLSRegression(10), bunch.data, bunch.target,
                            cv=[(bunch.train_index, bunch.test_index)],
                            scoring="neg_root_mean_squared_error")[0]
    assert rmse < 0.4 * bunch.target[bunch.test_index].std()
