"""Batched explanations against a one-pass-per-input loop, for every method and deep model.

Issue 13's target: every explanation method, batched, at least 10x faster than a
per-sample loop. For each deep classifier (package architectures; 20 epochs, since the
weights do not change the cost) and each of its methods, the same call is timed twice on
the same spectra:

- **naive**: ``model.explain(X, method=m, batch_size=1)``, i.e. one forward (and, for the
  gradient methods, backward) pass per network input: per spectrum for CAM, Grad-CAM,
  1D Grad-CAM and saliency; per noisy copy for SmoothGrad; per path point for integrated
  gradients; per perturbed spectrum for occlusion, grad_cam_occlusion and LIME. This is
  the loop of the signal_screen reference, on the package's own code;
- **batched**: the same call at the method's default ``batch_size``.

Both must give the same maps: the table prints their largest difference relative to the
largest relevance (float32 rounding is about 1e-6). Perturbation methods run on
fewer spectra than the gradient methods because their naive loop is long.

    python benchmarks/explain_batching.py [--quick] [--models gap-cnn,pace,resnet1d]
    python benchmarks/explain_batching.py --device cuda      # where a GPU is lent

With ``--device cuda`` the models train and explain on the GPU, and each (model, method)
pair is called once untimed first, so that neither side pays CUDA's first-call costs.
"""

from __future__ import annotations

import argparse
from functools import partial

import numpy as np
from _machine import print_header
from explain import timed

from skspectra.datasets import make_spectra
from skspectra.explain import supported_methods
from skspectra.models import GAPCNNClassifier, PACEClassifier, ResNet1DClassifier
from skspectra.models.deep._training import resolve_device

MODELS = {"gap-cnn": GAPCNNClassifier, "pace": PACEClassifier, "resnet1d": ResNet1DClassifier}
# method -> (options, uses perturbed copies of each spectrum: fewer spectra)
METHODS = {
    "cam": ({}, False),
    "grad_cam": ({}, False),
    "grad_cam_1d": ({}, False),
    "saliency": ({}, False),
    "smoothgrad": ({"n_samples": 8, "random_state": 0}, False),
    "integrated_gradients": ({"n_steps": 16}, False),
    "occlusion": ({"window": 9, "stride": 4}, True),
    "grad_cam_occlusion": ({"window": 9, "stride": 4}, True),
    "lime": ({"n_perturbations": 100, "random_state": 0}, True),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--n-points", type=int, default=500)
    parser.add_argument("--n-spectra", type=int, default=32,
                        help="spectra explained by the gradient methods")
    parser.add_argument("--n-perturbed", type=int, default=4,
                        help="spectra explained by the perturbation methods")
    parser.add_argument("--device", default="cpu", help="cpu, cuda, cuda:1, ... or auto")
    args = parser.parse_args(argv)
    device = resolve_device(args.device)
    n_points = 64 if args.quick else args.n_points
    n_spectra, n_perturbed = (4, 1) if args.quick else (args.n_spectra, args.n_perturbed)
    print_header("Batched explanations against a per-input loop", device)
    X, y, _ = make_spectra(n_samples=60, n_features=n_points, n_classes=3, random_state=0)
    print(f"make_spectra: 60 x {n_points} training spectra, 3 classes; each model 2 epochs"
          if args.quick else
          f"make_spectra: 60 x {n_points} training spectra, 3 classes; 20 epochs per model")
    print("\n| model | method | spectra | network inputs per spectrum | naive (s) | batched (s) "
          "| speed ratio | largest difference (relative) |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    ratios = []
    for name in args.models.split(","):
        model = MODELS[name](max_epochs=2 if args.quick else 20, random_state=0,
                             device=device).fit(X, y)
        supported = supported_methods(model)
        for method, (options, perturbs) in METHODS.items():
            if method not in supported:
                continue
            Xm = X[: n_perturbed if perturbs else n_spectra]
            if device != "cpu":  # CUDA's first calls (kernels, cuDNN plans) are not timed
                model.explain(Xm[:1], method=method, batch_size=1, **options)
                model.explain(Xm, method=method, **options)
            naive, t_naive = timed(partial(model.explain, Xm, method=method, batch_size=1,
                                           **options))
            batched, t_batched = timed(partial(model.explain, Xm, method=method, **options))
            # largest difference between the two maps, relative to the largest relevance
            diff = float(np.abs(naive - batched).max()) / max(float(np.abs(batched).max()),
                                                             1e-12)
            inputs = _inputs_per_spectrum(method, options, n_points)
            ratio = t_naive / t_batched
            ratios.append((name, method, ratio))
            print(f"| {name} | {method} | {len(Xm)} | {inputs} | {t_naive:.2f} | "
                  f"{t_batched:.3f} | {ratio:.1f}x | {diff:.1e} |", flush=True)
    below = [f"{n} {m} ({r:.1f}x)" for n, m, r in ratios if r < 10]
    print(f"\nTarget (batched >= 10x the loop for every method): "
          f"{'met' if not below else 'missed for ' + ', '.join(below)}")
    return 0


def _inputs_per_spectrum(method: str, options: dict, n_points: int) -> int:
    """How many network inputs the method evaluates per spectrum (forward passes naive)."""
    if method == "smoothgrad":
        return options["n_samples"]
    if method == "integrated_gradients":
        return options["n_steps"]
    if method in ("occlusion", "grad_cam_occlusion"):
        return 1 + len(range(0, n_points, options["stride"]))
    if method == "lime":
        return options["n_perturbations"]
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
