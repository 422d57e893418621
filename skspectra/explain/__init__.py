"""Explanations: the ``ExplainMixin`` and model-agnostic attribution methods.

Importing this package does not import torch nor :mod:`skspectra.models`.

Examples
--------
>>> from skspectra.explain import ExplainMixin, occlusion
"""

from skspectra.explain._mixin import ExplainMixin, class_indices
from skspectra.explain._occlusion import occlusion

__all__ = ["ExplainMixin", "class_indices", "occlusion"]
