"""The Bunch that every skspectra loader returns, built in one place.

The bundled UCR loaders (``load_meat`` ...) and :func:`load_ucr` both hand a
train part and a test part to :func:`build_bunch`, which applies ``split``,
``return_X_y`` and ``as_frame`` the same way for all of them. pandas is only
imported when ``as_frame=True``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np
from sklearn.utils import Bunch

SPLITS = ("train", "test", "all")

_F = TypeVar("_F", bound=Callable[..., Any])

# Shared numpydoc sections, substituted into the loaders' docstrings by ``fill_doc``.
_DOC_SECTIONS = {
    "split_params": """split : {"all", "train", "test"}, default="all"
        Which rows to return: the published training rows, the published test
        rows, or both ("all": training rows first, then test rows; the Bunch's
        ``split``, ``train_index`` and ``test_index`` recover the published split).
    return_X_y : bool, default=False
        If True, return ``(data, target)`` instead of a Bunch.
    as_frame : bool, default=False
        If True, ``data`` is a pandas DataFrame, ``target`` a pandas Series named
        ``"target"`` and ``frame`` a DataFrame holding both, as in
        :mod:`sklearn.datasets`. Requires pandas (imported only then).""",
    "bunch_returns": """data : Bunch
        Dictionary-like object with the attributes:

        data : ndarray of shape (n_samples, n_features), dtype float32, or DataFrame
            The series, one row each.
        target : ndarray of shape (n_samples,) or Series
            The class of each row: class names (str) where a source documents
            the label-to-name mapping, otherwise the UCR integer labels.
        target_names : ndarray of str
            The classes in the order of the sorted UCR labels.
        feature_names : list of str
            Column names: ``"x0"``, ``"x1"``, ... (the x-axis is not distributed).
        x_axis : ndarray of shape (n_features,) or None
            Wavenumbers where a documented source gives them, else None.
        frame : DataFrame or None
            ``data`` and ``target`` together when ``as_frame=True``, else None.
        split : ndarray of str, shape (n_samples,)
            ``"train"`` or ``"test"`` for each row: its part of the published split.
        train_index, test_index : ndarray of int
            Row positions of the training and test rows; ``[(train_index,
            test_index)]`` can be passed as ``cv`` to scikit-learn.
        DESCR : str
            Description of the data: source, citations, sizes.
    (data, target) : tuple if ``return_X_y`` is True
        The two arrays (or DataFrame and Series) described above.""",
}


# The whole Parameters and Returns sections of a bundled loader (keyword arguments only).
_DOC_SECTIONS["loader_sections"] = (
    "Parameters\n    ----------\n    "
    + _DOC_SECTIONS["split_params"]
    + "\n\n    Returns\n    -------\n    "
    + _DOC_SECTIONS["bunch_returns"]
)


def fill_doc(func: _F) -> _F:
    """Substitute the shared docstring sections: ``{split_params}``, ``{bunch_returns}``
    and ``{loader_sections}`` (both, with their headers)."""
    if func.__doc__:
        doc = func.__doc__
        for key, text in _DOC_SECTIONS.items():
            doc = doc.replace("{" + key + "}", text)
        func.__doc__ = doc
    return func


def check_loader_args(split: Any, return_X_y: Any, as_frame: Any) -> None:
    """Raise a clear error for a bad ``split``/``return_X_y``/``as_frame``."""
    if not isinstance(split, str) or split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}.")
    for name, value in (("return_X_y", return_X_y), ("as_frame", as_frame)):
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{name} must be a bool, got {type(value).__name__}.")


def _import_pandas(caller: str) -> Any:
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - pandas is a test dependency
        raise ImportError(f"{caller} with as_frame=True requires pandas.") from exc
    return pd


def default_feature_names(n_features: int) -> list[str]:
    """Column names ``x0 .. x{n-1}``: scikit-learn's default output names."""
    return [f"x{i}" for i in range(n_features)]


def build_bunch(
    parts: dict[str, tuple[np.ndarray, np.ndarray]],
    *,
    split: str,
    return_X_y: bool,
    as_frame: bool,
    descr: str,
    class_names: Sequence[str] | None = None,
    x_axis: np.ndarray | None = None,
    caller: str = "load",
    target_name: str | None = None,
) -> Bunch | tuple[Any, Any]:
    """Assemble the loaders' result from the train and/or test part.

    Parameters
    ----------
    parts : dict
        ``{"train": (X, labels), "test": (X, labels)}``; either may be missing
        (e.g. :func:`load_ucr` without a test file). ``labels`` are the raw labels.
    split, return_X_y, as_frame
        As in the public loaders (validated here).
    descr : str
        The DESCR text.
    class_names : sequence of str, optional
        Names for the sorted unique labels, when a source documents them; the
        returned ``target`` then holds these names.
    x_axis : ndarray, optional
        The x-axis (e.g. wavenumbers), or None when unknown.
    caller : str
        The public function's name, for error messages.
    target_name : str, optional
        For a regression set: the name of the quantity in ``labels`` (e.g. ``"fat"``).
        The target is then returned as float64 values and ``target_names`` is
        ``[target_name]``; ``class_names`` must be None.
    """
    check_loader_args(split, return_X_y, as_frame)
    if split != "all" and split not in parts:
        raise ValueError(
            f"{caller}: split={split!r} asks for the {split} rows, but no {split} file was given."
        )
    chosen = [name for name in ("train", "test") if split in ("all", name) and name in parts]
    X = np.concatenate([np.asarray(parts[name][0], dtype=np.float32) for name in chosen])
    labels = np.concatenate([np.asarray(parts[name][1]) for name in chosen])
    split_col = np.concatenate([np.full(len(parts[name][1]), name) for name in chosen])

    if target_name is not None:
        target_names = np.asarray([target_name], dtype=str)
        target = labels.astype(np.float64)
    else:
        target_names, target = _class_targets(parts, labels, class_names, caller)

    feature_names = default_feature_names(X.shape[1])
    frame = None
    data: Any = X
    if as_frame:
        pd = _import_pandas(caller)
        frame = pd.concat(
            [
                pd.DataFrame(X, columns=feature_names, copy=False),
                pd.Series(target, name="target"),
            ],
            axis=1,
        )
        data, target = frame[feature_names], frame["target"]
    if return_X_y:
        return data, target
    positions = np.arange(len(split_col))
    return Bunch(
        data=data,
        target=target,
        target_names=target_names,
        feature_names=feature_names,
        x_axis=None if x_axis is None else np.asarray(x_axis),
        frame=frame,
        split=split_col,
        train_index=positions[split_col == "train"],
        test_index=positions[split_col == "test"],
        DESCR=descr,
    )


def _class_targets(
    parts: dict[str, tuple[np.ndarray, np.ndarray]],
    labels: np.ndarray,
    class_names: Sequence[str] | None,
    caller: str,
) -> tuple[np.ndarray, np.ndarray]:
    """``(target_names, target)`` of a classification set: the sorted labels of all parts,
    renamed by ``class_names`` when a source documents them."""
    all_labels = np.unique(np.concatenate([np.asarray(p[1]) for p in parts.values()]))
    if class_names is not None:
        if len(class_names) != len(all_labels):
            raise ValueError(
                f"{caller}: {len(class_names)} class names for {len(all_labels)} labels."
            )
        target_names = np.asarray(class_names, dtype=str)
        return target_names, target_names[np.searchsorted(all_labels, labels)]
    return all_labels.astype(str), labels
