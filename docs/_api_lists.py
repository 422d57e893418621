"""The API reference's lists of models and networks, written from the package's exports.

``skspectra.models.__all__`` and ``skspectra.nn.__all__`` are derived from the registry of
architectures (``skspectra/_registry.py``), so a new architecture appears in the API
reference without editing ``api.md``. ``conf.py`` calls :func:`write_api_lists` before the
build; ``api.md`` includes the files it writes (``docs/_api_<module>.rst``, not tracked).
They sit beside ``api.md`` because autosummary resolves ``:toctree: generated/`` against
the file it scans when it writes the stub pages, and against the including page when it
builds the table: both must mean ``docs/generated/``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

# the sections of api.md whose lists are the module's exports
GENERATED_MODULES = ("skspectra.models", "skspectra.nn")
PREFIX = "_api_"


def api_list(module_name: str) -> str:
    """The autosummary directive (reStructuredText) listing ``module_name.__all__``."""
    names = importlib.import_module(module_name).__all__
    lines = [f".. currentmodule:: {module_name}", "", ".. autosummary::",
             "   :toctree: generated/", "   :nosignatures:", ""]
    return "\n".join([*lines, *(f"   {name}" for name in names), ""])


def write_api_lists(docs_dir: Path) -> list[str]:
    """Write one ``_api_<module>.rst`` per generated module; return their file names."""
    written = []
    for module_name in GENERATED_MODULES:
        path = docs_dir / f"{PREFIX}{module_name}.rst"
        text = api_list(module_name)
        if not path.exists() or path.read_text() != text:  # unchanged files keep their mtime
            path.write_text(text)
        written.append(path.name)
    return written
