"""Opening a store, and writing one analysed document to it in one transaction.

``--db`` takes a SQLAlchemy URL (``sqlite:///path.db``, ``postgresql://user@host/dbname``) or a
plain file path, which names a SQLite file. ``postgresql://`` and ``postgres://`` URLs are
served by psycopg 3 (``postgresql+psycopg://``).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError

from onrecord.model import Record
from onrecord.store import schema as s
from onrecord.store.linking import link_entity

DEFAULT_DB = "onrecord.db"
#: deadlock_detected, serialization_failure. Concurrent writers (Dask workers writing, two
#: ingests into one server) deadlock when two documents create the same actors in different
#: orders (measured: 1 in 120 PolNeAR documents with two workers writing, docs/benchmarks.md).
CONFLICT_SQLSTATES = frozenset({"40P01", "40001"})
CONFLICT_RETRIES = 5
CONFLICT_PAUSE = 0.05  # seconds before the first retry; doubled for each one after

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class StoreError(RuntimeError):
    """The store could not be opened or used."""


def database_url(db: str | Path) -> URL:
    """The SQLAlchemy URL for a ``--db`` value (a URL or a SQLite file path)."""
    raw = str(db)
    if not _SCHEME.match(raw):
        return URL.create("sqlite", database=str(Path(raw).expanduser().resolve()))
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {raw!r}") from exc
    backend = url.get_backend_name()
    if backend == "postgres" or url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    elif backend not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database {backend!r}: use sqlite or postgresql")
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Transactions are begun explicitly (see _sqlite_begin), so that DDL is transactional too.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # The busy timeout first: switching a new file to WAL takes a lock, and a second process
    # opening the same new store must wait for it, not fail with "database is locked".
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock up front, so two writers queue instead of deadlocking.
    immediate = conn.get_execution_options().get("onrecord_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def engine_for(db: str | Path) -> Engine:
    """A SQLAlchemy engine for a ``--db`` value."""
    url = database_url(db)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            parent = Path(url.database).parent
            if not parent.is_dir():
                raise StoreError(f"directory does not exist: {parent}")
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ImportError as exc:
        raise StoreError(f"no database driver for {url.drivername}: {exc}") from exc


def content_hash(text: str) -> str:
    """SHA-256 of the text with runs of whitespace collapsed: the document's identity."""
    # surrogatepass: a lone surrogate (which the readers replace) must not make hashing fail.
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()


def published_date(published: str | None) -> str | None:
    """``YYYY-MM-DD`` for an ISO 8601 date or date-time (or any date dateparser reads)."""
    if not published:
        return None
    value = published.strip()
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None


@dataclass(frozen=True, slots=True)
class Counts:
    documents: int
    statements: int
    entities: int
    events: int
    actors: int
    failures: int


