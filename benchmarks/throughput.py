"""Throughput and peak memory: onrecord end to end against plain spaCy.

*Plain spaCy* is ``spacy.load(<the model package>)`` with every component enabled, run with
``nlp.pipe`` over the texts (spaCy's defaults), not onrecord's pipeline object. *onrecord* is
``onrecord.analyze_many`` over the same texts, every record built. Each run is a fresh process
(so peak memory is its own), rounds alternate to spread machine noise over both, and the figure
to quote is the ratio of CPU seconds (plain spaCy / onrecord: above 1 means onrecord is faster).

    python benchmarks/throughput.py [--texts DIR] [--rounds 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

DEFAULT_TEXTS = Path(__file__).resolve().parents[1].parent / "shared/data/polnear/dev/text"

WORKER = r"""
import json, resource, sys, time
from pathlib import Path
mode, folder = sys.argv[1], Path(sys.argv[2])
texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
warm_up = "Warm-up: the Kremlin said the model is loaded."
if mode == "spacy":
    import spacy
    from onrecord.pipeline.spacy_model import model_package
    nlp = spacy.load(model_package())
    nlp(warm_up)
    run = lambda: sum(len(doc) for doc in nlp.pipe(texts))
else:
    import onrecord
    onrecord.analyze(warm_up)
    run = lambda: sum(len(r.attributions) for r in onrecord.analyze_many(texts))
wall, cpu = time.perf_counter(), time.process_time()
run()
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"mode": mode, "articles": len(texts), "chars": sum(map(len, texts)),
                  "wall": wall, "cpu": cpu, "peak_mib": peak_kib / 1024}))
"""

MODES = ("spacy", "onrecord")


def run(mode: str, folder: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", WORKER, mode, str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def summarise(results: dict[str, list[dict]]) -> dict:
    cpu = {m: statistics.median(r["cpu"] for r in rs) for m, rs in results.items()}
    first = results["spacy"][0]
    return {
        "articles": first["articles"],
        "chars": first["chars"],
        "rounds": len(results["spacy"]),
        "cpu_s": cpu,
        "articles_per_s": {
            m: statistics.median(r["articles"] / r["wall"] for r in rs) for m, rs in results.items()
        },
        "peak_mib": {m: max(r["peak_mib"] for r in rs) for m, rs in results.items()},
        "cpu_ratio_spacy_over_onrecord": cpu["spacy"] / cpu["onrecord"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args()
    if not args.texts.is_dir():
        print(f"no texts at {args.texts}", file=sys.stderr)
        return 2
    results: dict[str, list[dict]] = {m: [] for m in MODES}
    for _ in range(args.rounds):
        for mode in MODES:
            results[mode].append(run(mode, args.texts))
    summary = summarise(results)
    if args.json:
        print(json.dumps(summary, indent=1))
        return 0
    print(
        f"articles: {summary['articles']} ({summary['chars']:,} characters), "
        f"rounds: {summary['rounds']} (medians; peak memory is the maximum)"
    )
    print(f"{'':14} {'CPU s':>7} {'articles/s':>11} {'peak MiB':>9}")
    for mode, label in (("spacy", "plain spaCy"), ("onrecord", "onrecord")):
        print(
            f"{label:14} {summary['cpu_s'][mode]:7.1f} {summary['articles_per_s'][mode]:11.2f}"
            f" {summary['peak_mib'][mode]:9.0f}"
        )
    ratio = summary["cpu_ratio_spacy_over_onrecord"]
    print(f"CPU ratio plain spaCy / onrecord: {ratio:.2f}x (above 1: onrecord is faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
