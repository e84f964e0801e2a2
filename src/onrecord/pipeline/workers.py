"""Analysis worker processes that never outlive their parent nor ignore its Ctrl-C.

Shared by ``analyze_many(n_process=...)`` and ``ingest --workers``: a worker ignores SIGINT
(Ctrl-C goes to the whole process group; the parent decides) and exits once its parent is
gone (kill -9 of the parent leaves no process behind); workers start with SIGINT blocked
(:func:`spawning`), so even a Ctrl-C during their start-up never reaches them; and on Ctrl-C
or any other end the parent kills them (:func:`stop`) instead of waiting for their batches.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any


def worker_init(parent: int | None = None) -> None:
    """A worker's initializer: SIGINT ignored, and exit when ``parent`` is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        threading.Thread(target=exit_with, args=(parent,), daemon=True).start()


def exit_with(parent: int) -> None:
    """Exit this worker once ``parent`` is gone (kill -9 leaves no orphans behind)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


@contextmanager
def spawning() -> Iterator[None]:
    """Around anything that may start worker processes (the pool, ``submit``): SIGINT is
    blocked in this thread, so a worker (and the threads the pool starts) inherits the block
    and a Ctrl-C during its start-up never reaches it, however early; the parent gets its
    Ctrl-C as soon as the block ends (a blocked signal waits, it is not lost)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def pool(workers: int, context: Any = None) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes set up as above."""
    with spawning():
        return ProcessPoolExecutor(
            workers, mp_context=context, initializer=worker_init, initargs=(os.getpid(),)
        )


def stop(executor: ProcessPoolExecutor) -> None:
    """End ``executor`` now: its workers are killed, not waited for (Ctrl-C, a broken pool)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
