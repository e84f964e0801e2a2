"""Scale-out on a real Dask LocalCluster of two worker processes: output identical to one
process, the model loaded once per worker, a worker killed mid-task, the client killed
mid-ingest, a document that kills every worker it runs on, PostgreSQL workers writing, and
analyze --output shards."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select

from onrecord.cli.commands import main
from onrecord.store import database_url, ingest, open_store
from onrecord.store import schema as s
from store_helpers import GOOD, ROOT, standard_warc

# The module, not the function of the same name that onrecord.store exports.
ingest_module = importlib.import_module("onrecord.store.ingest")

pytest_plugins = ("store_fixtures",)

distributed = pytest.importorskip("distributed")

#: Seconds each document's analysis sleeps on the workers, so that kills land mid-task.
DELAY = "0.4"
TESTS = Path(__file__).resolve().parent
TABLES = ("documents", "actors", "actor_aliases", "entities", "attributions", "events")
CLOCK_COLUMNS = {"ingested_at", "failed_at", "created_at"}


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    """Two worker processes (one thread each). A task that kills its worker is re-run once,
    and fails (KilledWorker) when it kills a second."""
    import dask

    env = {
        "ONRECORD_TEST_DELAY": DELAY,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(TESTS)]),
    }
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        local = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            env=env,
        )
        try:
            yield local
        finally:
            local.close()


@pytest.fixture
def client(cluster: distributed.LocalCluster) -> Iterator[distributed.Client]:
    with distributed.Client(cluster) as connected:
        connected.wait_for_workers(2, timeout=120)
        yield connected


@pytest.fixture
def small_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two documents per task, so that a handful of documents make several tasks."""
    monkeypatch.setattr(ingest_module, "INGEST_BATCH_DOCS", 2)


SPEAKERS = ("Olaf Scholz", "Vladimir Putin", "Emmanuel Macron", "Ursula von der Leyen")


def write_feed(path: Path, count: int) -> Path:
    """``count`` short articles, each with a quotation, in one JSONL file."""
    with path.open("w", encoding="utf-8") as fh:
        for n in range(count):
            speaker = SPEAKERS[n % len(SPEAKERS)]
            text = (
                f'"We will not accept a ceasefire that rewards aggression, case {n}," '
                f"{speaker} said on Tuesday. {speaker} met the ministers in Berlin."
            )
            fh.write(json.dumps({"id": f"a{n}", "text": text, "published": "2024-11-15"}) + "\n")
    return path


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """call.txt, call.html, feed.jsonl (2), pages.warc.gz (2 articles, 2 ignored), news.jsonl
    (8): 14 documents, 2 ignored records."""
    folder = tmp_path / "in"
    shutil.copytree(GOOD, folder)
    standard_warc(folder / "pages.warc.gz")
    write_feed(folder / "news.jsonl", 8)
    return folder


