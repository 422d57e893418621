"""Export a fitted deep estimator, with its preprocessing, to an ONNX file."""

from __future__ import annotations

import os
import tempfile
from typing import Any

import numpy as np
from sklearn.base import is_classifier
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from skspectra.export._torch_steps import torch_step

__all__ = ["to_onnx"]

INPUT_NAME = "spectra"


def _split(model: Any) -> tuple[list[Any], Any]:
    """The preprocessing steps and the final deep estimator of ``model``."""
    check_is_fitted(model)
    steps, final = ([s for _, s in model.steps[:-1] if s not in (None, "passthrough")],
                    model._final_estimator) if isinstance(model, Pipeline) else ([], model)
    if not hasattr(final, "module_"):
        raise TypeError(
            f"to_onnx exports skspectra's deep estimators (with module_), alone or at the end "
            f"of a Pipeline; got {type(final).__name__}. For scikit-learn models use skl2onnx."
        )
    return steps, final


def _graph(steps: list[Any], final: Any) -> Any:
    """One torch module: preprocessing, network, then softmax or the target's units."""
    import torch

    preprocessing = [torch_step(step) for step in steps]
    network = final.module_
    classifier = is_classifier(final)
    scale = None if classifier else torch.as_tensor(np.asarray(final.y_scale_, np.float32))
    mean = None if classifier else torch.as_tensor(np.asarray(final.y_mean_, np.float32))

    class Exported(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.preprocessing = torch.nn.ModuleList(preprocessing)
            self.network = network
            if not classifier:
                self.register_buffer("y_scale", scale)
                self.register_buffer("y_mean", mean)

        def forward(self, x: Any) -> Any:
            for step in self.preprocessing:
                x = step(x)
            out = self.network(x)
            if classifier:
                return torch.softmax(out, dim=1)
            return out * self.y_scale + self.y_mean

    return Exported().eval()


def to_onnx(model: Any, path: str | os.PathLike, *, opset: int | None = None) -> str:
    """Write a fitted deep estimator, or a Pipeline ending in one, as an ONNX file.

    The graph takes float32 spectra ``"spectra"`` of shape (n, n_features_in) (any n) and
    returns ``"probabilities"`` (n, n_classes) for a classifier, the estimator's
    ``predict_proba``, or ``"predictions"`` (n, n_outputs) in the target's units for a
    regressor. The preprocessing steps of a Pipeline go into the graph when ONNX can carry
    them: SNV, Normalize, MSC, RangeCut and Resample (others raise a ValueError naming the
    step). The classes are not in the graph: ``model.classes_[probabilities.argmax(1)]``.
    onnxruntime's outputs equal the estimator's to about 1e-5 (float32 arithmetic on both
    sides; tested). The file is written under a temporary name and renamed.

    Needs the ``onnx`` extra (``pip install "skspectra[onnx]"``: onnx, onnxscript, and
    onnxruntime to run the file). The graph is captured by ``torch.export`` (the exporter
    that handles every skspectra network, PACE's adaptive pooling included).

    Parameters
    ----------
    model : fitted deep estimator or Pipeline
        The model to export.
    path : str or path-like
        Where to write the ``.onnx`` file.
    opset : int, default=None
        ONNX opset version; ``None``: the exporter's default.

    Returns
    -------
    str
        ``path``.

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.export import to_onnx
    >>> from skspectra.models import GAPCNNClassifier
    >>> X, y, _ = make_spectra(n_samples=30, n_features=64, random_state=0)
    >>> clf = GAPCNNClassifier(max_epochs=2, random_state=0).fit(X, y)
    >>> import tempfile, os
    >>> path = to_onnx(clf, os.path.join(tempfile.mkdtemp(), "gapcnn.onnx"))
    """
    try:
        import onnx  # noqa: F401  (the exporters need it)
        import torch
    except ImportError:
        raise ImportError("to_onnx needs the onnx package: pip install 'skspectra[onnx]'"
                          ) from None
    steps, final = _split(model)
    graph = _graph(steps, final)
    first = steps[0] if steps else final
    n_features = int(first.n_features_in_)
    example = torch.zeros((2, n_features), dtype=torch.float32,
                          device=next(final.module_.parameters()).device)
    output = "probabilities" if is_classifier(final) else "predictions"
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".skspectra-", suffix=".onnx")
    os.close(handle)
    try:
        _export(graph, example, temporary, output, opset)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return os.fspath(path)


def _export(graph: Any, example: Any, path: str, output: str, opset: int | None) -> None:
    """``torch.onnx.export`` through ``torch.export``, with a batch dimension of any size."""
    import logging
    import warnings

    import torch

    options = {"input_names": [INPUT_NAME], "output_names": [output]}
    if opset is not None:
        options["opset_version"] = opset
    registration = logging.getLogger("torch.onnx._internal.exporter._registration")
    level = registration.level
    registration.setLevel(logging.ERROR)  # "torchvision is not installed" notes
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(graph, (example,), path, dynamo=True, verbose=False,
                              dynamic_shapes=({0: torch.export.Dim("n")},), **options)
    finally:
        registration.setLevel(level)
