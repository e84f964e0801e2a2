"""``.txt`` files: UTF-8 (or UTF-16/32 with a BOM) text, at most 4 MiB; a small file that
lists only URLs stands for those pages (:func:`listed_urls`)."""

from __future__ import annotations

from pathlib import Path

from onrecord.store import web
from onrecord.store.readers.item import Item, file_item, size_of
from onrecord.text.input import MAX_TEXT_BYTES, InputError, decode_text


def read_text_file(path: Path, origin: str) -> Item:
    item = file_item(path, origin, MAX_TEXT_BYTES, ".txt")
    if item.error:
        return item
    try:
        item.text = decode_text(path.read_bytes())
    except InputError as exc:
        item.error = str(exc)
    return item


def listed_urls(path: Path) -> list[str] | None:
    """The URLs a small .txt file lists (and nothing else), else None."""
    if size_of(path) > 1024 * 1024:
        return None
    with path.open("rb") as fh:
        if not fh.read(16).lstrip().lower().startswith((b"http://", b"https://", b"#")):
            return None
    return web.url_lines(path.read_bytes())
