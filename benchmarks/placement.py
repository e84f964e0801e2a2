"""Time one story placement against the number of stored documents.

Stored profiles are synthetic but shaped like the PolNeAR store's: 97% undated, 384-dim unit
leads, 3-8 participant keys drawn from a skewed vocabulary (a few keys, "USA" and a leading
politician, in most documents). The store is filled in bulk (each document its own story),
then ``--place`` new documents are placed one by one and the median time is printed, with the
former placement (every stored profile of the same date or none read and compared) for sizes
up to ``--scan-up-to``.

    python benchmarks/placement.py --sizes 1000 3000 10000 30000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import insert, select

from onrecord.compare.store import _stored_profile, key_rows, place_profile
from onrecord.compare.stories import Profile, matching
from onrecord.store import open_store
from onrecord.store import schema as s

VOCABULARY = ["USA", "trump", "RUS", "CHN", "clinton", "obama", "GBR", "FRA", "congress"] + [
    f"person{n}" for n in range(3000)
]


def _profiles(rng: np.random.Generator, count: int) -> list[Profile]:
    weights = np.array([0.5, 0.4, 0.1, 0.08, 0.08, 0.06, 0.05, 0.05, 0.05] + [0.002] * 3000)
    weights /= weights.sum()
    out = []
    for n in range(count):
        keys = set(rng.choice(VOCABULARY, size=int(rng.integers(3, 9)), p=weights, replace=False))
        lead = rng.normal(size=384).astype(np.float32)
        date = None if rng.random() < 0.97 else f"2016-0{1 + n % 9}-1{n % 10}"
        out.append(Profile(str(n), None, date, None, frozenset(keys), lead / np.linalg.norm(lead)))
    return out


def _fill(store, found: list[Profile], first: int) -> None:
    with store._write() as conn, conn.begin():
        for n, p in enumerate(found, start=first):
            conn.execute(
                insert(s.documents).values(
                    id=n, content_hash=str(n), origin=str(n), doc_id=str(n), text="", record="{}"
                )
            )
            story = conn.execute(insert(s.stories).returning(s.stories.c.id)).scalar_one()
            conn.execute(
                insert(s.story_documents).values(
                    document_id=n, story_id=story, main_date=p.main_date, main_type=None,
                    participants=json.dumps(sorted(p.participants)),
                    lead=json.dumps([round(float(x), 5) for x in p.lead]),
                )
            )  # fmt: skip
            conn.execute(insert(s.story_keys), key_rows(n, p.participants))


def _scan(store, profile: Profile) -> list[int]:
    """The former placement's reading and comparing (no write)."""
    sd = s.story_documents
    query = select(sd)
    if profile.main_date is not None:
        query = query.where((sd.c.main_date == profile.main_date) | sd.c.main_date.is_(None))
    with store.connect() as conn:
        by_story: dict[int, list[Profile]] = {}
        for row in conn.execute(query.order_by(sd.c.document_id)):
            by_story.setdefault(row.story_id, []).append(_stored_profile(row))
    ids = list(by_story)
    return [ids[n] for n in matching(profile, [by_story[k] for k in ids])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--place", type=int, default=20)
    parser.add_argument("--scan-up-to", type=int, default=3000)
    parser.add_argument("--url", help="a store URL (default: a SQLite file)")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(3)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'placement.db'}"
        with open_store(url) as store:
            stored = 0
            for size in args.sizes:
                _fill(store, _profiles(rng, size - stored), stored + 1)
                stored = size
                new = _profiles(rng, args.place)
                scan = []
                if size <= args.scan_up_to:
                    for p in new:
                        begin = time.perf_counter()
                        _scan(store, p)
                        scan.append(time.perf_counter() - begin)
                times = []
                for n, p in enumerate(new):
                    doc = 10_000_000 + size * 100 + n
                    with store._write() as conn, conn.begin():
                        conn.execute(
                            insert(s.documents).values(
                                id=doc, content_hash=str(doc), origin=str(doc), doc_id=str(doc),
                                text="", record="{}",
                            )
                        )  # fmt: skip
                    begin = time.perf_counter()
                    place_profile(store, doc, p)
                    times.append(time.perf_counter() - begin)
                stored += args.place
                line = {
                    "stored": size,
                    "indexed_median_ms": round(statistics.median(times) * 1000, 1),
                    "indexed_max_ms": round(max(times) * 1000, 1),
                    "scan_median_ms": round(statistics.median(scan) * 1000, 1) if scan else None,
                }
                print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
