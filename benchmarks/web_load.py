"""Load on `onrecord serve`: concurrent clients over article pages, search and statements.

Starts the real server (one uvicorn process, as `onrecord serve` runs it) on a free loopback
port against a store, then runs ``--clients`` concurrent clients (asyncio + httpx, one
connection each) for ``--seconds``: each client cycles through article pages
(``/documents/{id}``, HTML), search (``/search?q=``, HTML, and ``/api/search``) and
statements (``/api/statements?speaker=``, the most quoted speakers whose names resolve).
Prints requests, errors, requests/s and p50/p95/max latency per kind. Then times the article
page nearest 20,000 characters: server response (median of ``--repeat``) and, with Debian's
Chromium, the page loaded and rendered in the browser.

    python benchmarks/web_load.py --db polnear.db              # a store you ingested
    python benchmarks/web_load.py --build polnear.db           # ingest PolNeAR train first

Traffic goes to 127.0.0.1 only; the loops are bounded by ``--seconds``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
POLNEAR = Path("/work/shared/data/polnear/train/text")
QUERIES = [
    "president",
    "campaign",
    "economy",
    "immigration",
    "taxes",
    "police",
    "election",
    '"health care"',
    "war",
    "jobs",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def targets(db: str) -> tuple[list[tuple[str, str]], int, int]:
    """(kind, path) requests to cycle through; the id and length of the ~20k-char article."""
    from sqlalchemy import func, select

    from onrecord.store import queries
    from onrecord.store import schema as s
    from onrecord.web import open_read_only

    store = open_read_only(db)
    try:
        with store.connect() as conn:
            lengths = conn.execute(
                select(s.documents.c.id, func.length(s.documents.c.text)).order_by(s.documents.c.id)
            ).all()
        speakers = []
        with store.connect() as conn:
            for row in queries.speakers(store, top=40).rows:
                try:  # a surname shared by two stored people is ambiguous: a 400, not a load
                    queries.resolve_actor(conn, row["speaker"])
                except LookupError:
                    continue
                speakers.append(row["speaker"])
    finally:
        store.close()
    long_ones = [(abs(n - 20_000), n, i) for i, n in lengths if n >= 20_000]
    _, long_length, long_id = min(long_ones) if long_ones else (0, 0, 0)
    articles = [("article", f"/documents/{i}") for i, _ in lengths]

    def query(path: str, **params: str) -> str:
        return path + "?" + str(httpx.QueryParams(params))

    others = [
        request
        for q, name in zip(itertools.cycle(QUERIES), speakers, strict=False)
        for request in (
            ("search", query("/search", q=q)),
            ("api_search", query("/api/search", q=q)),
            ("statements", query("/api/statements", speaker=name)),
        )
    ]
    mix: list[tuple[str, str]] = []
    for article, other in zip(articles, itertools.cycle(others), strict=False):
        mix += [article, other]
    return mix, long_id, long_length


async def load(base: str, mix: list[tuple[str, str]], clients: int, seconds: float) -> dict:
    latencies: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    examples: list[str] = []
    deadline = time.monotonic() + seconds

    async def client(number: int) -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
            position = number * 7919 % len(mix)
            while time.monotonic() < deadline:
                kind, path = mix[position]
                position = (position + 1) % len(mix)
                start = time.perf_counter()
                try:
                    response = await http.get(path)
                    ok = response.status_code == 200
                    detail = f"{response.status_code} {path}"
                except httpx.HTTPError as exc:
                    ok, detail = False, f"{type(exc).__name__} {path}"
                elapsed = time.perf_counter() - start
                latencies.setdefault(kind, []).append(elapsed)
                if not ok:
                    errors[kind] = errors.get(kind, 0) + 1
                    if len(examples) < 5:
                        examples.append(detail)

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    wall = time.perf_counter() - started
    kinds = {}
    for kind, values in sorted(latencies.items()):
        kinds[kind] = {
            "requests": len(values),
            "errors": errors.get(kind, 0),
            "p50_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1),
        }
    everything = [v for values in latencies.values() for v in values]
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": len(everything),
        "errors": sum(errors.values()),
        "requests_per_s": round(len(everything) / wall, 1),
        "p50_ms": round(statistics.median(everything) * 1000, 1),
        "p95_ms": round(percentile(everything, 0.95) * 1000, 1),
        "kinds": kinds,
        "error_examples": examples,
    }


def long_article(base: str, document_id: int, repeat: int) -> dict[str, Any]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = httpx.get(f"{base}/documents/{document_id}", timeout=60)
        times.append(time.perf_counter() - start)
        response.raise_for_status()
    result: dict[str, Any] = {
        "document": document_id,
        "server_ms_median": round(statistics.median(times) * 1000, 1),
        "html_kb": round(len(response.content) / 1024, 1),
        "marks": response.text.count('<mark class="st'),
    }
    from web_fixtures import CHROMIUM, CHROMIUM_ARGS

    if CHROMIUM.exists():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"{base}/documents/{document_id}")  # warm the browser's caches
            loads = []
            for _ in range(repeat):
                start = time.perf_counter()
                page.goto(f"{base}/documents/{document_id}", wait_until="load")
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
                loads.append(time.perf_counter() - start)
            browser.close()
        result["browser_ms_median"] = round(statistics.median(loads) * 1000, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="An existing store.")
    where.add_argument("--build", help="Ingest PolNeAR train (--data) into this new store first.")
    parser.add_argument("--data", type=Path, default=POLNEAR)
    parser.add_argument("--workers", type=int, default=2, help="Ingest workers (--build).")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from web_fixtures import serving

    db = args.db or args.build
    if args.build:
        from onrecord.store import ingest, open_store

        with open_store(db) as store:
            print(ingest(store, [args.data], workers=args.workers), file=sys.stderr)
    mix, long_id, long_length = targets(db)
    with serving(db) as base:
        for _, path in mix[:20]:  # warm: the first request of each kind opens connections
            httpx.get(base + path, timeout=60)
        result = asyncio.run(load(base, mix, args.clients, args.seconds))
        if long_id:
            result["long_article"] = {
                "characters": long_length,
                **long_article(base, long_id, args.repeat),
            }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
