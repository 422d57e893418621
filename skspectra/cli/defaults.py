"""Defaults of ``skspectra compare`` (quoted in its --help)."""

import textwrap

# With no options, compare must finish in a few minutes on 2 CPU cores (measurements
# in docs/cli.md).
DEFAULT_DATASET = "meat"
DEFAULT_MODELS = "pls-lda,pace"
DEFAULT_REGRESSION_MODELS = "pls,pace"  # with a numeric target
DEFAULT_N_SPLITS = 10
DEFAULT_TEST_SIZE = 0.3
DEFAULT_N_JOBS = 2
DEFAULT_OUT = "skspectra-compare"

_DEFAULT_RUN = textwrap.fill(
    f"With no options: {DEFAULT_MODELS.replace(',', ' and ')} on the bundled "
    f"{DEFAULT_DATASET} set, {DEFAULT_N_SPLITS} Monte-Carlo splits (test size "
    f"{DEFAULT_TEST_SIZE}), the deep models at their own defaults, {DEFAULT_N_JOBS} "
    "fits at once: a few minutes on 2 CPU cores. gap-cnn and resnet1d cost about "
    "twice as much as pace per fit.",
    width=84,
)

COMPARE_DESCRIPTION = f"""\
Compare models by Monte-Carlo cross-validation (the GAP-CNN paper's protocol): each
model is fitted on the training part of every random stratified split and scored on
its test part. Prints a table of mean and std accuracy and fit time per model and a
paired comparison with the first model (one progress line per finished fit on
stderr) and writes to --out:
  scores.csv              every (model, split): accuracy, balanced accuracy, fit and
                          predict time, sizes
  summary.csv             the table
  paired.csv              every model against the first on the same splits: mean
                          difference, its 95 % interval and p (corrected resampled
                          t-test), splits better/tied/worse
  accuracy_boxplot.png    accuracy per model over the splits
  explanation_MODEL.png   per deep model: the mean spectrum and mean explanation of
                          each class over the held-out spectra of all splits

With a numeric target (--task, auto by default: Tecator, or a CSV target of numbers that
are not all whole) the models are regressors (pls: PLS regression, and the deep names),
the splits are not stratified, the scores are RMSEP and R^2, the box plot is
rmsep_boxplot.png, and predicted_vs_measured.png shows the held-out predictions.

{_DEFAULT_RUN}

Examples:
  skspectra compare
  skspectra compare --dataset coffee --models pls-lda,gap-cnn,pace --n-splits 20
  skspectra compare --dataset my_spectra.csv --target class --preprocess savgol,snv
  skspectra compare --split published --models pace --param pace:patch_size=8
  skspectra compare --dataset tecator --models pls,gap-cnn,resnet1d,pace"""
