"""Latency of statements-by-speaker, before and after a change to how names are matched.

Given a store (``--db``, SQLite file) written by any onrecord version, and optionally the
``src`` folder of a baseline checkout (``--baseline-src``), it copies the store once per
version, upgrades the current copy (timing the schema migration, if any), then runs each
version's ``queries.statements(store, speaker=NAME)`` in child processes, alternating
baseline and current for ``--rounds`` rounds, each child taking the median of ``--repeat``
calls per name after one warm-up call. It prints, per name, what each version answered
(statements, or the error) and the median of the rounds' medians in milliseconds, so the
ratio is within one run.

    python benchmarks/speaker_queries.py --db polnear.db --baseline-src ../main/src
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NAMES = [
    "Donald Trump",
    "Trump",
    "Hillary Clinton",
    "Clinton",
    "officials",
    "Kremlin",
    "White House",
    "Donald Trum",
]


def _child(db: str, names: list[str], repeat: int) -> dict[str, Any]:
    from onrecord.store import open_store, queries

    out: dict[str, Any] = {}
    with open_store(db, create=False) as store:
        for name in names:
            times, answer = [], None
            for attempt in range(repeat + 1):
                t0 = time.perf_counter()
                try:
                    answer = len(queries.statements(store, speaker=name).rows)
                except LookupError as exc:
                    answer = f"error: {str(exc)[:90]}"
                if attempt:  # the first call warms caches (compiled SQL, the gazetteer)
                    times.append(time.perf_counter() - t0)
            out[name] = {"answer": answer, "ms": statistics.median(times) * 1000}
    return out


def _run_child(src: Path, db: Path, names: list[str], repeat: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(db), "--repeat", str(repeat), "--names", *names],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


def _migrate(src: Path, db: Path) -> float:
    code = (
        "import time; from onrecord.store import open_store; t = time.perf_counter(); "
        f"open_store({str(db)!r}).close(); print(time.perf_counter() - t)"
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a SQLite store file (required)")
    parser.add_argument("--baseline-src", type=Path, help="src/ of the version to compare with")
    parser.add_argument("--names", nargs="+", default=NAMES)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.names, args.repeat)))
        return 0
    if args.db is None:
        parser.error("--db is required")

    current = ROOT / "src"
    versions = {"current": current}
    if args.baseline_src:
        versions = {"baseline": args.baseline_src.resolve(), **versions}
    with tempfile.TemporaryDirectory(prefix="onrecord-speakers-") as tmp:
        copies = {}
        for label in versions:
            copies[label] = Path(tmp) / f"{label}.db"
            shutil.copy(args.db, copies[label])
        migration_s = _migrate(current, copies["current"])
        rounds: dict[str, list[dict[str, Any]]] = {label: [] for label in versions}
        for _ in range(args.rounds):
            for label, src in versions.items():
                rounds[label].append(_run_child(src, copies[label], args.names, args.repeat))
    print(f"store: {args.db} ({args.db.stat().st_size / 2**20:.1f} MiB)")
    print(f"schema upgrade of the current copy: {migration_s:.2f} s")
    header = f"{'name':<16}" + "".join(
        f"  {label + ' answer':<44}  {'ms':>7}" for label in versions
    )
    print(header)
    for name in args.names:
        cells = []
        for label in versions:
            answer = rounds[label][0][name]["answer"]
            ms = statistics.median(r[name]["ms"] for r in rounds[label])
            shown = f"{answer} statements" if isinstance(answer, int) else str(answer)
            cells.append(f"  {shown[:44]:<44}  {ms:7.2f}")
        print(f"{name:<16}" + "".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
