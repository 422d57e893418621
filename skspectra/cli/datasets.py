"""``skspectra datasets [NAME]``: list the bundled datasets, or describe one."""

from __future__ import annotations

import argparse

from skspectra.cli.errors import CLIError


def _format_table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    """Render ``rows`` as a plain-text table with the given (key, header) columns."""
    cells = [[header for _, header in columns]]
    cells += [[str(row[key]) for key, _ in columns] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def cmd_datasets(args: argparse.Namespace) -> int:
    """List the bundled datasets, or print the description of one."""
    from skspectra import datasets

    infos = datasets.list_datasets()
    if args.name is None:
        rows = [{**info, "n_classes": "-" if info["n_classes"] is None else info["n_classes"]}
                for info in infos]  # "-": a regression set has no classes
        columns = [
            ("name", "name"),
            ("kind", "kind"),
            ("task", "task"),
            ("n_classes", "classes"),
            ("n_train", "train"),
            ("n_test", "test"),
            ("n_features", "points"),
            ("description", "description"),
        ]
        print(_format_table(rows, columns))
        print(f"\n{len(infos)} bundled datasets; `skspectra datasets NAME` for details.")
        return 0
    by_name = {info["name"]: info for info in infos}
    if args.name not in by_name:
        raise CLIError(f"unknown dataset {args.name!r}; bundled: {', '.join(sorted(by_name))}")
    loader = getattr(datasets, by_name[args.name]["loader"])
    print(loader().DESCR)
    return 0
