"""Pickling a fitted deep estimator so that it loads on any machine.

skorch saves ``module_``, ``optimizer_`` and ``criterion_`` through ``torch.save`` with
a device-aware ``map_location``, so a net trained on a GPU loads on a CPU-only machine
(with a warning). Three other references to device tensors would travel in the plain
pickle stream and make unpickling fail where CUDA is missing: ``net_.module`` (the
module instance the estimator passed, the same object as ``module_``), the early-stopping
callback's ``best_model_weights_`` and the LR scheduler callback's ``lr_scheduler_``
(which holds the optimizer). None of them is needed after ``fit`` (the best weights are
already loaded into ``module_``), so the pickled copy leaves them out. The live estimator
is not changed.
"""

from __future__ import annotations

import copy
from typing import Any

_TRAINING_ONLY_CALLBACK_ATTRIBUTES = ("best_model_weights_", "lr_scheduler_")


def _without_training_state(callback: Any) -> Any:
    """A shallow copy of a skorch callback without its training-only tensors."""
    callback = copy.copy(callback)
    for name in _TRAINING_ONLY_CALLBACK_ATTRIBUTES:
        if getattr(callback, name, None) is not None:
            setattr(callback, name, None)
    return callback


def portable_net(net: Any) -> Any:
    """A shallow copy of a fitted skorch net that pickles without CUDA tensors.

    The copy's ``module`` is the module *class* (the instance lives on in ``module_``,
    which skorch pickles device-independently), and its callbacks lose the training-only
    state listed in this module's docstring. ``net`` itself is not modified.
    """
    clone = object.__new__(type(net))
    clone.__dict__.update(net.__dict__)
    if hasattr(net, "module_"):
        clone.module = type(net.module_)
    if getattr(net, "callbacks_", None) is not None:
        clone.callbacks_ = [(name, _without_training_state(cb)) for name, cb in net.callbacks_]
    if isinstance(net.callbacks, list):
        clone.callbacks = [
            (item[0], _without_training_state(item[1]))
            if isinstance(item, tuple)
            else _without_training_state(item)
            for item in net.callbacks
        ]
    return clone
