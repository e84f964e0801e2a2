"""Concurrent writers on PostgreSQL: a transaction the server aborts as a deadlock (or a
serialization failure) is run again, and the document ends stored exactly once.

The aborts are the server's own: a trigger on ``documents`` raises SQLSTATE 40P01 for the
first attempts (counted by a sequence, which a rollback does not undo), as PostgreSQL does
when two documents create the same actors in opposite orders."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from onrecord.pipeline import analyze
from onrecord.scale.ingest import analyze_and_store
from onrecord.store import content_hash, open_store
from onrecord.store import db as store_db
from onrecord.store.ingest import _Job

pytest_plugins = ("store_fixtures",)

TEXT = (
    '"The harbour will reopen on Friday," the port director Ines Varga said on Monday. '
    "Varga told reporters that the storm had damaged two cranes."
)


def abort_attempts(url: str, which: str, code: str = "deadlock_detected") -> None:
    """Make the server abort with ``code`` each insert into documents whose attempt number
    ``n`` (1, 2, ... over the whole test) meets the SQL condition ``which``."""
    info = make_url(url)
    with psycopg.connect(
        host=info.host, port=info.port, user=info.username, dbname=info.database, autocommit=True
    ) as conn:
        conn.execute("CREATE SEQUENCE conflict_attempts")
        conn.execute(
            f"""CREATE FUNCTION conflict() RETURNS trigger AS $$
            BEGIN
              IF (SELECT {which} FROM (SELECT nextval('conflict_attempts') AS n) AS a) THEN
                RAISE EXCEPTION 'test: aborted as a conflict' USING ERRCODE = '{code}';
              END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql"""
        )
        conn.execute(
            "CREATE TRIGGER conflict BEFORE INSERT ON documents "
            "FOR EACH ROW EXECUTE FUNCTION conflict()"
        )


def attempts_made(store) -> int:
    with store.connect() as conn:
        return conn.exec_driver_sql("SELECT last_value FROM conflict_attempts").scalar_one()


@pytest.fixture(autouse=True)
def quick_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_db, "CONFLICT_PAUSE", 0.001)


@pytest.mark.parametrize("code", ["deadlock_detected", "serialization_failure"])
def test_an_aborted_transaction_is_run_again(pg_url: str, code: str) -> None:
    record = analyze(TEXT, doc_id="harbour")
    with open_store(pg_url) as store:
        abort_attempts(pg_url, "n <= 2", code)
        row = store.add_record(record, origin="harbour.txt")
        assert row is not None
        assert attempts_made(store) == 3
        counts = store.counts()
        assert (counts.documents, counts.statements) == (1, 2)


def test_a_document_that_keeps_conflicting_fails_and_leaves_nothing(pg_url: str) -> None:
    record = analyze(TEXT, doc_id="harbour")
    with open_store(pg_url) as store:
        abort_attempts(pg_url, "true")
        with pytest.raises(DBAPIError) as raised:
            store.add_record(record, origin="harbour.txt")
        assert raised.value.orig.sqlstate == "40P01"
        assert attempts_made(store) == store_db.CONFLICT_RETRIES + 1
        counts = store.counts()
        assert (counts.documents, counts.statements, counts.actors) == (0, 0, 0)


def test_worker_writes_retry_and_report_what_failed(pg_url: str) -> None:
    """The task a Dask worker runs with ``--dask-writes workers``: the first document is
    stored after two aborts; the second keeps conflicting and fails with its reason."""
    other = TEXT.replace("Friday", "Sunday")
    jobs = [
        _Job(f"{name}.txt", content_hash(text), text, {"doc_id": name}, len(text))
        for name, text in (("first", TEXT), ("second", other))
    ]
    with open_store(pg_url):
        pass
    abort_attempts(pg_url, "n <> 3")  # the first document's third attempt goes through
    outcomes = analyze_and_store(jobs, None, pg_url)
    assert [o[0] for o in outcomes] == ["stored", "failed"]
    assert outcomes[0][3] is not None  # the story profile, embedded on the worker
    assert outcomes[1][2].startswith("could not store: ")
    assert "test: aborted as a conflict" in outcomes[1][2]
    with open_store(pg_url) as store:
        assert store.counts().documents == 1
