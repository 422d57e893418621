"""Figures written by the command line (matplotlib's Agg backend, no display needed)."""

from __future__ import annotations

from typing import Any

import numpy as np

from skspectra.cli.errors import CLIError

PLOT_HINT = "matplotlib is not installed: pip install 'skspectra[plot]'"


def pyplot() -> Any:
    """matplotlib.pyplot on the Agg backend, or None when matplotlib is not installed."""
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save_figure(fig: Any, path: str) -> None:
    """Save and close ``fig``; an unwritable path or unknown format is a CLIError."""
    plt = pyplot()
    try:
        fig.savefig(path, dpi=120, bbox_inches="tight")
    except (OSError, ValueError) as exc:
        raise CLIError(f"{path}: cannot write the figure: {exc}") from None
    finally:
        plt.close(fig)


def score_boxplot(result: Any, path: str, title: str) -> None:
    """Box plot of the main score per model (one point per split over each box).

    ``title`` may hold ``{score}``, replaced by the score's name (accuracy, RMSEP, ...).
    """
    from skspectra.model_selection._scores import SCORES

    plt = pyplot()
    names = result.model_names
    label = SCORES[result.scoring[0]].label
    fig, ax = plt.subplots(figsize=(1.6 * len(names) + 2.5, 4))
    values = [result.scores(name) for name in names]
    ax.boxplot(values, showmeans=True)
    ax.set_xticks(range(1, len(names) + 1), names)
    for position, scores in enumerate(values, start=1):
        offsets = np.linspace(-0.08, 0.08, len(scores)) if len(scores) > 1 else [0.0]
        ax.scatter(position + np.asarray(offsets), scores, s=10, color="tab:gray", alpha=0.7,
                   zorder=3)
    ax.set_ylabel(f"test {label}")
    ax.set_title(title.format(score=label), fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    save_figure(fig, path)


def predicted_vs_measured(y_true: np.ndarray, predicted: dict[str, np.ndarray], path: str,
                          title: str) -> None:
    """Held-out predictions against the measured values, one panel per model."""
    from skspectra.plotting import plot_predicted_vs_measured

    fig = plot_predicted_vs_measured(y_true, predicted)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    save_figure(fig, path)


def class_explanation(X: np.ndarray, relevance: np.ndarray, groups: np.ndarray,
                      x_axis: np.ndarray | None, path: str, title: str,
                      group_label: str = "class") -> None:
    """Per class: the mean spectrum and the mean explanation (skspectra.plotting)."""
    from skspectra.plotting import plot_class_attribution

    fig = plot_class_attribution(X, relevance, groups, x_axis=x_axis, group_label=group_label)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    save_figure(fig, path)
