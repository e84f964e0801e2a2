"""What comparing articles costs against analysing them, measured in one run.

Five articles (default: the founding call told four ways and a decoy, from the dev set) are
analysed with ``onrecord.analyze_many``; then the same records are compared
(``onrecord.compare``: story grouping, sentence embeddings, alignment, conflicts, events).
Both models are loaded before timing (the figures for loading them are printed apart), and
the embedding cache is emptied before each comparison, so every round embeds every statement
again. Rounds alternate; medians are printed with the ratio (analysis + comparison) /
analysis, the cost of ``onrecord compare`` against ``onrecord analyze`` on the same files.

    python benchmarks/compare.py [--rounds 5] [FILE ...]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

DEV = Path(__file__).resolve().parents[1] / "tests" / "data" / "compare" / "dev" / "texts"
DEFAULT = ["putin-scholz-call", "berlin-readout", "kremlin-readout", "call-wire",
           "scholz-zelensky-berlin"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    files = args.files or [DEV / f"{name}.txt" for name in DEFAULT]
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
