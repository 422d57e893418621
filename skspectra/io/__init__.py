"""Instrument files in: spectra and their metadata as pandas DataFrames, images as cubes.

:func:`read_spectra` reads one file, a folder or a glob of files into a DataFrame with one
row per spectrum and one float column per x value (wavenumber, wavelength, ...), and
optionally a second DataFrame of per-spectrum metadata (source file, units, the
instrument fields the format holds). :func:`read_map` reads a spectral image (a Raman map,
a hyperspectral cube) as a (rows, cols, points) array for :func:`skspectra.maps.predict_map`.

Formats, all in the ``io`` extra (``pip install "skspectra[io]"``):

- JCAMP-DX (``.jdx``, ``.dx``, ``.jcamp``, ``.jcm``), with ``read_spectra``: the ``jcamp``
  package (and pandas).
- Thermo/Galactic SPC (``.spc``, new little-endian format; one spectrum or a multifile of
  several), with ``read_spectra``: the ``spc-io`` package.
- Renishaw WiRE (``.wdf``: spectra, series, maps), with ``read_spectra`` and ``read_map``:
  the ``renishaw-wdf`` package.
- ENVI cubes (``.hdr`` beside the binary file), with ``read_map``: the ``spectral``
  package (Spectral Python); the cube is memory-mapped, not read.

Bruker OPUS files are not read yet: they get an error that says so.

:func:`example_path` names the real example files that ship with the package (six JCAMP-DX
infrared spectra and a Renishaw Raman map of silicon).

Examples
--------
>>> from skspectra.io import example_path, read_spectra
>>> read_spectra(example_path("water.jdx")).shape
(1, 880)
"""

from skspectra.io._examples import example_path
from skspectra.io._read_map import MAP_EXTENSIONS, read_map
from skspectra.io._read_spectra import SUPPORTED_EXTENSIONS, read_spectra

__all__ = ["MAP_EXTENSIONS", "SUPPORTED_EXTENSIONS", "example_path", "read_map", "read_spectra"]
