"""The ``skspectra`` console script.

Sub-commands
------------
``skspectra datasets``
    List the bundled datasets (name, kind, classes, split sizes, length).
``skspectra datasets NAME``
    Print the full description (source, citation, split) of one bundled dataset.

Errors in the user's input are reported as one line on stderr with exit code 2,
never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from skspectra import __version__


class CLIError(Exception):
    """A problem with the user's input: reported as one line, exit code 2."""


def _format_table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    """Render ``rows`` as a plain-text table with the given (key, header) columns."""
    cells = [[header for _, header in columns]]
    cells += [[str(row[key]) for key, _ in columns] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cmd_datasets(args: argparse.Namespace) -> int:
    from skspectra import datasets

    infos = datasets.list_datasets()
    if args.name is None:
        columns = [
            ("name", "name"),
            ("kind", "kind"),
            ("n_classes", "classes"),
            ("n_train", "train"),
            ("n_test", "test"),
            ("n_features", "points"),
            ("description", "description"),
        ]
        print(_format_table(infos, columns))
        print(f"\n{len(infos)} bundled datasets; `skspectra datasets NAME` for details.")
        return 0
    by_name = {info["name"]: info for info in infos}
    if args.name not in by_name:
        raise CLIError(f"unknown dataset {args.name!r}; bundled: {', '.join(sorted(by_name))}")
    loader = getattr(datasets, by_name[args.name]["loader"])
    print(loader().DESCR)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the ``skspectra`` command."""
    parser = argparse.ArgumentParser(
        prog="skspectra",
        description="Deep learning and chemometrics for spectra, the scikit-learn way.",
    )
    parser.add_argument("--version", action="version", version=f"skspectra {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_datasets = commands.add_parser(
        "datasets",
        help="list the bundled datasets, or describe one",
        description="List the bundled datasets, or print the description of one.",
    )
    p_datasets.add_argument("name", nargs="?", help="a dataset name from the list")
    p_datasets.set_defaults(func=_cmd_datasets)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``skspectra`` command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except CLIError as exc:
        print(f"skspectra {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
