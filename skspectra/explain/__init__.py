"""Explanations: which bands drove a decision, and how good an explanation is.

Methods (each ``f(model, X, target_indices=None, **options) -> (n_samples, n_features)``):
``cam``, ``grad_cam``, ``grad_cam_1d``, ``saliency``, ``smoothgrad``,
``integrated_gradients`` (on a torch network or a fitted deep estimator),
``grad_cam_occlusion`` (occlusion weighted by Grad-CAM, on a deep classifier) and the
model-agnostic ``occlusion`` and ``lime`` (on any ``predict_proba``, or a regressor's
``predict``). Every skspectra
model has ``explain(X, method=..., target=None)`` through :class:`ExplainMixin`;
:func:`explain` does the same for a fitted Pipeline, in the raw input's coordinates;
:func:`supported_methods` lists the methods a fitted model accepts and
:func:`default_method` names the one it uses by default.
:func:`feature_maps` returns per-layer activations; :func:`deletion_auc`,
:func:`insertion_auc`, :func:`road_auc` (removal with neighbour imputation),
:func:`localisation`, the sanity checks :func:`model_randomisation_check`,
:func:`cascading_randomisation_check` and :func:`label_randomisation_check`, and
:func:`explanation_stability` (across resampled training sets) measure the quality of
explanations. :func:`contributions` gives signed per-point contributions that add up to the
output (less the head's bias), and :func:`contribution_purity` and
:func:`contribution_linearity` evaluate them as the 1D Grad-CAM paper does.

Importing this package does not import torch nor :mod:`skspectra.models`.

Examples
--------
>>> from skspectra.explain import ExplainMixin, explain, grad_cam, occlusion
"""

from skspectra.explain._cam import cam
from skspectra.explain._contributions import (
    contribution_linearity,
    contribution_purity,
    contributions,
)
from skspectra.explain._feature_maps import feature_maps
from skspectra.explain._gated_occlusion import grad_cam_occlusion
from skspectra.explain._grad_cam import grad_cam, grad_cam_1d
from skspectra.explain._lime import lime
from skspectra.explain._methods import default_method, supported_methods
from skspectra.explain._metrics import deletion_auc, insertion_auc, localisation
from skspectra.explain._mixin import ExplainMixin, class_indices, output_indices
from skspectra.explain._occlusion import occlusion
from skspectra.explain._pipeline import explain
from skspectra.explain._randomisation import (
    cascading_randomisation_check,
    label_randomisation_check,
    model_randomisation_check,
    randomised_copy,
)
from skspectra.explain._road import noisy_linear_imputation, road_auc
from skspectra.explain._saliency import integrated_gradients, saliency, smoothgrad
from skspectra.explain._stability import ExplanationStability, explanation_stability

__all__ = [
    "ExplainMixin",
    "ExplanationStability",
    "cam",
    "cascading_randomisation_check",
    "class_indices",
    "contribution_linearity",
    "contribution_purity",
    "contributions",
    "default_method",
    "deletion_auc",
    "explain",
    "explanation_stability",
    "feature_maps",
    "grad_cam",
    "grad_cam_1d",
    "grad_cam_occlusion",
    "insertion_auc",
    "integrated_gradients",
    "label_randomisation_check",
    "lime",
    "localisation",
    "model_randomisation_check",
    "noisy_linear_imputation",
    "occlusion",
    "output_indices",
    "randomised_copy",
    "road_auc",
    "saliency",
    "smoothgrad",
    "supported_methods",
]
