"""The bundled UCR loaders, the registry and the size budget of the shipped data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import skspectra.datasets as datasets
from skspectra.datasets import list_datasets

DATA_DIR = Path(datasets.__file__).parent / "data"
DESCR_DIR = Path(datasets.__file__).parent / "descr"

# Facts from the UCR archive's descriptions (sizes, classes) and per-split label
# counts, written down independently of the stored files.
EXPECTED = {
    "load_meat": dict(shape=(120, 448), n_train=60, labels={1: 40, 2: 40, 3: 40}),
    "load_coffee": dict(shape=(56, 286), n_train=28, labels={"arabica": 29, "robusta": 27}),
    "load_beef": dict(shape=(60, 470), n_train=30, labels={k: 12 for k in range(1, 6)}),
    "load_olive_oil": dict(shape=(60, 570), n_train=30, labels={1: 10, 2: 17, 3: 8, 4: 25}),
    "load_ham": dict(shape=(214, 431), n_train=109, labels={1: 103, 2: 111}),
    "load_ecg5000": dict(
        shape=(5000, 140), n_train=500, labels={1: 2919, 2: 1767, 3: 96, 4: 194, 5: 24}
    ),
}

# Values copied from the UCR TSV text files: (label, first three values) of the
# first training row and (label, last two values) of the last test row.
TSV_VALUES = {
    "load_meat": ((1, [-0.2499859, -0.25622637, -0.26013817]), (3, [-1.4745546, -1.475198])),
    "load_coffee": ((0, [-0.51841899, -0.48588363, -0.50500747]), (1, [-1.795334, -1.7968732])),
    "load_beef": ((1, [-0.36292248, -0.36532777, -0.387812]), (5, [-1.5176329, -1.5145384])),
    "load_olive_oil": (
        (1, [-0.61137528, -0.61058574, -0.60655698]),
        (4, [-0.97305165, -0.97366975]),
    ),
    "load_ham": ((1, [0.11402523, 0.10488982, 0.095754406]), (2, [-0.48445725, -0.13869128])),
    "load_ecg5000": ((1, [-0.11252183, -2.8272038, -3.7738969]), (2, [1.713781, 1.3093816])),
}

LOADERS = sorted(EXPECTED)


def _loader(name):
    return getattr(datasets, name)


@pytest.mark.parametrize("name", LOADERS)
def test_shapes_dtype_and_classes(name):
    expected = EXPECTED[name]
    bunch = _loader(name)()
    assert bunch.data.shape == expected["shape"]
    assert bunch.data.dtype == np.float32
    assert bunch.target.shape == (expected["shape"][0],)
    labels, counts = np.unique(bunch.target, return_counts=True)
    assert dict(zip(labels.tolist(), counts.tolist(), strict=True)) == expected["labels"]
    assert bunch.target_names.tolist() == [str(label) for label in expected["labels"]]
    assert bunch.feature_names == [f"x{i}" for i in range(expected["shape"][1])]
    assert bunch.x_axis is None
    assert bunch.frame is None


# Coffee is the only set whose labels are named (UCR label 0 = arabica, 1 = robusta).
UCR_TO_TARGET = {"load_coffee": {0: "arabica", 1: "robusta"}}


@pytest.mark.parametrize("name", LOADERS)
def test_values_equal_the_tsv_files(name):
    (first_label, first_values), (last_label, last_values) = TSV_VALUES[name]
    to_target = UCR_TO_TARGET.get(name, {})
    bunch = _loader(name)()
    first, last = bunch.train_index[0], bunch.test_index[-1]
    np.testing.assert_array_equal(bunch.data[first, :3], np.float32(first_values))
    np.testing.assert_array_equal(bunch.data[last, -2:], np.float32(last_values))
    assert bunch.target[first] == to_target.get(first_label, first_label)
    assert bunch.target[last] == to_target.get(last_label, last_label)


@pytest.mark.parametrize("name", LOADERS)
def test_rows_are_z_normalised(name):
    X = _loader(name)().data.astype(np.float64)
    np.testing.assert_allclose(X.mean(axis=1), 0.0, atol=1e-5)
    np.testing.assert_allclose(X.std(axis=1, ddof=1), 1.0, atol=1e-4)


@pytest.mark.parametrize("name", LOADERS)
def test_splits_concatenate_to_all(name):
    load = _loader(name)
    full = load()
    train, test = load(split="train"), load(split="test")
    n_train = EXPECTED[name]["n_train"]
    assert len(train.data) == n_train
    assert len(train.data) + len(test.data) == len(full.data)
    np.testing.assert_array_equal(np.vstack([train.data, test.data]), full.data)
    np.testing.assert_array_equal(np.concatenate([train.target, test.target]), full.target)
    np.testing.assert_array_equal(full.train_index, np.arange(n_train))
    np.testing.assert_array_equal(full.test_index, np.arange(n_train, len(full.data)))
    assert full.split.tolist() == ["train"] * n_train + ["test"] * (len(full.data) - n_train)
    assert set(train.split) == {"train"} and set(test.split) == {"test"}
    assert len(train.test_index) == 0 and len(test.train_index) == 0
    # the same class names whatever the split
    assert train.target_names.tolist() == test.target_names.tolist() == full.target_names.tolist()


@pytest.mark.parametrize("name", LOADERS)
def test_return_X_y(name):
    load = _loader(name)
    X, y = load(split="test", return_X_y=True)
    bunch = load(split="test")
    np.testing.assert_array_equal(X, bunch.data)
    np.testing.assert_array_equal(y, bunch.target)


@pytest.mark.parametrize("name", ["load_meat", "load_coffee"])
def test_as_frame_like_sklearn(name):
    pd = pytest.importorskip("pandas")
    load = _loader(name)
    bunch = load(as_frame=True)
    plain = load()
    assert isinstance(bunch.data, pd.DataFrame)
    assert isinstance(bunch.target, pd.Series) and bunch.target.name == "target"
    assert list(bunch.frame.columns) == [*plain.feature_names, "target"]
    assert list(bunch.data.columns) == plain.feature_names
    assert (bunch.data.dtypes == np.float32).all()
    np.testing.assert_array_equal(bunch.data.to_numpy(), plain.data)
    assert bunch.target.tolist() == plain.target.tolist()
    X, y = load(split="train", as_frame=True, return_X_y=True)
    assert isinstance(X, pd.DataFrame) and isinstance(y, pd.Series)
    assert X.shape == (EXPECTED[name]["n_train"], EXPECTED[name]["shape"][1])


@pytest.mark.parametrize("name", LOADERS)
def test_descr_cites_sources(name):
    descr = _loader(name)().DESCR
    assert "Dau, H. A." in descr and "The UCR time series archive" in descr
    assert "z-normalised" in descr
    assert str(EXPECTED[name]["shape"][1]) in descr
    # an original data paper: authors, (year), title, journal
    assert descr.count("(19") + descr.count("(20") >= 2


def test_train_test_index_works_as_cv():
    from sklearn.model_selection import cross_val_score
    from sklearn.neighbors import KNeighborsClassifier

    coffee = datasets.load_coffee()
    cv = [(coffee.train_index, coffee.test_index)]
    scores = cross_val_score(KNeighborsClassifier(1), coffee.data, coffee.target, cv=cv)
    X_train, y_train = datasets.load_coffee(split="train", return_X_y=True)
    X_test, y_test = datasets.load_coffee(split="test", return_X_y=True)
    expected = KNeighborsClassifier(1).fit(X_train, y_train).score(X_test, y_test)
    assert scores.tolist() == [expected]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"split": "validation"}, ValueError, "split must be one of"),
        ({"split": None}, ValueError, "split must be one of"),
        ({"return_X_y": "yes"}, TypeError, "return_X_y must be a bool"),
        ({"as_frame": 1}, TypeError, "as_frame must be a bool"),
    ],
)
def test_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        datasets.load_beef(**kwargs)


def test_loaders_take_keyword_arguments_only():
    with pytest.raises(TypeError):
        datasets.load_meat("train")


def test_registry_matches_the_data():
    entries = list_datasets()
    assert [entry["loader"] for entry in entries] == [
        "load_meat", "load_coffee", "load_beef", "load_olive_oil", "load_ham", "load_ecg5000",
        "load_tecator",
    ]
    kinds = {entry["name"]: entry["kind"] for entry in entries}
    assert kinds == {"meat": "FTIR", "coffee": "FTIR", "beef": "FTIR", "olive_oil": "FTIR",
                     "ham": "SDS-PAGE", "ecg5000": "ECG", "tecator": "NIR"}
    for entry in entries:
        assert set(entry) == {"name", "loader", "kind", "task", "n_classes", "n_train", "n_test",
                              "n_features", "description"}
        assert entry["loader"] in datasets.__all__
        bunch = _loader(entry["loader"])()
        assert len(bunch.train_index) == entry["n_train"]
        assert len(bunch.test_index) == entry["n_test"]
        assert bunch.data.shape[1] == entry["n_features"]
        if entry["task"] == "regression":
            assert entry["n_classes"] is None and bunch.target.dtype == np.float64
        else:
            assert entry["task"] == "classification"
            assert len(bunch.target_names) == entry["n_classes"]
        assert "\n" not in entry["description"] and 0 < len(entry["description"]) <= 100


def test_shipped_files_fit_the_budget_and_the_package_data_globs():
    data_files = sorted(DATA_DIR.iterdir())
    descr_files = sorted(DESCR_DIR.iterdir())
    names = [entry["name"] for entry in list_datasets()]
    # pyproject.toml ships data/*.npz and descr/*.rst: nothing else would be installed
    assert [f.name for f in data_files] == sorted(f"{n}.npz" for n in names)
    assert [f.name for f in descr_files] == sorted(f"{n}.rst" for n in names)
    total = sum(f.stat().st_size for f in data_files + descr_files)
    assert total < 5 * 1024 * 1024


def test_loaders_return_fresh_arrays():
    first = datasets.load_coffee()
    first.data[:] = 0
    assert np.abs(datasets.load_coffee().data).sum() > 0


def test_import_does_not_pull_torch():
    code = (
        "import sys, skspectra.datasets as d\n"
        "d.load_coffee(); d.make_spectra(n_samples=10, n_features=50)\n"
        "assert 'torch' not in sys.modules, 'torch imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_no_module_level_pandas_or_torch_import():
    # scikit-learn 1.9 itself imports pandas, so sys.modules cannot show it: check
    # that no datasets module imports pandas or torch at module level.
    import ast

    for path in Path(datasets.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] in {"pandas", "torch"} for n in names), path.name
