"""``skspectra info``: print a saved model's card."""

from __future__ import annotations

import argparse
import json
from typing import Any

from skspectra.cli.saved_model import load_model


def card_lines(card: dict[str, Any], model: str | None, target: str) -> list[str]:
    """The card as ``name: value`` lines for a terminal."""
    lines = [f"model: {model or 'unknown'}", f"target column: {target}"]
    if not card:
        return [*lines, "card: none (a file written by joblib.dump, or before skspectra "
                        "wrote model cards)"]
    lines.append(f"task: {card.get('task')}")
    if card.get("classes") is not None:
        lines.append(f"classes: {', '.join(card['classes'])}")
    axis = card.get("x_axis") or []
    if axis:
        lines.append(f"x-axis: {len(axis)} columns, {axis[0]} ... {axis[-1]}")
    shape = card.get("training_shape")
    if shape:
        lines.append(f"training data: {shape[0]} spectra x {shape[1]} points")
    versions = card.get("versions") or {}
    lines.append("fitted with: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    scores = card.get("cv_scores")
    if scores:
        mean = sum(scores) / len(scores)
        std = (sum((s - mean) ** 2 for s in scores) / len(scores)) ** 0.5
        lines.append(f"cross-validated {card.get('cv_metric')}: {mean:.4f} +/- {std:.4f} "
                     f"({len(scores)} folds: {', '.join(f'{s:.4f}' for s in scores)})")
    else:
        lines.append("cross-validation: not run (skspectra fit --cv K)")
    return lines


def cmd_info(args: argparse.Namespace) -> int:
    """Print the model card of a saved model (``--json``: as JSON)."""
    saved = load_model(args.model_file)
    if args.json:
        print(json.dumps({"model": saved.model, "target": saved.target, **saved.card},
                         indent=2))
    else:
        print("\n".join(card_lines(saved.card, saved.model, saved.target)))
    return 0
