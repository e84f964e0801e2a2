"""Benchmark ingest on Dask against the single-process batched path.

The corpus is the PolNeAR train texts (``--data``, 840 articles) repeated ``--copies`` times into
JSONL files in a temporary folder; each copy after the first gets its own ids and a closing line
("Archive copy 3.") so that its content hash differs and it is analysed again. Each mode runs in
a fresh child process and prints one JSON line:

* ``single``: ``ingest(store, paths)`` in one process (batches of 16 documents / 40,000 chars);
* ``dask:N``: ``ingest(..., dask="local:N")``, client writes;
* ``dask-pg-workers:N``: PostgreSQL, N workers each writing their documents;
* ``shards:N``: ``analyze_to_files(..., dask="local:N")``, JSONL shards and no store.

Per run: articles/s over the whole run and after the cluster is up, peak RSS of the client and
of each worker (``getrusage`` in each process), and from Dask's task stream the per-task
overhead: the time a worker thread spends not computing, per task ((wall x threads - compute)
/ tasks). ``--overhead`` measures a no-op task's round trip carrying a 40,000-character payload.
``--queries`` times statements-by-speaker and full-text search on the store built.

    python benchmarks/dask_ingest.py --copies 1 --modes single dask:1 dask:2
    python benchmarks/dask_ingest.py --copies 10 --modes dask:2 --postgres ADMIN_URL --queries
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_stores import fresh_store

POLNEAR = Path("/work/shared/data/polnear/train/text")
SAMPLE_EVERY = 120


def write_corpus(data: Path, copies: int, into: Path) -> tuple[list[str], int]:
    """JSONL files (one per copy) of every text in ``data``; the paths and the article count."""
    texts = sorted(p for p in data.iterdir() if p.suffix == ".txt")
    paths = []
    for copy in range(copies):
        path = into / f"copy-{copy:03d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for source in texts:
                text = source.read_text(encoding="utf-8")
                if copy:
                    text = f"{text.rstrip()}\n\nArchive copy {copy}.\n"
                row = {"id": f"{source.stem}~{copy}", "text": text}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        paths.append(str(path))
    return paths, len(texts) * copies


def _worker_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_memory() -> dict[str, int]:
    """This process's resident memory now and at its peak (MiB), and the size of its
    pipeline's string store (what grows with a corpus's new words outside a memory zone;
    ``len(vocab)`` counts every lexeme ever made, freed or not, so it says nothing here)."""
    from onrecord.pipeline.records import load

    with open("/proc/self/statm", encoding="ascii") as fh:
        resident = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    nlp = load()
    return {
        "rss": round(resident),
        "peak": round(_worker_peak_mib()),
        "strings": len(nlp.vocab.strings),
    }


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(mode: str, db: str, paths: list[str]) -> dict[str, Any]:
    """One run of ``mode``; ``db`` is the store's URL, or for ``shards:N`` the shard folder."""
    from onrecord.scale import analyze_to_files
    from onrecord.store import ingest, open_store

    result: dict[str, Any] = {"mode": mode}
    start = time.perf_counter()
    shards = mode.startswith("shards")
    with contextlib.nullcontext() if shards else open_store(db) as store:
        if mode == "single":
            summary = ingest(store, paths)
            ready = start
        else:
            from distributed import get_task_stream

            from onrecord.scale.cluster import open_client

            workers = int(mode.split(":")[1])
            with open_client(f"local:{workers}") as client:
                client.wait_for_workers(workers)
                ready = time.perf_counter()
                done = [0]
                began = time.perf_counter()

                def sample(finished: bool) -> None:
                    # Each worker's memory as the run goes (stderr), to show it stays flat.
                    done[0] += finished
                    if finished and done[0] % SAMPLE_EVERY == 0:
                        line = {
                            "done": done[0],
                            "s": round(time.perf_counter() - began),
                            "load": round(os.getloadavg()[0], 1),
                            "client_cpu_s": round(_cpu_seconds(), 1),
                            "workers": sorted(
                                client.run(_worker_memory).values(), key=lambda m: m["rss"]
                            ),
                        }
                        print(json.dumps(line), file=sys.stderr, flush=True)

                with get_task_stream(client) as stream:
                    if shards:
                        summary = analyze_to_files(
                            paths,
                            db,
                            dask=client,
                            on_outcome=lambda _o, status, _r, _n: sample(status == "written"),
                        )
                    else:
                        summary = ingest(
                            store,
                            paths,
                            dask=client,
                            write_on_workers=mode.startswith("dask-pg"),
                            on_outcome=lambda outcome: sample(outcome.status == "stored"),
                        )
                end = time.perf_counter()
                compute = [
                    stop - begin
                    for task in stream.data
                    for part in task["startstops"]
                    if part["action"] == "compute"
                    for begin, stop in [(part["start"], part["stop"])]
                ]
                peaks = client.run(_worker_peak_mib)
                result["worker_cpu_s"] = round(sum(client.run(_cpu_seconds).values()), 1)
                result["worker_peak_rss_mib"] = sorted(round(v) for v in peaks.values())
                result["tasks"] = len(compute)
                result["mean_task_s"] = statistics.mean(compute) if compute else None
                idle = (end - ready) * workers - sum(compute)
                result["overhead_per_task_s"] = idle / len(compute) if compute else None
        elapsed = time.perf_counter() - start
        steady = time.perf_counter() - ready
        stored = summary.written if shards else summary.stored
        result.update(
            stored=stored,
            duplicates=0 if shards else summary.duplicates,
            failed=summary.failed,
            seconds=round(elapsed, 1),
            articles_per_s=round(stored / elapsed, 2),
            articles_per_s_after_start=round(stored / steady, 2),
            client_peak_rss_mib=round(_worker_peak_mib()),
            client_cpu_s=round(_cpu_seconds(), 1),
            load_average=[round(x, 1) for x in os.getloadavg()],
        )
    return result


