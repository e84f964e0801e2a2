"""Ingest: read inputs, analyse each document (in worker processes), store it.

Reading, de-duplication and every database write happen in the calling process; analysis
runs in ``workers`` processes (or in-process when ``workers == 1``). Each document is written
in its own transaction, so an interrupted ingest (even ``kill -9``) loses nothing committed and
leaves no half-written document; running it again skips what is stored (same content hash)
and continues.

Every input is accounted for in the :class:`IngestSummary`: stored, skipped as a duplicate,
failed (with a reason, also kept in the store's ``failures`` table) or ignored (not a document:
an unsupported file inside a folder, a non-HTML WARC record).

Workers never outlive the ingest: each watches its parent and exits when it is gone (even
after ``kill -9``). When a worker dies, the documents it held are retried once, each alone, on
a fresh worker; the one that kills its worker again fails. Ctrl-C stops the workers at once.
Each document has a time budget (``time_limit`` seconds, default
:data:`~onrecord.pipeline.budget.DEFAULT_TIME_LIMIT`); a slower one is a recorded failure.

``ONRECORD_TEST_DELAY`` (seconds, test-only): sleep that long before analysing each document,
so that tests can interrupt an ingest part-way through.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select

from onrecord.model import Record
from onrecord.pipeline import workers
from onrecord.pipeline.batching import MAX_CHARS, MAX_DOCS, char_batches
from onrecord.pipeline.budget import DEFAULT_TIME_LIMIT, TimeLimitExceeded, time_limit
from onrecord.store import schema as s
from onrecord.store.db import Store, content_hash
from onrecord.store.readers import Item, error_text, read_inputs
from onrecord.text.language import SUPPORTED, unsupported_reason

Analyzer = Callable[..., Record]
Status = Literal["stored", "duplicate", "failed", "ignored"]

TEST_DELAY_ENV = "ONRECORD_TEST_DELAY"
# analyze_many's default batch: each batch is stored only when all of it is analysed, and
# progress moves in batches, so batches stay small (docs/benchmarks.md).
INGEST_BATCH_DOCS = MAX_DOCS


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input."""

    origin: str
    status: Status
    reason: str | None = None
    document_id: int | None = None
    nbytes: int = 0


@dataclass(slots=True)
class IngestSummary:
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    ignored: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.stored + self.duplicates + self.failed + self.ignored

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "stored":
            self.stored += 1
        elif outcome.status == "duplicate":
            self.duplicates += 1
        elif outcome.status == "failed":
            self.failed += 1
            self.failures.append((outcome.origin, outcome.reason or ""))
        else:
            self.ignored += 1


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C during an ingest; ``summary`` counts what was done before it."""

    def __init__(self, summary: IngestSummary) -> None:
        super().__init__("ingest interrupted")
        self.summary = summary


@dataclass(frozen=True, slots=True)
class _Job:
    origin: str
    digest: str
    text: str
    kwargs: dict[str, Any]
    nbytes: int

    def __len__(self) -> int:
        return len(self.text)


Result = tuple[Record | None, str | None]


def _test_delay(documents: int) -> None:
    delay = os.environ.get(TEST_DELAY_ENV)
    if delay:
        time.sleep(float(delay) * documents)


def _run_job(analyzer: Analyzer, job: _Job, limit: float | None = DEFAULT_TIME_LIMIT) -> Result:
    try:
        with time_limit(limit):
            _test_delay(1)
            return analyzer(job.text, **job.kwargs), None
    except TimeLimitExceeded as exc:
        return None, f"analysis stopped: {exc}"
    except Exception as exc:
        return None, f"analysis failed: {error_text(exc)}"


def _run_batch(
    analyzer: Analyzer | None, jobs: list[_Job], limit: float | None = DEFAULT_TIME_LIMIT
) -> list[Result]:
    """Each job's record or error. onrecord's own analysis runs the batch through
    :func:`onrecord.analyze_many` (one ``nlp.pipe`` call); an analyzer of the caller's is called
    once per document. ``limit``: seconds per document."""
    if analyzer is not None:
        return [_run_job(analyzer, job, limit) for job in jobs]
    from onrecord.pipeline import AnalysisError, analyze_many

    _test_delay(len(jobs))
    items = [(job.text, _metadata(job.kwargs)) for job in jobs]
    results: list[Result] = []
    batches = analyze_many(items, batch_size=len(items), errors="return", time_limit=limit)
    for result in batches:
        if isinstance(result, AnalysisError):
            results.append((None, result.reason))
        else:
            results.append((result, None))
    return results


def _metadata(kwargs: dict[str, Any]) -> dict[str, Any]:
    meta = dict(kwargs)
    meta["id"] = meta.pop("doc_id", None) or "document"
    return meta


WORKER_DIED = "an analysis worker process died while this document was in flight"


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    published: str | None = None,
    source: str | None = None,
    analyzer: Analyzer | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    dask: Any = None,
    write_on_workers: bool = False,
) -> IngestSummary:
    """Ingest every document under ``paths`` into ``store``.

    ``published`` and ``source`` are defaults for documents that do not say. ``analyzer``
    (default :func:`onrecord.analyze`) must be a module-level function when ``workers > 1``.
    ``time_limit``: seconds of analysis per document before it fails (None: no limit).
    ``dask`` (a scheduler address, ``local:N`` or a ``distributed.Client``) runs the analysis
    on a Dask cluster instead of ``workers`` (see :mod:`onrecord.scale.ingest`).
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    state = _Ingest(store, workers, published, source, analyzer, on_outcome)
    state.time_limit = time_limit
    # Documents an earlier run stored but did not place (its client was killed in between).
    from onrecord.compare.store import place_unplaced

    place_unplaced(store)
    # Scale-out hook (onrecord.scale): everything else of this module is reused as it is.
    if dask is not None:
        from onrecord.scale.ingest import run_on_dask

        return run_on_dask(state, paths, dask, write_on_workers=write_on_workers)
    return state.run(paths)


