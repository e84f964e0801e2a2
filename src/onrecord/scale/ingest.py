"""Ingest on a Dask cluster: the client reads, de-duplicates and (by default) writes; workers
analyse.

The client streams inputs (HTML and WARC files read and extracted on the workers,
:mod:`onrecord.scale.extract`) through :mod:`onrecord.store.ingest`'s own hashing and
batching (tasks of up to 16 documents / 40,000 characters, a few seconds each), submits a
bounded window of tasks, and stores their records in input order. So the store is the one a
single process would build (same ids, same actor merges), and memory stays flat.

Faults: the scheduler re-runs a task whose worker died. A task that kills workers
``distributed.scheduler.allowed-failures`` times (``KilledWorker``) is split and its documents
re-run one per task; one that loses its worker again is run once more with nothing of its
task beside it before it is blamed, so one poisonous document fails alone, with its reason,
and the rest are stored. A client killed mid-ingest leaves every written document
committed; run again, and the content hashes skip them.

``write_on_workers`` (PostgreSQL only): each worker writes its documents in per-document
transactions and returns only outcomes. See docs/store.md for when that pays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onrecord.scale.cluster import map_in_order, open_client
from onrecord.scale.extract import read_on_workers
from onrecord.scale.inputs import expand_globs
from onrecord.store.ingest import IngestInterrupted, IngestSummary, Outcome, _Ingest, _run_batch
from onrecord.store.readers import error_text
from onrecord.text.language import SUPPORTED, unsupported_reason

if TYPE_CHECKING:
    from distributed import Client

    from onrecord.store.ingest import Analyzer, Result, _Job

KILLED_REASON = (
    "analysis killed its worker process {count} times (out of memory or a crash); "
    "the document was not stored"
)


def run_on_dask(
    state: _Ingest,
    paths: Iterable[str | Path],
    dask: str | Client,
    *,
    write_on_workers: bool = False,
    window: int | None = None,
) -> IngestSummary:
    """Run the ingest ``state`` (built by :func:`onrecord.store.ingest.ingest`) on ``dask``."""
    if write_on_workers and state.store.backend != "postgresql":
        raise ValueError("workers write only to PostgreSQL; with SQLite the client writes")
    url = state.store.engine.url.render_as_string(hide_password=False)
    try:
        with open_client(dask) as client:
            batches = state.batches([], read_on_workers(client, expand_globs(paths)))
            task, args = (
                (analyze_and_store, (state.analyzer, url))
                if write_on_workers
                else (analyze_chunk, (state.analyzer,))
            )
            for jobs, results in map_in_order(client, task, batches, *args, window=window):
                if isinstance(results, BaseException):
                    results = _retry_alone(client, jobs, results, task, args)
                for job, result in zip(jobs, results, strict=True):
                    if write_on_workers:
                        _written(state, job, result)
                    else:
                        state.finish(job, *result)
    except KeyboardInterrupt as exc:
        raise IngestInterrupted(state.summary) from exc
    return state.summary


def _retry_alone(
    client: Client,
    jobs: list[_Job],
    error: BaseException,
    task: Callable[..., list[Any]],
    args: tuple[Any, ...],
    isolated: bool = False,
) -> list[Any]:
    """Results for a task that failed as a whole: each document again in a task of its own,
    so that a document that kills its worker fails alone. A one-document task is blamed only
    when it killed its worker while it ran alone (``isolated``): in flight beside the
    poisonous one, an innocent document can lose its worker too."""
    from distributed import KilledWorker

    if not isinstance(error, KilledWorker):
        reason = f"analysis task failed: {type(error).__name__}: {error}"
        return [(None, reason) for _ in jobs]
    if len(jobs) == 1 and isolated:
        count = client.run_on_scheduler(_allowed_failures) + 1
        return [(None, KILLED_REASON.format(count=count))]
    if len(jobs) == 1:
        return _run_isolated(client, jobs, task, args)
    results: list[Any] = []
    for single, result in map_in_order(client, task, ([job] for job in jobs), *args):
        if isinstance(result, BaseException):
            result = _run_isolated(client, single, task, args)
        results += result
    return results


def _run_isolated(
    client: Client, jobs: list[_Job], task: Callable[..., list[Any]], args: tuple[Any, ...]
) -> list[Any]:
    """One document's task with none of its failed task's other documents in flight, so a
    worker death while it runs is its own."""
    for _, result in map_in_order(client, task, iter([jobs]), *args):
        if isinstance(result, BaseException):
            return _retry_alone(client, jobs, result, task, args, isolated=True)
        return result
    return []


def _allowed_failures(dask_scheduler: Any) -> int:
    return int(dask_scheduler.allowed_failures)


def _written(state: _Ingest, job: _Job, result: Any) -> None:
    """Account for a document a worker stored (or could not), and place a stored one in a
    story here, in input order, as one process would."""
    if isinstance(result, tuple) and len(result) == 2 and result[0] is None:
        # (None, reason): the task failed as a whole (see _retry_alone); nothing was written.
        state.in_flight.discard(job.digest)
        state.fail(job.origin, result[1] or "analysis failed", job.nbytes)
        return
    status, doc_row, reason, profile = result
    state.in_flight.discard(job.digest)
    if status == "failed":
        state.fail(job.origin, reason, job.nbytes)
    elif status == "duplicate":
        state.duplicate(job.origin, job.nbytes)
    else:
        state.failed_before.discard(job.origin)
        if profile is not None:
            from onrecord.compare.store import place_profile

            place_profile(state.store, doc_row, profile)
        state.emit(Outcome(job.origin, "stored", document_id=doc_row, nbytes=job.nbytes))


# On the workers ----------------------------------------------------------------------------

_stores: dict[str, Any] = {}


def _worker_store(url: str) -> Any:
    from onrecord.store import open_store

    if url not in _stores:
        _stores[url] = open_store(url, create=False)
    return _stores[url]


def analyze_chunk(jobs: list[_Job], analyzer: Analyzer | None) -> list[Result]:
    """Each job's record or error (the task the client's writes wait on)."""
    return _run_batch(analyzer, jobs)


Written = tuple[str, int | None, str | None, Any]


def analyze_and_store(jobs: list[_Job], analyzer: Analyzer | None, url: str) -> list[Written]:
    """Analyse ``jobs`` and write each record in its own transaction; ``(status, row id,
    reason, story profile)`` per job, the profile (its lead embedded here, not on the client)
    only for a document this task stored. A document already stored under the same origin
    was stored by an earlier attempt of this very task (its worker died after the commit):
    "stored", and already placed in its story or not, the client places it once."""
    from sqlalchemy import select

    from onrecord.compare.similarity import embedder
    from onrecord.compare.stories import profiles
    from onrecord.store import schema as s

    store = _worker_store(url)
    outcomes: list[Written] = []
    results: list[Result] = _run_batch(analyzer, jobs)
    for job, (record, error) in zip(jobs, results, strict=True):
        if record is None:
            outcomes.append(("failed", None, error or "analysis failed", None))
            continue
        if record.document.language not in SUPPORTED:
            outcomes.append(("failed", None, unsupported_reason(record.document.language), None))
            continue
        try:
            row = store.add_record(record, origin=job.origin, digest=job.digest)
        except Exception as exc:
            outcomes.append(("failed", None, f"could not store: {error_text(exc)}", None))
            continue
        if row is not None:
            outcomes.append(("stored", row, None, profiles([record], embedder())[0]))
            continue
        with store.connect() as conn:
            earlier = conn.execute(
                select(s.documents.c.id, s.documents.c.origin).where(
                    s.documents.c.content_hash == job.digest
                )
            ).first()
        if earlier is not None and earlier.origin == job.origin:
            placed = _in_story(store, earlier.id)
            profile = None if placed else profiles([record], embedder())[0]
            outcomes.append(("stored", earlier.id, None, profile))
        else:
            outcomes.append(("duplicate", None, None, None))
    return outcomes


def _in_story(store: Any, document_id: int) -> bool:
    """Whether ``document_id`` is already in a story (placed by an earlier client run)."""
    from sqlalchemy import select

    from onrecord.store import schema as s

    sd = s.story_documents
    with store.connect() as conn:
        found = conn.execute(select(sd.c.document_id).where(sd.c.document_id == document_id))
        return found.first() is not None
