"""How fast the store takes analysed documents: one writer against two concurrent writers.

Analyses the first ``-k`` texts of ``--data`` once, then writes ``--total`` documents (those
records over and over, each under its own content hash) with 1 and with 2 writer processes
(each a share), on PostgreSQL (``--postgres ADMIN_URL``) and on SQLite. This is the capacity of
the one path the Dask client writes through, to set against the cluster's analysis rate.

    python benchmarks/dask_writers.py -k 20 --total 400 --postgres ADMIN_URL
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_stores import fresh_store

POLNEAR = Path("/work/shared/data/polnear/train/text")


def write_share(records_file: str, db: str, first: int, count: int) -> None:
    from onrecord.store import open_store

    with open(records_file, "rb") as fh:
        records = pickle.load(fh)
    with open_store(db, create=False) as store:
        for n in range(first, first + count):
            record = records[n % len(records)]
            store.add_record(record, origin=f"bench:{n}", digest=f"bench-{n:08d}")


def timed_writers(records_file: str, db: str, total: int, writers: int) -> float:
    from onrecord.store import open_store

    open_store(db).close()  # create the schema before the writers start
    share = total // writers
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--child", records_file, db, str(i * share), str(share)]
        )
        for i in range(writers)
    ]
    for proc in procs:
        if proc.wait():
            raise SystemExit(f"a writer failed ({proc.returncode})")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=POLNEAR)
    parser.add_argument("-k", type=int, default=20, help="texts to analyse")
    parser.add_argument("--total", type=int, default=400, help="documents to write per run")
    parser.add_argument("--postgres", metavar="ADMIN_URL")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        records_file, db, first, count = args.child
        write_share(records_file, db, int(first), int(count))
        return 0
    from onrecord.pipeline import analyze_many

    texts = sorted(p for p in args.data.iterdir() if p.suffix == ".txt")[: args.k]
    items = [(p.read_text(encoding="utf-8"), {"id": p.stem}) for p in texts]
    records = list(analyze_many(items))
    statements = sum(len(r.attributions) for r in records)
    with tempfile.TemporaryDirectory(prefix="onrecord-writers-") as tmp:
        records_file = str(Path(tmp) / "records.pickle")
        with open(records_file, "wb") as fh:
            pickle.dump(records, fh)
        runs = [("sqlite", 1)] + ([("postgresql", 1), ("postgresql", 2)] if args.postgres else [])
        for number, (backend, writers) in enumerate(runs):
            admin = args.postgres if backend == "postgresql" else None
            db = fresh_store(Path(tmp), "bench_writers", number, admin)
            seconds = timed_writers(records_file, db, args.total, writers)
            print(
                json.dumps(
                    {
                        "backend": backend,
                        "writers": writers,
                        "documents": args.total,
                        "statements_per_document": round(statements / len(records), 1),
                        "seconds": round(seconds, 2),
                        "documents_per_s": round(args.total / seconds, 1),
                        "load_average": [round(x, 1) for x in os.getloadavg()],
                    }
                ),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
