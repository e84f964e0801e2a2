"""WARC and ARC files (gzipped or not): each HTML response or resource through trafilatura.
A truncated or corrupt file yields the documents before the damage and then one failure that
says at which byte."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from onrecord.store.readers.html import extract_html, is_html
from onrecord.store.readers.item import MAX_MARKUP_BYTES, Item, error_text
from onrecord.text.input import InputError, mib


def read_warc(path: Path, origin: str) -> Iterator[Item]:
    """HTML responses (and resources) in a WARC or ARC file, each through trafilatura.

    A truncated or corrupt file yields the documents before the damage and then one error.
    """
    size = path.stat().st_size
    if size == 0:
        yield Item(origin, path.name, error="empty file")
        return
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    prev: Item | None = None
    prev_start = 0
    found = 0
    with path.open("rb") as fh:
        arc = path.name.lower().endswith((".arc", ".arc.gz"))
        iterator = ArchiveIterator(fh, arc2warc=arc)
        try:
            for record in iterator:
                item = _warc_item(record)
                # Only after the record is read: asking earlier skips its content.
                offset = iterator.get_record_offset()
                if item is None:
                    continue
                item.origin, item.doc_id = f"{origin}#{offset}", f"{path.name}#{offset}"
                if prev is not None:
                    prev.nbytes = max(0, offset - prev_start)
                    yield prev
                    prev, prev_start = None, offset
                if item is _CORRUPT:
                    yield Item(
                        f"{origin}#{offset}",
                        f"{path.name}#{offset}",
                        error=(
                            "not a WARC or ARC file"
                            if offset == 0
                            else f"corrupt WARC: no valid record at byte {offset}"
                        ),
                        nbytes=size - offset,
                    )
                    return
                if item.ignored is None:
                    found += 1
                prev = item
        except Exception as exc:  # warcio raises many kinds on damaged input
            where = _offset(iterator, prev_start, size)
            if prev is not None:
                prev.nbytes = max(0, where - prev_start)
                yield prev
            if isinstance(exc, ArchiveLoadFailed) and where == 0 and prev is None:
                reason = "not a WARC or ARC file"
            else:
                reason = f"corrupt or truncated WARC at byte {where}: {error_text(exc)}"
            yield Item(
                f"{origin}#{where}",
                f"{path.name}#{where}",
                error=reason,
                nbytes=max(0, size - where),
            )
            return
        end = _offset(iterator, size, size)
    if prev is not None:
        prev.nbytes = max(0, min(end, size) - prev_start)
        yield prev
    if end < size:
        yield Item(
            f"{origin}#{end}",
            f"{path.name}#{end}",
            error=f"truncated WARC: {size - end} bytes of an incomplete record at byte {end}",
            nbytes=size - end,
        )
    elif found == 0:
        yield Item(origin, path.name, ignored="no HTML responses in the WARC", nbytes=size)


_CORRUPT = Item("", "")


def _offset(iterator: Any, fallback: int, size: int) -> int:
    """The iterator's position in the file, or ``fallback`` when warcio's is not one (it goes
    negative inside a damaged gzip member)."""
    where = getattr(iterator, "offset", fallback)
    return where if isinstance(where, int) and 0 <= where <= size else fallback


def _warc_item(record: Any) -> Item | None:
    """The document in one WARC record (origin and doc_id are set by the caller)."""
    if record.rec_type is None or record.format not in ("warc", "arc2warc"):  # ARC: as WARC
        return _CORRUPT
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    item = Item("", "", url=uri)
    if record.rec_type == "response":
        if record.http_headers is None:
            item.ignored = "response without HTTP headers"
            return item
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            item.ignored = f"HTTP status {status}"
            return item
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    if not is_html(content_type):
        item.ignored = f"not HTML ({content_type or 'no content type'})"
        return item
    length = record.length or 0
    if length > MAX_MARKUP_BYTES:
        item.error = f"{uri}: payload is {mib(length)}, over the {mib(MAX_MARKUP_BYTES)} limit"
        _drain(record.raw_stream)
        return item
    payload = record.content_stream().read()
    _drain(record.raw_stream)
    if getattr(record.raw_stream, "limit", 0) > 0:
        item.error = f"{uri}: truncated WARC record (payload cut short)"
        return item
    try:
        found = extract_html(payload, url=uri)
    except InputError as exc:
        item.error = f"{uri}: {exc}"
        return item
    item.text = found["text"]
    item.title, item.published = found["title"], found["published"]
    item.source, item.url = found["source"], found["url"] or uri
    return item


def _drain(stream: BinaryIO) -> None:
    while stream.read(1024 * 1024):
        pass
