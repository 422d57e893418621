"""Do the models' explanations on Tecator point at the fat band near 930 nm?

Issue 13 item 5: a real set with known chemistry. Fat absorbs at the third overtone of the
C-H stretch near 930 nm (Borggaard & Thodberg 1992; Osborne, Fearn & Hindle, *Practical
NIR spectroscopy*). Tecator's 100 channels span 850-1050 nm; the bundled copy does not give
their positions, so channel ``i`` is taken at ``850 + 2 i`` nm (an even 2 nm grid, an
assumption stated in the output). The fat window is 920-940 nm (channels 35-45, 11 % of
the axis).

Each model is fitted on the 172 training spectra at its package defaults (seed 0) and
explains them, then the 43 test spectra. Per (model, method): the share of the mean
absolute relevance that falls in the window, over the window's share of the axis (1 = no
preference), on the training spectra (what a choice of default may use) and on the test
spectra (reported only), and the wavelength of the largest mean absolute relevance on the
training spectra. The test RMSEP is printed beside them: an explanation of a model that
predicts badly is not worth reading.

    python benchmarks/tecator_bands.py            # all models, ~minutes on 2 CPU cores
    python benchmarks/tecator_bands.py --quick    # 2 epochs, a smoke run
    python benchmarks/tecator_bands.py --task classification

``--task classification`` asks the same of the classifiers, on the classes of
``resamples.py``'s raw set ``tecator_fat`` (the fat tertile: low, medium, high; the same
split): PLS-LDA-CV's coefficients, and each deep classifier's default method, occlusion and
integrated gradients, explaining the class each model predicts. Its score column is the
test accuracy.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from _machine import print_header
from _raw_sets import tertile_classes

from skspectra.datasets import load_tecator
from skspectra.explain import default_method
from skspectra.models import (
    GAPCNNClassifier,
    GAPCNNRegressor,
    PACEClassifier,
    PACERegressor,
    PLSLDAClassifierCV,
    PLSRegressorCV,
    ResNet1DClassifier,
    ResNet1DRegressor,
)

WAVELENGTHS = 850.0 + 2.0 * np.arange(100)
FAT_WINDOW = (920.0, 940.0)
METHODS = {
    "pls": ["coef"],
    "deep": ["grad_cam_1d", "occlusion", "integrated_gradients"],
    "deep classifier": ["default", "occlusion", "integrated_gradients"],
}


def regression_models(deep: dict) -> dict:
    """The regressors at their package defaults and the methods asked of each."""
    return {
        "PLS (PLSRegressorCV)": (PLSRegressorCV(), METHODS["pls"]),
        "GAPCNNRegressor": (GAPCNNRegressor(**deep), METHODS["deep"]),
        "ResNet1DRegressor": (ResNet1DRegressor(**deep), METHODS["deep"]),
        "PACERegressor": (PACERegressor(**deep), METHODS["deep"]),
    }


def classification_models(deep: dict) -> dict:
    """The classifiers at their package defaults and the methods asked of each."""
    methods = METHODS["deep classifier"]
    return {
        "PLS-LDA (PLSLDAClassifierCV)": (PLSLDAClassifierCV(), METHODS["pls"]),
        "GAPCNNClassifier": (GAPCNNClassifier(**deep), methods),
        "ResNet1DClassifier": (ResNet1DClassifier(**deep), methods),
        "PACEClassifier": (PACEClassifier(**deep), methods),
    }


def band_share(maps: np.ndarray, inside: np.ndarray) -> tuple[float, float, float]:
    """Share of the mean |relevance| inside the window, over chance, and the peak (nm)."""
    profile = np.abs(maps).mean(axis=0)
    share = float(profile[inside].sum() / profile.sum())
    return share, share / inside.mean(), float(WAVELENGTHS[int(np.argmax(profile))])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 epochs: a smoke run")
    parser.add_argument("--task", choices=("regression", "classification"),
                        default="regression")
    args = parser.parse_args()
    print_header("Tecator: relevance on the fat band near 930 nm", "cpu")
    bunch = load_tecator()
    X, y = bunch.data.astype(float), bunch.target.astype(float)
    train, test = bunch.train_index, bunch.test_index
    classify = args.task == "classification"
    if classify:  # fat tertiles, as resamples.py's tecator_fat
        y = y.copy()
        y[train], y[test] = tertile_classes(y[train], y[test])
    inside = (WAVELENGTHS >= FAT_WINDOW[0]) & (WAVELENGTHS <= FAT_WINDOW[1])
    print(f"Assumed grid: channel i at 850 + 2 i nm. Fat window {FAT_WINDOW[0]:.0f}-"
          f"{FAT_WINDOW[1]:.0f} nm: {inside.sum()} of {inside.size} channels "
          f"({inside.mean():.1%}).\n")
    deep = {"random_state": 0, "device": "cpu", **({"max_epochs": 2} if args.quick else {})}
    models = classification_models(deep) if classify else regression_models(deep)
    score = "test accuracy" if classify else "test RMSEP (% fat)"
    print(f"| model | method | fit (s) | {score} | share / chance, training "
          "spectra | peak, training spectra (nm) | share / chance, test spectra |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, (model, methods) in models.items():
        start = time.perf_counter()
        model.fit(X[train], y[train])
        seconds = time.perf_counter() - start
        errors = model.predict(X[test]) - y[test]
        scored = np.mean(errors == 0) if classify else np.sqrt(np.mean(errors**2))
        default = default_method(model)
        asked = [default if m == "default" else m for m in methods]
        for method in dict.fromkeys(asked):  # once each, in order
            _, train_ratio, peak = band_share(model.explain(X[train], method=method), inside)
            _, test_ratio, _ = band_share(model.explain(X[test], method=method), inside)
            label = f"{method} *" if method == default else method
            print(f"| {name} | {label} | {seconds:.1f} | {scored:.3f} | {train_ratio:.2f} | "
                  f"{peak:.0f} | {test_ratio:.2f} |", flush=True)
    print("\n* = the model's default method (as installed).")


if __name__ == "__main__":
    main()
