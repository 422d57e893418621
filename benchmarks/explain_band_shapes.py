"""Explanations against known bands of several shapes and difficulties (issue 13 item 5).

The spectra come from ``_band_scenarios.py``, a generator written apart from the package's
``make_spectra``: Gaussian and Lorentzian bands, narrow and broad ones, bands that shift from
spectrum to spectrum, bands on the shoulder of a larger nuisance band, and sloped and curved
baselines (one change per scenario; 3 classes, 400 points, 240 spectra, half for training).
Every model is fitted at its package defaults (seed 0) and explains 60 test spectra with
each of its methods. Per (scenario, model, method):

- relevance mass inside the true bands over a random map's (``mass / random``; issue 13's
  target is >= 2) and the pointing game (target >= 0.8 for the default method);
- ROAD, most relevant first (``road_auc``, lower = more faithful), beside a random map's.

A last part does the same for the regressors on one analyte band under an overlapping
interferent (the target is the analyte's band height), with the 1D Grad-CAM paper's
"linearity" where the network has a GAP head.

    python benchmarks/explain_band_shapes.py                  # ~1 hour on 2 CPU cores
    python benchmarks/explain_band_shapes.py --quick          # 2 epochs, 2 scenarios: a smoke run
    python benchmarks/explain_band_shapes.py --scenarios gaussian,shifted --no-regression
    python benchmarks/explain_band_shapes.py --models PACE --methods grad_cam_1d,grad_cam_1d@embed \
        --no-regression                    # chosen classifiers and methods (explain.py's syntax)
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import torch
from _band_scenarios import SCENARIOS, make_classification_set, make_regression_set
from _machine import print_header
from explain import method_variants, parse_methods
from joblib import Parallel, delayed
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split

from skspectra.explain import (
    contribution_linearity,
    default_method,
    localisation,
    road_auc,
    supported_methods,
)
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

METHODS = ("coef", "vip", "occlusion", "grad_cam_occlusion", "cam", "grad_cam", "grad_cam_1d",
           "integrated_gradients", "saliency")
OPTIONS = {"integrated_gradients": {"n_steps": 32}}
N_SAMPLES, N_EXPLAIN = 240, 60


def classifiers(quick: bool) -> dict:
    deep = {"random_state": 0, "device": "cpu", **({"max_epochs": 2} if quick else {})}
    return {"PLS-LDA-CV": PLSLDAClassifierCV(), "GAP-CNN": GAPCNNClassifier(**deep),
            "ResNet1D": ResNet1DClassifier(**deep), "PACE": PACEClassifier(**deep)}


def regressors(quick: bool) -> dict:
    deep = {"random_state": 0, "device": "cpu", **({"max_epochs": 2} if quick else {})}
    return {"PLSRegressorCV": PLSRegressorCV(), "GAP-CNN": GAPCNNRegressor(**deep),
            "ResNet1D": ResNet1DRegressor(**deep), "PACE": PACERegressor(**deep)}


def methods_of(model) -> list[str]:
    supported = supported_methods(model)
    return [m for m in METHODS if m in supported]


def variants_of(model, chosen) -> list[tuple[str, str, dict]]:
    """(label, method, options) rows: :data:`METHODS`, or ``chosen`` (``parse_methods``)."""
    if chosen is None:
        return [(m, m, OPTIONS.get(m, {})) for m in methods_of(model)]
    return method_variants(model, chosen, OPTIONS)


def mean_mass(maps, mask) -> float:
    return float(np.nanmean(localisation(maps, mask)))


def pointing(maps, mask) -> float:
    return float(np.nanmean(localisation(maps, mask, metric="pointing_game")))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_scenario(scenario, quick: bool, threads: int, names=None, chosen=None) -> dict:
    """Fit every classifier (or those in ``names``) on one scenario and score its methods."""
    torch.set_num_threads(threads)
    n = 60 if quick else N_SAMPLES
    X, y, mask = make_classification_set(scenario, n, random_state=0)
    train, test = train_test_split(np.arange(n), test_size=0.5, stratify=y, random_state=0)
    explain = test[: 6 if quick else N_EXPLAIN]
    Xe, me = X[explain], mask[explain]
    random_maps = np.random.default_rng(0).normal(size=Xe.shape)
    random_mass = mean_mass(random_maps, me)
    fits, rows = [], []
    for name, model in classifiers(quick).items():
        if names is not None and name not in names:
            continue
        start = time.perf_counter()
        model.fit(X[train], y[train])
        seconds = time.perf_counter() - start
        fits.append((scenario.name, name, seconds, model.score(X[test], y[test]),
                     float(mask[test].mean())))
        targets = np.searchsorted(model.classes_, model.predict(Xe))
        random_road = road_auc(model.predict_proba, Xe, random_maps, targets,
                               random_state=0).mean()
        default = default_method(model)
        for label, method, options in variants_of(model, chosen):
            maps = model.explain(Xe, method=method, **options)
            road = road_auc(model.predict_proba, Xe, maps, targets, random_state=0).mean()
            rows.append((scenario.name, name, label, label == default,
                         mean_mass(maps, me) / random_mass, pointing(maps, me), road,
                         random_road))
        log(f"{scenario.name}: {name} done ({seconds:.0f} s fit)")
    return {"fits": fits, "rows": rows}


def run_regression(quick: bool, threads: int) -> list[tuple]:
    """Fit every regressor on the one-analyte set and score each of its methods."""
    torch.set_num_threads(threads)
    n = 60 if quick else N_SAMPLES
    X, concentration, mask = make_regression_set(n, random_state=0)
    half = n // 2
    Xe, ce = X[half: half + (6 if quick else N_EXPLAIN)], concentration[half:]
    ce = ce[: len(Xe)]
    random_maps = np.random.default_rng(0).normal(size=Xe.shape)
    random_mass = mean_mass(random_maps, mask)
    rows = []
    for name, model in regressors(quick).items():
        start = time.perf_counter()
        model.fit(X[:half], concentration[:half])
        seconds = time.perf_counter() - start
        r2 = r2_score(concentration[half:], model.predict(X[half:]))
        try:
            linearity = contribution_linearity(model, Xe, ce, mask)
        except (TypeError, ValueError):  # no GAP head (PACE) or not a network (PLS)
            linearity = float("nan")
        default = default_method(model)
        for method in methods_of(model):
            maps = model.explain(Xe, method=method, **OPTIONS.get(method, {}))
            rows.append((name, seconds, r2, method, method == default,
                         mean_mass(maps, mask) / random_mass, pointing(maps, mask),
                         linearity))
        log(f"regression: {name} done ({seconds:.0f} s fit)")
    return rows


def print_classification(results: list[dict]) -> None:
    print("## Fits (classification; 120 training spectra, 120 test spectra)\n")
    print("| scenario | model | fit (s) | test accuracy | mask fraction |")
    print("|---|---|---:|---:|---:|")
    for result in results:
        for scenario, name, seconds, accuracy, fraction in result["fits"]:
            print(f"| {scenario} | {name} | {seconds:.0f} | {accuracy:.3f} | {fraction:.3f} |")
    print("\n## Every (scenario, model, method); * = the model's default method\n")
    print("| scenario | model | method | mass / random | pointing game | ROAD MoRF | "
          "ROAD MoRF, random map |")
    print("|---|---|---|---:|---:|---:|---:|")
    rows = [row for result in results for row in result["rows"]]
    for scenario, name, method, is_default, mass, point, road, random_road in rows:
        label = f"{method} *" if is_default else method
        print(f"| {scenario} | {name} | {label} | {mass:.2f} | {point:.2f} | {road:.3f} | "
              f"{random_road:.3f} |")
    print(f"\n## Summary over the {len(results)} scenarios\n")
    print("| model | method | mean mass / random | scenarios with mass >= 2x random | "
          "mean pointing game | scenarios with pointing >= 0.8 | scenarios where ROAD "
          "falls faster than random |")
    print("|---|---|---:|---:|---:|---:|---:|")
    pairs = dict.fromkeys((name, method, is_default) for _, name, method, is_default, *_ in rows)
    for name, method, is_default in pairs:
        mine = [r for r in rows if r[1] == name and r[2] == method]
        masses = np.array([r[4] for r in mine])
        points = np.array([r[5] for r in mine])
        faster = sum(r[6] < r[7] for r in mine)
        label = f"{method} *" if is_default else method
        print(f"| {name} | {label} | {masses.mean():.2f} | {(masses >= 2).sum()}/{len(mine)} | "
              f"{points.mean():.2f} | {(points >= 0.8).sum()}/{len(mine)} | "
              f"{faster}/{len(mine)} |")
    print()


def print_regression(rows: list[tuple]) -> None:
    print("## Regression: one analyte under an overlapping interferent (120 + 120 spectra)\n")
    print("| model | fit (s) | test R^2 | method | mass / random | pointing game | "
          "linearity (R^2 of the summed contribution in the band) |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for name, seconds, r2, method, is_default, mass, point, linearity in rows:
        label = f"{method} *" if is_default else method
        print(f"| {name} | {seconds:.0f} | {r2:.3f} | {label} | {mass:.2f} | {point:.2f} | "
              f"{linearity:.3f} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 epochs, 60 spectra: a smoke run")
    parser.add_argument("--scenarios", default=None,
                        help="comma-separated scenario names (default: all)")
    parser.add_argument("--no-regression", action="store_true", help="skip the regressors")
    parser.add_argument("--models", default=None,
                        help="comma-separated classifiers (default: all): "
                             "PLS-LDA-CV, GAP-CNN, ResNet1D, PACE")
    parser.add_argument("--methods", default=None,
                        help="comma-separated classification methods, NAME, "
                             "occlusion:BASELINE, NAME@LAYER or NAME~UPSAMPLING (default: all)")
    parser.add_argument("--n-jobs", type=int, default=1,
                        help="scenarios run in parallel, each with cores / n_jobs threads")
    args = parser.parse_args()
    scenarios = SCENARIOS[:2] if args.quick and not args.scenarios else SCENARIOS
    if args.scenarios:
        wanted = [s.strip() for s in args.scenarios.split(",")]
        unknown = set(wanted) - {s.name for s in SCENARIOS}
        if unknown:
            parser.error(f"unknown scenarios {sorted(unknown)}; "
                         f"choose from {[s.name for s in SCENARIOS]}")
        scenarios = [s for s in SCENARIOS if s.name in wanted]
    threads = max(1, torch.get_num_threads() // args.n_jobs)
    print_header("Explanations against known bands of several shapes", "cpu")
    print(f"{len(scenarios)} scenarios; {args.n_jobs} at a time, {threads} torch thread(s) "
          "each.\n", flush=True)
    names = None
    if args.models:
        names = [m.strip() for m in args.models.split(",")]
        known = list(classifiers(quick=True))
        unknown = set(names) - set(known)
        if unknown:
            parser.error(f"unknown models {sorted(unknown)}; choose from {known}")
    chosen = parse_methods(args.methods)
    jobs = [delayed(run_scenario)(s, args.quick, threads, names, chosen) for s in scenarios]
    if not args.no_regression:
        jobs.append(delayed(run_regression)(args.quick, threads))
    results = Parallel(n_jobs=args.n_jobs)(jobs)
    print_classification(results[: len(scenarios)])
    if not args.no_regression:
        print_regression(results[-1])


if __name__ == "__main__":
    main()
