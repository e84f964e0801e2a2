"""Web test fixtures: real stores, the real server (`onrecord serve` in a subprocess on a free
loopback port) and real headless Chromium (Debian's package, driven by Playwright).

Test modules load these with ``pytest_plugins = ("store_fixtures", "web_fixtures")``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "putin-scholz-call.txt"
HOSTILE = ROOT / "tests" / "data" / "web" / "hostile.jsonl"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(db: str, *, timeout: float = 90, args: tuple[str, ...] = ()) -> Iterator[str]:
    """`onrecord serve --db DB [ARGS]` on a free loopback port; its base URL while it runs."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    log = (Path(os.environ.get("TMPDIR", "/tmp")) / f"onrecord-serve-{port}.log").open("w+")
    command = [sys.executable, "-c", "from onrecord.cli import main; main()", "serve"]
    process = subprocess.Popen(
        [*command, "--db", db, "--port", str(port), "--log-level", "warning", *args],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"onrecord serve exited {process.returncode}:\n{log.read()}")
            try:
                if httpx.get(base + "/api/documents?limit=1", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("onrecord serve did not answer in time")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def ingest(db: str, *paths: Path, published: str | None = None, source: str | None = None) -> None:
    """The real `onrecord ingest` (the real analyzer) into ``db``."""
    from onrecord.store import ingest as ingest_paths
    from onrecord.store import open_store

    with open_store(db) as store:
        summary = ingest_paths(store, list(paths), published=published, source=source)
    assert summary.failed == 0, summary


@pytest.fixture(scope="session")
def serve():
    """:func:`serving`, for tests that serve a store of their own."""
    return serving


@pytest.fixture(scope="session")
def founding_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store with the founding article (document 1, RT, 2024-11-15) and the hostile
    article (document 2)."""
    folder = tmp_path_factory.mktemp("web-store")
    db = str(folder / "store.db")
    ingest(db, EXAMPLE, published="2024-11-15", source="RT")
    ingest(db, HOSTILE)
    return db


@pytest.fixture(scope="session")
def server(founding_db: str) -> Iterator[str]:
    with serving(founding_db) as base:
        yield base


@pytest.fixture(scope="session")
def founding_record() -> dict:
    """The founding article's record as the analyzer gives it (what the store must serve)."""
    import onrecord

    text = EXAMPLE.read_text(encoding="utf-8")
    record = onrecord.analyze(
        text, published="2024-11-15", source="RT", doc_id="putin-scholz-call.txt"
    )
    return json.loads(record.to_json())


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip(
            "browser tests skipped: /usr/bin/chromium is missing "
            "(apt-get install chromium, or bash scripts/install-system-deps.sh as root)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests skipped: the playwright package is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    opened = context.new_page()
    try:
        yield opened
    finally:
        context.close()
