"""Probe: the model-randomisation check of occlusion, CAM and IG on two default networks.

Trains ``PACEClassifier()`` and ``GAPCNNClassifier()`` at their defaults on 120
``make_spectra`` spectra (500 points, 3 classes) and prints the mean Spearman correlation
between the absolute maps of 10 held-out spectra for the trained model and a
weight-randomised copy (Adebayo et al. 2018; low = the map depends on what the model
learned). Run: ``python benchmarks/explain_randomisation_probe.py``.
"""

import time

import numpy as np
import torch

from skspectra.datasets import make_spectra
from skspectra.explain import model_randomisation_check
from skspectra.models import GAPCNNClassifier, PACEClassifier

METHODS = [("occlusion", {}), ("occlusion", {"baseline": "interp"}), ("cam", {}),
           ("integrated_gradients", {"n_steps": 16})]

torch.set_num_threads(2)
X, y, mask = make_spectra(n_samples=240, n_features=500, n_classes=3, class_sep=2.0,
                          random_state=0)
X_train, y_train, X_explain = X[:120], y[:120], X[120:130]
for name, est in [("PACE", PACEClassifier(random_state=0, device="cpu")),
                  ("GAP-CNN", GAPCNNClassifier(random_state=0, device="cpu"))]:
    start = time.perf_counter()
    est.fit(X_train, y_train)
    print(name, "fit", round(time.perf_counter() - start), "s, acc",
          est.score(X[120:], y[120:]), flush=True)
    for method, opts in METHODS:
        rho = model_randomisation_check(est, X_explain, method=method, **opts)
        print(f"  {method} {opts}: model randomisation mean Spearman {np.nanmean(rho):.3f}",
              flush=True)
