"""What a story comparison costs on `onrecord serve`: the first call (which loads the sentence
model), the same story again (kept), another story (model loaded) and the story page.

Builds a store of the founding call told four ways and a decoy story
(tests/data/compare/dev/texts, published 2024-11-15), then times the app in-process:

    .venv/bin/python benchmarks/web_stories.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "tests" / "data" / "compare" / "dev" / "texts"
NAMES = [
    "putin-scholz-call",
    "berlin-readout",
    "kremlin-readout",
    "call-wire",
    "scholz-zelensky-berlin",
]


def main() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from fastapi.testclient import TestClient

    from onrecord.web.app import create_app
    from onrecord.web.store import open_read_only
    from web_fixtures import ingest

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "stories.db")
        ingest(db, *[TEXTS / f"{n}.txt" for n in NAMES], published="2024-11-15")
        # A fresh process would load the model on the first call; ingest loaded it here, so
        # clear the cached embedder to time the load as a server would see it.
        from onrecord.compare.similarity import embedder

        embedder.cache_clear()
        client = TestClient(create_app(open_read_only(db)))
        for label, path in [
            ("first /api/compare?story=s1 (4 documents; loads the model)", "/api/compare?story=s1"),
            ("/api/compare?story=s1 again (kept)", "/api/compare?story=s1"),
            ("/api/compare?story=s2 (1 document; model loaded)", "/api/compare?story=s2"),
            ("/stories/s1 page (comparison kept)", "/stories/s1"),
        ]:
            start = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - start
            assert response.status_code == 200, response.text
            print(f"{label}: {elapsed:.3f} s")


if __name__ == "__main__":
    main()
