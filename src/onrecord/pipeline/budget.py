"""A time budget per document: anything slower becomes a recorded failure, never a hang.

The budget is a real-time interval timer (``SIGALRM``) around each document's analysis: when
it fires, :class:`TimeLimitExceeded` is raised in the analysing thread at the next Python
instruction. Every stage's cost is bounded (tokenising, windows), so analysis returns to
Python often. Timers work in the main thread of a process (the CLI, ingest workers); elsewhere,
and on platforms without ``SIGALRM``, analysis runs without a budget.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds per document unless the caller says otherwise (``--time-limit``). A 1M-character
#: document, the longest accepted, takes about 2 minutes on one loaded core.
DEFAULT_TIME_LIMIT = 300.0


class TimeLimitExceeded(Exception):
    """A document's analysis ran past its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than the time limit of {seconds:g} s per document")
        self.seconds = seconds


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` inside the block once ``seconds`` have passed (no
    limit for None or 0). Nested budgets: the one that ends first governs."""
    if not seconds or seconds <= 0 or not _can_time():
        yield
        return
    outer = signal.getitimer(signal.ITIMER_REAL)[0]
    if outer and outer <= seconds:  # a budget around this one ends first: it governs
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
