"""``example_path``: the real JCAMP-DX files that ship with skspectra."""

from __future__ import annotations

from pathlib import Path

_EXAMPLES = Path(__file__).parent / "examples"


def example_path(name: str | None = None) -> Path:
    """The folder of example instrument files, or one file of it.

    Six real JCAMP-DX infrared spectra (NIST gas-phase spectra of 1-butene, iso-butylene,
    water and neo-pentane, an ASDF-compressed isopropanol spectrum and a DUP-compressed
    transmittance spectrum), copied from the ``jcamp`` package's test data (MIT licence),
    and ``Si-map.wdf``, a Renishaw Raman map of silicon (11 x 8 pixels, 575 points), from
    the ``renishaw-wdf`` package's tests (Apache 2.0); their origins are in the folder's
    ``README.md``. They are there to try :func:`read_spectra` and :func:`read_map` on,
    not to train a model.

    Parameters
    ----------
    name : str, default=None
        A file name in the folder (e.g. ``"water.jdx"``, ``"Si-map.wdf"``); ``None``: the
        folder.

    Returns
    -------
    pathlib.Path
        The folder or the file.

    Raises
    ------
    ValueError
        When ``name`` is not one of the example files.

    Examples
    --------
    >>> from skspectra.io import example_path
    >>> sorted(p.name for p in example_path().glob("*.jdx"))[:2]
    ['1-butene.jdx', 'dupdec2.jdx']
    >>> example_path("water.jdx").name
    'water.jdx'
    """
    if name is None:
        return _EXAMPLES
    path = _EXAMPLES / name
    if path.parent != _EXAMPLES or not path.is_file() or path.suffix not in (".jdx", ".wdf"):
        known = ", ".join(sorted(p.name for p in _EXAMPLES.iterdir()
                                 if p.suffix in (".jdx", ".wdf")))
        raise ValueError(f"{name!r} is not an example file; they are: {known}.")
    return path
