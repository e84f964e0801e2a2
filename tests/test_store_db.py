"""The store itself: schema, writing records, actors across articles, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from onrecord.model import Document, Entity, Record, Span
from onrecord.store import (
    SCHEMA_VERSION,
    SchemaError,
    StoreError,
    content_hash,
    database_url,
    open_store,
    queries,
)
from onrecord.store import db as store_db
from onrecord.store import schema as s
from store_helpers import record_call_2022, record_call_2024, sample_records

pytest_plugins = ("store_fixtures",)


def person(doc_id: str, *names: str) -> Record:
    text = " and ".join(names) + " spoke."
    entities = []
    for i, name in enumerate(names):
        start = text.index(name)
        entities.append(
            Entity(f"e{i + 1}", name, "person", mentions=[Span.of(text, start, start + len(name))])
        )
    return Record(Document(doc_id, text), entities)


def actor_names(store) -> dict[str, list[str]]:
    """Actor name -> the names its entities were written as."""
    with store.connect() as conn:
        rows = conn.execute(
            select(s.actors.c.name, s.entities.c.name.label("as_named"))
            .join(s.entities, s.entities.c.actor_id == s.actors.c.id)
            .order_by(s.actors.c.name, s.entities.c.id)
        ).all()
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row.name, []).append(row.as_named)
    return out


def test_database_url_forms(tmp_path: Path) -> None:
    plain = database_url(tmp_path / "x.db")
    assert plain.drivername == "sqlite" and plain.database == str(tmp_path / "x.db")
    assert database_url("sqlite:///rel.db").database == "rel.db"
    pg = database_url("postgresql://me@db.example/news")
    assert pg.drivername == "postgresql+psycopg" and pg.database == "news"
    assert database_url("postgres://me@h/n").drivername == "postgresql+psycopg"
    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        database_url("mysql://me@h/n")


def test_query_on_missing_store_does_not_create_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `onrecord ingest` first"):
        open_store(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_add_records_and_counts(store_url: str) -> None:
    with open_store(store_url) as store:
        ids = [store.add_record(r, origin=r.document.id) for r in sample_records()]
        assert all(isinstance(i, int) for i in ids)
        counts = store.counts()
        assert (counts.documents, counts.statements, counts.entities, counts.events) == (
            3,
            5,
            6,
            3,
        )
        # Same text again (whitespace differences do not matter): skipped.
        again = record_call_2024()
        again.document.text = again.document.text.replace(" ", "  ")
        assert store.add_record(again, origin="elsewhere") is None
        assert store.counts().documents == 3
        assert store.has_document(content_hash(record_call_2022().document.text))


def test_records_round_trip(store_url: str) -> None:
    with open_store(store_url) as store:
        for r in sample_records():
            store.add_record(r, origin=r.document.id)
        assert list(queries.records(store)) == [r.to_dict() for r in sample_records()]


def test_schema_version_is_recorded_and_checked(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.begin() as conn:
        assert s.current_version(conn) == SCHEMA_VERSION
        conn.execute(s.schema_table.update().values(version=SCHEMA_VERSION + 1))
    with pytest.raises(SchemaError, match="newer than this onrecord understands"):
        open_store(store_url)


def test_surname_after_full_name_is_the_same_actor(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_record(record_call_2024(), origin="a")
        store.add_record(record_call_2022(), origin="b")
        assert actor_names(store) == {
            "NATO": ["NATO"],
            "Olaf Scholz": ["Olaf Scholz", "Scholz"],
            "Vladimir Putin": ["Vladimir Putin", "Putin"],
        }


def test_surname_before_full_name_is_merged(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_record(record_call_2022(), origin="b")
        assert sorted(actor_names(store)) == ["Putin", "Scholz"]
        store.add_record(record_call_2024(), origin="a")
        assert actor_names(store) == {
            "NATO": ["NATO"],
            "Olaf Scholz": ["Scholz", "Olaf Scholz"],
            "Vladimir Putin": ["Putin", "Vladimir Putin"],
        }
        # Statements and events moved with the merge.
        assert [r["speaker"] for r in queries.statements(store, speaker="Putin").rows] == [
            "Vladimir Putin"
        ] * 3


def test_ambiguous_surname_is_not_merged(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_record(person("1", "Alexander Smith"), origin="1")
        store.add_record(person("2", "Smith"), origin="2")
        store.add_record(person("3", "Jane Smith"), origin="3")
        store.add_record(person("4", "Mr. Smith"), origin="4")
        assert actor_names(store) == {
            "Alexander Smith": ["Alexander Smith", "Smith"],
            "Jane Smith": ["Jane Smith"],
            "Mr. Smith": ["Mr. Smith"],
        }
        with store.connect() as conn:
            smith = queries.resolve_actor(conn, "Smith")
            assert conn.execute(select(s.actors.c.name).where(s.actors.c.id == smith)).scalar() == (
                "Mr. Smith"
            )


def test_a_surname_shared_by_two_people_is_ambiguous_in_queries(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_record(person("1", "Alexander Smith", "Jane Smith"), origin="1")
        with store.connect() as conn:
            with pytest.raises(queries.AmbiguousName, match="Alexander Smith, Jane Smith"):
                queries.resolve_actor(conn, "Smith")
            with pytest.raises(queries.NameNotFound):
                queries.resolve_actor(conn, "Jones")
            assert queries.resolve_actor(conn, "jane  SMITH") == queries.resolve_actor(
                conn, "Ms. Jane Smith"
            )


def test_a_failed_write_leaves_nothing(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(conn, doc_row, record) -> None:
        conn.execute(
            s.entities.insert().values(
                document_id=doc_row, local_id="x", name="x", kind="person", mentions=0
            )
        )
        raise RuntimeError("disk on fire")

    with open_store(store_url) as store:
        store.add_record(record_call_2022(), origin="ok")
        monkeypatch.setattr(store_db, "_write_contents", broken)
        with pytest.raises(RuntimeError, match="disk on fire"):
            store.add_record(record_call_2024(), origin="bad")
        with store.connect() as conn:
            assert conn.execute(select(func.count()).select_from(s.documents)).scalar() == 1
            assert conn.execute(select(func.count()).select_from(s.entities)).scalar() == 2


def test_failures_are_recorded_and_replaced(store_url: str) -> None:
    with open_store(store_url) as store:
        store.record_failure("/x.txt", "empty file")
        store.record_failure("/x.txt", "binary file")
        assert [(r["origin"], r["reason"]) for r in queries.failures(store).rows] == [
            ("/x.txt", "binary file")
        ]
        store.add_record(record_call_2022(), origin="/x.txt")
        assert queries.failures(store).rows == []


def test_statement_spans_are_stored_as_json(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_record(record_call_2022(), origin="b")
        [row] = queries.statements(store).rows
        text = record_call_2022().document.text
        assert row["spans"] == [
            {
                "start": text.index("eliminate"),
                "end": text.index("eliminate") + len("eliminate the root causes of the conflict"),
                "text": "eliminate the root causes of the conflict",
            }
        ]
        assert json.loads(json.dumps(row["spans"])) == row["spans"]
