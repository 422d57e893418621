"""Bundled real datasets (with citations) and a synthetic spectra generator.

Nothing is downloaded: the UCR spectroscopy sets (Meat, Coffee, Beef,
OliveOil, Ham), ECG5000 and the Tecator NIR regression set (fat content of
meat) ship inside the package with their train/test splits. :func:`load_ucr`
reads any other UCR-format file pair, and
:func:`make_spectra` makes synthetic spectra whose discriminative bands are
known. This module imports neither torch nor pandas (pandas only for
``as_frame=True``).

Examples
--------
>>> from skspectra.datasets import list_datasets, load_coffee
>>> [d["name"] for d in list_datasets()]
['meat', 'coffee', 'beef', 'olive_oil', 'ham', 'ecg5000', 'tecator']
>>> load_coffee().data.shape
(56, 286)
"""

from ._bundled import (
    load_beef,
    load_coffee,
    load_ecg5000,
    load_ham,
    load_meat,
    load_olive_oil,
    load_tecator,
)
from ._make_spectra import make_spectra
from ._registry import list_datasets
from ._ucr import load_ucr

__all__ = [
    "list_datasets",
    "load_beef",
    "load_coffee",
    "load_ecg5000",
    "load_ham",
    "load_meat",
    "load_olive_oil",
    "load_tecator",
    "load_ucr",
    "make_spectra",
]
