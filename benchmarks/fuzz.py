"""Fuzzing the whole input path: generated JSONL lines through the reader and the analysis.

Each input is one generated JSONL line (bytes): news-like word soup with every kind of quote
mark, random Unicode (lone surrogates, NUL and other control characters included), long
quote-mark runs and deep nesting, random ``published`` values (valid, impossible, extreme),
broken and deeply nested JSON. Each goes through ``parse_jsonl_line`` (which may refuse it with
an ``InputError``: expected, counted as refused) and then ``analyze_many`` in batches. Counted:

* crashes: any other exception from the reader, or an ``AnalysisError`` from the analysis;
* wrong offsets: a span whose ``text`` is not ``document.text[start:end]``;
* schema violations: a record that fails the shipped onrecord/1 JSON Schema.

    python benchmarks/fuzz.py [--count 100000] [--seed 1] [--minutes M] [--json]

``--minutes`` stops early (the count reached is printed, honestly); the full run is the
default count with no ``--minutes``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from importlib import resources
from typing import Any

import jsonschema

from onrecord.pipeline import AnalysisError, analyze_many
from onrecord.store.readers import parse_jsonl_line
from onrecord.text.input import InputError

WORDS = (
    "Putin said the Kremlin told Scholz that war According to he it added , . : Moscow "
    "urged insisted spokesman Peskov NATO Ukraine on Friday last week in 2019 met called "
    "\n \n\n — - ( ) [ ] said: PESKOV: By"
).split(" ")
MARKS = list("\"'“”„‟«»‹›「」『』‘’‚〝〞＂")
ODD = ["\x00", "\ud800", "\udfff", "\x1b[31m", "\x07", "\u2028", "\ufeff", "\u200b", "\t", "\r\n"]
DATES = [
    "2024-11-15",
    "0001-01-01",
    "9999-12-31",
    "2024-02-29",
    "2023-02-29",
    "2024-13-45",
    "2024-11-15T08:00:00Z",
    "2024-11-15 08:00",
    "15/11/2024",
    "yesterday",
    "",
    None,
    7,
]


def _text(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.55:
        parts = [
            rng.choice(WORDS) if rng.random() < 0.7 else rng.choice(MARKS)
            for _ in range(rng.randint(1, 80))
        ]
        if rng.random() < 0.3:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(ODD))
        return " ".join(parts)
    if shape < 0.75:
        alphabet = [chr(rng.randrange(0x20, 0x3000)) for _ in range(20)] + MARKS + ODD + [" "]
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300)))
    if shape < 0.85:
        run = "".join(rng.choice(MARKS) for _ in range(rng.randint(60, 3000)))
        return "Putin said " + run if rng.random() < 0.5 else run
    if shape < 0.95:
        depth = rng.randint(2, 60)
        opens = "".join(f"{rng.choice(WORDS)} said “{rng.choice(WORDS)} ‘" for _ in range(depth))
        return opens + "end" + "’ x” y" * rng.randint(0, depth)
    return "".join(rng.choice(WORDS) + " " for _ in range(rng.randint(200, 2000)))


def generate(rng: random.Random) -> bytes:
    """One JSONL line."""
    roll = rng.random()
    if roll < 0.02:
        return b"[" * rng.randint(1000, 100_000)
    if roll < 0.04:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
    if roll < 0.05:
        return json.dumps([_text(rng)]).encode()
    obj: dict[str, Any] = {"text": _text(rng)}
    if rng.random() < 0.7:
        obj["published"] = rng.choice(DATES)
    if rng.random() < 0.3:
        obj["id"] = rng.choice(["a", 5, "x\x1by", None])
    if rng.random() < 0.1:
        obj["title"] = rng.choice(["T", 3, ["x"], "\x00"])
    line = json.dumps(obj, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.02:
        line = line[: rng.randrange(len(line))]
    return line.encode("utf-8", "surrogatepass")


def spans_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    spans = [m for e in record["entities"] for m in e["mentions"]]
    for a in record["attributions"]:
        spans += a["content"] + a["quoted"] + [s for s in (a["cue"], a["source"]) if s]
    for ev in record["events"]:
        spans.append(ev["trigger"])
        if ev["date"] and ev["date"]["span"]:
            spans.append(ev["date"]["span"])
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--minutes", type=float, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    schema = json.loads(
        resources.files("onrecord.schema").joinpath("onrecord-1.schema.json").read_text()
    )
    validator = jsonschema.Draft202012Validator(schema)
    rng = random.Random(args.seed)
    stop = time.monotonic() + args.minutes * 60 if args.minutes else None
    counts = dict.fromkeys(
        ("inputs", "refused", "analysed", "crashes", "wrong_offsets", "schema_violations"), 0
    )
    examples: list[str] = []
    started = time.monotonic()
    batch: list[tuple[str, dict[str, Any]]] = []

    def flush() -> None:
        for result in analyze_many(batch, errors="return"):
            if isinstance(result, AnalysisError):
                counts["crashes"] += 1
                examples.append(f"analysis: {result}")
                continue
            counts["analysed"] += 1
            record = result.to_dict()
            if not validator.is_valid(record):
                counts["schema_violations"] += 1
                examples.append(f"schema: {next(validator.iter_errors(record)).message[:200]}")
            text = record["document"]["text"]
            for span in spans_of(record):
                if text[span["start"] : span["end"]] != span["text"]:
                    counts["wrong_offsets"] += 1
                    examples.append(f"offset: {span}")
        batch.clear()

    while counts["inputs"] < args.count and (stop is None or time.monotonic() < stop):
        line = generate(rng)
        counts["inputs"] += 1
        try:
            fields = parse_jsonl_line(line)
        except InputError:
            counts["refused"] += 1
            continue
        except Exception as exc:  # a reader crash
            counts["crashes"] += 1
            examples.append(f"reader: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        meta = {"id": fields["id"] or f"fuzz-{counts['inputs']}", "published": fields["published"]}
        batch.append((fields["text"], meta))
        if len(batch) >= 16:
            flush()
        if not args.json and counts["inputs"] % 5000 == 0:
            print(json.dumps(counts), file=sys.stderr, flush=True)
    flush()
    counts["seconds"] = round(time.monotonic() - started, 1)
    counts["seed"] = args.seed
    counts["examples"] = examples[:20]
    print(json.dumps(counts, indent=None if args.json else 1, ensure_ascii=True))


if __name__ == "__main__":
    main()
