"""Fuzzing the whole input path: generated JSONL lines through the reader and the analysis.

Each input is one generated JSONL line (bytes): news-like word soup with every kind of quote
mark, random Unicode (lone surrogates, NUL and other control characters included), long
quote-mark runs and deep nesting, random ``published`` values (valid, impossible, extreme),
broken and deeply nested JSON, and a tail of long documents (200 to 2,000 words, log-uniform:
length itself is measured by ``benchmarks/scaling.py``). Each goes through
``parse_jsonl_line`` (which may refuse it with an ``InputError``: expected, counted as
refused) and then ``analyze_many`` in batches of 16. Counted:

* crashes: any other exception from the reader, or an ``AnalysisError`` from the analysis;
* wrong offsets: a span whose ``text`` is not ``document.text[start:end]``;
* schema violations: a record that fails the shipped onrecord/1 JSON Schema.

Input ``i`` is generated from its own seed (``seed:i``), so the inputs are the same whatever
``--processes`` is, and any example can be replayed alone with ``--only i``.

    python benchmarks/fuzz.py [--count 100000] [--seed 1] [--processes 2] [--minutes M]
                              [--log FILE] [--only I] [--json]

``--minutes`` stops early (the count reached is printed, honestly); ``--log`` appends a
progress line (counts, rate, estimated minutes left) every ``--every`` inputs.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from functools import lru_cache
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
COUNTS = ("inputs", "refused", "analysed", "crashes", "wrong_offsets", "schema_violations")
CHUNK = 64  # inputs per task sent to a worker process
BATCH = 16  # documents per analyze_many batch


def _text(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.57:
        parts = [
            rng.choice(WORDS) if rng.random() < 0.7 else rng.choice(MARKS)
            for _ in range(rng.randint(1, 80))
        ]
        if rng.random() < 0.3:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(ODD))
        return " ".join(parts)
    if shape < 0.77:
        alphabet = [chr(rng.randrange(0x20, 0x3000)) for _ in range(20)] + MARKS + ODD + [" "]
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300)))
    if shape < 0.87:
        run = "".join(rng.choice(MARKS) for _ in range(rng.randint(60, 3000)))
        return "Putin said " + run if rng.random() < 0.5 else run
    if shape < 0.97:
        depth = rng.randint(2, 60)
        opens = "".join(f"{rng.choice(WORDS)} said “{rng.choice(WORDS)} ‘" for _ in range(depth))
        return opens + "end" + "’ x” y" * rng.randint(0, depth)
    words = int(200 * 10 ** rng.random())  # 200..2,000, log-uniform
    return "".join(rng.choice(WORDS) + " " for _ in range(words))


def generate(seed: int, index: int) -> bytes:
    """Input ``index`` of the run with ``seed``: one JSONL line."""
    rng = random.Random(f"{seed}:{index}")
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


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    schema = resources.files("onrecord.schema").joinpath("onrecord-1.schema.json").read_text()
    return jsonschema.Draft202012Validator(json.loads(schema))


def run_chunk(seed: int, start: int, stop: int) -> tuple[dict[str, int], list[str]]:
    """Inputs ``start..stop-1``: their counts and (at most 20) examples of what went wrong."""
    validator = _validator()
    counts = dict.fromkeys(COUNTS, 0)
    examples: list[str] = []
    batch: list[tuple[str, dict[str, Any]]] = []
    indices: list[int] = []

    def flush() -> None:
        results = analyze_many(batch, batch_size=BATCH, errors="return")
        for index, result in zip(indices, results, strict=True):
            if isinstance(result, AnalysisError):
                counts["crashes"] += 1
                examples.append(f"#{index} analysis: {result}")
                continue
            counts["analysed"] += 1
            record = result.to_dict()
            if not validator.is_valid(record):
                counts["schema_violations"] += 1
                error = next(validator.iter_errors(record)).message[:200]
                examples.append(f"#{index} schema: {error}")
            text = record["document"]["text"]
            for span in spans_of(record):
                if text[span["start"] : span["end"]] != span["text"]:
                    counts["wrong_offsets"] += 1
                    examples.append(f"#{index} offset: {span}")
        batch.clear()
        indices.clear()

    for index in range(start, stop):
        line = generate(seed, index)
        counts["inputs"] += 1
        try:
            fields = parse_jsonl_line(line)
        except InputError:
            counts["refused"] += 1
            continue
        except Exception as exc:  # a reader crash
            counts["crashes"] += 1
            examples.append(f"#{index} reader: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        meta = {"id": fields["id"] or f"fuzz-{index}", "published": fields["published"]}
        batch.append((fields["text"], meta))
        indices.append(index)
        if len(batch) >= BATCH:
            flush()
    flush()
    return counts, examples[:20]


def _chunks(count: int) -> Iterator[tuple[int, int]]:
    for start in range(0, count, CHUNK):
        yield start, min(start + CHUNK, count)


def run(
    count: int, seed: int, processes: int, deadline: float | None, log: Any, every: int = 1000
) -> dict[str, Any]:
    """The whole run: chunks over ``processes`` worker processes (2 chunks each in flight)."""
    totals = dict.fromkeys(COUNTS, 0)
    examples: list[str] = []
    started = time.monotonic()
    next_report = [0]

    def add(result: tuple[dict[str, int], list[str]]) -> None:
        counts, found = result
        for key in COUNTS:
            totals[key] += counts[key]
        examples.extend(found)
        if log is not None and totals["inputs"] >= next_report[0]:
            elapsed = time.monotonic() - started
            rate = totals["inputs"] / elapsed if elapsed else 0.0
            left = (count - totals["inputs"]) / rate / 60 if rate else float("nan")
            line = {**totals, "seconds": round(elapsed), "per_s": round(rate, 1)}
            print(json.dumps({**line, "minutes_left": round(left, 1)}), file=log, flush=True)
            next_report[0] = totals["inputs"] + every

    chunks = _chunks(count)
    with ProcessPoolExecutor(max_workers=processes) as pool:
        pending: set[Future[tuple[dict[str, int], list[str]]]] = set()
        for start, stop in chunks:
            if deadline is not None and time.monotonic() > deadline:
                break
            pending.add(pool.submit(run_chunk, seed, start, stop))
            while len(pending) >= 2 * processes:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    add(future.result())
        for future in pending:
            add(future.result())
    return {**totals, "seconds": round(time.monotonic() - started, 1), "examples": examples[:20]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--minutes", type=float, default=None)
    parser.add_argument("--log", default=None, help="append progress lines to this file")
    parser.add_argument("--every", type=int, default=1000, help="inputs between progress lines")
    parser.add_argument("--only", type=int, default=None, help="replay input I alone")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.only is not None:
        counts, examples = run_chunk(args.seed, args.only, args.only + 1)
        print(
            json.dumps(
                {**counts, "examples": examples, "line": repr(generate(args.seed, args.only))[:500]}
            )
        )
        return
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else None
    log = open(args.log, "a", encoding="utf-8") if args.log else sys.stderr  # noqa: SIM115
    try:
        result = run(args.count, args.seed, args.processes, deadline, log, args.every)
    finally:
        if args.log:
            log.close()
    result.update(seed=args.seed, processes=args.processes, requested=args.count)
    text = json.dumps(result, indent=None if args.json else 1, ensure_ascii=True)
    print(text)
    if args.log:
        with open(args.log, "a", encoding="utf-8") as out:
            print("RESULT " + json.dumps(result, ensure_ascii=True), file=out)


if __name__ == "__main__":
    main()