class _Ingest:
    def __init__(
        self,
        store: Store,
        workers: int,
        published: str | None,
        source: str | None,
        analyzer: Analyzer | None,
        on_outcome: Callable[[Outcome], None] | None,
    ) -> None:
        self.store = store
        self.workers = workers
        self.published = published
        self.source = source
        self.analyzer = analyzer
        self.on_outcome = on_outcome
        self.batch_docs = INGEST_BATCH_DOCS
        self.summary = IngestSummary()
        self.in_flight: set[str] = set()
        self.time_limit: float | None = DEFAULT_TIME_LIMIT
        self.retried: set[str] = set()  # digests already retried after a worker died
        with store.connect() as conn:
            self.failed_before = set(conn.execute(select(s.failures.c.origin)).scalars())

    def emit(self, outcome: Outcome) -> None:
        self.summary.add(outcome)
        if self.on_outcome is not None:
            self.on_outcome(outcome)

    def fail(self, origin: str, reason: str, nbytes: int) -> None:
        self.store.record_failure(origin, reason)
        self.failed_before.add(origin)
        self.emit(Outcome(origin, "failed", reason, nbytes=nbytes))

    def duplicate(self, origin: str, nbytes: int) -> None:
        if origin in self.failed_before:
            self.store.clear_failure(origin)
            self.failed_before.discard(origin)
        self.emit(Outcome(origin, "duplicate", nbytes=nbytes))

    def prepare(self, item: Item) -> _Job | None:
        """A job to analyse ``item``, or None when its outcome is already known."""
        if item.ignored is not None:
            self.emit(Outcome(item.origin, "ignored", item.ignored, nbytes=item.nbytes))
            return None
        if item.error is not None or item.text is None:
            self.fail(item.origin, item.error or "no text", item.nbytes)
            return None
        digest = content_hash(item.text)
        if digest in self.in_flight or self.store.has_document(digest):
            self.duplicate(item.origin, item.nbytes)
            return None
        self.in_flight.add(digest)
        kwargs = {
            "published": item.published or self.published,
            "source": item.source or self.source,
            "url": item.url,
            "title": item.title,
            "doc_id": item.doc_id,
        }
        return _Job(item.origin, digest, item.text, kwargs, item.nbytes)

    def finish(self, job: _Job, record: Record | None, error: str | None) -> None:
        self.in_flight.discard(job.digest)
        if record is None:
            self.fail(job.origin, error or "analysis failed", job.nbytes)
            return
        if record.document.language not in SUPPORTED:
            self.fail(job.origin, unsupported_reason(record.document.language), job.nbytes)
            return
        try:
            doc_row = self.store.add_record(record, origin=job.origin, digest=job.digest)
        except Exception as exc:
            self.fail(job.origin, f"could not store: {error_text(exc)}", job.nbytes)
            return
        if doc_row is None:
            self.duplicate(job.origin, job.nbytes)
        else:
            self.failed_before.discard(job.origin)
            _place_in_story(self.store, doc_row, record)
            self.emit(Outcome(job.origin, "stored", document_id=doc_row, nbytes=job.nbytes))

    def jobs(
        self, paths: Iterable[str | Path], items: Iterable[Item] | None = None
    ) -> Iterator[_Job]:
        """Jobs for the items of ``paths`` (or ``items`` read elsewhere, by Dask workers)."""
        for item in read_inputs(paths) if items is None else items:
            try:
                job = self.prepare(item)
            except Exception as exc:  # one input never ends the batch
                self.fail(item.origin, f"could not be prepared: {error_text(exc)}", item.nbytes)
                continue
            if job is not None:
                yield job

    def batches(
        self, paths: Iterable[str | Path], items: Iterable[Item] | None = None
    ) -> Iterator[list[_Job]]:
        """Jobs in batches bounded by characters (one document each for a caller's analyzer,
        which is called per document anyway)."""
        jobs = self.jobs(paths, items)
        if self.analyzer is not None:
            return char_batches(jobs, max_docs=1)
        return char_batches(jobs, max_docs=self.batch_docs, max_chars=MAX_CHARS)

    def run(self, paths: Iterable[str | Path]) -> IngestSummary:
        try:
            if self.workers == 1:
                for batch in self.batches(paths):
                    results = _run_batch(self.analyzer, batch, self.time_limit)
                    for job, result in zip(batch, results, strict=True):
                        self.finish(job, *result)
            else:
                self.run_pool(paths)
        except KeyboardInterrupt as exc:
            raise IngestInterrupted(self.summary) from exc
        return self.summary

    def run_pool(self, paths: Iterable[str | Path]) -> None:
        window = self.workers * 2
        context = multiprocessing.get_context("spawn")
        pending: dict[Future[list[Result]], list[_Job]] = {}

        def new_pool() -> ProcessPoolExecutor:
            return workers.pool(self.workers, context)

        def start(batch: list[_Job]) -> Future[list[Result]]:
            with workers.spawning():
                return pool.submit(_run_batch, self.analyzer, batch, self.time_limit)

        pool = new_pool()

        def submit(batch: list[_Job]) -> None:
            try:
                future = start(batch)
            except BrokenProcessPool:  # a worker died since the last look: not this batch
                recover([])
                future = start(batch)
            pending[future] = batch

        def settle(future: Future[list[Result]], jobs: list[_Job], lost: list[_Job]) -> None:
            try:
                results = future.result()
            except BrokenProcessPool:
                lost.extend(jobs)
                return
            for job, (record, error) in zip(jobs, results, strict=True):
                self.finish(job, record, error)

        def recover(lost: list[_Job]) -> None:
            """The pool broke: what was in flight with it is lost. Each lost document is
            retried once, alone on a fresh pool with nothing else in flight, so that a
            second death is its own; then it fails."""
            nonlocal pool
            for future, jobs in list(pending.items()):
                if future.done():
                    settle(future, jobs, lost)
                else:
                    lost.extend(jobs)
            pending.clear()
            workers.stop(pool)
            pool = new_pool()
            for job in lost:
                if job.digest in self.retried:
                    self.finish(job, None, WORKER_DIED + " (also when retried alone)")
                    continue
                self.retried.add(job.digest)
                future = start([job])
                again: list[_Job] = []
                settle(future, [job], again)
                if again:
                    self.finish(job, None, WORKER_DIED + " (also when retried alone)")
                    workers.stop(pool)
                    pool = new_pool()

        def collect(block: bool) -> None:
            done, _ = wait(list(pending), timeout=None if block else 0, return_when=FIRST_COMPLETED)
            lost: list[_Job] = []
            for future in done:
                settle(future, pending.pop(future), lost)
            if lost:
                recover(lost)

        try:
            for batch in self.batches(paths):
                submit(batch)
                while len(pending) >= window:
                    collect(block=True)
            while pending:
                collect(block=True)
        except BaseException:
            workers.stop(pool)
            raise
        pool.shutdown(wait=True)


def _place_in_story(store: Store, doc_row: int, record: Record) -> None:
    """Put a newly stored document into a story; the logic is in onrecord.compare.store."""
    from onrecord.compare.store import place_document

    place_document(store, doc_row, record)
