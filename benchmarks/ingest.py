"""Benchmark `onrecord ingest` and two store queries.

Ingests the first N PolNeAR train articles (``/work/shared/data/polnear/train/text``, or
``--data DIR``: any folder of inputs) into a fresh store once per ``--workers`` value, each
run in a fresh child process, and prints:

* articles/s (wall clock, including worker start-up and model loading),
* peak memory: max RSS of the ingesting process and of its (analysis worker) children,
  from ``resource.getrusage``,
* store size on disk (SQLite file, or ``pg_database_size``),
* median latency of statements-by-speaker (the most quoted speaker, else "Vladimir Putin")
  and of a full-text search (``--query``), over ``--repeat`` runs.

    python benchmarks/ingest.py -n 5 --workers 1 2
    python benchmarks/ingest.py -n 840 --workers 1 2 4 --postgres postgresql://postgres@127.0.0.1:5432/postgres

With ``--postgres ADMIN_URL`` each run gets a new database on that server (dropped afterwards
unless ``--keep``); otherwise a SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = Path("/work/shared/data/polnear/train/text")


def _child(db: str, folder: str, workers: int, query: str, repeat: int) -> dict[str, Any]:
    from onrecord.store import ingest, open_store, queries

    start = time.perf_counter()
    with open_store(db) as store:
        summary = ingest(store, [folder], workers=workers)
        elapsed = time.perf_counter() - start
        top = queries.speakers(store, top=1).rows
        speaker = top[0]["speaker"] if top else "Vladimir Putin"

        def timed(fn: Any) -> float | None:
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                try:
                    fn()
                except LookupError:
                    return None
                times.append(time.perf_counter() - t0)
            return statistics.median(times) * 1000

        by_speaker = timed(lambda: queries.statements(store, speaker=speaker))
        fts = timed(lambda: queries.search(store, query))
        size = _store_size(store)
        counts = store.counts()
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "workers": workers,
        "stored": summary.stored,
        "duplicates": summary.duplicates,
        "failed": summary.failed,
        "seconds": elapsed,
        "articles_per_s": summary.stored / elapsed if elapsed else 0.0,
        "peak_rss_mib": self_rss / 1024,
        "peak_child_rss_mib": children_rss / 1024,
        "store_mib": size / (1024 * 1024),
        "statements": counts.statements,
        "speaker": speaker,
        "statements_by_speaker_ms": by_speaker,
        "search_ms": fts,
    }


def _store_size(store: Any) -> int:
    from sqlalchemy import text

    if store.backend == "sqlite":
        path = Path(store.engine.url.database)
        return sum(
            p.stat().st_size
            for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
            if p.exists()
        )
    with store.connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()


def _inputs(data: Path, n: int, into: Path) -> int:
    files = sorted(p for p in data.iterdir() if p.is_file() and not p.name.startswith("."))[:n]
    into.mkdir()
    for path in files:
        (into / path.name).symlink_to(path.resolve())
    return len(files)


def _pg_database(admin_url: str, name: str, drop: bool = False) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(admin_url)
    info = {
        "host": admin.host,
        "port": admin.port,
        "user": admin.username,
        "password": admin.password,
        "dbname": admin.database or "postgres",
    }
    with psycopg.connect(**{k: v for k, v in info.items() if v}, autocommit=True) as conn:
        if drop:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            conn.execute(f'CREATE DATABASE "{name}"')
    return admin.set(database=name).render_as_string(hide_password=False)


def _fmt(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5, help="articles to ingest (default 5)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--data", type=Path, default=POLNEAR, help=f"default {POLNEAR}")
    parser.add_argument("--postgres", metavar="ADMIN_URL", help="benchmark PostgreSQL")
    parser.add_argument("--query", default="said", help='FTS query (default "said")')
    parser.add_argument("--repeat", type=int, default=20, help="query repetitions")
    parser.add_argument("--keep", action="store_true", help="keep the stores")
    parser.add_argument(
        "--child", nargs=3, metavar=("DB", "FOLDER", "WORKERS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)

    if args.child:
        db, folder, workers = args.child
        print(json.dumps(_child(db, folder, int(workers), args.query, args.repeat)))
        return 0

    if not args.data.is_dir():
        print(f"no input folder {args.data} (pass --data DIR)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="onrecord-bench-"))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("ONRECORD_TEST_DELAY", None)
    results = []
    try:
        count = _inputs(args.data, args.n, work / "in")
        print(f"{count} articles from {args.data}", file=sys.stderr)
        for workers in args.workers:
            name = f"onrecord_bench_{os.getpid()}_w{workers}"
            db = (
                _pg_database(args.postgres, name)
                if args.postgres
                else f"sqlite:///{work / (name + '.db')}"
            )
            try:
                done = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        db,
                        str(work / "in"),
                        str(workers),
                        "--query",
                        args.query,
                        "--repeat",
                        str(args.repeat),
                    ],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )
            finally:
                if args.postgres and not args.keep:
                    _pg_database(args.postgres, name, drop=True)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    finally:
        if args.keep:
            print(f"stores kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    header = (
        "workers  stored  failed  seconds  articles/s  peak MiB  children MiB  store MiB"
        "  by-speaker ms  search ms"
    )
    print(header)
    for r in results:
        print(
            f"{r['workers']:>7}  {r['stored']:>6}  {r['failed']:>6}  {r['seconds']:>7.1f}"
            f"  {r['articles_per_s']:>10.2f}  {r['peak_rss_mib']:>8.0f}"
            f"  {r['peak_child_rss_mib']:>12.0f}  {r['store_mib']:>9.2f}"
            f"  {_fmt(r['statements_by_speaker_ms'], 2):>13}  {_fmt(r['search_ms'], 2):>9}"
        )
    speaker = results[0]["speaker"] if results else ""
    print(f"(statements-by-speaker for {speaker!r}; n/a: no such speaker stored)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
