"""read_spectra on real JCAMP-DX files (skspectra/io/examples, see its README for their origin)."""

import shutil
import sys

import numpy as np
import pytest

pytest.importorskip("jcamp")
pd = pytest.importorskip("pandas")

from skspectra.io import example_path, read_spectra  # noqa: E402
from skspectra.preprocessing import ToAbsorbance  # noqa: E402

DATA = example_path()
ONE_GRID = ["1-butene.jdx", "iso-butylene.jdx", "water.jdx"]


@pytest.fixture
def folder(tmp_path):
    for name in ONE_GRID:
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def test_a_folder_of_one_grid(folder):
    spectra, meta = read_spectra(folder, return_metadata=True)
    assert spectra.shape == (3, 880)
    assert list(spectra.index) == [str(folder / n) for n in ONE_GRID]  # sorted by name
    np.testing.assert_allclose(spectra.columns[[0, 1, -1]], [450.0, 454.0, 3966.0])
    # the first line of 1-butene's table is "450.0 15 123 ...", times YFACTOR=0.000063171
    np.testing.assert_allclose(spectra.iloc[0, :2], [15 * 0.000063171, 123 * 0.000063171])
    assert spectra.iloc[0].max() == pytest.approx(0.63171)  # ##MAXY
    assert list(meta["title"]) == ["1-Butene", "iso-butylene", "Water"]
    assert set(meta["x_units"]) == {"cm-1"} and set(meta["y_units"]) == {"absorbance"}
    assert meta["owner"].iloc[0].startswith("NIST Standard Reference Data Program")
    assert meta["format"].iloc[0] == "JCAMP-DX"
    assert not meta["resampled"].any() and set(meta["x_last"]) == {3966.0}
    assert spectra.attrs["metadata"] == meta.to_dict("index")  # also without return_metadata
    # files already on one grid: "common" returns them unchanged
    same, meta = read_spectra(folder, grid="common", return_metadata=True)
    pd.testing.assert_frame_equal(same, spectra)
    assert not meta["resampled"].any()


def test_globs_and_lists_give_the_same_table(folder):
    by_glob = read_spectra(str(folder / "*.jdx"))
    by_list = read_spectra([folder / n for n in ONE_GRID])
    pd.testing.assert_frame_equal(by_glob, by_list)


def test_compressed_asdf_and_transmittance_files():
    asdf, meta = read_spectra(DATA / "isopropanol_ASDF.jdx", return_metadata=True)
    assert asdf.shape == (1, 9541)  # ##NPOINTS
    np.testing.assert_allclose(asdf.columns[[0, -1]], [400.1963, 5000.042], rtol=1e-6)
    assert asdf.iloc[0].max() == pytest.approx(0.37, abs=0.005)  # ##MAXY=0.37
    transmittance, meta = read_spectra(DATA / "dupdec2.jdx", return_metadata=True)
    assert meta["y_units"].iloc[0] == "transmittance"
    assert transmittance.columns[0] == 4400.0 and transmittance.columns[-1] == 450.0
    assert transmittance.iloc[0, 0] == pytest.approx(0.5839)  # ##FIRSTY
    assert np.isfinite(ToAbsorbance().fit_transform(transmittance)).all()


def test_mixed_grids_are_an_error_unless_a_grid_is_asked_for(folder):
    shutil.copy(DATA / "neo-pentane.jdx", folder / "neo-pentane.jdx")
    with pytest.raises(ValueError, match=r"neo-pentane.jdx: its x grid \(825 points.*grid="):
        read_spectra(folder)
    common, meta = read_spectra(folder, grid="common", return_metadata=True)
    assert meta["resampled"].all() and meta.loc[str(folder / "water.jdx"), "x_first"] == 450
    assert common.shape == (4, 825)  # 550-3846 cm^-1, the range all cover, every 4 cm^-1
    np.testing.assert_allclose(common.columns[[0, -1]], [550.0, 3846.0])
    butene = read_spectra(folder / "1-butene.jdx")
    np.testing.assert_allclose(common.loc[str(folder / "1-butene.jdx")],
                               butene.iloc[0].loc[550.0:3846.0].to_numpy())  # same 4 cm^-1 points
    chosen = read_spectra(folder, grid=[1000.0, 2000.0, 3000.0])
    assert chosen.shape == (4, 3)
    with pytest.raises(ValueError, match=r"table .*grid spans"):
        read_spectra(folder, grid=[500.0, 1000.0])
    with pytest.raises(ValueError, match="grid must be None, 'common'"):
        read_spectra(folder, grid="all")


def _damaged(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_bad_files_get_one_clear_error_naming_the_file(tmp_path):
    real = (DATA / "1-butene.jdx").read_text()
    asdf = (DATA / "isopropanol_ASDF.jdx").read_text()
    cases = {
        "cut.jdx": (real[:2000], "cut short or damaged"),
        "no_end.jdx": (real.replace("##END=", ""), "cut short|##END"),
        "csv.jdx": ("wavenumber,absorbance\n450,0.1\n454,0.2\n", "not a JCAMP-DX spectrum"),
        "nan.jdx": (real.replace("450.0 15 123 146", "450.0 15 ? 146"), "missing intensities"),
        "asdf.jdx": (asdf.replace("k394k500J085", "k394k500J985", 1), "cut short or damaged"),
    }
    for name, (text, message) in cases.items():
        path = _damaged(tmp_path, name, text)
        with pytest.raises(ValueError, match=message) as info:
            read_spectra(path)
        assert str(path) in str(info.value), name


def test_folders_and_paths_that_hold_nothing(tmp_path):
    with pytest.raises(ValueError, match="holds no spectrum file"):
        read_spectra(tmp_path)
    (tmp_path / "notes.txt").write_text("not a spectrum")
    with pytest.raises(ValueError, match="holds no spectrum file"):
        read_spectra(tmp_path)
    with pytest.raises(ValueError, match="matches no file"):
        read_spectra(str(tmp_path / "*.jdx"))
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_spectra(tmp_path / "missing.jdx")
    with pytest.raises(ValueError, match="empty list"):
        read_spectra([])


@pytest.mark.parametrize(("name", "what"), [("cube.hdr", "read it with skspectra.io.read_map"),
                                            ("sample.spc", "cut short or damaged"),
                                            ("sample.0", "Bruker OPUS"),
                                            ("table.csv", "unknown spectrum file type")])
def test_formats_not_read_yet_say_so(tmp_path, name, what):
    path = tmp_path / name
    path.write_bytes(b"\x00\x01")
    with pytest.raises(ValueError, match=what):
        read_spectra(path)


def test_a_missing_reader_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "jcamp", None)
    with pytest.raises(ImportError, match=r"skspectra\[io\]"):
        read_spectra(DATA / "water.jdx")
