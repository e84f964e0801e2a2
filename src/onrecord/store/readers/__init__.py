"""Reading inputs into documents: .txt, .html/.htm, .jsonl, WARC/ARC (gzipped or not), folders.

This module finds the inputs (folders walked, ``-``, URLs) and hands each file to the reader
of its kind: :mod:`.text`, :mod:`.html`, :mod:`.jsonl`, :mod:`.warc` (:mod:`.item`: what they
yield); standard input and URLs are read by :mod:`onrecord.store.remote`.

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
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from onrecord.store import web
from onrecord.store.readers.html import MIN_ARTICLE_WORDS, extract_html, read_html_file
from onrecord.store.readers.item import MAX_MARKUP_BYTES, Item, error_text, size_of
from onrecord.store.readers.jsonl import parse_jsonl_line, read_jsonl
from onrecord.store.readers.text import listed_urls, read_text_file
from onrecord.store.readers.warc import read_warc

__all__ = [
    "MAX_MARKUP_BYTES",
    "MIN_ARTICLE_WORDS",
    "SUPPORTED",
    "Item",
    "discover",
    "error_text",
    "extract_html",
    "kind_of",
    "parse_jsonl_line",
    "path_text",
    "read_file",
    "read_html_file",
    "read_inputs",
    "read_jsonl",
    "read_text_file",
    "read_warc",
    "total_bytes",
]

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES


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
        size = size_of(path)
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
            urls = listed_urls(path)
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
        yield Item(origin, path.name, error=exc.strerror or str(exc), nbytes=size_of(path))
