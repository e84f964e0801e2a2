"""``.jsonl`` files: one JSON object a line with a ``text`` string and optional ``id``,
``title``, ``url``, ``published`` (an ISO 8601 date) and ``source``. A bad line is one failed
item with its line number; the lines after it are read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from onrecord.store.readers.item import MAX_MARKUP_BYTES, Item, error_text
from onrecord.text.input import InputError, check_published, check_text, clean_text, mib

JSONL_FIELDS = ("title", "url", "published", "source")


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
                item.error = f"line {lineno} is over the {mib(MAX_MARKUP_BYTES)} limit"
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
