"""Reading inputs into documents: .txt, .html/.htm, .jsonl, WARC/ARC (gzipped or not), folders.

Every input becomes one or more :class:`Item`: a document's text and metadata, or the reason it
could not be read (``error``), or the reason it is not a document at all (``ignored``). Bad
input never raises; the batch goes on.

Limits (checked before a file is read whole):

* a document may have at most :data:`onrecord.text.input.MAX_CHARS` (1,000,000) characters,
  spaCy's default ``max_length``;
* a ``.txt`` file may be at most :data:`onrecord.text.input.MAX_TEXT_BYTES` (4 MiB);
* an ``.html`` file, a WARC HTML payload or one ``.jsonl`` line may be at most
  :data:`MAX_MARKUP_BYTES` (16 MiB).

An HTML page whose extracted text has fewer than :data:`MIN_ARTICLE_WORDS` (20) words has no
article (trafilatura's fallbacks return navigation text for such pages).

Text must be UTF-8 (a BOM is allowed) or UTF-16/UTF-32 with a BOM. A file with NUL bytes or
mostly control characters in its first 8 KiB is reported as binary; NUL and lone surrogates
later in a text become U+FFFD (:func:`onrecord.text.input.clean_text`). A ``published`` value
given by a JSONL line must be an ISO 8601 date (the line fails otherwise); one guessed from HTML
metadata is dropped when it is not.

A folder that cannot be read (permissions) is one failed input, never silently skipped; an
exception from a reader ends that one input as a failure and the batch goes on.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from onrecord.store import web
from onrecord.text.input import (
    MAX_TEXT_BYTES,
    InputError,
    check_published,
    check_text,
    clean_text,
    decode_text,
    mib,
    printable,
)

MAX_MARKUP_BYTES = 16 * 1024 * 1024
MIN_ARTICLE_WORDS = 20

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES

JSONL_FIELDS = ("title", "url", "published", "source")
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(slots=True)
class Item:
    """One document read from an input, or why there is none."""

    origin: str
    doc_id: str
    text: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    error: str | None = None
    ignored: str | None = None
    nbytes: int = 0


_mib = mib


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    for kind, suffixes in (
        ("warc", WARC_SUFFIXES),
        ("text", TEXT_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind
    return None


def discover(paths: Iterable[str | Path]) -> Iterator[tuple[Path, bool]]:
    """Files to read, in order: (path, given explicitly). Folders are walked recursively,
    sorted, skipping hidden files and folders.
    A folder that cannot be listed is yielded as (folder, True): reading it reports why.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=unreadable.append):
                while unreadable:
                    yield Path(unreadable.pop(0).filename), True
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name, False
            while unreadable:
                yield Path(unreadable.pop(0).filename), True
        else:
            yield path, True


def total_bytes(paths: Iterable[str | Path]) -> int:
    """Size of every readable input file under ``paths`` (for progress)."""
    total = 0
    for path, explicit in discover(paths):
        if explicit or kind_of(path) is not None:
            with contextlib.suppress(OSError):
                total += path.stat().st_size
    return total


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Every document (or failure) in ``paths``; never raises for bad input. A path may also
    be ``-`` (standard input) or an ``http(s)://`` URL; a ``.txt`` file that lists only URLs
    stands for those pages."""
    for raw in paths:
        if isinstance(raw, str) and raw == "-":
            from onrecord.store.remote import guarded, read_stdin_items

            yield from guarded("<stdin>", read_stdin_items())
        elif isinstance(raw, str) and web.is_url(raw):
            from onrecord.store.remote import guarded, read_url

            yield from guarded(raw, read_url(raw.strip()))
        else:
            for path, explicit in discover([raw]):
                yield from _read_one(path, path_text(path.absolute()), explicit)


def path_text(path: Path | str) -> str:
    """A path as storable text: bytes the file system could not decode are written ``\\xNN``
    (Python keeps them as lone surrogates, which no store accepts)."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")


