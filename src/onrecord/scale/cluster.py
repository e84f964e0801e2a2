"""Connecting to a Dask cluster, loading the model once per worker, and a bounded, ordered map.

``--dask`` takes a scheduler address (``tcp://host:8786``) or ``local:N``: a LocalCluster of N
worker processes (one thread each, since spaCy holds the GIL) on this machine.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")

PLUGIN_NAME = "onrecord-model"
#: Tasks in flight per worker thread: one running, one queued, so no worker waits for the
#: client between tasks; more would only hold more documents in memory.
TASKS_PER_THREAD = 2
#: Dask's statistical profiler samples each worker's task thread every 10 ms and keeps the
#: call trees of the last 1,000 one-second cycles: through spaCy's deep stacks that was
#: ~110,000 dicts and 100–150 MiB more per worker in its first 17 minutes (docs/benchmarks.md).
#: Off for the clusters onrecord starts; on a cluster of your own set
#: ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` on the workers.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


class DaskSpecError(ValueError):
    """A ``--dask`` value that is neither ``local:N`` nor a scheduler address."""


def parse_spec(spec: str) -> tuple[str, int | str]:
    """``("local", N)`` or ``("address", ADDRESS)``."""
    value = spec.strip()
    if value.startswith("local:"):
        count = value.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise DaskSpecError(f"local:N needs a number of workers >= 1, not {count!r}")
        return "local", int(count)
    if "://" in value or ":" in value:
        return "address", value
    raise DaskSpecError(f"{spec!r} is neither local:N nor a scheduler address (tcp://host:8786)")


@contextmanager
def open_client(spec: str | Client) -> Iterator[Client]:
    """A connected client (a Client passed in is used as it is and left open)."""
    from distributed import Client, LocalCluster

    if isinstance(spec, Client):
        _register_model(spec)
        yield spec
        return
    kind, value = parse_spec(spec)
    if kind == "local":
        import dask

        with dask.config.set(WORKER_CONFIG):
            cluster = LocalCluster(
                n_workers=int(value),
                threads_per_worker=1,
                processes=True,
                # Any free port for the scheduler's HTTP routes: 8787 may be another cluster's.
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
        try:
            with Client(cluster) as client:
                _register_model(client)
                yield client
        finally:
            cluster.close()
    else:
        with Client(str(value), timeout="30s") as client:
            _register_model(client)
            yield client


def _register_model(client: Client) -> None:
    client.register_plugin(ModelPlugin(), name=PLUGIN_NAME)


def _plugin_base() -> type:
    from distributed.diagnostics.plugin import WorkerPlugin

    return WorkerPlugin


class ModelPlugin(_plugin_base()):  # type: ignore[misc]
    """Loads onrecord's pipeline when a worker starts (and on every worker that joins later),
    so tasks find it in :func:`onrecord.pipeline.load`'s per-process cache."""

    def setup(self, worker: Any) -> None:
        from onrecord.pipeline import analyze

        analyze("The minister said on Monday that talks would resume.", doc_id="warm-up")


def worker_threads(client: Client) -> int:
    """Threads across the cluster now (at least 1, so a cluster still starting gets work)."""
    workers = client.scheduler_info(n_workers=-1).get("workers", {})
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


def map_in_order(
    client: Client,
    func: Callable[..., Any],
    chunks: Iterable[T],
    *args: Any,
    window: int | None = None,
) -> Iterator[tuple[T, Any]]:
    """``(chunk, func(chunk, *args))`` for each chunk, in input order, with at most ``window``
    tasks in flight (default: :data:`TASKS_PER_THREAD` per worker thread).

    Chunks are read from ``chunks`` only as tasks finish, so a corpus of any size streams
    through with bounded memory. A task whose worker dies is re-run by the scheduler; a task
    that fails is yielded with its exception instead of a result.
    """
    limit = window or TASKS_PER_THREAD * worker_threads(client)

    def submit(chunk: T) -> Any:
        return client.submit(func, chunk, *args, pure=False)

    for chunk, future in windowed(chunks, submit, limit):
        try:
            result = future.result()
        except Exception as exc:  # the task's own error, or KilledWorker
            result = exc
        finally:
            future.release()
        yield chunk, result


def windowed(units: Iterable[T], start: Callable[[T], Any], limit: int) -> Iterator[tuple[T, Any]]:
    """``(unit, start(unit))`` in input order, each unit started only while fewer than
    ``limit`` are started and not yet taken, so that work runs ahead of its consumer by a
    bounded amount."""
    pending: deque[tuple[T, Any]] = deque()
    for unit in units:
        pending.append((unit, start(unit)))
        if len(pending) >= limit:
            yield pending.popleft()
    while pending:
        yield pending.popleft()
