"""Small helpers shared by the gradient and CAM methods (torch imported lazily).

Every function here is called from inside an explanation method, so importing this
module does not import torch.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from skspectra.explain._progress import progress_batches

OUTPUTS = ("logit", "proba")


def torch_module(model: Any) -> Any:
    """The torch module of ``model``: a fitted deep estimator's ``module_`` or the module itself.

    Raises a TypeError for anything else (e.g. a model without a network).
    """
    import torch

    module = getattr(model, "module_", model)
    if not isinstance(module, torch.nn.Module):
        raise TypeError(
            "gradient and CAM explanations need a torch network: a fitted deep estimator "
            f"(with module_) or a torch.nn.Module; got {type(model).__name__}. Use "
            "'occlusion' or 'lime' for models without gradients."
        )
    return module


def as_2d_float(X: Any) -> np.ndarray:
    """``X`` as a float64 array of shape (n_samples, n_features); clear error otherwise."""
    try:
        X = np.asarray(X, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"X must be a numeric array of spectra; {exc}") from None
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got shape {X.shape}.")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X must have at least one sample and one feature; got {X.shape}.")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinity.")
    return X


def check_output(output: str) -> str:
    """Validate the ``output`` option (which score y^c is differentiated)."""
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {OUTPUTS}; got {output!r}.")
    return output


def resolve_targets(module: Any, X: np.ndarray, target_indices: Any, batch_size: int) -> Any:
    """One output column per sample; ``None`` takes the largest output (the predicted class)."""
    import torch

    n_samples = X.shape[0]
    if target_indices is None:
        with torch.no_grad():
            outputs = [module(tensor(module, X[lo:hi]))
                       for lo, hi in progress_batches(n_samples, batch_size)]
        targets = torch.cat(outputs).argmax(dim=1).cpu().numpy()
    else:
        targets = np.broadcast_to(np.asarray(target_indices), (n_samples,)).astype(np.intp)
    n_outputs = getattr(module, "n_outputs", None)
    if targets.min() < 0 or (n_outputs is not None and targets.max() >= n_outputs):
        raise ValueError(
            f"target_indices must lie in [0, {n_outputs}) (the network's outputs); got "
            f"values from {targets.min()} to {targets.max()}."
        )
    return targets


def tensor(module: Any, X: np.ndarray, *, requires_grad: bool = False) -> Any:
    """``X`` as a float tensor on the module's device, in its parameters' dtype."""
    import torch

    param = next(module.parameters(), None)
    device = param.device if param is not None else torch.device("cpu")
    dtype = param.dtype if param is not None else torch.float32
    out = torch.as_tensor(np.ascontiguousarray(X), dtype=dtype, device=device)
    return out.requires_grad_(requires_grad)


def class_scores(outputs: Any, targets: Any, output: str) -> Any:
    """y^c of each row: the target logit, or its softmax probability (``output="proba"``)."""
    import torch

    if output == "proba":
        outputs = torch.softmax(outputs, dim=1)
    index = torch.as_tensor(targets, device=outputs.device).long()
    return outputs.gather(1, index[:, None])[:, 0]


def resolve_layer(module: Any, layer: str | None) -> tuple[str, Any]:
    """``(name, submodule)`` of a feature layer chosen by name; ``None``: the last one."""
    layers = feature_layers(module)
    if layer is None:
        name = next(reversed(layers))
        return name, layers[name]
    if layer not in layers:
        raise ValueError(
            f"Unknown layer {layer!r}; the network's feature layers are {list(layers)}."
        )
    return layer, layers[layer]


def feature_layers(module: Any) -> dict[str, Any]:
    """The ordered named conv layers of a :class:`skspectra.nn.SpectralNet`-like module."""
    getter = getattr(module, "feature_layers", None)
    if getter is None:
        raise TypeError(
            f"{type(module).__name__} has no feature_layers(); CAM, Grad-CAM and feature maps "
            "need a skspectra.nn.SpectralNet (or a module with that interface)."
        )
    try:
        layers = dict(getter())
    except NotImplementedError:
        raise TypeError(
            f"{type(module).__name__} does not implement feature_layers(); Grad-CAM, 1D "
            "Grad-CAM and feature maps need it (see the skspectra.nn.SpectralNet protocol)."
        ) from None
    if not layers:
        raise ValueError(f"{type(module).__name__}.feature_layers() is empty.")
    return layers


def has_feature_layers(module: Any) -> bool:
    """Whether ``module`` names its feature layers (what Grad-CAM and feature maps hook)."""
    try:
        return bool(feature_layers(module))
    except (TypeError, ValueError):
        return False


@contextmanager
def capture_outputs(layers: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Record the output tensor of each named submodule during forward passes."""
    captured: dict[str, Any] = {}
    handles = []
    for name, layer in layers.items():

        def hook(_module: Any, _inputs: Any, output: Any, name: str = name) -> None:
            captured[name] = output

        handles.append(layer.register_forward_hook(hook))
    try:
        yield captured
    finally:
        for handle in handles:
            handle.remove()


def upsample(maps: Any, n_features: int) -> Any:
    """Linear interpolation of maps (batch, positions) to (batch, n_features).

    ``align_corners=False``: each of the ``positions`` values sits at the centre of
    the stretch of input it summarises (as in captum's ``LayerAttribution.interpolate``).
    """
    import torch.nn.functional as F

    if maps.shape[-1] == n_features:
        return maps
    stretched = F.interpolate(maps[:, None, :], size=n_features, mode="linear", align_corners=False)
    return stretched[:, 0]


@contextmanager
def eval_mode(module: Any) -> Iterator[None]:
    """Run ``module`` in eval mode (dropout off, BatchNorm running stats), then restore."""
    was_training = module.training
    module.eval()
    try:
        yield
    finally:
        module.train(was_training)


def network_softmax(module: Any) -> Any:
    """``predict_proba`` of a classification network: one forward pass, softmax in float64."""
    import torch

    def predict_proba(X: np.ndarray) -> np.ndarray:
        with eval_mode(module), torch.no_grad():
            logits = module(tensor(module, np.asarray(X, dtype=np.float32)))
        return torch.softmax(logits.double(), dim=1).cpu().numpy()

    return predict_proba
