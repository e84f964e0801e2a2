"""Cost against document length: one document of 10k to 1M characters, time and peak memory.

The document is news text: the PolNeAR dev articles joined by blank lines (the founding
article repeated when ../shared is absent), cut at a paragraph to each length. Each length
runs in a fresh process (so peak memory is its own: ``ru_maxrss`` of that process, model
included); the figure to quote is time per character, which stays flat when cost is linear.
Long documents are analysed in paragraph-bounded windows (``onrecord.pipeline.windows``).

With ``--nested`` the document is instead one sentence of nested accounts (``Putin said
“the minister told Scholz ‘...`` to the length asked, then every mark closed): reported
speech inside reported speech, which cost n squared before accounts were cut at
``MAX_CARRIED`` levels (``onrecord.attribution.nesting``); the JSON size of the record is
printed too.

    python benchmarks/scaling.py [--sizes 10000 30000 100000 300000 1000000] [--json]
    python benchmarks/scaling.py --nested --sizes 2000 4000 8000 16000 32000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared/data/polnear/dev/text"
EXAMPLE = ROOT / "examples/putin-scholz-call.txt"

WORKER = r"""
import json, resource, sys, time
import onrecord
size, source = int(sys.argv[1]), sys.argv[2]
from pathlib import Path
if source == "nested":
    names = ["Putin", "Scholz", "Peskov", "Macron", "Biden"]
    level = lambda i: f"{names[i % 5]} said “the minister told {names[(i + 1) % 5]} ‘"
    depth = max(1, size // (len(level(0)) + 4))
    text = "".join(level(i) for i in range(depth)) + "end" + "’.” " * depth
else:
    folder = Path(source)
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else [folder]
    texts = [p.read_text(encoding="utf-8") for p in files]
    corpus = ""
    while len(corpus) < size:
        for text in texts:
            corpus += text.strip() + "\n\n"
            if len(corpus) >= size:
                break
    cut = corpus.rfind("\n\n", 0, size)
    text = corpus[: cut if cut > size // 2 else size]
onrecord.analyze("Warm-up: the Kremlin said the model is loaded.")
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
wall, cpu = time.perf_counter(), time.process_time()
record = onrecord.analyze(text, time_limit=None)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"chars": len(text), "wall_s": wall, "cpu_s": cpu, "loaded_mib": loaded,
                  "peak_mib": peak, "attributions": len(record.attributions),
                  "entities": len(record.entities), "events": len(record.events),
                  "json_bytes": len(record.to_json().encode())}))
"""


def run(size: int, source: Path | str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(size), str(source)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000, 300_000, 1_000_000]
    )
    parser.add_argument("--nested", action="store_true", help="nested accounts, not news text")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    source: Path | str = POLNEAR_DEV if POLNEAR_DEV.is_dir() else EXAMPLE
    if args.nested:
        source = "nested"
    rows = []
    for size in args.sizes:
        row = run(size, source)
        row["us_per_char"] = row["cpu_s"] / row["chars"] * 1e6
        rows.append(row)
        if not args.json:
            print(
                f"{row['chars']:>9,} chars  {row['wall_s']:7.1f} s wall  {row['cpu_s']:7.1f} s cpu"
                f"  {row['us_per_char']:6.1f} us/char (cpu)  peak {row['peak_mib']:6.0f} MiB"
                f"  (model loaded: {row['loaded_mib']:.0f} MiB)"
                f"  {row['attributions']} attributions  {row['json_bytes']:,} bytes of JSON",
                flush=True,
            )
    per_char = [r["us_per_char"] for r in rows]
    summary = {
        "text": (
            str(POLNEAR_DEV.relative_to(ROOT.parent))
            if source == POLNEAR_DEV
            else "example"
            if source == EXAMPLE
            else "nested"
        ),
        "rows": rows,
        "max_over_min_us_per_char": max(per_char) / min(per_char),
        "peak_mib_at_largest": rows[-1]["peak_mib"],
    }
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        print(
            f"time per character, slowest / fastest: {summary['max_over_min_us_per_char']:.2f}x;"
            f" peak memory at {rows[-1]['chars']:,} characters: {rows[-1]['peak_mib']:.0f} MiB"
        )


if __name__ == "__main__":
    main()
