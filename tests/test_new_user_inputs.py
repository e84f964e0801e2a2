"""Issue 9: the inputs a new user tries first: HTML, JSONL, WARC/ARC, folders of them,
standard input, URLs (a server on loopback) and files of URLs; German is not English."""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from onrecord.cli.commands import main
from onrecord.store import open_store, queries, web
from onrecord.store import schema as s
from onrecord.store.readers import read_inputs
from store_helpers import GOOD

GERMAN = (
    "Der Verein hat am Montag mitgeteilt, dass die Kupferkabel in der Nacht gestohlen wurden. "
    "Die Polizei ermittelt, sagte der Sprecher des Vereins am Dienstag in Berlin."
)
ARTICLE = (
    "Vladimir Putin said the talks with Olaf Scholz were useful. "
    "Scholz told reporters that he had urged Putin to withdraw his troops. " * 3
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Putin and Scholz talk</title>"
    '<meta property="article:published_time" content="2024-11-15">'
    "</head><body><nav><a href='/a'>Home</a> <a href='/b'>World</a></nav><article><h1>Putin "
    f"and Scholz talk</h1><p>{ARTICLE}</p></article></body></html>"
).encode()


class _Handler(BaseHTTPRequestHandler):
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Handler.agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/article.html": (200, "text/html; charset=utf-8", PAGE),
            "/plain.txt": (200, "text/plain; charset=utf-8", ARTICLE.encode()),
            "/big": (200, "text/html", b"<html>" + b"x" * 5000 + b"</html>"),
        }
        if self.path == "/slow":
            time.sleep(3)
        status, kind, body = routes.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_analyze_html_uses_the_article_and_its_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    result = CliRunner().invoke(main, ["analyze", str(page), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    doc = record["document"]
    assert (doc["id"], doc["title"], doc["published"], doc["language"]) == (
        "page",
        "Putin and Scholz talk",
        "2024-11-15",
        "en",
    )
    assert "<" not in doc["text"] and "Home" not in doc["text"]
    assert all("http" not in c["text"] for a in record["attributions"] for c in a["content"])
    assert {e["name"] for e in record["entities"]} >= {"Vladimir Putin", "Olaf Scholz"}


def test_analyze_a_folder_of_html_jsonl_and_text(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("call.html", "call.txt", "feed.jsonl"):
        (folder / name).write_bytes((GOOD / name).read_bytes())
    result = CliRunner().invoke(main, ["analyze", str(folder)])
    assert result.exit_code == 0, result.output
    ids = [r["document"]["id"] for r in _records(result.stdout)]
    assert ids == ["call", "call", "feed.jsonl:1", "feed-2"]


def test_analyze_standard_input_in_any_format() -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["analyze", "-", "--format", "json"], input=ARTICLE)
    assert text.exit_code == 0, text.output
    assert json.loads(text.stdout)["document"]["text"] == ARTICLE
    page = runner.invoke(main, ["analyze", "-", "--format", "json"], input=PAGE)
    assert json.loads(page.stdout)["document"]["title"] == "Putin and Scholz talk"
    lines = "\n".join(json.dumps({"id": f"n{i}", "text": ARTICLE + str(i)}) for i in range(2))
    feed = runner.invoke(main, ["analyze", "-", "--format", "jsonl"], input=lines)
    assert [r["document"]["id"] for r in _records(feed.stdout)] == ["n0", "n1"]


def test_urls_and_files_of_urls(server: str, tmp_path: Path) -> None:
    _Handler.agents.clear()
    result = CliRunner().invoke(main, ["analyze", f"{server}/article.html", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["document"]
    assert (doc["url"], doc["title"]) == (f"{server}/article.html", "Putin and Scholz talk")
    assert _Handler.agents[0].startswith("onrecord/")

    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# reading list\n{server}/article.html\n{server}/plain.txt\n{server}/gone\n"
    )
    items = list(read_inputs([listing]))
    assert [(i.origin, i.error) for i in items] == [
        (f"{server}/article.html", None),
        (f"{server}/plain.txt", None),
        (f"{server}/gone", f"{server}/gone: HTTP status 404"),
    ]
    assert items[1].text == ARTICLE


def test_fetching_has_a_timeout_and_a_size_limit(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "TIMEOUT_S", 0.5)
    monkeypatch.setattr(web, "MAX_FETCH_BYTES", 1000)
    errors = [i.error for i in read_inputs([f"{server}/slow", f"{server}/big"])]
    assert errors == [
        f"{server}/slow: no answer within 0.5 s",
        f"{server}/big: page is 0.0 MiB, over the 0.0 MiB",
    ]


def _arc_gz(url: bytes, html: bytes) -> bytes:
    info = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    first = b"filedesc://t.arc 0.0.0.0 20240101000000 text/plain %d\n" % len(info) + info + b"\n"
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    second = b"%s 127.0.0.1 20240101000000 text/html %d\n" % (url, len(payload)) + payload + b"\n"
    return gzip.compress(first) + gzip.compress(second)


def test_arc_gz_crawls_are_read(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.arc.gz"
    crawl.write_bytes(_arc_gz(b"http://x.example/a", PAGE))
    (item,) = list(read_inputs([crawl]))
    assert (item.error, item.url, item.title) == (
        None,
        "http://x.example/a",
        "Putin and Scholz talk",
    )
    assert item.text is not None and ARTICLE.split(".")[0] in item.text


def test_german_is_not_analysed_as_english(tmp_path: Path) -> None:
    german = tmp_path / "verein.txt"
    german.write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(german)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "the text is in German (de); onrecord analyses English only" in result.stderr
    db = tmp_path / "s.db"
    result = CliRunner().invoke(
        main, ["ingest", str(german), str(GOOD / "call.txt"), "--db", str(db)]
    )
    assert result.exit_code == 1
    with open_store(db) as store:
        (failure,) = queries.failures(store).rows
        assert failure["reason"].startswith("the text is in German (de)")
        with store.connect() as conn:
            languages = conn.execute(select(s.documents.c.language)).scalars().all()
        assert languages == ["en"]


def test_a_missing_path_creates_no_store(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope.txt"), "--db", str(db)])
    assert result.exit_code == 1
    assert "no such file or directory" in result.stderr
    assert not db.exists()
