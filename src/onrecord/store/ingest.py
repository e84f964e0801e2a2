"""Ingest: read inputs, analyse each document (in worker processes), store it.

Reading, de-duplication and every database write happen in the calling process; analysis
runs in ``workers`` processes (or in-process when ``workers == 1``). Each document is written
in its own transaction, so an interrupted ingest (even ``kill -9``) loses nothing committed and
leaves no half-written document; running it again skips what is stored (same content hash)
and continues.

Every input is accounted for in the :class:`IngestSummary`: stored, skipped as a duplicate,
failed (with a reason, also kept in the store's ``failures`` table) or ignored (not a document:
an unsupported file inside a folder, a non-HTML WARC record).

``ONRECORD_TEST_DELAY`` (seconds, test-only): sleep that long before analysing each document,
so that tests can interrupt an ingest part-way through.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select

from onrecord.model import Record
from onrecord.pipeline.batching import MAX_CHARS, MAX_DOCS, char_batches
from onrecord.store import schema as s
from onrecord.store.db import Store, content_hash
from onrecord.store.readers import Item, read_inputs

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


def _run_job(analyzer: Analyzer, job: _Job) -> Result:
    _test_delay(1)
    try:
        return analyzer(job.text, **job.kwargs), None
    except Exception as exc:
        return None, f"analysis failed: {type(exc).__name__}: {exc}"


def _run_batch(analyzer: Analyzer | None, jobs: list[_Job]) -> list[Result]:
    """Each job's record or error. onrecord's own analysis runs the batch through
    :func:`onrecord.analyze_many` (one ``nlp.pipe`` call); an analyzer of the caller's is called
    once per document."""
    if analyzer is not None:
        return [_run_job(analyzer, job) for job in jobs]
    from onrecord.pipeline import AnalysisError, analyze_many

    _test_delay(len(jobs))
    items = [(job.text, _metadata(job.kwargs)) for job in jobs]
    results: list[Result] = []
    for result in analyze_many(items, batch_size=len(items), errors="return"):
        if isinstance(result, AnalysisError):
            results.append((None, result.reason))
        else:
            results.append((result, None))
    return results


def _metadata(kwargs: dict[str, Any]) -> dict[str, Any]:
    meta = dict(kwargs)
    meta["id"] = meta.pop("doc_id", None) or "document"
    return meta


def _worker_init() -> None:
    # Ctrl-C goes to the whole process group; the parent decides what to do about it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    published: str | None = None,
    source: str | None = None,
    analyzer: Analyzer | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> IngestSummary:
    """Ingest every document under ``paths`` into ``store``.

    ``published`` and ``source`` are defaults for documents that do not say. ``analyzer``
    (default :func:`onrecord.analyze`) must be a module-level function when ``workers > 1``.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    return _Ingest(store, workers, published, source, analyzer, on_outcome).run(paths)


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
        try:
            doc_row = self.store.add_record(record, origin=job.origin, digest=job.digest)
        except Exception as exc:
            self.fail(job.origin, f"could not store: {type(exc).__name__}: {exc}", job.nbytes)
            return
        if doc_row is None:
            self.duplicate(job.origin, job.nbytes)
        else:
            self.failed_before.discard(job.origin)
            _place_in_story(self.store, doc_row, record)
            self.emit(Outcome(job.origin, "stored", document_id=doc_row, nbytes=job.nbytes))

    def jobs(self, paths: Iterable[str | Path]) -> Iterator[_Job]:
        for item in read_inputs(paths):
            job = self.prepare(item)
            if job is not None:
                yield job

    def batches(self, paths: Iterable[str | Path]) -> Iterator[list[_Job]]:
        """Jobs in batches bounded by characters (one document each for a caller's analyzer,
        which is called per document anyway)."""
        if self.analyzer is not None:
            return char_batches(self.jobs(paths), max_docs=1)
        return char_batches(self.jobs(paths), max_docs=self.batch_docs, max_chars=MAX_CHARS)

    def run(self, paths: Iterable[str | Path]) -> IngestSummary:
        try:
            if self.workers == 1:
                for batch in self.batches(paths):
                    for job, result in zip(batch, _run_batch(self.analyzer, batch), strict=True):
                        self.finish(job, *result)
            else:
                self.run_pool(paths)
        except KeyboardInterrupt as exc:
            raise IngestInterrupted(self.summary) from exc
        return self.summary

    def run_pool(self, paths: Iterable[str | Path]) -> None:
        window = self.workers * 2
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_worker_init)
        pending: dict[Future[list[Result]], list[_Job]] = {}

        def collect(block: bool) -> None:
            nonlocal pool
            done, _ = wait(list(pending), timeout=None if block else 0, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                jobs = pending.pop(future)
                try:
                    results = future.result()
                except BrokenProcessPool:
                    broken = True
                    reason = (
                        "an analysis worker process died while this document was in flight; "
                        "run the ingest again to retry it"
                    )
                    results = [(None, reason)] * len(jobs)
                for job, (record, error) in zip(jobs, results, strict=True):
                    self.finish(job, record, error)
            if broken:
                for future, jobs in list(pending.items()):
                    pending.pop(future)
                    for job in jobs:
                        self.finish(
                            job, None, "an analysis worker process died; run again to retry"
                        )
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(
                    self.workers, mp_context=context, initializer=_worker_init
                )

        try:
            for batch in self.batches(paths):
                pending[pool.submit(_run_batch, self.analyzer, batch)] = batch
                while len(pending) >= window:
                    collect(block=True)
            while pending:
                collect(block=True)
        finally:
            pool.shutdown(wait=not pending, cancel_futures=True)


def _place_in_story(store: Store, doc_row: int, record: Record) -> None:
    """Put a newly stored document into a story; the logic is in onrecord.compare.store."""
    from onrecord.compare.store import place_document

    place_document(store, doc_row, record)
