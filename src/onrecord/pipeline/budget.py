"""A time budget per document: anything slower becomes a recorded failure, never a hang.

When the budget runs out, :class:`TimeLimitExceeded` is raised in the analysing thread at its
next Python instruction. Every stage's cost is bounded (tokenising, nesting, windows), so
analysis returns to Python often. In the main thread (the CLI, ingest workers) the budget is a
real-time interval timer (``SIGALRM``); in any other thread (the web server's analysis, a
caller's thread pool), where signals cannot be delivered, a timer thread raises the exception
in the analysing thread asynchronously (CPython's ``PyThreadState_SetAsyncExc``).
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds per document unless the caller says otherwise (``--time-limit``). A 1M-character
#: document, the longest accepted, takes about 2 minutes on one loaded core.
DEFAULT_TIME_LIMIT = 300.0

_deadlines = threading.local()  # per thread: the monotonic deadlines of the open budgets


class TimeLimitExceeded(Exception):
    """A document's analysis ran past its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than the time limit of {seconds:g} s per document")
        self.seconds = seconds


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` inside the block once ``seconds`` have passed (no
    limit for None or 0). Nested budgets: the one that ends first governs."""
    if not seconds or seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _async_raise(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
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


@contextmanager
def _async_raise(seconds: float) -> Iterator[None]:
    stack: list[float] = _deadlines.__dict__.setdefault("stack", [])
    now = time.monotonic()
    deadline = now + seconds
    # A budget around this one ends first: it governs. One whose deadline has passed does not
    # (its exception has been raised): a stale entry must never leave a block unlimited.
    if stack and now < stack[-1] <= deadline:
        yield
        return
    # A class per budget: the pending exception is raised by type, with its limit in it.
    expired = type("TimeLimitExceeded", (TimeLimitExceeded,), {"__init__": _init(seconds)})
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"open": True}

    def expire() -> None:
        with lock:
            if state["open"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(expired))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    depth = len(stack)
    try:
        # Inside the try: an outer budget's exception may land on any line, and the entry
        # must still go (a leftover entry once let a later block in this thread spin forever).
        stack.append(deadline)
        timer.start()
        yield
    finally:
        with lock:
            state["open"] = False
        timer.cancel()
        del stack[depth:]


def _init(seconds: float):  # type: ignore[no-untyped-def]
    def init(self: TimeLimitExceeded) -> None:
        TimeLimitExceeded.__init__(self, seconds)

    return init
