"""The readers of the ``io`` extra are imported on first use, with an error naming the extra."""

from __future__ import annotations

import importlib
from typing import Any


def import_reader(module: str, package: str, what: str) -> Any:
    """Import ``module`` (of the PyPI ``package``) or say how to install it.

    Examples
    --------
    >>> import_reader("json", "json", "JSON files").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f'Reading {what} needs the {package} package: '
                          'pip install "skspectra[io]".') from None
