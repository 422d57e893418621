"""read_spectra on Thermo/Galactic SPC files.

No real SPC file could be had offline (the format is binary, and the public test files are
not reachable from this project's machines), so, as issue 15 asks, the files are written
with the reader library's own writer (tests/spc_files.py), holding the real NIST spectra
that ship as JCAMP-DX examples (skspectra/io/examples).
"""

from datetime import datetime

import numpy as np
import pytest

pytest.importorskip("jcamp")
pytest.importorskip("spc_io")
pytest.importorskip("pandas")

from spc_files import write_spc

from skspectra.io import example_path, read_spectra

NAMES = ["1-butene.jdx", "iso-butylene.jdx", "water.jdx"]


def _nist():
    """The x grid and the three NIST spectra that share it, as read from JCAMP-DX."""
    table = read_spectra([example_path(name) for name in NAMES])
    return table.columns.to_numpy(), table.to_numpy()


def test_one_spectrum_with_its_header_and_log_book(tmp_path):
    x, Y = _nist()
    path = write_spc(tmp_path / "water.spc", x, Y[2:], comment=b"Water vapour",
                     source=b"FTIR-7", resolution=b"4 cm-1", log={"operator": "a.chemist"},
                     date=datetime(2026, 12, 4, 10, 30))
    spectra, meta = read_spectra(path, return_metadata=True)
    assert spectra.shape == (1, 880) and list(spectra.index) == [str(path)]
    np.testing.assert_allclose(spectra.columns, x)
    np.testing.assert_allclose(spectra.iloc[0], Y[2], rtol=1e-6)  # float32 in the file
    row = meta.iloc[0]
    assert row["format"] == "Thermo/Galactic SPC"
    assert (row["x_units"], row["y_units"], row["x_quantity"]) == ("cm-1", "absorbance",
                                                                     "wavenumber")
    assert (row["title"], row["instrument"], row["resolution"]) == ("Water vapour", "FTIR-7",
                                                                     "4 cm-1")
    assert row["date"] == "2026-12-04T10:30:00" and row["operator"] == "a.chemist"
    assert row["n_points"] == 880 and not row["resampled"]


def test_a_multifile_listed_axis_and_a_folder_mixed_with_jcamp(tmp_path):
    x, Y = _nist()
    multi = write_spc(tmp_path / "series.spc", x, Y, even=False, ytype="YTRANS")
    spectra, meta = read_spectra(multi, return_metadata=True)
    assert list(spectra.index) == [f"{multi}#{i}" for i in range(3)]
    np.testing.assert_allclose(spectra.to_numpy(), Y, rtol=1e-6)
    assert set(meta["y_units"]) == {"transmittance"}
    assert "z" not in meta  # spc-io writes no z values: none are made up
    # SPC and JCAMP-DX files in one folder, on one grid: one table
    (tmp_path / "water.jdx").write_bytes(example_path("water.jdx").read_bytes())
    both = read_spectra(tmp_path)
    assert both.shape == (4, 880)
    np.testing.assert_allclose(both.loc[f"{multi}#2"], both.loc[str(tmp_path / "water.jdx")],
                               rtol=1e-6)


def test_a_raman_spectrum_on_its_own_axis(tmp_path):
    shift = np.linspace(100.0, 3200.0, 1024)
    counts = 500 + 2000 * np.exp(-0.5 * ((shift - 520.7) / 4.0) ** 2)
    path = write_spc(tmp_path / "si.spc", shift, [counts], xtype="XRAMANS", ytype="YCOUNT")
    spectra, meta = read_spectra(path, return_metadata=True)
    assert meta["x_quantity"].iloc[0] == "raman shift" and meta["y_units"].iloc[0] == "counts"
    assert spectra.columns[np.argmax(spectra.iloc[0].to_numpy())] == pytest.approx(520.7, abs=2)


def test_bad_spc_files_get_one_clear_error_naming_the_file(tmp_path):
    x, Y = _nist()
    good = write_spc(tmp_path / "good.spc", x, Y).read_bytes()
    nan = Y[:1].copy()
    nan[0, 10] = np.nan
    cases = {
        "cut.spc": (good[:3000], "cut short or damaged"),
        "header_only.spc": (good[:300], "cut short or damaged"),
        "text.spc": (example_path("water.jdx").read_bytes(), "not a Thermo/Galactic SPC"),
        "big_endian.spc": (good[:1] + b"\x4c" + good[2:], "big-endian"),
        "nan.spc": (write_spc(tmp_path / "n.spc", x, nan).read_bytes(), "NaN"),
        "xyxy.spc": (write_spc(tmp_path / "xy.spc", x, Y[:2], xs=[x, x + 1.0]).read_bytes(),
                     "another x axis"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(ValueError, match=message) as info:
            read_spectra(path)
        assert str(path) in str(info.value), name


def test_a_missing_spc_reader_names_the_extra(monkeypatch, tmp_path):
    x, Y = _nist()
    path = write_spc(tmp_path / "water.spc", x, Y[2:])
    monkeypatch.setitem(__import__("sys").modules, "spc_io", None)
    with pytest.raises(ImportError, match=r"spc-io.*skspectra\[io\]"):
        read_spectra(path)
