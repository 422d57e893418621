"""ONNX export: how close onnxruntime's outputs are to the estimator's, and how fast.

Each deep classifier (and the GAP-CNN regressor) is fitted on Meat (classifiers, behind
SNV in a Pipeline) or Tecator (regressor), exported with ``skspectra.export.to_onnx``, and
run by onnxruntime on the CPU. Printed per model: the largest absolute difference between
onnxruntime's output and ``predict_proba`` (or ``predict``) over all the set's spectra
(issue 15's target: 1e-5; for a regressor in the target's units, so also relative to
the largest prediction), the export time and the file size, and the spectra per second of
both on ``--n-spectra`` spectra (the set's spectra repeated), in batches of 1,024.

Usage (from ``benchmarks/``)::

    python onnx_export.py             # 50 epochs per model
    python onnx_export.py --quick     # 2 epochs: a smoke run
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import numpy as np
import onnxruntime
from _machine import print_header
from sklearn.pipeline import make_pipeline

from skspectra.datasets import load_meat, load_tecator
from skspectra.export import to_onnx
from skspectra.models import (
    GAPCNNClassifier,
    GAPCNNRegressor,
    PACEClassifier,
    ResNet1DClassifier,
)
from skspectra.preprocessing import SNV

BATCH = 1024


def rate(function, X: np.ndarray) -> float:
    """Spectra per second of ``function`` over ``X`` in batches of BATCH."""
    start = time.perf_counter()
    for low in range(0, len(X), BATCH):
        function(X[low:low + BATCH])
    return len(X) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 epochs, 2,048 spectra")
    parser.add_argument("--n-spectra", type=int, default=20_000)
    args = parser.parse_args()
    epochs = 2 if args.quick else 50
    n_spectra = 2048 if args.quick else args.n_spectra
    print_header("ONNX export: onnxruntime against the estimator", "cpu")
    print(f"{epochs} epochs per model; speed on {n_spectra:,} spectra, batches of {BATCH}; "
          f"onnxruntime {onnxruntime.__version__}\n", flush=True)
    meat_X, meat_y = load_meat(return_X_y=True)
    tecator_X, tecator_y = load_tecator(return_X_y=True)
    common = {"max_epochs": epochs, "random_state": 0, "device": "cpu"}
    cases = [
        ("GAP-CNN (SNV pipeline)", make_pipeline(SNV(), GAPCNNClassifier(**common)), meat_X,
         meat_y),
        ("ResNet1D (SNV pipeline)", make_pipeline(SNV(), ResNet1DClassifier(**common)), meat_X,
         meat_y),
        ("PACE (SNV pipeline)", make_pipeline(SNV(), PACEClassifier(**common)), meat_X, meat_y),
        ("GAP-CNN regressor", GAPCNNRegressor(**common), tecator_X, tecator_y),
    ]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, model, X, y in cases:
            model.fit(X, y)
            path = os.path.join(folder, "model.onnx")
            start = time.perf_counter()
            to_onnx(model, path)
            export_seconds = time.perf_counter() - start
            session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
            output = session.get_outputs()[0].name

            def run(batch, session=session):
                return session.run(None, {"spectra": batch.astype(np.float32)})[0]

            expected = (model.predict_proba(X) if hasattr(model, "predict_proba")
                        else np.reshape(model.predict(X), (len(X), -1)))
            difference = float(np.abs(run(X) - expected).max())
            relative = difference / float(np.abs(expected).max())
            many = np.resize(X, (n_spectra, X.shape[1]))
            own = model.predict_proba if hasattr(model, "predict_proba") else model.predict
            rows.append((name, output, len(X), difference, relative, export_seconds,
                         os.path.getsize(path) / 1e6, rate(own, many), rate(run, many)))
            print(f"{name}: largest difference {difference:.1e}", flush=True)
    print("\n| model | output | spectra compared | largest difference | relative to the largest "
          "output | target 1e-5 | export (s) "
          "| file (MB) | estimator spectra/s | onnxruntime spectra/s |")
    print("|---|---|---:|---:|---:|---|---:|---:|---:|---:|")
    for name, output, n, difference, relative, seconds, size, own_rate, onnx_rate in rows:
        verdict = ("met" if difference <= 1e-5 else
                   "met, relative" if relative <= 1e-5 else "missed")
        print(f"| {name} | {output} | {n} | {difference:.1e} | {relative:.1e} | "
              f"{verdict} | {seconds:.1f} | {size:.2f} | "
              f"{own_rate:,.0f} | {onnx_rate:,.0f} |")


if __name__ == "__main__":
    main()
