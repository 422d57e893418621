"""Progress lines for long explanations, on stderr, off unless a caller asks for them.

An explanation runs its network on batches of inputs (spectra, noisy copies, path points,
perturbed spectra). Every such loop of the package iterates with :func:`progress_batches`;
inside :func:`reporting_progress` a loop that runs longer than ``interval`` seconds prints a
line every ``interval`` seconds (inputs done, elapsed time, time left) and one when it ends.
Outside it the loops print nothing. Progress never changes a result: it only counts.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TextIO

__all__ = ["progress_batches", "reporting_progress"]


class _Reporter:
    def __init__(self, label: str, stream: TextIO | None, interval: float) -> None:
        self.label = label
        self.stream = stream
        self.interval = interval

    def line(self, done: int, total: int, elapsed: float) -> None:
        text = f"{self.label}: {done:,}/{total:,} network inputs ({100 * done / total:.0f} %), " \
               f"{elapsed:.0f} s"
        if done < total:
            text += f", about {elapsed * (total - done) / done:.0f} s left"
        print(text, file=self.stream or sys.stderr, flush=True)


_REPORTER: ContextVar[_Reporter | None] = ContextVar("skspectra_explain_progress", default=None)


@contextmanager
def reporting_progress(label: str, stream: TextIO | None = None,
                       interval: float = 2.0) -> Iterator[None]:
    """Print progress lines for the explanation loops run inside the block.

    Parameters
    ----------
    label : str
        Start of every line, e.g. ``"explain occlusion"``.
    stream : text stream or None, default=None
        Where the lines go; ``None``: ``sys.stderr`` at the time of printing.
    interval : float, default=2.0
        Seconds between two lines of one loop; a loop shorter than this prints nothing.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> with reporting_progress("explain", stream=out, interval=0.0):
    ...     chunks = list(progress_batches(10, 4))
    >>> chunks
    [(0, 4), (4, 8), (8, 10)]
    >>> out.getvalue().splitlines()[-1].startswith("explain: 10/10 network inputs (100 %)")
    True
    """
    token = _REPORTER.set(_Reporter(label, stream, float(interval)))
    try:
        yield
    finally:
        _REPORTER.reset(token)


def progress_batches(n: int, batch_size: int) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` of consecutive chunks of at most ``batch_size`` of ``n`` inputs,
    reporting progress inside :func:`reporting_progress`.

    Examples
    --------
    >>> list(progress_batches(5, 2))
    [(0, 2), (2, 4), (4, 5)]
    """
    reporter = _REPORTER.get()
    start = last = time.perf_counter()
    printed = False
    for lo in range(0, n, batch_size):
        hi = min(lo + batch_size, n)
        yield lo, hi
        if reporter is None:
            continue
        now = time.perf_counter()
        if (printed and hi == n) or (hi < n and now - last >= reporter.interval):
            reporter.line(hi, n, now - start)
            last, printed = now, True
