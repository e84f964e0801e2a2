"""The store's tables, one schema for SQLite and PostgreSQL (SQLAlchemy 2 Core).

Migrations: a versioned schema table, not alembic. ``onrecord_schema`` holds one row with the
schema version the store was written with. :func:`ensure_schema` creates a new store in one
transaction, upgrades an older one by running the steps in :data:`MIGRATIONS` in order (each
in its own transaction, each bumping the version) and refuses a store written by a newer
onrecord. A store is created on the fly by the first ``onrecord ingest``, on either backend,
with no migration scripts or configuration to ship; when the schema first changes, add a
function to :data:`MIGRATIONS`.

Full-text search over statement content:

* SQLite: an FTS5 table ``statements_fts`` (porter stemmer, external content on
  ``attributions.content``, rowid = ``attributions.id``), written in the same transaction as the
  statement.
* PostgreSQL: a stored generated column ``attributions.content_tsv``
  (``to_tsvector('english', content)``, typographic quotes and dashes read as spaces) with a
  GIN index.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    inspect,
    select,
    text,
)

SCHEMA_VERSION = 4

metadata = MetaData()

schema_table = Table(
    "onrecord_schema",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("origin", Text, nullable=False),
    Column("doc_id", Text, nullable=False),
    Column("url", Text),
    Column("source", Text),
    Column("title", Text),
    Column("published", Text),
    Column("published_date", String(10)),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    # The onrecord/1 record as JSON, with document.text left empty (it is the column above).
    Column("record", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_documents_published_date", "published_date"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    # Generic groups and unnamed sources ("officials", "a source"), which are never pooled across
    # documents: base_key is their canonical name without the scope, document_id the one
    # document they belong to (NULL when keyed by an organisation instead). NULL for names.
    Column("base_key", Text, index=True),
    Column("document_id", Integer, ForeignKey("documents.id")),
)

actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("alias", Text, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False, index=True),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("title", Text),
    Column("country", Text),
    Column("sector", Text),
    Column("mentions", Integer, nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id"), index=True),
    UniqueConstraint("document_id", "local_id"),
)

attributions = Table(
    "attributions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("content", Text, nullable=False),
    Column("spans", Text, nullable=False),  # JSON list of content spans
    Column("cue", Text),
    Column("cue_lemma", Text),
    Column("source_text", Text),
    Column("section", String(16), nullable=False),
    Column("speaker_entity_id", Integer, ForeignKey("entities.id")),
    Column("speaker_id", Integer, ForeignKey("actors.id"), index=True),
    Column("addressee_id", Integer, ForeignKey("actors.id")),
    UniqueConstraint("document_id", "local_id"),
    Index("ix_attributions_document", "document_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(64), nullable=False),
    Column("type", Text, nullable=False),
    Column("mode", Text),
    Column("trigger", Text, nullable=False),
    Column("date_value", String(32)),
    Column("date_granularity", String(8)),
    Column("date_basis", String(16)),
    Column("location", Text),
    Column("negated", Boolean, nullable=False),
    Column("future", Boolean, nullable=False),
    Column("hypothetical", Boolean, nullable=False),
    UniqueConstraint("document_id", "local_id"),
    Index("ix_events_date", "date_value"),
    Index("ix_events_document", "document_id"),
)

event_participants = Table(
    "event_participants",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), primary_key=True),  # actor | recipient
    Column("position", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id")),
    Column("actor_id", Integer, ForeignKey("actors.id")),
    Index("ix_event_participants_actor_event", "actor_id", "event_id"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("origin", Text, nullable=False, unique=True),
    Column("reason", Text, nullable=False),
    Column("failed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


# Stories (schema version 2): each stored document's place in a story, with the profile the
# story assignment compares (onrecord.compare.stories), so that placing a new document reads
# no other document's text. Filled by ingest, one document at a time; see onrecord.compare.store.
stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

story_documents = Table(
    "story_documents",
    metadata,
    Column(
        "document_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False, index=True),
    Column("main_date", String(10), index=True),
    Column("main_type", Text),
    Column("participants", Text, nullable=False),  # JSON list of participant keys
    Column("lead", Text, nullable=False),  # JSON list: the lead's sentence embedding
)

# Story keys (schema version 4): each placed document's participant keys, one row each, so
# that placing a new document reads only the profiles of documents sharing a key with it (a
# document sharing none can never be the same story; onrecord.compare.store). ``n_keys`` and
# ``n_sides`` (the document's counts of keys and of country sides) let the database reject
# candidates whose overlap is too small before any profile is read.
story_keys = Table(
    "story_keys",
    metadata,
    Column(
        "document_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("key", Text, primary_key=True),
    Column("side", Integer, nullable=False),  # 1 for a country side ("RUS"), else 0
    Column("n_keys", Integer, nullable=False),
    Column("n_sides", Integer, nullable=False),
    Index("ix_story_keys_key", "key", "document_id"),
)


class SchemaError(RuntimeError):
    """The store cannot be used with this version of onrecord."""


#: Typographic punctuation that PostgreSQL's text search parser would otherwise read as part of
#: a word under the C locale ("NATO’s" -> "nato’"); turned into spaces before indexing.
TS_PUNCTUATION = "\u201c\u201d\u201e\u2018\u2019\u201a\u00ab\u00bb\u2039\u203a\u2014\u2013\u2026"

#: Upgrade steps: MIGRATIONS[v] takes a store at version v to version v + 1.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    # 1 -> 2: the story tables; documents stored before are placed by `onrecord stories --rebuild`.
    1: lambda conn: metadata.create_all(conn, tables=[stories, story_documents]),
}


def _v2_scoped_generic_actors(conn: Connection) -> None:
    """Version 3: generic groups and unnamed sources stop being pooled across documents.

    Adds ``actors.base_key`` and ``actors.document_id`` and splits every stored generic actor
    into one actor per document (or per organisation), as new ingests link them.
    """
    conn.exec_driver_sql("ALTER TABLE actors ADD COLUMN base_key TEXT")
    conn.exec_driver_sql(
        "ALTER TABLE actors ADD COLUMN document_id INTEGER REFERENCES documents(id)"
    )
    conn.exec_driver_sql("CREATE INDEX ix_actors_base_key ON actors (base_key)")
    from onrecord.store.linking import split_generic_actors

    split_generic_actors(conn)


MIGRATIONS[2] = _v2_scoped_generic_actors


def _v3_story_keys(conn: Connection) -> None:
    """Version 4: the story key index, filled from the profiles already placed."""
    import json

    from onrecord.compare.store import key_rows

    metadata.create_all(conn, tables=[story_keys])
    sd = story_documents
    rows = [
        row
        for found in conn.execute(select(sd.c.document_id, sd.c.participants))
        for row in key_rows(found.document_id, json.loads(found.participants))
    ]
    if rows:
        conn.execute(story_keys.insert(), rows)


MIGRATIONS[3] = _v3_story_keys


def _create_extras(conn: Connection) -> None:
    """Full-text search, which SQLAlchemy's portable DDL cannot express."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE statements_fts USING fts5("
            "content, content='attributions', content_rowid='id', "
            "tokenize='porter unicode61')"
        )
    elif conn.dialect.name == "postgresql":
        spaces = " " * len(TS_PUNCTUATION)
        conn.exec_driver_sql(
            "ALTER TABLE attributions ADD COLUMN content_tsv tsvector GENERATED ALWAYS AS "
            f"(to_tsvector('english', translate(content, '{TS_PUNCTUATION}', '{spaces}'))) STORED"
        )
        conn.exec_driver_sql(
            "CREATE INDEX ix_attributions_content_tsv ON attributions USING GIN (content_tsv)"
        )
    else:  # pragma: no cover - rejected earlier by db.engine_for
        raise SchemaError(f"unsupported database backend: {conn.dialect.name}")


def current_version(conn: Connection) -> int | None:
    """The schema version of the store behind ``conn``; None for an empty database."""
    if not inspect(conn).has_table(schema_table.name):
        return None
    return conn.execute(select(func.max(schema_table.c.version))).scalar()


def ensure_schema(engine: Engine) -> int:
    """Create or upgrade the store's tables; return the schema version."""
    # A write transaction from the start (BEGIN IMMEDIATE on SQLite): two first uses queue
    # instead of both reading "no schema" and deadlocking on the upgrade to a write lock.
    with engine.connect().execution_options(onrecord_write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            # Serialise concurrent first uses of one database.
            conn.execute(text("SELECT pg_advisory_xact_lock(741852963)"))
        version = current_version(conn)
        if version is None:
            metadata.create_all(conn)
            _create_extras(conn)
            conn.execute(schema_table.insert().values(version=SCHEMA_VERSION))
            return SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"this store has schema version {version}, newer than this onrecord understands "
            f"({SCHEMA_VERSION}); upgrade onrecord"
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SchemaError(f"no migration from store schema version {version}")
        with engine.begin() as conn:
            step(conn)
            conn.execute(schema_table.delete())
            conn.execute(schema_table.insert().values(version=version + 1))
        version += 1
    return version
