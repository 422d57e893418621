"""Instrument files in: spectra and their metadata as pandas DataFrames.

:func:`read_spectra` reads one file, a folder or a glob of files into a DataFrame with one
row per spectrum and one float column per x value (wavenumber, wavelength, ...), and
optionally a second DataFrame of per-spectrum metadata (source file, units, the
instrument fields the format holds).

Formats and the extra that brings each reader:

- JCAMP-DX (``.jdx``, ``.dx``, ``.jcamp``, ``.jcm``): ``pip install "skspectra[io]"``
  (the ``jcamp`` package, and pandas).

Thermo/Galactic SPC, Bruker OPUS, Renishaw WDF and ENVI cubes are not read yet: their files
get an error that says so.

:func:`example_path` names the real JCAMP-DX files that ship with the package.

Examples
--------
>>> from skspectra.io import example_path, read_spectra
>>> read_spectra(example_path("water.jdx")).shape
(1, 880)
"""

from skspectra.io._examples import example_path
from skspectra.io._read_spectra import SUPPORTED_EXTENSIONS, read_spectra

__all__ = ["SUPPORTED_EXTENSIONS", "example_path", "read_spectra"]
