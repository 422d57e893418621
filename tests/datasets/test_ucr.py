"""load_ucr: round trips through UCR-format files, and its error messages."""

from __future__ import annotations

import numpy as np
import pytest

from skspectra.datasets import load_coffee, load_ucr


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def coffee_files(tmp_path):
    """The bundled Coffee set written back out as a UCR .tsv pair."""
    paths = []
    for part, label_of in (("train", "TRAIN"), ("test", "TEST")):
        X, y = load_coffee(split=part, return_X_y=True)
        labels = (y == "robusta").astype(int)  # back to the UCR labels 0/1
        table = np.column_stack([labels, X.astype(np.float64)])
        path = tmp_path / f"Coffee_{label_of}.tsv"
        np.savetxt(path, table, delimiter="\t", fmt=["%d"] + ["%.9g"] * X.shape[1])
        paths.append(path)
    return paths


def test_round_trip_of_a_tsv_pair(coffee_files):
    bunch = load_ucr(*coffee_files)
    X_train, _ = load_coffee(split="train", return_X_y=True)
    X_all, y_all = load_coffee(return_X_y=True)
    np.testing.assert_array_equal(bunch.data, X_all)
    assert bunch.data.dtype == np.float32
    assert bunch.target.dtype == np.int64
    np.testing.assert_array_equal(bunch.target, (y_all == "robusta").astype(int))
    assert bunch.target_names.tolist() == ["0", "1"]
    np.testing.assert_array_equal(bunch.train_index, np.arange(len(X_train)))
    assert bunch.split.tolist().count("test") == 28
    assert "Coffee_TRAIN.tsv" in bunch.DESCR and "Dau, H. A." in bunch.DESCR
    assert bunch.feature_names[:2] == ["x0", "x1"] and bunch.x_axis is None


def test_split_return_X_y_and_as_frame(coffee_files):
    pd = pytest.importorskip("pandas")
    X, y = load_ucr(*coffee_files, split="test", return_X_y=True)
    assert X.shape == (28, 286) and y.shape == (28,)
    frame = load_ucr(*coffee_files, split="train", as_frame=True).frame
    assert isinstance(frame, pd.DataFrame) and frame.shape == (28, 287)
    assert frame.columns[-1] == "target"


def test_train_file_only(coffee_files):
    bunch = load_ucr(coffee_files[0])
    assert bunch.data.shape == (28, 286)
    assert set(bunch.split) == {"train"} and len(bunch.test_index) == 0
    with pytest.raises(ValueError, match="no test file was given"):
        load_ucr(coffee_files[0], split="test")


@pytest.mark.parametrize(
    "text",
    [
        "1\t0.5\t-1.25\t3e2\n2\t4\t5\t6\n",  # tabs (UCR 2018 .tsv)
        "1,0.5,-1.25,3e2\n2,4,5,6\n",  # commas
        "1 0.5 -1.25 3e2\n2   4 5 6\n",  # runs of spaces (old .txt copies)
        "  1.0e+00  0.5 -1.25 300\n\n2.0 4 5 6  \n\n",  # padded, blank lines, float labels
        "1\t0.5\t-1.25\t3e2\r\n2\t4\t5\t6\r\n",  # Windows line ends
        "1, 0.5, -1.25, 3e2\n2, 4, 5, 6\n",  # comma and space
    ],
)
def test_separators(tmp_path, text):
    X, y = load_ucr(_write(tmp_path / "a.txt", text), return_X_y=True)
    np.testing.assert_array_equal(X, np.float32([[0.5, -1.25, 300], [4, 5, 6]]))
    assert y.tolist() == [1, 2] and y.dtype == np.int64


def test_nan_padding_is_kept(tmp_path):
    path = _write(tmp_path / "var_TRAIN.tsv", "1\t1\t2\t3\n2\t4\t5\tNaN\n1\t6\tnan\tNaN\n")
    X, _ = load_ucr(path, return_X_y=True)
    np.testing.assert_array_equal(np.isnan(X).sum(axis=1), [0, 1, 2])
    np.testing.assert_array_equal(X[1, :2], [4, 5])
    assert "Missing values (NaN): 3" in load_ucr(path).DESCR


def test_non_integer_labels_stay_float(tmp_path):
    y = load_ucr(_write(tmp_path / "r.tsv", "0.5\t1\t2\n1.5\t3\t4\n"), return_X_y=True)[1]
    assert y.dtype == np.float64 and y.tolist() == [0.5, 1.5]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("1\t2\t3\n2\t4\tabc\n", r"line 2, column 3 holds the non-numeric cell 'abc'"),
        ("1\t2\t3\n2\t\t4\n", r"line 2, column 2 holds an empty cell"),
        ("chicken\t2\t3\n", r"line 1, column 1 holds the non-numeric cell 'chicken'"),
        ("1\t2\t3\n2\t4\n", r"ragged rows: line 1 has 3 cells but line 2 has 2"),
        ("1\t2\t3\n\n2\t4\t5\t6\n", r"line 3 has 4"),
        ("", "holds no data rows"),
        ("\n  \n", "holds no data rows"),
        ("1\n2\n", "a label and at least one value"),
        ("nan\t2\t3\n", "line 1 has a missing or infinite class label"),
        ("@problemName x\n@data\n1,2:1\n", r"\.ts or \.arff"),
    ],
)
def test_bad_files(tmp_path, text, match):
    path = _write(tmp_path / "bad_TRAIN.tsv", text)
    with pytest.raises(ValueError, match=match):
        load_ucr(path)


def test_error_names_the_file(tmp_path):
    path = _write(tmp_path / "named_TEST.tsv", "1\tx\n")
    with pytest.raises(ValueError, match=r"named_TEST\.tsv"):
        load_ucr(path)


def test_missing_files(tmp_path, coffee_files):
    with pytest.raises(FileNotFoundError, match=r"nowhere_TRAIN\.tsv"):
        load_ucr(tmp_path / "nowhere_TRAIN.tsv")
    with pytest.raises(FileNotFoundError, match=r"nowhere_TEST\.tsv"):
        load_ucr(coffee_files[0], str(tmp_path / "nowhere_TEST.tsv"))
    with pytest.raises(FileNotFoundError):
        load_ucr(tmp_path)  # a folder is not a file


def test_train_and_test_lengths_must_agree(tmp_path):
    train = _write(tmp_path / "a_TRAIN.tsv", "1\t2\t3\n")
    test = _write(tmp_path / "a_TEST.tsv", "1\t2\t3\t4\n")
    with pytest.raises(ValueError, match="length 2 but the test file 3"):
        load_ucr(train, test)


def test_bad_arguments(tmp_path):
    path = _write(tmp_path / "ok.tsv", "1\t2\n")
    with pytest.raises(TypeError, match=r"str or os\.PathLike"):
        load_ucr(123)
    with pytest.raises(ValueError, match="split must be one of"):
        load_ucr(path, split="every")
    with pytest.raises(TypeError, match="as_frame must be a bool"):
        load_ucr(path, as_frame="no")
