"""The explanation methods of the deep estimators, as ``ExplainMixin`` expects them.

Each entry is ``f(estimator, X, target_indices, **options)``: gradient and CAM
methods run on the fitted network ``estimator.module_``; occlusion and LIME on the
network's softmax, computed directly on each chunk of perturbed spectra (the
estimator's ``predict_proba`` without skorch's small inference batches; the same
probabilities up to float32 rounding).

For the deep regressors (duck-typed: ``y_mean_`` and ``y_scale_``, the standardisation
of the targets the network was trained on) every map is expressed in the units of the
explained target: the gradient and CAM maps of the network's (standardised) output are
multiplied by ``y_scale_[target]`` (every one of these methods is linear in a positive
rescaling of the output), and occlusion and LIME perturb the predictions in target units.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from skspectra.explain._cam import cam
from skspectra.explain._gated_occlusion import grad_cam_occlusion
from skspectra.explain._grad_cam import grad_cam, grad_cam_1d
from skspectra.explain._lime import lime
from skspectra.explain._occlusion import occlusion
from skspectra.explain._saliency import integrated_gradients, saliency, smoothgrad
from skspectra.explain._torch_utils import (
    eval_mode,
    feature_layers,
    has_feature_layers,
    network_softmax,
    tensor,
)

__all__ = ["deep_explanation_methods", "deep_regression_methods"]


def _on_module(function: Any, **defaults: Any) -> Any:
    """A method run on the fitted network; ``defaults`` are options the caller's override."""

    def method(estimator: Any, X: np.ndarray, target_indices: Any, **options: Any) -> np.ndarray:
        return function(estimator.module_, X, target_indices, **{**defaults, **options})

    method.__name__ = function.__name__
    method.__doc__ = function.__doc__
    return method


def _has_gap_head(module: Any) -> bool:
    """Whether the network ends in a GAP-linear head (what CAM needs)."""
    return getattr(module, "head_weight", None) is not None


def network_proba(estimator: Any) -> Any:
    """``predict_proba`` of a fitted deep estimator as one forward pass of its network."""
    return network_softmax(estimator.module_)


def _on_network(model_function: Any, function: Any, **defaults: Any) -> Any:
    """A perturbation method run on ``model_function(estimator)`` (the network itself).

    ``defaults`` are options the caller's own options override.
    """

    def method(estimator: Any, X: np.ndarray, target_indices: Any, **options: Any) -> np.ndarray:
        return function(model_function(estimator), X, target_indices,
                        **{**defaults, **options})

    method.__name__ = function.__name__
    method.__doc__ = function.__doc__
    return method


def deep_explanation_methods(
    estimator: Any,
    default: str = "occlusion",
    grad_cam_layer: str | None = None,
    occlusion_windows: Mapping[str, int | tuple[int, ...]] | None = None,
) -> dict[str, Any]:
    """Ordered ``{name: method}`` of a deep classifier; ``default`` first.

    Each estimator passes its default (``"occlusion"`` unless a preset names another, and
    when its network does not offer the named method), chosen per network by measurement
    (``benchmarks/explain.py --defaults --sanity``, ``explain_band_shapes.py`` and
    ``mccv.py``, benchmarks/RESULTS.md):
    ``"grad_cam_occlusion"`` for PACE and GAP-CNN, where it is the only measured method
    that passes the randomisation checks and it puts more relevance in the true bands than
    occlusion; ``"occlusion"`` for ResNet1D (no method passes cascading randomisation
    there, and occlusion is the more stable across Monte-Carlo splits) and for networks of
    your own. Occlusion's window is replaced by the straight line between the points on
    either side (``baseline="interp"``, which removes a band but keeps the baseline) unless
    the caller passes another ``baseline``: against the zero baseline that raised the mass
    in the bands on all three networks and made the ROAD curve fall faster. ``"cam"`` is
    offered only when the network has a GAP-linear head (it is left out
    for e.g. ``ResNet1D(head="flatten")``); Grad-CAM and 1D Grad-CAM only when it names
    its ``feature_layers()``. They read ``grad_cam_layer`` when the network has a layer of
    that name (PACE: ``"embed"``, the patch embedding, where they put more relevance on the
    true bands than at the last mixer block), else the last feature layer; a caller's
    ``layer=`` overrides it (``layer=None``: the last). ``grad_cam_occlusion``'s gate
    always reads the last layer unless the caller names another. ``occlusion_windows``
    maps ``"occlusion"`` and ``"grad_cam_occlusion"`` to the width(s) they occlude by
    default (a tuple: the mean of those widths' maps; absent: 5 points); a caller's
    ``window`` overrides it. GAP-CNN's estimator passes 11 for ``"grad_cam_occlusion"``
    (round S of benchmarks/RESULTS.md: its class-mean maps on Meat became steady across
    Monte-Carlo splits, r 0.68 to 0.92, while localising as well as at 5 points).
    """
    windows = {"occlusion": 5, "grad_cam_occlusion": 5, **(occlusion_windows or {})}
    unknown = set(windows) - {"occlusion", "grad_cam_occlusion"}
    if unknown:
        raise ValueError(f"occlusion_windows names methods that do not occlude: "
                         f"{sorted(unknown)}; use 'occlusion' or 'grad_cam_occlusion'.")
    methods: dict[str, Any] = {"occlusion": _on_network(
        network_proba, occlusion, baseline="interp", window=windows["occlusion"])}
    if _has_gap_head(estimator.module_):
        methods["cam"] = _on_module(cam)
    if has_feature_layers(estimator.module_):
        layer = grad_cam_layer if grad_cam_layer in feature_layers(estimator.module_) else None
        methods.update(grad_cam=_on_module(grad_cam, layer=layer),
                       grad_cam_1d=_on_module(grad_cam_1d, layer=layer),
                       grad_cam_occlusion=_on_module(
                           grad_cam_occlusion, window=windows["grad_cam_occlusion"]))
    methods.update(
        saliency=_on_module(saliency),
        smoothgrad=_on_module(smoothgrad),
        integrated_gradients=_on_module(integrated_gradients),
        lime=_on_network(network_proba, lime),
    )
    if default not in methods:  # e.g. a network of your own without feature_layers()
        default = "occlusion"
    return {default: methods[default], **methods}


