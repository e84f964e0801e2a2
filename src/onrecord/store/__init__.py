"""The corpus store: ingest articles into SQLite or PostgreSQL and ask questions of them.

>>> from onrecord.store import open_store, ingest, queries
>>> with open_store("onrecord.db") as store:
...     summary = ingest(store, ["articles/"], workers=2)
...     result = queries.statements(store, speaker="Vladimir Putin", about="NATO")
"""

from onrecord.store import queries
from onrecord.store.db import DEFAULT_DB, Store, StoreError, content_hash, database_url, open_store
from onrecord.store.ingest import IngestInterrupted, IngestSummary, Outcome, ingest
from onrecord.store.names import canonical_key
from onrecord.store.schema import SCHEMA_VERSION, SchemaError

__all__ = [
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "IngestInterrupted",
    "IngestSummary",
    "Outcome",
    "SchemaError",
    "Store",
    "StoreError",
    "canonical_key",
    "content_hash",
    "database_url",
    "ingest",
    "open_store",
    "queries",
]
