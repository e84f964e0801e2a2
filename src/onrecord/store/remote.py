"""Documents from inputs that are not files of their own: ``-`` (standard input, its format
sniffed), ``http(s)://`` URLs (fetched by :mod:`onrecord.store.web`), the URLs a .txt file
lists. The bytes go through the same readers as files (HTML, text, JSONL, WARC/ARC).
"""

from __future__ import annotations

from collections.abc import Iterator

from onrecord.store import web
from onrecord.store.readers import Item, error_text, extract_html, read_jsonl, read_warc
from onrecord.store.readers.html import is_html
from onrecord.text.input import InputError, decode_text, printable


def guarded(origin: str, items: Iterator[Item]) -> Iterator[Item]:
    try:
        yield from items
    except Exception as exc:  # never the end of the batch
        yield Item(origin, origin, error=f"could not be read: {error_text(exc)}")


def read_url(url: str, origin: str | None = None) -> Iterator[Item]:
    """The document at ``url`` (an HTML page, plain text, or a WARC file)."""
    origin = origin or url
    item = Item(origin, url, url=url)
    try:
        data, content_type, final = web.fetch(url)
    except InputError as exc:
        item.error = f"{printable(url)}: {exc}"
        yield item
        return
    item.nbytes = len(data)
    kind = "html" if is_html(content_type) else web.sniff(data)
    if content_type.split(";")[0].strip().lower() == "text/plain":
        kind = "text"
    yield from _read_bytes(data, kind, item, final)


def read_stdin_items() -> Iterator[Item]:
    """The document(s) on standard input, whatever the format (sniffed)."""
    item = Item("<stdin>", "stdin")
    try:
        data = web.read_stdin()
    except InputError as exc:
        item.error = str(exc)
        yield item
        return
    item.nbytes = len(data)
    yield from _read_bytes(data, web.sniff(data), item, None)


def _read_bytes(data: bytes, kind: str, item: Item, url: str | None) -> Iterator[Item]:
    """Items from ``data`` of ``kind`` for an input with no file of its own."""
    if kind in ("warc", "jsonl"):
        spool = web.spooled(data, ".warc" if kind == "warc" else ".jsonl")
        try:
            reader = read_warc if kind == "warc" else read_jsonl
            for found in reader(spool, item.origin):
                found.origin = found.origin.replace(str(spool), item.origin, 1)
                found.doc_id = found.doc_id.replace(spool.name, item.doc_id, 1)
                yield found
        finally:
            spool.unlink(missing_ok=True)
        return
    try:
        if kind == "html":
            found = extract_html(data, url=url)
            item.text, item.title, item.published = (
                found["text"],
                found["title"],
                found["published"],
            )
            item.source, item.url = found["source"], found["url"] or url
        else:
            item.text = decode_text(data)
    except InputError as exc:
        item.error = str(exc)
    yield item
