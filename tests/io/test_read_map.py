"""Renishaw WDF files (a real Raman map) and ENVI cubes (written by Spectral Python)."""

import sys

import numpy as np
import pytest

pytest.importorskip("wdf")
pd = pytest.importorskip("pandas")

from skspectra.datasets import make_spectra  # noqa: E402
from skspectra.io import example_path, read_map, read_spectra  # noqa: E402
from skspectra.maps import predict_map  # noqa: E402
from skspectra.models import PLSLDAClassifier  # noqa: E402

SI_MAP = example_path("Si-map.wdf")


def test_the_spectra_of_a_wdf_map():
    spectra, meta = read_spectra(SI_MAP, return_metadata=True)
    assert spectra.shape == (88, 575)
    assert spectra.index[0] == f"{SI_MAP}#0" and spectra.index[-1] == f"{SI_MAP}#87"
    # the renishaw-wdf package's own test: the first spectrum starts 1595, 1565, 1590, 1580
    np.testing.assert_array_equal(spectra.iloc[0, :4].astype(int), [1595, 1565, 1590, 1580])
    assert spectra.columns[0] == pytest.approx(957.444, abs=1e-3)  # Raman shift, falling
    assert spectra.columns[-1] == pytest.approx(53.361, abs=1e-3)
    first = meta.iloc[0]
    assert first["format"] == "Renishaw WDF" and first["x_units"] == "cm-1"
    assert first["y_units"] == "counts" and first["title"] == "Simple mapping measurement 2"
    assert first["laser_wavenumber"] == 18797.0 and first["instrument"] == "WiRE 3.0.0.0"
    assert (first["position_x"], first["position_y"]) == pytest.approx((-7.09, -8.93))


def test_a_wdf_map_as_a_cube_placed_by_stage_position():
    cube, x_axis, meta = read_map(SI_MAP, return_metadata=True)
    assert cube.shape == (11, 8, 575) and x_axis.shape == (575,)
    assert meta["rows"] == 11 and meta["cols"] == 8 and meta["step_x"] == 2.0
    spectra, info = read_spectra(SI_MAP, return_metadata=True)
    # the pixel at row r, col c is the spectrum measured at y = y0 + 2r, x = x0 + 2c
    for index in (0, 9, 87):
        row = round((info["position_y"].iloc[index] - info["position_y"].min()) / 2)
        col = round((info["position_x"].iloc[index] - info["position_x"].min()) / 2)
        np.testing.assert_array_equal(cube[row, col], spectra.iloc[index].to_numpy())


def test_wdf_errors_name_the_file(tmp_path):
    not_wdf = tmp_path / "notes.wdf"
    not_wdf.write_text("a text file, not a WDF file")
    with pytest.raises(ValueError, match=r"notes.wdf: cannot be read as a Renishaw WDF"):
        read_spectra(not_wdf)
    cut = tmp_path / "cut.wdf"
    cut.write_bytes(SI_MAP.read_bytes()[:100_000])
    with pytest.raises(ValueError, match=r"cut.wdf: .*(cut short|cannot be read)"):
        read_map(cut)
    with pytest.raises(ValueError, match="not a spectral image read by read_map"):
        read_map(example_path("water.jdx"))
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_map(tmp_path / "missing.wdf")


@pytest.fixture
def envi_cube(tmp_path):
    envi = pytest.importorskip("spectral.io.envi")
    X, y, _ = make_spectra(n_samples=60, n_features=30, random_state=0)
    cube = X[:48].reshape(6, 8, 30).astype(np.float32)
    wavelengths = 900.0 + 25.0 * np.arange(30)
    path = tmp_path / "scene.hdr"
    # band-sequential: (bands, rows, cols) on disk, the layout furthest from a pixel's row
    envi.save_image(str(path), cube, interleave="bsq", metadata={
        "wavelength": [f"{w:.1f}" for w in wavelengths], "wavelength units": "Nanometers"})
    return path, cube, wavelengths, X, y


def test_an_envi_cube_is_memory_mapped_and_predicted_by_rows(envi_cube):
    path, cube, wavelengths, X, y = envi_cube
    mapped, x_axis, meta = read_map(path, return_metadata=True)
    assert isinstance(mapped, np.memmap) and not mapped.flags.writeable
    assert mapped.shape == (6, 8, 30) and meta["x_units"] == "nm"
    assert meta["interleave"] == "bsq" and meta["format"] == "ENVI"
    np.testing.assert_allclose(x_axis, wavelengths)
    np.testing.assert_array_equal(mapped, cube)
    clf = PLSLDAClassifier(3).fit(X, y)
    result = predict_map(clf, mapped, batch_size=16, verbose=0)
    np.testing.assert_array_equal(result.prediction.ravel(),
                                  clf.predict(cube.reshape(-1, 30).astype(np.float64)))


def test_envi_errors(envi_cube, tmp_path):
    path = envi_cube[0]
    text = path.read_text()
    no_wavelengths = tmp_path / "bare.hdr"
    (tmp_path / "bare.img").write_bytes((tmp_path / "scene.img").read_bytes())
    no_wavelengths.write_text("\n".join(line for line in text.splitlines()
                                        if not line.lower().startswith("wavelength")))
    with pytest.raises(ValueError, match=r"bare.hdr: the header has no 'wavelength' list"):
        read_map(no_wavelengths)
    broken = tmp_path / "broken.hdr"
    broken.write_text("not an ENVI header\n")
    with pytest.raises(ValueError, match=r"broken.hdr: cannot be read as an ENVI cube"):
        read_map(broken)


def test_missing_readers_name_the_extra(monkeypatch, envi_cube):
    monkeypatch.setitem(sys.modules, "wdf", None)
    with pytest.raises(ImportError, match=r"renishaw-wdf.*skspectra\[io\]"):
        read_spectra(SI_MAP)
    monkeypatch.setitem(sys.modules, "spectral.io.envi", None)
    with pytest.raises(ImportError, match=r"spectral.*skspectra\[io\]"):
        read_map(envi_cube[0])
