"""Benchmark the explanation methods on synthetic spectra whose informative bands are known.

1. Quality and speed, for each model x method, on ``make_spectra`` test spectra (3
   classes, 500 points; ``mask`` marks the informative bands, about 8 % of the points):
   - localisation: share of the absolute relevance inside the mask (relevance mass;
     a random map scores about the mask fraction) and pointing game;
   - deletion AUC (remove the points with the largest attribution first, i.e. the
     evidence for the class, replaced by the training mean spectrum; area under the
     predicted-class probability, lower is better) against the same for random
     attributions;
   - ROAD, most relevant first (``road_auc(order="morf")``: removed points imputed from
     their neighbours, lower is better), against the same for random attributions;
   - time per 1,000 spectra.
2. Batched against naive, as the signal_screen reference does it:
   - occlusion: naive = one forward pass of the trained network per position per
     spectrum; batched = ``model.explain(X, method="occlusion")`` (one forward pass
     per 1,024 perturbed spectra);
   - Grad-CAM: naive = one forward + backward pass per spectrum (``batch_size=1``);
     batched = 256 spectra per pass. Both give the same maps (checked).

Run ``python benchmarks/explain.py`` (``--quick`` for a tiny smoke run). ``--defaults``
trains every deep model at its package defaults (issue 13's protocol) instead of the small,
50-epoch networks of the first runs; ``--models PACE,GAP-CNN`` restricts the models.
``--sanity`` adds the randomisation checks (model, cascading, label) of each deep model's
default method. ``--methods occlusion,occlusion:interp`` restricts both tables to the named
methods (``NAME:BASELINE`` is occlusion with that ``baseline``, ``NAME@LAYER`` a method of
the Grad-CAM family at that feature layer, e.g. ``grad_cam@embed`` for PACE's patch
embedding, ``NAME~UPSAMPLING`` CAM or the Grad-CAM family with that ``upsampling``, e.g.
``cam~patch``, ``NAME#WINDOW`` occlusion or grad_cam_occlusion with that ``window``, ``#5+11+21``
multi-scale), and
the sanity checks then run for each of them instead of the default only.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import torch
from _machine import print_header
from sklearn.model_selection import train_test_split

from skspectra.datasets import make_spectra
from skspectra.explain import (
    cascading_randomisation_check,
    default_method,
    deletion_auc,
    grad_cam,
    label_randomisation_check,
    localisation,
    model_randomisation_check,
    road_auc,
    supported_methods,
)
from skspectra.models import (
    GAPCNNClassifier,
    PACEClassifier,
    PLSLDAClassifier,
    ResNet1DClassifier,
)

METHOD_OPTIONS = {
    "occlusion": {"window": 9},
    "lime": {"n_segments": 25, "n_perturbations": 300, "random_state": 0},
    "smoothgrad": {"n_samples": 25, "random_state": 0},
    "integrated_gradients": {"n_steps": 32},
}


def models(quick: bool, defaults: bool = False) -> dict:
    epochs = 3 if quick else 50
    common = {"max_epochs": epochs, "random_state": 0, "device": "cpu"}
    if defaults:
        common = {"random_state": 0, "device": "cpu", **({"max_epochs": 3} if quick else {})}
        return {"PLS-LDA": PLSLDAClassifier(n_components=5),
                "GAP-CNN": GAPCNNClassifier(**common),
                "ResNet1D": ResNet1DClassifier(**common),
                "PACE": PACEClassifier(**common)}
    return {
        "PLS-LDA": PLSLDAClassifier(n_components=5),
        "GAP-CNN": GAPCNNClassifier(**common),
        "ResNet1D (gap)": ResNet1DClassifier(hidden_channels=24, stem_channels=24, n_stages=4,
                                             blocks_per_stage=1, **common),
        "PACE": PACEClassifier(dim=64, depth=2, **common),
    }


def parse_methods(text: str | None) -> list[tuple[str, str, dict]] | None:
    """``"occlusion:interp,grad_cam@embed~patch"`` -> [(label, method, options), ...].

    ``None``: all methods. ``NAME:BASELINE`` sets occlusion's ``baseline``, ``NAME@LAYER``
    the ``layer`` of the Grad-CAM family (a name of the network's ``feature_layers()``),
    ``NAME~UPSAMPLING`` the ``upsampling`` of CAM and the Grad-CAM family, a final
    ``#WINDOW`` the ``window`` of occlusion and ``grad_cam_occlusion``.
    """
    if not text:
        return None
    chosen = []
    for item in text.split(","):
        rest, _, window = item.strip().partition("#")
        rest, _, upsampling = rest.partition("~")
        rest, _, layer = rest.partition("@")
        method, _, baseline = rest.partition(":")
        options = {"baseline": baseline} if baseline else {}
        if layer:
            options["layer"] = layer
        if upsampling:
            options["upsampling"] = upsampling
        if window:  # "21", or "5+11+21" for multi-scale occlusion
            widths = tuple(int(w) for w in window.split("+"))
            options["window"] = widths[0] if len(widths) == 1 else widths
        chosen.append((item.strip(), method, options))
    return chosen


def method_variants(model, chosen, options: dict) -> list[tuple[str, str, dict]]:
    """The (label, method, options) rows of one model: ``chosen`` or every supported method."""
    supported = supported_methods(model)
    if chosen is None:
        return [(m, m, options.get(m, {})) for m in supported]
    return [(label, m, {**options.get(m, {}), **extra})
            for label, m, extra in chosen if m in supported]


def timed(func):
    start = time.perf_counter()
    out = func()
    return out, time.perf_counter() - start


def quality_table(fitted: dict, X_test, mask, baseline, n_explain: int,
                  package_defaults: bool = False, chosen_methods=None) -> None:
    """Every (model, method) pair's localisation, deletion and ROAD; ``*``: the default."""
    print("## Explanation quality and speed (make_spectra, 3 classes, 500 points)\n")
    print(f"Mask fraction (random-map localisation): {mask.mean():.3f}; "
          f"{n_explain} test spectra explained per model and method.\n")
    print("| model | method | localisation (mass) | mass / random | pointing game | "
          "deletion AUC | deletion AUC, random map | ROAD MoRF | ROAD MoRF, random map | "
          "s per 1,000 spectra |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    options = dict(METHOD_OPTIONS)
    if package_defaults:  # what ``model.explain(X, method=m)`` does: occlusion's own window
        options.pop("occlusion")
    X = X_test[:n_explain]
    rng = np.random.default_rng(0)
    for name, model in fitted.items():
        targets = np.searchsorted(model.classes_, model.predict(X))
        random_maps = rng.normal(size=X.shape)
        random_auc = deletion_auc(model.predict_proba, X, random_maps, targets,
                                  baseline=baseline).mean()
        random_road = road_auc(model.predict_proba, X, random_maps, targets,
                               random_state=0).mean()
        default = default_method(model)
        for label, method, method_options in method_variants(model, chosen_methods, options):
            maps, seconds = timed(lambda m=method, est=model, o=method_options: est.explain(
                X, method=m, **o))
            mass = np.nanmean(localisation(maps, mask))
            pointing = np.nanmean(localisation(maps, mask, metric="pointing_game"))
            auc = deletion_auc(model.predict_proba, X, maps, targets, baseline=baseline).mean()
            road = road_auc(model.predict_proba, X, maps, targets, random_state=0).mean()
            if label == default:
                label += " *"
            print(f"| {name} | {label} | {mass:.3f} | {mass / mask.mean():.2f} | "
                  f"{pointing:.2f} | {auc:.3f} | {random_auc:.3f} | {road:.3f} | "
                  f"{random_road:.3f} | {1000 * seconds / len(X):.2f} |", flush=True)
    print()


SANITY_PASS = 0.5  # mean Spearman below this passes (our threshold; Adebayo et al. give none)


def sanity_table(fitted: dict, chosen: dict, X_train, y_train, X_test, n_explain: int,
                 n_label_train: int, chosen_methods=None, cascading: bool = True) -> None:
    """The randomisation checks of Adebayo et al. (2018) for each deep model's default method.

    With ``chosen_methods`` (see :func:`parse_methods`): for each of those methods instead.

    Model randomisation (all weights re-initialised), cascading randomisation (head down;
    the largest mean correlation over the steps), and label randomisation (two fresh fits
    on ``n_label_train`` training spectra, true and permuted labels). Mean Spearman rank
    correlation of absolute maps over ``n_explain`` test spectra. ``cascading=False`` skips
    the cascade (its columns print ``nan``; "passes" then covers the two other checks).
    """
    print("## Sanity checks of each deep model's default method (Adebayo et al. 2018)\n")
    print(f"Mean Spearman correlation of the absolute maps of {n_explain} test spectra; "
          f"passes below {SANITY_PASS}. Label randomisation retrains the model at its "
          f"defaults on {n_label_train} training spectra, true vs permuted labels.\n")
    print("| model | method | model randomisation | cascading, head only | cascading, "
          "largest over steps (steps) | label randomisation | passes | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    X = X_test[:n_explain]
    for name, model in fitted.items():
        if not hasattr(model, "module_"):
            continue
        rows = [(default_method(model), default_method(model), {})] \
            if chosen_methods is None else method_variants(model, chosen_methods, {})
        for label, method, opts in rows:
            start = time.perf_counter()
            rho_model = np.nanmean(model_randomisation_check(model, X, method=method, **opts))
            steps = np.array([np.nan])
            if cascading:
                _, rho_cascade = cascading_randomisation_check(model, X, method=method, **opts)
                steps = np.nanmean(rho_cascade, axis=1)
            rho_label = np.nanmean(label_randomisation_check(
                chosen[name], X_train[:n_label_train], y_train[:n_label_train], X,
                method=method, **opts))
            passes = max(rho_model, np.nanmax(steps) if cascading else 0.0,
                         rho_label) < SANITY_PASS
            print(f"| {name} | {label} | {rho_model:.3f} | {steps[0]:.3f} | "
                  f"{steps.max():.3f} ({len(steps)}) | {rho_label:.3f} | "
                  f"{'yes' if passes else 'no'} | {time.perf_counter() - start:.0f} |",
                  flush=True)
    print()


def naive_occlusion(module, X, targets, window):
    """One forward pass per position per spectrum (the signal_screen reference's loop)."""
    n_features = X.shape[1]
    out = np.empty_like(X)
    with torch.no_grad():
        for i, (x, c) in enumerate(zip(X, targets, strict=True)):
            ref = torch.softmax(module(torch.as_tensor(x[None], dtype=torch.float32)), 1)[0, c]
            for pos in range(n_features):
                z = x.copy()
                z[max(0, pos - window // 2): pos - window // 2 + window] = 0.0
                p = torch.softmax(module(torch.as_tensor(z[None], dtype=torch.float32)), 1)
                out[i, pos] = float(ref - p[0, c])
    return out


def speed_table(model, X, n_occlusion: int, n_gradcam: int) -> None:
    print(f"## Batched vs naive (GAP-CNN, {X.shape[1]} points)\n")
    print("| method | spectra | naive (s) | batched (s) | speed ratio | same maps |")
    print("|---|---|---|---|---|---|")
    module = model.module_
    Xo = X[:n_occlusion]
    targets = np.searchsorted(model.classes_, model.predict(Xo))
    naive, t_naive = timed(lambda: naive_occlusion(module, Xo, targets, 9))
    batched, t_batched = timed(lambda: model.explain(
        Xo, method="occlusion", target=model.classes_[targets], window=9))
    same = np.allclose(naive, batched, atol=1e-5)
    print(f"| occlusion (window 9, stride 1) | {n_occlusion} | {t_naive:.2f} | {t_batched:.2f} "
          f"| {t_naive / t_batched:.1f}x | {same} |")
    Xg = X[:n_gradcam]
    targets = np.searchsorted(model.classes_, model.predict(Xg))
    naive, t_naive = timed(lambda: grad_cam(module, Xg, targets, batch_size=1))
    batched, t_batched = timed(lambda: grad_cam(module, Xg, targets, batch_size=256))
    same = np.allclose(naive, batched, rtol=1e-4, atol=1e-6)
    print(f"| Grad-CAM (last conv layer) | {n_gradcam} | {t_naive:.2f} | {t_batched:.2f} | "
          f"{t_naive / t_batched:.1f}x | {same} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--defaults", action="store_true",
                        help="deep models at their package defaults")
    parser.add_argument("--models", default=None,
                        help="comma-separated model names (default: all)")
    parser.add_argument("--no-speed", action="store_true", help="skip the batched/naive table")
    parser.add_argument("--sanity", action="store_true",
                        help="also run the randomisation checks of each deep model's default "
                             "method (retrains each deep model twice)")
    parser.add_argument("--no-cascading", action="store_true",
                        help="with --sanity: skip the cascading check (one explanation per "
                             "layer step; the longest of the three)")
    parser.add_argument("--methods", default=None,
                        help="comma-separated methods of both tables, NAME, "
                             "occlusion:BASELINE, NAME@LAYER (the Grad-CAM family's layer) "
                             "or NAME~UPSAMPLING (default: every supported method)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                        help="torch threads (default: every core)")
    args = parser.parse_args()
    chosen_methods = parse_methods(args.methods)
    torch.set_num_threads(args.threads)
    print_header("Explanations: quality and speed", "cpu")
    print("* = the model's default method (``model.explain(X)``)"
          + ("; every method at its package options except the cost options of LIME, "
             "SmoothGrad and integrated gradients" if args.defaults else "") + "\n")
    n = 120 if args.quick else 600
    X, y, mask = make_spectra(n_samples=n, n_features=500, n_classes=3, class_sep=2.0,
                              random_state=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify=y,
                                                        random_state=0)
    fitted = {}
    print("| model | fit (s) | test accuracy |")
    print("|---|---|---|")
    chosen = models(args.quick, args.defaults)
    if args.models:
        chosen = {k: v for k, v in chosen.items() if k in args.models.split(",")}
    for name, model in chosen.items():
        _, seconds = timed(lambda m=model: m.fit(X_train, y_train))
        print(f"| {name} | {seconds:.1f} | {model.score(X_test, y_test):.3f} |", flush=True)
        fitted[name] = model
    print()
    baseline = X_train.mean(axis=0)
    quality_table(fitted, X_test, mask, baseline, n_explain=10 if args.quick else 100,
                  package_defaults=args.defaults, chosen_methods=chosen_methods)
    if args.sanity:
        from sklearn.base import clone

        sanity_table(fitted, {k: clone(v) for k, v in chosen.items()}, X_train, y_train,
                     X_test, n_explain=4 if args.quick else 10,
                     n_label_train=30 if args.quick else 90, chosen_methods=chosen_methods,
                     cascading=not args.no_cascading)
    if args.no_speed or "GAP-CNN" not in fitted:
        return
    speed_table(fitted["GAP-CNN"], X_test, n_occlusion=2 if args.quick else 10,
                n_gradcam=20 if args.quick else 300)


if __name__ == "__main__":
    main()
