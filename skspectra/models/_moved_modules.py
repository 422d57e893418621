"""Old module paths of the deep estimators, kept so that models pickled before the move load.

The deep estimators moved from ``skspectra/models/_<name>.py`` to the sub-package
:mod:`skspectra.models.deep`. A pickle names the module of each class it holds, so a
model saved earlier asks for e.g. ``skspectra.models._resnet1d``. :data:`MOVED_MODULES`
maps every old path to the new one, and :class:`MovedModuleFinder` (installed when
:mod:`skspectra.models` is imported) answers an import of an old path with a module that
reads its attributes from the new one. Nothing is imported before it is asked for, so
importing :mod:`skspectra.models` still imports neither torch nor skorch.

Examples
--------
>>> import importlib
>>> import skspectra.models
>>> old = importlib.import_module("skspectra.models._resnet1d")
>>> old.ResNet1DClassifier is skspectra.models.ResNet1DClassifier
True
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType

MOVED_MODULES = {
    f"skspectra.models.{old}": f"skspectra.models.deep.{new}"
    for old, new in {
        "_deep_base": "_base",
        "_deep_classifier": "_classifier",
        "_deep_docs": "_docs",
        "_deep_persistence": "_persistence",
        "_deep_regressor": "_regressor",
        "_deep_training": "_training",
        "_early_stopping": "_early_stopping",
        "_gap_cnn": "_gap_cnn",
        "_pace": "_pace",
        "_resnet1d": "_resnet1d",
        "_spectral_net": "_spectral_net",
    }.items()
}


class MovedModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Import an old module path of :data:`MOVED_MODULES` as a view of the new module."""

    def find_spec(self, fullname: str, path: object = None,
                  target: object = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED_MODULES:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def exec_module(self, module: ModuleType) -> None:
        new = importlib.import_module(MOVED_MODULES[module.__name__])
        module.__dict__.update(
            {name: value for name, value in vars(new).items() if not name.startswith("__")})
        module.__doc__ = f"Moved to :mod:`{new.__name__}` (kept for old pickles)."


def install() -> None:
    """Put one :class:`MovedModuleFinder` first in ``sys.meta_path`` (idempotent)."""
    if not any(isinstance(finder, MovedModuleFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, MovedModuleFinder())