def read_file(path: Path, origin: str, explicit: bool) -> Iterator[Item]:
    """The items of one file found by :func:`discover` (``explicit``: named, not found in a
    folder), under ``origin``: what :func:`read_inputs` yields for it. Dask workers read
    HTML and WARC files with it (:mod:`onrecord.scale.extract`)."""
    return _read_one(path, origin, explicit)


def _read_one(path: Path, origin: str, explicit: bool) -> Iterator[Item]:
    """The items of one file; an unexpected exception ends the file with one failure."""
    index = 0
    last = ""
    try:
        for item in _read_path(path, origin, explicit):
            item.doc_id = path_text(item.doc_id) if _has_surrogate(item.doc_id) else item.doc_id
            index += 1
            last = item.origin
            yield item
    except Exception as exc:  # a reader's bug or a library's surprise must not end the batch
        where = f"{last}#read-error" if index else origin
        yield Item(where, path.name, error=f"could not be read: {error_text(exc)}")


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def error_text(exc: BaseException) -> str:
    """``Type: message`` on one line, escaped, at most 300 characters."""
    message = str(exc).splitlines()[0] if str(exc) else ""
    return printable(f"{type(exc).__name__}: {message}" if message else type(exc).__name__, 300)


def _read_path(path: Path, origin: str, explicit: bool) -> Iterator[Item]:
    if path.is_dir():  # only a folder os.walk could not list comes here
        try:
            os.listdir(path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
        else:
            reason = "folder could not be listed while it was read"
        yield Item(origin, path.name, error=f"cannot read the folder: {reason}")
        return
    kind = kind_of(path)
    if kind is None:
        size = _size(path)
        if not explicit:
            yield Item(origin, path.name, ignored="unsupported file type", nbytes=size)
        elif not path.exists():
            yield Item(origin, path.name, error="no such file or directory")
        else:
            yield Item(
                origin,
                path.name,
                error="unsupported file type (expected " + ", ".join(SUPPORTED) + ")",
                nbytes=size,
            )
        return
    try:
        if kind == "text":
            urls = _listed_urls(path)
            if urls is None:
                yield read_text_file(path, origin)
            else:
                from onrecord.store.remote import read_url

                for url in web.each_url(urls):
                    yield from read_url(url)
        elif kind == "html":
            yield read_html_file(path, origin)
        elif kind == "jsonl":
            yield from read_jsonl(path, origin)
        else:
            yield from read_warc(path, origin)
    except OSError as exc:
        yield Item(origin, path.name, error=exc.strerror or str(exc), nbytes=_size(path))


def _listed_urls(path: Path) -> list[str] | None:
    """The URLs a small .txt file lists (and nothing else), else None."""
    if _size(path) > 1024 * 1024:
        return None
    with path.open("rb") as fh:
        if not fh.read(16).lstrip().lower().startswith((b"http://", b"https://", b"#")):
            return None
    return web.url_lines(path.read_bytes())


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_text_file(path: Path, origin: str) -> Item:
    size = path.stat().st_size
    item = Item(origin, path.name, nbytes=size)
    if size > MAX_TEXT_BYTES:
        item.error = f"file is {_mib(size)}, over the {_mib(MAX_TEXT_BYTES)} limit for .txt files"
        return item
    try:
        item.text = decode_text(path.read_bytes())
    except InputError as exc:
        item.error = str(exc)
    return item


def _quiet_extractors() -> None:
    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
            logger.propagate = False


def extract_html(data: bytes, url: str | None = None) -> dict[str, Any]:
    """The article in an HTML page: text, title, published date, site name, url."""
    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not HTML")
    import trafilatura

    _quiet_extractors()
    try:
        result = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura's failures are not part of its API
        raise InputError(f"HTML extraction failed: {type(exc).__name__}: {exc}") from None
    fields = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    text = (fields.get("text") or "").strip()
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        detail = f" (only {words} words of page text)" if words else ""
        raise InputError(f"no article text found in the HTML{detail}")
    check_text(text)
    try:  # a guess from the page's metadata: dropped, not fatal, when it is not a date
        published = check_published(fields.get("date") or None)
    except InputError:
        published = None
    return {
        "text": clean_text(text),
        "title": fields.get("title") or None,
        "published": published,
        "source": fields.get("sitename") or fields.get("hostname") or None,
        "url": fields.get("url") or url,
    }


def read_html_file(path: Path, origin: str) -> Item:
    size = path.stat().st_size
    item = Item(origin, path.name, nbytes=size)
    if size > MAX_MARKUP_BYTES:
        item.error = (
            f"file is {_mib(size)}, over the {_mib(MAX_MARKUP_BYTES)} limit for .html files"
        )
        return item
    try:
        found = extract_html(path.read_bytes())
    except InputError as exc:
        item.error = str(exc)
        return item
    item.text = found["text"]
    item.title, item.published = found["title"], found["published"]
    item.source, item.url = found["source"], found["url"]
    return item


def _optional_str(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(f"field {name!r} must be a string, not {type(value).__name__}")


def parse_jsonl_line(line: bytes) -> dict[str, Any]:
    try:
        decoded = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte 0x{line[exc.start]:02x})") from None
    try:
        obj = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("no 'text' string field")
    check_text(text)
    fields = {name: _optional_str(obj, name) for name in JSONL_FIELDS}
    fields = {name: clean_text(value) if value else value for name, value in fields.items()}
    fields["published"] = check_published(fields["published"])
    doc_id = obj.get("id")
    if doc_id is not None and not isinstance(doc_id, str | int):
        raise InputError(f"field 'id' must be a string or an integer, not {type(doc_id).__name__}")
    return {
        "text": clean_text(text),
        "id": clean_text(str(doc_id)) if doc_id is not None else None,
        **fields,
    }


def read_jsonl(path: Path, origin: str) -> Iterator[Item]:
    size = path.stat().st_size
    if size == 0:
        yield Item(origin, path.name, error="empty file")
        return
    pending = 0  # bytes of blank lines, counted with the next item
    count = 0
    with path.open("rb") as fh:
        lineno = 0
        while True:
            line = fh.readline(MAX_MARKUP_BYTES + 1)
            if not line:
                break
            lineno += 1
            nbytes = len(line)
            item = Item(f"{origin}:{lineno}", f"{path.name}:{lineno}")
            if len(line) > MAX_MARKUP_BYTES and not line.endswith(b"\n"):
                while chunk := fh.readline(1024 * 1024):
                    nbytes += len(chunk)
                    if chunk.endswith(b"\n"):
                        break
                item.error = f"line {lineno} is over the {_mib(MAX_MARKUP_BYTES)} limit"
            elif not line.strip():
                pending += nbytes
                continue
            else:
                try:
                    fields = parse_jsonl_line(line)
                except InputError as exc:
                    item.error = f"line {lineno}: {exc}"
                except Exception as exc:  # one line never ends the file
                    item.error = f"line {lineno}: could not be read: {error_text(exc)}"
                else:
                    item.text = fields["text"]
                    item.doc_id = fields["id"] or item.doc_id
                    item.title, item.url = fields["title"], fields["url"]
                    item.published, item.source = fields["published"], fields["source"]
            item.nbytes = nbytes + pending
            pending = 0
            count += 1
            yield item
    if count == 0:
        yield Item(origin, path.name, error="no documents (only blank lines)", nbytes=size)


def _is_html(content_type: str | None) -> bool:
    if not content_type:
        return False
    return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


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
    if not _is_html(content_type):
        item.ignored = f"not HTML ({content_type or 'no content type'})"
        return item
    length = record.length or 0
    if length > MAX_MARKUP_BYTES:
        item.error = f"{uri}: payload is {_mib(length)}, over the {_mib(MAX_MARKUP_BYTES)} limit"
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