class Store:
    """A corpus store on SQLite or PostgreSQL. Open with :func:`open_store`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def connect(self) -> Connection:
        return self.engine.connect()

    def _write(self) -> Connection:
        return self.engine.connect().execution_options(onrecord_write=True)

    # Reading -------------------------------------------------------------------------------

    def has_document(self, digest: str) -> bool:
        with self.connect() as conn:
            found = conn.execute(
                select(s.documents.c.id).where(s.documents.c.content_hash == digest)
            ).first()
        return found is not None

    def counts(self) -> Counts:
        def count(conn: Connection, table: s.Table) -> int:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()

        with self.connect() as conn:
            return Counts(
                documents=count(conn, s.documents),
                statements=count(conn, s.attributions),
                entities=count(conn, s.entities),
                events=count(conn, s.events),
                actors=count(conn, s.actors),
                failures=count(conn, s.failures),
            )

    # Writing -------------------------------------------------------------------------------

    def record_failure(self, origin: str, reason: str) -> None:
        """Store (or replace) the reason ``origin`` could not be ingested."""
        with self._write() as conn, conn.begin():
            conn.execute(delete(s.failures).where(s.failures.c.origin == origin))
            conn.execute(insert(s.failures).values(origin=origin, reason=reason))

    def clear_failure(self, origin: str) -> None:
        with self._write() as conn, conn.begin():
            conn.execute(delete(s.failures).where(s.failures.c.origin == origin))

    def add_record(
        self,
        record: Record,
        *,
        origin: str,
        digest: str | None = None,
    ) -> int | None:
        """Store one analysed document and everything found in it, in one transaction.

        Returns the new document's row id, or None when a document with the same content hash
        is already stored. A stored failure for ``origin`` is cleared in the same transaction.
        """
        doc = record.document
        digest = digest or content_hash(doc.text)
        record_json = record.to_dict()
        record_json["document"]["text"] = ""
        duplicates = conflicts = 0
        while True:
            try:
                return self._add(record, origin, digest, record_json)
            except IntegrityError:
                # Another writer stored this document or one of its actors first: retry.
                duplicates += 1
                if duplicates == 3:
                    raise
            except DBAPIError as exc:
                # PostgreSQL aborted the transaction for a concurrent writer's (a deadlock, a
                # serialization failure): it left nothing behind, so it runs again, after a
                # growing, jittered pause so that the two do not collide once more.
                if getattr(exc.orig, "sqlstate", None) not in CONFLICT_SQLSTATES:
                    raise
                conflicts += 1
                if conflicts > CONFLICT_RETRIES:
                    raise
                time.sleep(CONFLICT_PAUSE * 2 ** (conflicts - 1) * (1 + random.random()))

    def _add(
        self, record: Record, origin: str, digest: str, record_json: dict[str, Any]
    ) -> int | None:
        doc = record.document
        with self._write() as conn, conn.begin():
            exists = conn.execute(
                select(s.documents.c.id).where(s.documents.c.content_hash == digest)
            ).first()
            if exists is not None:
                return None
            doc_row = conn.execute(
                insert(s.documents)
                .values(
                    content_hash=digest,
                    origin=origin,
                    doc_id=doc.id,
                    url=doc.url,
                    source=doc.source,
                    title=doc.title,
                    published=doc.published,
                    published_date=published_date(doc.published),
                    language=doc.language,
                    text=doc.text,
                    record=json.dumps(record_json, ensure_ascii=False),
                )
                .returning(s.documents.c.id)
            ).scalar_one()
            _write_contents(conn, doc_row, record)
            conn.execute(delete(s.failures).where(s.failures.c.origin == origin))
        return doc_row


def open_store(db: str | Path = DEFAULT_DB, *, create: bool = True) -> Store:
    """Open (and unless ``create`` is false, create or upgrade) the store at ``db``."""
    url = database_url(db)
    if (
        not create
        and url.get_backend_name() == "sqlite"
        and url.database not in (None, "", ":memory:")
        and not Path(url.database).exists()
    ):
        raise StoreError(f"no onrecord store at {url.database}: run `onrecord ingest` first")
    engine = engine_for(db)
    try:
        if create:
            s.ensure_schema(engine)
        else:
            with engine.connect() as conn:
                version = s.current_version(conn)
            if version is None:
                raise StoreError(
                    f"no onrecord store at {render_url(engine.url)}: run `onrecord ingest` first"
                )
            if version != s.SCHEMA_VERSION:
                s.ensure_schema(engine)
    except Exception:
        engine.dispose()
        raise
    return Store(engine)


def render_url(url: URL) -> str:
    """A URL for messages, password hidden."""
    return url.render_as_string(hide_password=True)


def _join_spans(spans: list[Any]) -> str:
    return " … ".join(span.text for span in spans)


def _write_contents(conn: Connection, doc_row: int, record: Record) -> None:
    entity_rows: dict[str, int] = {}
    actor_ids: dict[str, int | None] = {}
    for entity in record.entities:
        actor_id = link_entity(conn, entity, doc_row, record.document.text)
        actor_ids[entity.id] = actor_id
        entity_rows[entity.id] = conn.execute(
            insert(s.entities)
            .values(
                document_id=doc_row,
                local_id=entity.id,
                name=entity.name,
                kind=entity.kind,
                title=entity.title,
                country=entity.country,
                sector=entity.sector,
                mentions=len(entity.mentions),
                actor_id=actor_id,
            )
            .returning(s.entities.c.id)
        ).scalar_one()

    # Creating a full name can merge an earlier surname-only actor of this same document into
    # it: read the actor ids back rather than trust the ones handed out during the loop.
    if entity_rows:
        current = dict(
            conn.execute(
                select(s.entities.c.id, s.entities.c.actor_id).where(
                    s.entities.c.document_id == doc_row
                )
            ).all()
        )
        actor_ids = {local: current.get(row) for local, row in entity_rows.items()}

    fts = conn.dialect.name == "sqlite"
    for attribution in record.attributions:
        content = _join_spans(attribution.content)
        row_id = conn.execute(
            insert(s.attributions)
            .values(
                document_id=doc_row,
                local_id=attribution.id,
                kind=attribution.kind,
                content=content,
                spans=json.dumps(
                    [span.to_dict() for span in attribution.content], ensure_ascii=False
                ),
                cue=attribution.cue.span.text if attribution.cue else None,
                cue_lemma=attribution.cue.lemma if attribution.cue else None,
                source_text=attribution.source.text if attribution.source else None,
                section=attribution.section,
                speaker_entity_id=entity_rows.get(attribution.speaker or ""),
                speaker_id=actor_ids.get(attribution.speaker or ""),
                addressee_id=actor_ids.get(attribution.addressee or ""),
            )
            .returning(s.attributions.c.id)
        ).scalar_one()
        if fts:
            conn.exec_driver_sql(
                "INSERT INTO statements_fts(rowid, content) VALUES (?, ?)", (row_id, content)
            )

    for ev in record.events:
        event_row = conn.execute(
            insert(s.events)
            .values(
                document_id=doc_row,
                local_id=ev.id,
                type=ev.type,
                mode=ev.mode,
                trigger=ev.trigger.text,
                date_value=ev.date.value if ev.date else None,
                date_granularity=ev.date.granularity if ev.date else None,
                date_basis=ev.date.basis if ev.date else None,
                location=ev.location,
                negated=ev.negated,
                future=ev.future,
                hypothetical=ev.hypothetical,
            )
            .returning(s.events.c.id)
        ).scalar_one()
        participants = [
            {
                "event_id": event_row,
                "role": role,
                "position": position,
                "entity_id": entity_rows.get(entity_id),
                "actor_id": actor_ids.get(entity_id),
            }
            for role, ids in (("actor", ev.actors), ("recipient", ev.recipients))
            for position, entity_id in enumerate(ids)
        ]
        if participants:
            conn.execute(insert(s.event_participants), participants)
