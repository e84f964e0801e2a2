"""Opening the store for the web view: read-only, so no request can change it.

SQLite opens the file with ``mode=ro`` (and ``PRAGMA query_only``); PostgreSQL sessions start
with ``default_transaction_read_only``. The store must already exist at the schema version
this onrecord writes: upgrading is a write, left to ``onrecord ingest``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from onrecord.store import schema as s
from onrecord.store.db import Store, StoreError, database_url

POOL = {"pool_size": 8, "max_overflow": 32, "pool_timeout": 30}


def _sqlite_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # autocommit: a read holds no transaction open
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def read_only_engine(db: str | Path) -> Engine:
    """A SQLAlchemy engine on the store ``db`` (a ``--db`` value) that cannot write."""
    url = database_url(db)
    if url.get_backend_name() == "sqlite":
        path = url.database
        if not path or path == ":memory:" or not Path(path).is_file():
            raise StoreError(f"no onrecord store at {path}: run `onrecord ingest` first")
        uri = Path(path).resolve().as_uri() + "?mode=ro"

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, check_same_thread=False)

        engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool, **POOL)
        event.listen(engine, "connect", _sqlite_read_only)
        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"options": "-c default_transaction_read_only=on"},
        **POOL,
    )


def open_read_only(db: str | Path) -> Store:
    """The store at ``db``, read-only; a :class:`StoreError` says why it cannot be served."""
    engine = read_only_engine(db)
    try:
        with engine.connect() as conn:
            version = s.current_version(conn)
    except Exception as exc:
        engine.dispose()
        raise StoreError(f"cannot open the store {db}: {exc}") from exc
    if version != s.SCHEMA_VERSION:
        engine.dispose()
        if version is None:
            raise StoreError(f"no onrecord store at {db}: run `onrecord ingest` first")
        raise StoreError(
            f"the store has schema version {version}, this onrecord serves version "
            f"{s.SCHEMA_VERSION}: run `onrecord ingest` on it once to upgrade it"
        )
    return Store(engine)
