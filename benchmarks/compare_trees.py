"""CPU cost of a change: ``analyze_many`` over the same articles with two source trees.

One fresh process per run, the model loaded and warmed before timing, the trees alternated so
machine noise falls on both; prints each run and the median cost of the second tree.

    python benchmarks/compare_trees.py BEFORE_SRC AFTER_SRC [--articles 40] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

DEFAULT_TEXTS = Path(__file__).resolve().parents[1].parent / "shared/data/polnear/dev/text"

WORKER = r"""
import sys, time
from pathlib import Path
folder, count = Path(sys.argv[1]), int(sys.argv[2])
texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))][:count]
import onrecord
onrecord.analyze("Warm-up: the Kremlin said the model is loaded.")
start = time.process_time()
sum(len(r.attributions) for r in onrecord.analyze_many(texts))
print(time.process_time() - start)
"""


def run(src: str, texts: Path, count: int) -> float:
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run(
        [sys.executable, "-c", WORKER, str(texts), str(count)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"before": [], "after": []}
    for _ in range(args.rounds):
        for name in ("before", "after"):
            times[name].append(run(getattr(args, name), args.texts, args.articles))
            print(f"{name}: {times[name][-1]:.2f} CPU s", flush=True)
    before, after = statistics.median(times["before"]), statistics.median(times["after"])
    cost = 100 * (after / before - 1)
    print(f"median CPU s: before {before:.2f}, after {after:.2f}, cost {cost:+.1f}%")


if __name__ == "__main__":
    main()
