"""Loaders for the datasets that ship inside skspectra (nothing is downloaded).

Each dataset is stored as ``data/<name>.npz`` (float32 series and the UCR
integer labels, or the float64 targets of a regression set, of the published
train and test parts, written by ``tools/build_datasets.py``) with its
description in ``descr/<name>.rst``.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import numpy as np
from sklearn.utils import Bunch

from ._bunch import build_bunch, check_loader_args, fill_doc
from ._registry import DATASETS

_PACKAGE = "skspectra.datasets"


def _read_parts(name: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    y_dtype = np.float64 if DATASETS[name].task == "regression" else np.int64
    resource = resources.files(_PACKAGE).joinpath("data", f"{name}.npz")
    with resource.open("rb") as handle, np.load(handle) as stored:
        return {
            part: (stored[f"X_{part}"].astype(np.float32), stored[f"y_{part}"].astype(y_dtype))
            for part in ("train", "test")
        }


def load_descr(name: str) -> str:
    """The DESCR text of a bundled dataset."""
    return resources.files(_PACKAGE).joinpath("descr", f"{name}.rst").read_text("utf-8")


def _load_bundled(name: str, split: str, return_X_y: bool, as_frame: bool) -> Any:
    check_loader_args(split, return_X_y, as_frame)
    spec = DATASETS[name]
    return build_bunch(
        _read_parts(name),
        split=split,
        return_X_y=return_X_y,
        as_frame=as_frame,
        descr=load_descr(name),
        class_names=spec.class_names,
        x_axis=None,
        caller=spec.loader,
        target_name=spec.target_name,
    )


@fill_doc
def load_meat(
    *, split: str = "all", return_X_y: bool = False, as_frame: bool = False
) -> Bunch | tuple[Any, Any]:
    """Load the UCR Meat set: FTIR spectra of chicken, pork and turkey.

    120 mid-infrared (FTIR-ATR) spectra of 448 points, 3 classes of 40, with
    the published split of 60 training and 60 test spectra. The UCR archive
    does not document which of its labels 1, 2, 3 is which meat, so ``target``
    holds those integers. Rows are z-normalised.

    {loader_sections}

    Examples
    --------
    >>> from skspectra.datasets import load_meat
    >>> meat = load_meat()
    >>> meat.data.shape, meat.data.dtype, meat.target_names.tolist()
    ((120, 448), dtype('float32'), ['1', '2', '3'])
    >>> X_train, y_train = load_meat(split="train", return_X_y=True)
    >>> X_train.shape
    (60, 448)
    """
    return _load_bundled("meat", split, return_X_y, as_frame)


@fill_doc
def load_coffee(
    *, split: str = "all", return_X_y: bool = False, as_frame: bool = False
) -> Bunch | tuple[Any, Any]:
    """Load the UCR Coffee set: FTIR spectra of Arabica and Robusta coffee.

    56 mid-infrared (FTIR-DRIFT) spectra of 286 points of freeze-dried instant
    coffees, published split 28/28. ``target`` holds ``"arabica"`` (UCR label 0)
    and ``"robusta"`` (UCR label 1); the DESCR explains the basis of this mapping.
    Rows are z-normalised.

    {loader_sections}

    Examples
    --------
    >>> from skspectra.datasets import load_coffee
    >>> coffee = load_coffee(split="test")
    >>> coffee.data.shape, coffee.target[:2].tolist(), coffee.target_names.tolist()
    ((28, 286), ['arabica', 'arabica'], ['arabica', 'robusta'])
    """
    return _load_bundled("coffee", split, return_X_y, as_frame)


@fill_doc
def load_beef(
    *, split: str = "all", return_X_y: bool = False, as_frame: bool = False
) -> Bunch | tuple[Any, Any]:
    """Load the UCR Beef set: FTIR spectra of pure and adulterated beef.

    60 mid-infrared spectra of 470 points, 5 classes of 12 (pure beef and beef
    adulterated with offal), published split 30/30. ``target`` holds the UCR
    labels 1-5 (their meaning is not documented). Rows are z-normalised.

    {loader_sections}

    Examples
    --------
    >>> from skspectra.datasets import load_beef
    >>> beef = load_beef()
    >>> beef.data.shape, len(beef.train_index), len(beef.test_index)
    ((60, 470), 30, 30)
    """
    return _load_bundled("beef", split, return_X_y, as_frame)


@fill_doc
def load_olive_oil(
    *, split: str = "all", return_X_y: bool = False, as_frame: bool = False
) -> Bunch | tuple[Any, Any]:
    """Load the UCR OliveOil set: FTIR spectra of olive oils from four countries.

    60 mid-infrared (FTIR-ATR) spectra of 570 points of extra virgin olive oils,
    4 classes (countries of origin), published split 30/30. ``target`` holds the
    UCR labels 1-4 (which country is which is not documented). Rows are
    z-normalised.

    {loader_sections}

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.datasets import load_olive_oil
    >>> X, y = load_olive_oil(return_X_y=True)
    >>> X.shape, np.bincount(y).tolist()
    ((60, 570), [0, 10, 17, 8, 25])
    """
    return _load_bundled("olive_oil", split, return_X_y, as_frame)


@fill_doc
def load_ham(
    *, split: str = "all", return_X_y: bool = False, as_frame: bool = False
) -> Bunch | tuple[Any, Any]:
    """Load the UCR Ham set: protein profiles of Spanish and French dry-cured hams.

    214 series of 431 points, 2 classes, published split 109/105. The UCR
    archive's description (and the cited paper) describe SDS-PAGE gel
    electrophoresis profiles, not infrared spectra. ``target`` holds the UCR
    labels 1 and 2 (which country is which is not documented). Rows are
    z-normalised.

    {loader_sections}

    Examples
    --------
    >>> from skspectra.datasets import load_ham
    >>> ham = load_ham(as_frame=True)
    >>> ham.frame.shape
    (214, 432)
    """
    return _load_bundled("ham", split, return_X_y, as_frame)


@fill_doc
def load_ecg5000(
    *, split: str = "all", return_X_y: bool = False, as_frame: bool = False
) -> Bunch | tuple[Any, Any]:
    """Load the UCR ECG5000 set: 5000 heartbeats of one heart-failure patient.

    5000 ECG heartbeats of 140 points, 5 classes (automated annotation, very
    imbalanced), published split 500/4500. ``target`` holds the UCR labels 1-5
    (the archive does not name them). Rows are z-normalised.

    {loader_sections}

    Examples
    --------
    >>> from skspectra.datasets import load_ecg5000
    >>> ecg = load_ecg5000(split="train")
    >>> ecg.data.shape, ecg.target_names.tolist()
    ((500, 140), ['1', '2', '3', '4', '5'])
    """
    return _load_bundled("ecg5000", split, return_X_y, as_frame)


@fill_doc
def load_tecator(
    *, split: str = "all", return_X_y: bool = False, as_frame: bool = False
) -> Bunch | tuple[Any, Any]:
    """Load the Tecator set: NIR spectra of meat and their fat content (regression).

    215 near-infrared transmission spectra (absorbance, 100 channels over 850-1050 nm,
    a Tecator Infratec Food and Feed Analyzer) of finely chopped meat samples, with
    their fat content in percent by chemical analysis, in the train/test split of the
    sktime copy: 172 training and 43 test spectra. Only fat is available (the original
    data also hold moisture and protein, which this copy lacks). The spectra are *not*
    normalised: they are absorbances as measured. The 215 rows hold 193 distinct
    spectra, and 8 test rows repeat a training row exactly (see ``DESCR``).

    Parameters
    ----------
    {split_params}

    Returns
    -------
    data : Bunch
        Dictionary-like object with the attributes:

        data : ndarray of shape (n_samples, 100), dtype float32, or DataFrame
            The absorbance spectra, one row each.
        target : ndarray of shape (n_samples,), dtype float64, or Series
            Fat content of each sample, in percent.
        target_names : ndarray of str
            ``["fat"]``.
        feature_names : list of str
            Column names: ``"x0"``, ``"x1"``, ...
        x_axis : None
            The source gives the range (850-1050 nm) but not the channel positions.
        frame : DataFrame or None
            ``data`` and ``target`` together when ``as_frame=True``, else None.
        split : ndarray of str, shape (n_samples,)
            ``"train"`` or ``"test"`` for each row.
        train_index, test_index : ndarray of int
            Row positions of the training and test rows (usable as ``cv``).
        DESCR : str
            Description of the data: source, citations, caveats.
    (data, target) : tuple if ``return_X_y`` is True

    Examples
    --------
    >>> from skspectra.datasets import load_tecator
    >>> tecator = load_tecator()
    >>> tecator.data.shape, tecator.target.dtype, tecator.target_names.tolist()
    ((215, 100), dtype('float64'), ['fat'])
    >>> X_test, y_test = load_tecator(split="test", return_X_y=True)
    >>> X_test.shape, float(y_test[0])
    ((43, 100), 46.3)
    """
    return _load_bundled("tecator", split, return_X_y, as_frame)
