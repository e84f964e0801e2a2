"""`onrecord ingest`: formats, idempotency, bad input, workers, progress, and resuming after
kill -9, on SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select

from onrecord.cli.commands import main
from onrecord.store import database_url, ingest, open_store, queries
from onrecord.store import schema as s
from store_helpers import DATA, GOOD, ROOT, fake_analyze, standard_warc

pytest_plugins = ("store_fixtures",)


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """call.txt, call.html, feed.jsonl (2 documents) and pages.warc (2 articles, 1 image, 1
    404 page)."""
    folder = tmp_path / "in"
    shutil.copytree(GOOD, folder)
    standard_warc(folder / "pages.warc.gz")
    return folder


def test_ingest_every_format_then_again(store_url: str, inputs: Path) -> None:
    args = ["ingest", str(inputs), "--db", store_url, "--published", "2024-01-01"]
    code, out, err = cli(*args, "--source", "Test Desk")
    assert (code, out, err) == (
        0,
        "stored 6, skipped 0 duplicate(s), failed 0, ignored 2 (8 inputs)\n",
        "",
    )
    with open_store(store_url) as store:
        docs = {
            Path(d["origin"].split("#")[0].split(":")[0]).name + f" {d['doc_id']}": d
            for d in queries.documents(store).rows
        }
        doc_ids = sorted(d["doc_id"].split("#")[0] for d in docs.values())
        assert doc_ids == [
            "call.html",
            "call.txt",
            "feed-2",
            "feed.jsonl:1",
            "pages.warc.gz",
            "pages.warc.gz",
        ]
        by_id = {d["doc_id"]: d for d in docs.values()}
        txt, html = by_id["call.txt"], by_id["call.html"]
        assert (txt["published"], txt["source"], txt["title"]) == ("2024-01-01", "Test Desk", None)
        assert (html["published"], html["source"], html["url"]) == (
            "2024-11-15",
            "Example News",
            "https://news.example.org/world/putin-scholz-call",
        )
        assert by_id["feed-2"]["published"] == "2024-11-17T08:00:00Z"
        warc_urls = sorted(d["url"] for d in docs.values() if "warc" in d["doc_id"])
        assert warc_urls == ["https://news.example.org/a", "https://news.example.org/b"]
        assert store.counts().failures == 0

    code, out, err = cli(*args)
    assert (code, out) == (0, "stored 0, skipped 6 duplicate(s), failed 0, ignored 2 (8 inputs)\n")
    with open_store(store_url) as store:
        assert store.counts().documents == 6


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD / "call.txt", folder / "good.txt")
    shutil.copy(DATA / "ingest-bad" / "no-article.html", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "latin1.txt").write_bytes("Z\u00fcrich".encode("latin-1"))
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    whole = standard_warc(tmp_path / "w.warc.gz").read_bytes()
    (folder / "truncated.warc.gz").write_bytes(whole[:-100])
    db = str(tmp_path / "store.db")

    code, out, err = cli("ingest", str(folder), "--db", db)
    assert code == 1
    assert out == "stored 2, skipped 0 duplicate(s), failed 6, ignored 2 (10 inputs)\n"
    f = str(folder)
    truncated = re.escape(f"{f}/truncated.warc.gz#") + r"\d+"
    assert [re.sub(truncated, "TRUNCATED", line) for line in err.splitlines()] == [
        f"failed: {f}/binary.txt: binary file (contains NUL bytes), not text",
        f"failed: {f}/empty.txt: empty file",
        f"failed: {f}/huge.txt: file is 50.0 MiB, over the 4.0 MiB limit for .txt files",
        f"failed: {f}/latin1.txt: not valid UTF-8 (byte 0xfc at offset 1); convert the file to "
        "UTF-8",
        f"failed: {f}/no-article.html: no article text found in the HTML (only 3 words of page "
        "text)",
        "failed: TRUNCATED: https://news.example.org/b: truncated WARC record (payload cut short)",
    ]
    code, out, _ = cli("failures", "--db", db, "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "origin,reason,failed_at"
    assert [re.sub(truncated, "TRUNCATED", line.split(",")[0]) for line in lines[1:]] == [
        f"{f}/binary.txt",
        f"{f}/empty.txt",
        f"{f}/huge.txt",
        f"{f}/latin1.txt",
        f"{f}/no-article.html",
        "TRUNCATED",
    ]

    # Fixing an input and running again clears its failure; the rest fail again.
    (folder / "empty.txt").write_text("Olaf Scholz spoke to reporters in Berlin.")
    _code, out, _ = cli("ingest", str(folder), "--db", db)
    assert out == "stored 1, skipped 2 duplicate(s), failed 5, ignored 2 (10 inputs)\n"
    with open_store(db) as store:
        origins = [r["origin"] for r in queries.failures(store).rows]
        assert f"{f}/empty.txt" not in origins and len(origins) == 5


def test_missing_and_unsupported_explicit_paths(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("x")
    code, out, err = cli(
        "ingest",
        str(GOOD / "call.txt"),
        str(notes),
        str(tmp_path / "nope.txt"),
        "--db",
        str(tmp_path / "s.db"),
    )
    assert code == 1
    assert out == "stored 1, skipped 0 duplicate(s), failed 2, ignored 0 (3 inputs)\n"
    assert "notes.md: unsupported file type" in err
    assert "nope.txt: No such file or directory" in err


def test_identical_documents_in_one_batch_are_stored_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("Vladimir Putin spoke.\n")
    (folder / "c.txt").write_text("Vladimir   Putin spoke.")  # whitespace differs only
    _code, out, _ = cli("ingest", str(folder), "--db", str(tmp_path / "s.db"))
    assert out == "stored 1, skipped 2 duplicate(s), failed 0, ignored 0 (3 inputs)\n"


def test_ingest_with_two_workers(tmp_path: Path, inputs: Path) -> None:
    code, out, err = cli("ingest", str(inputs), "--db", str(tmp_path / "s.db"), "--workers", "2")
    assert (code, out, err) == (
        0,
        "stored 6, skipped 0 duplicate(s), failed 0, ignored 2 (8 inputs)\n",
        "",
    )


def test_progress_bar_on_request(tmp_path: Path) -> None:
    code, out, err = cli("ingest", str(GOOD), "--db", str(tmp_path / "s.db"), "--progress")
    assert code == 0 and out.startswith("stored 4,")
    assert "4 docs" in err and "docs/s" in err and "ETA" in err


def article(i: int) -> str:
    return (
        f'Vladimir Putin said "this is point number {i}". Olaf Scholz listened.\n'
        f"Scholz met Putin on 2024-03-{i + 10:02d}.\n"
    )


def test_entities_statements_and_events_through_ingest(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text(article(i))
    with open_store(store_url) as store:
        summary = ingest(store, [folder], workers=2, analyzer=fake_analyze, published="2024-03-20")
        assert (summary.stored, summary.failed) == (4, 0)
        rows = queries.statements(store, speaker="Putin").rows
        assert sorted(r["content"] for r in rows) == [f"this is point number {i}" for i in range(4)]
        timeline = queries.events(store, actors=["Vladimir Putin", "Olaf Scholz"]).rows
        assert [(e["date"], e["actors"], e["recipients"]) for e in timeline] == [
            (f"2024-03-{i + 10}", ["Olaf Scholz"], ["Vladimir Putin"]) for i in range(4)
        ]


def test_analysis_errors_are_failures(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fine.")
    with open_store(tmp_path / "s.db") as store:
        summary = ingest(store, [tmp_path / "a.txt"], analyzer=_exploding_analyzer)
        assert (summary.stored, summary.failed) == (0, 1)
        assert summary.failures == [
            (str((tmp_path / "a.txt").absolute()), "analysis failed: ValueError: no parse")
        ]


def _exploding_analyzer(text: str, **_kwargs: object) -> None:
    raise ValueError("no parse")


# Resuming after kill -9 ----------------------------------------------------------------------

DRIVER = """
import sys
from onrecord.store import ingest, open_store
from store_helpers import fake_analyze

