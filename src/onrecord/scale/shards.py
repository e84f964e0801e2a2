"""Analyse a large input into shard files, no store: ``part-NNNNNN.jsonl`` or ``.parquet``.

Each task (up to 16 documents / 40,000 characters, like ingest) writes one shard, named by its
position in the input, from the worker that ran it (so the client never carries the records,
and on a cluster DIR must be on a filesystem every worker sees). A shard is written to a
temporary name and renamed, so a worker killed mid-write leaves no partial shard, and the
re-run task writes it whole. Shards already there are kept and their documents not analysed
again, so a killed run continues where it stopped. Inputs that could not be read or analysed
are listed in ``failures.jsonl`` (origin, reason), rewritten at the end of every run.

JSONL lines are the records ``onrecord analyze --format jsonl`` prints. Parquet rows are one
per document: its metadata, counts, and the full record as a JSON string.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from onrecord.pipeline.batching import MAX_CHARS, MAX_DOCS, char_batches
from onrecord.scale.inputs import expand_globs
from onrecord.store.readers import Item, read_inputs

ShardFormat = Literal["jsonl", "parquet"]
FAILURES_FILE = "failures.jsonl"


@dataclass(frozen=True, slots=True)
class _Doc:
    origin: str
    text: str
    meta: dict[str, Any]
    nbytes: int

    def __len__(self) -> int:
        return len(self.text)


@dataclass(slots=True)
class ShardSummary:
    written: int = 0
    kept: int = 0  # in shards an earlier run wrote
    failed: int = 0
    ignored: int = 0
    shards: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.written + self.kept + self.failed + self.ignored


Progress = Callable[[str, str, str | None, int], None]


def shard_name(index: int, fmt: ShardFormat) -> str:
    return f"part-{index:06d}.{fmt}"


def analyze_to_files(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    fmt: ShardFormat = "jsonl",
    dask: Any = None,
    published: str | None = None,
    source: str | None = None,
    scope: str = "speech",
    on_outcome: Progress | None = None,
) -> ShardSummary:
    """Analyse every document under ``paths`` into shards in ``out_dir``, in this process or
    on ``dask`` (an address, ``local:N`` or a Client). ``on_outcome(origin, status, reason,
    nbytes)`` is called per input, status one of written, kept, failed, ignored."""
    if fmt not in ("jsonl", "parquet"):
        raise ValueError(f"shard format must be jsonl or parquet, not {fmt!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = ShardSummary()
    failed_earlier = _read_failures(out / FAILURES_FILE)

    def emit(origin: str, status: str, reason: str | None, nbytes: int) -> None:
        if status == "failed":
            summary.failed += 1
            summary.failures.append((origin, reason or ""))
        else:
            setattr(summary, status, getattr(summary, status) + 1)
        if on_outcome is not None:
            on_outcome(origin, status, reason, nbytes)

    def documents(items: Iterable[Item]) -> Iterator[_Doc]:
        for item in items:
            if item.ignored is not None:
                emit(item.origin, "ignored", item.ignored, item.nbytes)
            elif item.error is not None or item.text is None:
                emit(item.origin, "failed", item.error or "no text", item.nbytes)
            else:
                meta = {
                    "id": item.doc_id,
                    "published": item.published or published,
                    "source": item.source or source,
                    "url": item.url,
                    "title": item.title,
                }
                yield _Doc(item.origin, item.text, meta, item.nbytes)

    def tasks(items: Iterable[Item]) -> Iterator[tuple[int, list[_Doc]]]:
        batches = char_batches(documents(items), max_docs=MAX_DOCS, max_chars=MAX_CHARS)
        for index, docs in enumerate(batches):
            summary.shards += 1
            if (out / shard_name(index, fmt)).exists():
                for doc in docs:
                    reason = failed_earlier.get(doc.origin)
                    emit(doc.origin, "failed" if reason else "kept", reason, doc.nbytes)
                continue
            yield index, docs

    def account(docs: list[_Doc], errors: Any) -> None:
        if isinstance(errors, BaseException):
            reason = f"analysis task failed: {type(errors).__name__}: {errors}"
            errors = [reason] * len(docs)
        for doc, error in zip(docs, errors, strict=True):
            emit(doc.origin, "failed" if error else "written", error, doc.nbytes)

    if dask is None:
        for index, docs in tasks(read_inputs(expand_globs(paths))):
            account(docs, write_shard((index, docs), str(out), fmt, scope))
    else:
        from onrecord.scale.cluster import map_in_order, open_client
        from onrecord.scale.extract import read_on_workers

        with open_client(dask) as client:
            items = read_on_workers(client, expand_globs(paths))
            for (_index, docs), errors in map_in_order(
                client, write_shard, tasks(items), str(out), fmt, scope
            ):
                account(docs, errors)
    _write_failures(out / FAILURES_FILE, summary.failures)
    return summary


def write_shard(
    task: tuple[int, list[_Doc]], out_dir: str, fmt: ShardFormat, scope: str
) -> list[str | None]:
    """Analyse one task's documents and write its shard; each document's error, or None."""
    from onrecord.pipeline import AnalysisError, analyze_many

    index, docs = task
    items = [(doc.text, doc.meta) for doc in docs]
    records: list[dict[str, Any]] = []
    errors: list[str | None] = []
    for result in analyze_many(items, batch_size=len(items), scope=scope, errors="return"):
        if isinstance(result, AnalysisError):
            errors.append(result.reason)
        else:
            records.append(result.to_dict())
            errors.append(None)
    final = Path(out_dir) / shard_name(index, fmt)
    partial = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    if fmt == "jsonl":
        with partial.open("w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        _write_parquet(partial, records, [d for d, e in zip(docs, errors, strict=True) if not e])
    os.replace(partial, final)
    return errors


def _write_parquet(path: Path, records: list[dict[str, Any]], docs: list[_Doc]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("id", pa.string()),
            ("origin", pa.string()),
            ("title", pa.string()),
            ("url", pa.string()),
            ("source", pa.string()),
            ("published", pa.string()),
            ("entities", pa.int64()),
            ("attributions", pa.int64()),
            ("events", pa.int64()),
            ("record", pa.string()),
        ]
    )
    rows = []
    for record, doc in zip(records, docs, strict=True):
        meta = record["document"]
        rows.append(
            {
                "id": meta.get("id"),
                "origin": doc.origin,
                "title": meta.get("title"),
                "url": meta.get("url"),
                "source": meta.get("source"),
                "published": meta.get("published"),
                "entities": len(record["entities"]),
                "attributions": len(record["attributions"]),
                "events": len(record["events"]),
                "record": json.dumps(record, ensure_ascii=False),
            }
        )
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), str(path))


def _read_failures(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return {row["origin"]: row["reason"] for row in rows}


def _write_failures(path: Path, failures: list[tuple[str, str]]) -> None:
    partial = path.with_name(f".{path.name}.tmp")
    with partial.open("w", encoding="utf-8") as fh:
        for origin, reason in failures:
            fh.write(json.dumps({"origin": origin, "reason": reason}, ensure_ascii=False) + "\n")
    os.replace(partial, path)
