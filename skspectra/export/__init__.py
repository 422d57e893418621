"""Deployment: fitted deep models (with their preprocessing) as ONNX files.

:func:`to_onnx` writes a fitted deep estimator, or a Pipeline ending in one, as a graph that
onnxruntime runs without Python's ML stack. Needs the ``onnx`` extra. Importing this
package imports neither torch nor onnx.
"""

from skspectra.export._onnx import to_onnx

__all__ = ["to_onnx"]
