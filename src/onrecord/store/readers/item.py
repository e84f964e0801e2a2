"""What a reader yields: :class:`Item`, a document or the reason there is none; the limits
every reader shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from onrecord.text.input import mib, printable

#: An ``.html`` file, a WARC HTML payload or one ``.jsonl`` line may be at most this big.
MAX_MARKUP_BYTES = 16 * 1024 * 1024


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


def file_item(path: Path, origin: str, limit: int, suffix: str) -> Item:
    """The item of one file, already failed when the file is over ``limit`` bytes (checked
    before anything is read)."""
    size = path.stat().st_size
    item = Item(origin, path.name, nbytes=size)
    if size > limit:
        item.error = f"file is {mib(size)}, over the {mib(limit)} limit for {suffix} files"
    return item


def error_text(exc: BaseException) -> str:
    """``Type: message`` on one line, escaped, at most 300 characters."""
    message = str(exc).splitlines()[0] if str(exc) else ""
    return printable(f"{type(exc).__name__}: {message}" if message else type(exc).__name__, 300)


def size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
