"""Screenshots of the web pages for the README (docs/images/), from the bundled example.

Ingests examples/putin-scholz-call.txt (RT, 2024-11-15) into a temporary store, serves it
with `onrecord serve` and photographs the pages in Debian's headless Chromium; for the story
pages, a second store holds the founding call told four ways and a call told two ways that
conflict (tests/data/compare/dev/texts, published 2024-11-15):

    python scripts/web_screenshots.py [articles] [stories]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
sys.path.insert(0, str(ROOT / "tests"))


STORY_TEXTS = ROOT / "tests" / "data" / "compare" / "dev" / "texts"
STORY_DOCUMENTS = [
    "putin-scholz-call",
    "berlin-readout",
    "kremlin-readout",
    "call-wire",
    "macron-modi-elysee",
    "macron-modi-delhi",
]


def main() -> None:
    wanted = set(sys.argv[1:]) or {"articles", "stories"}
    IMAGES.mkdir(parents=True, exist_ok=True)
    if "articles" in wanted:
        articles()
    if "stories" in wanted:
        stories()
    for image in sorted(IMAGES.glob("*.png")):
        print(image.relative_to(ROOT), image.stat().st_size // 1024, "KiB")


def stories() -> None:
    from playwright.sync_api import sync_playwright

    from web_fixtures import CHROMIUM, CHROMIUM_ARGS, ingest, serving

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "stories.db")
        paths = [STORY_TEXTS / f"{name}.txt" for name in STORY_DOCUMENTS]
        ingest(db, *paths, published="2024-11-15")
        with serving(db) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(base + "/stories/s1")
            page.screenshot(path=IMAGES / "story.png")
            page.goto(base + "/stories/s2")
            page.screenshot(path=IMAGES / "story-conflicts.png", full_page=True)
            browser.close()


def articles() -> None:
    from playwright.sync_api import sync_playwright

    from web_fixtures import CHROMIUM, CHROMIUM_ARGS, EXAMPLE, ingest, serving

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "example.db")
        ingest(db, EXAMPLE, published="2024-11-15", source="RT")
        with serving(db) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(base + "/documents/1")
            page.screenshot(path=IMAGES / "article.png", full_page=True)
            page.focus("#a7")
            page.locator("#a7").scroll_into_view_if_needed()
            page.screenshot(path=IMAGES / "article-focus.png")
            page.goto(base + "/search?q=negotiations")
            page.screenshot(path=IMAGES / "search.png")
            page.goto(base + "/speakers/Vladimir%20Putin")
            page.screenshot(path=IMAGES / "speaker.png", full_page=True)
            small = browser.new_page(viewport={"width": 360, "height": 760})
            small.goto(base + "/documents/1")
            small.screenshot(path=IMAGES / "article-360px.png")
            browser.close()


if __name__ == "__main__":
    main()