def rows(url: str) -> dict[str, list[tuple]]:
    """Every stored row of every table, clock columns left out."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            out = {}
            for name in TABLES:
                table = s.metadata.tables[name]
                columns = [c for c in table.c if c.name not in CLOCK_COLUMNS]
                out[name] = [tuple(r) for r in conn.execute(select(*columns).order_by(*columns))]
            return out
    finally:
        engine.dispose()


def origins(url: str) -> list[str]:
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            return sorted(conn.execute(select(s.documents.c.origin)).scalars())
    finally:
        engine.dispose()


EXPECTED_STORED = 14


def test_output_identical_to_one_process(
    tmp_path: Path, inputs: Path, client: distributed.Client, small_tasks: None
) -> None:
    alone, spread = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'dask.db'}"
    with open_store(alone) as store:
        one = ingest(store, [inputs])
    with open_store(spread) as store, distributed.get_task_stream(client) as stream:
        many = ingest(store, [inputs], dask=client)
    assert (many.stored, many.duplicates, many.failed, many.ignored) == (EXPECTED_STORED, 0, 0, 2)
    # call.html and pages.warc.gz were read and extracted on the workers, one task each.
    extracted = [task for task in stream.data if task["key"].startswith("extract_files-")]
    assert len(extracted) == 2
    assert (one.stored, one.ignored) == (many.stored, many.ignored)
    expected, got = rows(alone), rows(spread)
    assert len(got["attributions"]) >= EXPECTED_STORED
    assert got == expected
    # The model was loaded once per worker process, not once per task (8 tasks ran).
    loads = client.run(_model_loads)
    assert sorted(loads.values()) == [1, 1]


def _model_loads() -> int:
    from onrecord.pipeline.records import load

    return load.cache_info().misses


def _worker_pid(client: distributed.Client, address: str) -> int:
    return int(client.run(os.getpid, workers=[address])[address])


@pytest.mark.parametrize("writes", ["client", "workers"])
def test_worker_killed_mid_task_is_rerun(
    tmp_path: Path,
    inputs: Path,
    client: distributed.Client,
    small_tasks: None,
    writes: str,
    request: pytest.FixtureRequest,
) -> None:
    """Client writes (SQLite) or workers write (PostgreSQL): either way every input is
    stored exactly once after a worker is killed mid-task."""
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            busy = [addr for addr, keys in client.processing().items() if keys]
            if busy:
                time.sleep(float(DELAY) / 2)  # into the analysis, before it ends
                pid = _worker_pid(client, busy[0])
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker)
    on_workers = writes == "workers"
    url = request.getfixturevalue("pg_url") if on_workers else f"sqlite:///{tmp_path / 's.db'}"
    with open_store(url) as store:
        killer.start()
        summary = ingest(store, [inputs], dask=client, write_on_workers=on_workers)
        killer.join()
        assert store.counts().documents == EXPECTED_STORED
    assert len(killed) == 1
    assert (summary.stored, summary.failed, summary.failures) == (EXPECTED_STORED, 0, [])
    assert len(set(origins(url))) == EXPECTED_STORED
    client.wait_for_workers(2, timeout=120)
    assert killed[0] not in client.run(os.getpid).values()


CLIENT_SCRIPT = """
import importlib
import sys
from onrecord.store import ingest, open_store
ingest_module = importlib.import_module("onrecord.store.ingest")
ingest_module.INGEST_BATCH_DOCS = 1
with open_store(sys.argv[1]) as store:
    ingest(store, [sys.argv[2]], dask=sys.argv[3])
