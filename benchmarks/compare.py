"""What comparing articles costs against analysing them, measured in one run.

Five articles (default: the founding call told four ways and a decoy, from the dev set) are
analysed with ``onrecord.analyze_many``; then the same records are compared
(``onrecord.compare``: story grouping, sentence embeddings, alignment, conflicts, events).
Both models are loaded before timing (the figures for loading them are printed apart), and
the embedding cache is emptied before each comparison, so every round embeds every statement
again. Rounds alternate; medians are printed with the ratio (analysis + comparison) /
analysis, the cost of ``onrecord compare`` against ``onrecord analyze`` on the same files.

With ``--cli`` it times the commands a user runs instead, each in a fresh process, rounds
alternating: ``onrecord analyze FILES --format jsonl`` against ``onrecord compare FILES
--format json`` (model loading included, as the command line pays it), CPU time of the child
processes and wall time, medians and the ratio compare / analyze.

    python benchmarks/compare.py [--rounds 5] [--cli] [FILE ...]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEV = Path(__file__).resolve().parents[1] / "tests" / "data" / "compare" / "dev" / "texts"
DEFAULT = ["putin-scholz-call", "berlin-readout", "kremlin-readout", "call-wire",
           "scholz-zelensky-berlin"]  # fmt: skip


def _child(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one command run in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def command_line(files: list[Path], rounds: int) -> None:
    cli = [sys.executable, "-c", "import sys; from onrecord.cli import main; sys.exit(main())"]
    common = [str(f) for f in files] + ["--published", "2024-11-15"]
    commands = {
        "analyze": [*cli, "analyze", *common, "--format", "jsonl"],
        "compare": [*cli, "compare", *common, "--format", "json"],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(_child(command))
    medians = {
        name: (statistics.median(w for w, _ in found), statistics.median(c for _, c in found))
        for name, found in times.items()
    }
    for name, (wall, cpu) in medians.items():
        print(f"onrecord {name}: wall {wall:.2f} s, CPU {cpu:.2f} s (medians of {rounds})")
    (aw, ac), (cw, cc) = medians["analyze"], medians["compare"]
    print(f"compare / analyze: {cw / aw:.2f}x wall, {cc / ac:.2f}x CPU")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cli", action="store_true", help="time the commands, not the library")
    args = parser.parse_args()
    files = args.files or [DEV / f"{name}.txt" for name in DEFAULT]
    if args.cli:
        command_line(files, args.rounds)
        return
    items = [
        (f.read_text(encoding="utf-8"), {"id": f.stem, "published": "2024-11-15"}) for f in files
    ]

    started = time.perf_counter()
    import onrecord
    from onrecord.pipeline import load

    load()
    spacy_load = time.perf_counter() - started
    started = time.perf_counter()
    from onrecord.compare.similarity import embedder

    model = embedder()
    embedder_load = time.perf_counter() - started
    list(onrecord.analyze_many(items))  # warm-up
    analyse, comparing, analyse_cpu, comparing_cpu = [], [], [], []
    for _ in range(args.rounds):
        started, cpu = time.perf_counter(), time.process_time()
        records = list(onrecord.analyze_many(items))
        analyse.append(time.perf_counter() - started)
        analyse_cpu.append(time.process_time() - cpu)
        model._cache.clear()
        started, cpu = time.perf_counter(), time.process_time()
        comparison = onrecord.compare(records)
        comparing.append(time.perf_counter() - started)
        comparing_cpu.append(time.process_time() - cpu)
    a, c = statistics.median(analyse), statistics.median(comparing)
    a_cpu, c_cpu = statistics.median(analyse_cpu), statistics.median(comparing_cpu)
    statements = sum(len(r.attributions) for r in records)
    chars = sum(len(t) for t, _ in items)
    print(
        f"{len(files)} articles, {chars} characters, {statements} statements, "
        f"{len(comparison.claims)} claims, {len(comparison.stories)} stories"
    )
    print(f"load: spaCy pipeline {spacy_load:.2f} s, embedding model {embedder_load:.2f} s")
    print(f"wall: analyse {a:.3f} s, compare {c:.3f} s (medians of {args.rounds} rounds)")
    print(f"CPU:  analyse {a_cpu:.3f} s, compare {c_cpu:.3f} s")
    print(
        f"compare costs {(a + c) / a:.2f}x analysing in wall time, "
        f"{(a_cpu + c_cpu) / a_cpu:.2f}x in CPU time (analysis + comparison over analysis)"
    )
    cold = (spacy_load + embedder_load + a + c) / (spacy_load + a)
    print(f"with model loading, as the command line runs once: {cold:.2f}x")


if __name__ == "__main__":
    main()