with open_store(sys.argv[1]) as store:
    s = ingest(store, [sys.argv[2]], workers=int(sys.argv[3]), analyzer=fake_analyze)
print(s.stored, s.duplicates, s.failed)
"""


def _count(url: str, table: s.Table) -> int:
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


def _driver(url: str, folder: Path, workers: int, delay: str | None) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]))
    env.pop("ONRECORD_TEST_DELAY", None)
    if delay:
        env["ONRECORD_TEST_DELAY"] = delay
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, url, str(folder), str(workers)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


@pytest.mark.parametrize(("backend", "workers"), [("sqlite", 1), ("sqlite", 2), ("postgresql", 1)])
def test_resume_after_kill_9(
    backend: str, workers: int, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = (
        f"sqlite:///{tmp_path / 's.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    total = 8
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(total):
        (folder / f"{i:02d}.txt").write_text(article(i))
    with open_store(url):  # create the schema, so the progress can be polled
        pass

    proc = _driver(url, folder, workers, delay="0.4")
    try:
        deadline = time.monotonic() + 120
        while _count(url, s.documents) < 2:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        # The analysis workers, orphaned by the kill, are in the driver's process group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    stored = _count(url, s.documents)
    assert 2 <= stored < total, "the kill should land mid-way"
    # Nothing half-written: every stored document has all its rows.
    assert _count(url, s.entities) == 2 * stored
    assert _count(url, s.attributions) == stored
    assert _count(url, s.events) == stored
    assert _count(url, s.event_participants) == 2 * stored

    again = _driver(url, folder, workers, delay=None)
    out, err = again.communicate(timeout=180)
    assert again.returncode == 0, err
    assert out.split() == [str(total - stored), str(stored), "0"]
    assert _count(url, s.documents) == total
    assert _count(url, s.attributions) == total
    assert _count(url, s.entities) == 2 * total
    with open_store(url) as store:
        origins = sorted(Path(d["origin"]).name for d in queries.documents(store).rows)
        assert origins == [f"{i:02d}.txt" for i in range(total)]
        contents = sorted(r["content"] for r in queries.statements(store, speaker="Putin").rows)
        assert contents == sorted(f"this is point number {i}" for i in range(total))