"""


def test_client_killed_mid_ingest_continues_on_restart(
    tmp_path: Path, inputs: Path, cluster: distributed.LocalCluster, client: distributed.Client
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-c", CLIENT_SCRIPT, url, str(inputs), cluster.scheduler_address],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        engine = create_engine(database_url(url))
        deadline = time.monotonic() + 180
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with engine.connect() as conn:
                    stored = conn.execute(select(func.count()).select_from(s.documents)).scalar()
            except Exception:  # the store is still being created
                stored = 0
            if stored >= 2:
                break
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        engine.dispose()
    finally:
        proc.wait(timeout=30)
    assert 2 <= stored < EXPECTED_STORED, "the kill should land mid-way"
    with open_store(url) as store:
        before = store.counts().documents
        summary = ingest(store, [inputs], dask=client)
        assert store.counts().documents == EXPECTED_STORED
    assert before < EXPECTED_STORED
    assert (summary.stored, summary.duplicates) == (EXPECTED_STORED - before, before)
    assert (summary.failed, summary.ignored) == (0, 2)
    assert len(set(origins(url))) == EXPECTED_STORED


def test_a_document_that_kills_its_worker_fails_alone(
    tmp_path: Path, client: distributed.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onrecord.pipeline.batching import char_batches

    # Tasks of two documents even with an analyzer of one's own (called per document).
    monkeypatch.setattr(
        ingest_module._Ingest,
        "batches",
        lambda self, paths, items=None: char_batches(self.jobs(paths, items), max_docs=2),
    )
    folder = tmp_path / "in"
    folder.mkdir()
    write_feed(folder / "news.jsonl", 3)
    with (folder / "news.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "poison", "text": "CRASH THE WORKER please."}) + "\n")
    from dask_helpers import crash_on_marker

    url = f"sqlite:///{tmp_path / 'store.db'}"
    with open_store(url) as store:
        summary = ingest(store, [folder], dask=client, analyzer=crash_on_marker)
        assert store.counts().documents == 3
    assert (summary.stored, summary.failed) == (3, 1)
    origin, reason = summary.failures[0]
    assert origin == f"{folder / 'news.jsonl'}:4"
    assert reason == (
        "analysis killed its worker process 2 times (out of memory or a crash); "
        "the document was not stored"
    )
    client.wait_for_workers(2, timeout=120)


def test_postgresql_workers_write(
    pg_url: str, tmp_path: Path, inputs: Path, client: distributed.Client, small_tasks: None
) -> None:
    alone = f"sqlite:///{tmp_path / 'one.db'}"
    with open_store(alone) as store:
        ingest(store, [inputs])
    with open_store(pg_url) as store:
        summary = ingest(store, [inputs], dask=client, write_on_workers=True)
        assert store.counts().documents == EXPECTED_STORED
    assert (summary.stored, summary.failed, summary.ignored) == (EXPECTED_STORED, 0, 2)

    def contents(url: str) -> list[tuple]:
        engine = create_engine(database_url(url))
        with engine.connect() as conn:
            found = conn.execute(
                select(s.documents.c.origin, s.documents.c.record, s.attributions.c.content)
                .join(s.attributions, s.attributions.c.document_id == s.documents.c.id)
                .order_by(s.documents.c.origin, s.attributions.c.local_id)
            ).all()
        engine.dispose()
        return [tuple(r) for r in found]

    assert contents(pg_url) == contents(alone)
    # Each document was placed in a story (by the client, from the worker's profile) as one
    # process places it.
    assert stories(pg_url) == stories(alone)
    with open_store(pg_url) as store:
        again = ingest(store, [inputs], dask=client, write_on_workers=True)
    assert (again.stored, again.duplicates) == (0, EXPECTED_STORED)


def stories(url: str) -> list[tuple[str, ...]]:
    """The stories as groups of document origins."""
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        found = conn.execute(
            select(s.story_documents.c.story_id, s.documents.c.origin).join(
                s.documents, s.documents.c.id == s.story_documents.c.document_id
            )
        ).all()
    engine.dispose()
    groups: dict[int, list[str]] = {}
    for story, origin in found:
        groups.setdefault(story, []).append(origin)
    return sorted(tuple(sorted(g)) for g in groups.values())


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_cli_ingest_and_analyze_output(
    tmp_path: Path, inputs: Path, cluster: distributed.LocalCluster
) -> None:
    address = cluster.scheduler_address
    db = str(tmp_path / "store.db")
    assert cli("ingest", str(inputs), "--db", db, "--dask", address, "--no-progress") == (
        0,
        "stored 14, skipped 0 duplicate(s), failed 0, ignored 2 (16 inputs)\n",
        "",
    )
    code, _out, err = cli("ingest", str(inputs), "--db", db, "--dask", "local:zero")
    assert code == 2
    assert "local:N needs a number of workers >= 1, not 'zero'" in err

    pattern = str(inputs / "*.jsonl")
    alone, spread = tmp_path / "alone", tmp_path / "spread"
    code, out, _ = cli("analyze", pattern, "--output", str(alone))
    assert (code, out) == (
        0,
        f"wrote 10, kept 0 from an earlier run, failed 0, ignored 0 "
        f"(10 inputs) in 1 shard(s) under {alone}\n",
    )
    code, out, _ = cli("analyze", pattern, "--output", str(spread), "--dask", address)
    assert code == 0
    assert sorted(p.name for p in spread.iterdir()) == ["failures.jsonl", "part-000000.jsonl"]
    shard = (spread / "part-000000.jsonl").read_text(encoding="utf-8")
    assert shard == (alone / "part-000000.jsonl").read_text(encoding="utf-8")
    records = [json.loads(line) for line in shard.splitlines()]
    assert [r["document"]["id"] for r in records] == ["feed.jsonl:1", "feed-2"] + [
        f"a{n}" for n in range(8)
    ]

    parquet = tmp_path / "parquet"
    code, out, _ = cli(
        "analyze", pattern, "--output", str(parquet), "--shard-format", "parquet", "--dask", address
    )
    assert code == 0
    import pyarrow.parquet as pq

    table = pq.read_table(parquet / "part-000000.parquet").to_pylist()
    assert [row["id"] for row in table] == [r["document"]["id"] for r in records]
    assert [json.loads(row["record"]) for row in table] == records
    assert [row["attributions"] for row in table] == [len(r["attributions"]) for r in records]
    code, out, _ = cli("analyze", pattern, "--output", str(parquet), "--shard-format", "parquet")
    assert out.startswith("wrote 0, kept 10 from an earlier run, failed 0")