# -- regressors ---------------------------------------------------------------------------
def _refuse_classifier_options(options: dict[str, Any]) -> None:
    if options.get("output", "logit") != "logit":
        raise ValueError(
            f"output={options['output']!r} is for classifiers (logit or probability); a "
            "regressor's explanations differentiate its prediction. Leave output out."
        )


def _in_target_units(function: Any) -> Any:
    def method(estimator: Any, X: np.ndarray, target_indices: Any, **options: Any) -> np.ndarray:
        _refuse_classifier_options(options)
        targets = np.broadcast_to(np.asarray(target_indices), (X.shape[0],))
        maps = function(estimator.module_, X, targets, **options)
        return maps * np.asarray(estimator.y_scale_, dtype=float)[targets][:, None]

    method.__name__ = function.__name__
    method.__doc__ = function.__doc__
    return method


def network_predict(estimator: Any) -> Any:
    """A fitted deep regressor's predictions (n, n_outputs), one forward pass, target units."""
    import torch

    module = estimator.module_
    scale = np.asarray(estimator.y_scale_, dtype=float)
    mean = np.asarray(estimator.y_mean_, dtype=float)

    def predict(X: np.ndarray) -> np.ndarray:
        with eval_mode(module), torch.no_grad():
            outputs = module(tensor(module, np.asarray(X, dtype=np.float32)))
        return outputs.double().cpu().numpy() * scale + mean

    return predict


def deep_regression_methods(estimator: Any) -> dict[str, Any]:
    """Ordered ``{name: method}`` for a deep regressor; ``"integrated_gradients"`` first.

    Integrated gradients is the default because, on Tecator (``benchmarks/tecator_bands.py``,
    benchmarks/RESULTS.md), it put 2.3-3.7 times a uniform map's share of the relevance on
    the fat band near 930 nm for the three networks, where 1D Grad-CAM put 0.9-1.2 times
    and occlusion 1.0-1.3 times. It needs only gradients, so every network has it.

    ``"cam"`` is offered when the network has a GAP-linear head: the map then splits the
    prediction over positions (its mean over positions is the prediction less the head's
    bias, in target units). ``"grad_cam"`` keeps its ReLU: it shows where the evidence
    *raises* the prediction; the signed ``"grad_cam_1d"`` shows both directions.
    """
    layered = has_feature_layers(estimator.module_)
    methods: dict[str, Any] = {"integrated_gradients": _in_target_units(integrated_gradients)}
    if layered:
        methods["grad_cam_1d"] = _in_target_units(grad_cam_1d)
    if _has_gap_head(estimator.module_):
        methods["cam"] = _in_target_units(cam)
    if layered:
        methods["grad_cam"] = _in_target_units(grad_cam)
    methods.update(
        saliency=_in_target_units(saliency),
        smoothgrad=_in_target_units(smoothgrad),
        occlusion=_on_network(network_predict, occlusion),
        lime=_on_network(network_predict, lime),
    )
    return methods
