"""The one exception type of the command line, and the wrapper that raises it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

_T = TypeVar("_T")


class CLIError(Exception):
    """A problem with the user's input: reported as one line, exit code 2."""


def user_errors(action: str, call: Callable[[], _T]) -> _T:
    """Run ``call``; a ValueError or TypeError (bad data or parameters) becomes a CLIError."""
    try:
        return call()
    except (ValueError, TypeError) as exc:
        message = " ".join(str(exc).split())
        raise CLIError(f"{action}: {message}") from None
