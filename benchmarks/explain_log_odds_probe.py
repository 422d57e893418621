"""Is the Monte-Carlo instability of GAP-CNN's Meat maps the saturated softmax? (issue 13)

On Meat the deep classifiers fit the training spectra with probabilities of 0.9997
(median; 1 - p from 3e-5 to 0.1 over the 120 spectra, GAP-CNN, one split), so occlusion's
drop of the class *probability* is tiny for most spectra and large for the few near the
decision boundary, and the class-mean map is dominated by whichever spectra are marginal
on that split. The drop of the class's *log-odds*, ``z_c - logsumexp_{j != c} z_j``, does
not saturate and weighs every spectrum alike. Within one spectrum the two scores rank the
windows identically (the log-odds is monotone in p), so the per-spectrum measures of
``explain.py`` (pointing game, ROAD, deletion) do not change; only the averages can.

For ``StratifiedShuffleSplit(n_splits, test_size=0.3, random_state=0)`` of Meat (the
splits of :func:`skspectra.explain.explanation_stability` and ``mccv.py``), the model at
its defaults with ``random_state=split``; per class, the mean map of that class's spectra
for that class, scaled to a largest absolute value of 1; Pearson r over pairs of splits.
Rows: ``occ`` = occlusion (straight-line baseline, window 5), ``gco`` =
``grad_cam_occlusion``; ``-proba`` on the probability (the package's), ``-logodds`` on
the log-odds.

    python benchmarks/explain_log_odds_probe.py gap-cnn 5      # about 9 minutes, 2 cores
"""

import sys
import time

import numpy as np
import torch
from joblib import Parallel, delayed
from sklearn.model_selection import StratifiedShuffleSplit

from skspectra.datasets import load_meat
from skspectra.explain import occlusion
from skspectra.explain._grad_cam import grad_cam
from skspectra.explain._stability import _pairwise_agreement
from skspectra.explain._torch_utils import eval_mode, network_softmax, tensor
from skspectra.models import GAPCNNClassifier, PACEClassifier, ResNet1DClassifier

MODELS = {"gap-cnn": GAPCNNClassifier, "resnet1d": ResNet1DClassifier, "pace": PACEClassifier}


def log_odds(module):
    """Scores (n, n_classes): each class's log-odds from the network's logits."""
    def scores(X):
        with eval_mode(module), torch.no_grad():
            z = module(tensor(module, np.asarray(X, dtype=np.float32))).double()
        out = torch.empty_like(z)
        for c in range(z.shape[1]):
            others = torch.cat([z[:, :c], z[:, c + 1:]], 1)
            out[:, c] = z[:, c] - torch.logsumexp(others, 1)
        return out.cpu().numpy()
    return scores


def fit_with_gates(name, split, train, X, y):
    """Fit on one split (one torch thread): the network, and per class ``(index, spectra,
    Grad-CAM gate)`` -- that class's spectra and their Grad-CAM maps scaled to a peak of 1."""
    torch.set_num_threads(1)
    clf = MODELS[name](random_state=split).fit(X[train], y[train])
    module = clf.module_
    rows = []
    for index, label in enumerate(clf.classes_):
        Xc = X[y == label]
        gate = grad_cam(module, Xc, index)
        rows.append((index, Xc, gate / np.maximum(gate.max(1, keepdims=True), 1e-30)))
    return module, rows


def one(name, split, train, X, y):
    """Fit on one split; the scaled class-mean maps of every (method, score)."""
    module, rows = fit_with_gates(name, split, train, X, y)
    out = {}
    for index, Xc, gate in rows:
        for score, function in (("proba", network_softmax(module)), ("logodds", log_odds(module))):
            occ = occlusion(function, Xc, index, window=5, baseline="interp")
            for method, maps in (("occ", occ), ("gco", occ * gate)):
                mean_map = maps.mean(0)
                out.setdefault(f"{method}-{score}", []).append(mean_map / np.abs(mean_map).max())
    return out


def main() -> None:
    name, n_splits = sys.argv[1], int(sys.argv[2])
    meat = load_meat()
    X, y = meat.data, meat.target
    splits = list(StratifiedShuffleSplit(n_splits, test_size=0.3, random_state=0).split(X, y))
    start = time.time()
    results = Parallel(n_jobs=2)(delayed(one)(name, s, train, X, y)
                                 for s, (train, _) in enumerate(splits))
    print(name, "seconds", round(time.time() - start))
    for key in results[0]:
        maps = np.array([r[key] for r in results])  # splits, classes, features
        stats = [_pairwise_agreement(maps[:, c], 20) for c in range(maps.shape[1])]
        print(key, "r per class", [round(s[0], 3) for s in stats],
              "mean", round(np.mean([s[0] for s in stats]), 3),
              "min", [round(s[1], 3) for s in stats], "top20", [round(s[2], 2) for s in stats])


if __name__ == "__main__":
    main()
