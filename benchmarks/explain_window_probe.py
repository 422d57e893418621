"""Does a wider occlusion window steady the Meat maps of the deep defaults? (issue 13)

The default explanations of GAP-CNN (``grad_cam_occlusion``) and ResNet1D (``occlusion``)
occlude 5 points with a straight line (``baseline="interp"``). On Meat's 448 smooth points
5 points are a fraction of a band, so the probability drops are small and the class-mean
maps may follow noise from split to split. For each split of
``StratifiedShuffleSplit(n_splits, test_size=0.3, random_state=seed)`` of Meat the model at
its defaults (``random_state=split``) is fitted once and its default method is computed with
every window; per class, the mean map of that class's spectra for that class, scaled to a
largest absolute value of 1; Pearson r over pairs of splits (as
:func:`skspectra.explain.explanation_stability`). ``multi`` is the mean of the 5, 11 and
21-point maps (``window=(5, 11, 21)``).

    python benchmarks/explain_window_probe.py resnet1d 5 1   # model, splits, splitter seed
    python benchmarks/explain_window_probe.py resnet1d 5 0 5,11,21   # only these windows
    python benchmarks/explain_window_probe.py resnet1d 5 1 5,11,21 both
    python benchmarks/explain_window_probe.py gap-cnn 5 0 5,11 --dataset olive_oil

``both`` (ResNet1D; round T of benchmarks/RESULTS.md) adds the rows of
``grad_cam_occlusion`` (the same occlusion maps times the Grad-CAM gate of the last layer)
beside its default ``occlusion``, every row from the same fits.
"""

import argparse
import time

import numpy as np
from _machine import print_header
from explain_log_odds_probe import fit_with_gates
from joblib import Parallel, delayed
from sklearn.model_selection import StratifiedShuffleSplit

from skspectra import datasets
from skspectra.explain import occlusion
from skspectra.explain._stability import _pairwise_agreement
from skspectra.explain._torch_utils import network_softmax

WINDOWS = (5, 11, 21, 45)
MULTI = (5, 11, 21)
GATED = {"gap-cnn": True, "pace": True, "resnet1d": False}  # the default method
# the bundled classification sets (the registry's names; their loaders are load_<name>)
DATASETS = [d["name"] for d in datasets.list_datasets() if d["task"] == "classification"]


def one(name, split, train, X, y, windows=WINDOWS, both=False):
    """Fit on one split; the scaled class-mean map of every window (and method)."""
    module, rows = fit_with_gates(name, split, train, X, y)
    out = {}
    for index, Xc, gate in rows:
        gates = {"": gate if GATED[name] else np.ones_like(Xc)}
        if both and not GATED[name]:
            gates["grad_cam_occlusion, "] = gate
        maps = {w: occlusion(network_softmax(module), Xc, index, window=w, baseline="interp")
                for w in windows}
        if all(w in maps for w in MULTI):
            maps["multi"] = np.mean([maps[w] for w in MULTI], axis=0)
        for prefix, weights in gates.items():
            for key, occ in maps.items():
                mean_map = (occ * weights).mean(0)
                out.setdefault(f"{prefix}window {key}", []).append(
                    mean_map / np.abs(mean_map).max())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", choices=sorted(GATED))
    parser.add_argument("n_splits", type=int)
    parser.add_argument("seed", type=int, help="the splitter's random_state")
    parser.add_argument("windows", nargs="?", default=",".join(map(str, WINDOWS)),
                        help='e.g. "5,11,21" (only the windows the multi-scale map needs)')
    parser.add_argument("both", nargs="?", choices=["both"],
                        help="ResNet1D: grad_cam_occlusion's rows beside occlusion's")
    parser.add_argument("--dataset", default="meat", choices=DATASETS,
                        help="a bundled set other than Meat, never used to choose a window")
    args = parser.parse_args()
    windows = tuple(int(w) for w in args.windows.split(","))
    name, n_splits, seed = args.model, args.n_splits, args.seed
    print_header(f"Occlusion window and Monte-Carlo stability on {args.dataset}", "cpu")
    bunch = getattr(datasets, f"load_{args.dataset}")()
    X, y = bunch.data, bunch.target
    splits = list(StratifiedShuffleSplit(n_splits, test_size=0.3, random_state=seed).split(X, y))
    start = time.time()
    results = Parallel(n_jobs=2)(delayed(one)(name, s, train, X, y, windows,
                                                 args.both == "both")
                                 for s, (train, _) in enumerate(splits))
    method = "grad_cam_occlusion" if GATED[name] else "occlusion"
    print(f"{name} ({method}), {n_splits} splits, splitter seed {seed}: "
          f"{round(time.time() - start)} s\n")
    classes = " / ".join(str(c) for c in range(1, len(np.unique(y)) + 1))
    print(f"| window | r, class {classes} | mean | min pairwise r |")
    print("|---|---|---:|---|")
    for key in results[0]:
        maps = np.array([r[key] for r in results])  # splits, classes, features
        stats = [_pairwise_agreement(maps[:, c], 20) for c in range(maps.shape[1])]
        print(f"| {key} | {' / '.join(f'{s[0]:.3f}' for s in stats)} | "
              f"{np.mean([s[0] for s in stats]):.3f} | "
              f"{' / '.join(f'{s[1]:.3f}' for s in stats)} |")


if __name__ == "__main__":
    main()
