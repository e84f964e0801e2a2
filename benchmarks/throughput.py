"""Throughput and peak memory: onrecord end to end against spaCy's parse alone.

Both run the same pipeline (every component of the model, nothing disabled) over the same
articles, each in its own fresh process so peak memory is its own. Rounds alternate to spread
machine noise over both; the ratio of medians is the figure to quote, not absolute seconds.

    python benchmarks/throughput.py [--texts DIR] [--rounds 3]
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
from onrecord.pipeline import spacy_model as nlp
from onrecord.pipeline.records import analyze
pipeline = nlp.load()
analyze("Warm-up: the Kremlin said the model is loaded.")
start = time.perf_counter()
if mode == "spacy":
    for text in texts:
        pipeline(text)
else:
    for text in texts:
        analyze(text)
elapsed = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"mode": mode, "articles": len(texts), "seconds": elapsed,
                  "chars": sum(map(len, texts)), "peak_mib": peak_kib / 1024}))
"""


def run(mode: str, folder: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", WORKER, mode, str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.texts.is_dir():
        print(f"no texts at {args.texts}", file=sys.stderr)
        return 2
    results: dict[str, list[dict]] = {"spacy": [], "onrecord": []}
    for _ in range(args.rounds):
        for mode in ("spacy", "onrecord"):
            results[mode].append(run(mode, args.texts))
    rate = {
        m: statistics.median(r["articles"] / r["seconds"] for r in rs) for m, rs in results.items()
    }
    peak = {m: max(r["peak_mib"] for r in rs) for m, rs in results.items()}
    n = results["spacy"][0]["articles"]
    print(f"articles: {n} ({results['spacy'][0]['chars']:,} characters), rounds: {args.rounds}")
    print(f"{'':10} {'articles/s':>11} {'peak MiB':>9}")
    for mode in ("spacy", "onrecord"):
        print(f"{mode:10} {rate[mode]:11.2f} {peak[mode]:9.0f}")
    print(f"ratio onrecord / spaCy alone: {rate['onrecord'] / rate['spacy']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