def no_op(payload: str) -> int:
    return len(payload)


def task_overhead(count: int) -> dict[str, Any]:
    """Round trip of a no-op task carrying a 40,000-character payload, one at a time (latency)
    and with two per worker in flight (throughput), on a LocalCluster of 2."""
    from onrecord.scale.cluster import map_in_order, open_client

    payload = "x" * 40_000
    with open_client("local:2") as client:
        client.wait_for_workers(2)
        start = time.perf_counter()
        for _ in map_in_order(client, no_op, [payload] * count, window=1):
            pass
        serial = (time.perf_counter() - start) / count
        start = time.perf_counter()
        for _ in map_in_order(client, no_op, [payload] * count):
            pass
        windowed = (time.perf_counter() - start) / count
    return {"tasks": count, "serial_ms": serial * 1000, "windowed_ms": windowed * 1000}


def query_latency(db: str, repeat: int) -> dict[str, Any]:
    from onrecord.store import open_store, queries

    def timed(fn: Any) -> float:
        times = []
        for _ in range(repeat):
            begin = time.perf_counter()
            fn()
            times.append(time.perf_counter() - begin)
        return round(statistics.median(times) * 1000, 1)

    with open_store(db) as store:
        speaker = queries.speakers(store, top=1).rows[0]["speaker"]
        counts = store.counts()
        return {
            "documents": counts.documents,
            "statements": counts.statements,
            "speaker": speaker,
            "statements_by_speaker_ms": timed(lambda: queries.statements(store, speaker=speaker)),
            "statements_by_speaker_rows": len(queries.statements(store, speaker=speaker).rows),
            "search_said_ms": timed(lambda: queries.search(store, "said", limit=20)),
            "search_phrase_ms": timed(lambda: queries.search(store, '"white house"', limit=20)),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=POLNEAR)
    parser.add_argument("--copies", type=int, default=1, help="times the corpus is repeated")
    parser.add_argument("--modes", nargs="+", default=["single", "dask:1", "dask:2"])
    parser.add_argument("--postgres", metavar="ADMIN_URL", help="stores on this server")
    parser.add_argument("--queries", action="store_true", help="time queries on the last store")
    parser.add_argument("--overhead", type=int, metavar="TASKS", help="no-op task round trips")
    parser.add_argument("--keep", metavar="DIR", help="corpus, stores and shards go here, kept")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "DB"), help=argparse.SUPPRESS)
    parser.add_argument("--paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.paths)), flush=True)
        return 0
    if args.overhead:
        print(json.dumps({"overhead": task_overhead(args.overhead)}), flush=True)
    with contextlib.ExitStack() as stack:
        tmp = args.keep or stack.enter_context(
            tempfile.TemporaryDirectory(prefix="onrecord-dask-bench-")
        )
        Path(tmp).mkdir(parents=True, exist_ok=True)
        paths, count = write_corpus(args.data, args.copies, Path(tmp))
        print(json.dumps({"articles": count, "files": len(paths)}), flush=True)
        db = ""
        for number, mode in enumerate(args.modes):
            if mode.startswith("shards"):
                db = str(Path(tmp) / f"shards-{number}")
            else:
                db = fresh_store(Path(tmp), "bench_dask", number, args.postgres)
            out = subprocess.run(
                [sys.executable, __file__, "--child", mode, db, "--paths", *paths],
                stdout=subprocess.PIPE,
                text=True,
                check=False,
            )
            if out.returncode:
                return out.returncode
            print(out.stdout.strip().splitlines()[-1], flush=True)
        if args.queries and db and not db.startswith(tmp):
            print(json.dumps({"queries": query_latency(db, repeat=20)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
