"""The records a comparison reads: articles to analyse, or records already made.

``.txt`` files are analysed (id = file name without extension, as ``onrecord analyze`` gives
it); ``.jsonl`` lines are either onrecord/1 records (``"schema": "onrecord/1"``, used as they
are) or documents with per-document metadata (``text``, ``id``, ``title``, ``source``,
``published``, ``url``; the store's ingest format), which are analysed; a folder stands for
the ``.txt`` and ``.jsonl`` files in it, sorted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from onrecord.compare.records import record_from_dict
from onrecord.model import SCHEMA_VERSION, Record
from onrecord.text.input import InputError, check_text, read_text_file


class CompareInputError(ValueError):
    """An input cannot be compared (unreadable, bad JSON, a duplicate document id)."""


def _files(paths: Iterable[Path]) -> list[Path]:
    out = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix in (".txt", ".jsonl"))
        else:
            out.append(path)
    return out


def _jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CompareInputError(f"{path}:{number}: invalid JSON: {exc.msg}") from None
        if not isinstance(row, dict):
            raise CompareInputError(f"{path}:{number}: expected a JSON object")
        row.setdefault("id", f"{path.stem}-{number}")
        rows.append(row)
    return rows


def load_records(
    paths: Iterable[Path], *, published: str | None = None, source: str | None = None
) -> list[Record]:
    """Records for ``paths``, in input order; ``published``/``source`` fill in what is missing."""
    from onrecord.pipeline import analyze_many

    ready: dict[int, Record] = {}
    to_analyse: list[tuple[int, str, dict[str, Any]]] = []
    for file in _files(paths):
        try:
            if file.suffix == ".jsonl":
                for row in _jsonl(file):
                    slot = len(ready) + len(to_analyse)
                    if row.get("schema") == SCHEMA_VERSION:
                        ready[slot] = record_from_dict(row)
                        continue
                    text = row.get("text")
                    if not isinstance(text, str):
                        raise CompareInputError(f"{file}: a line has no 'text' string field")
                    check_text(text)
                    meta = {k: row.get(k) for k in ("title", "url", "source", "published")}
                    meta["id"] = str(row["id"])
                    meta["published"] = meta["published"] or published
                    meta["source"] = meta["source"] or source
                    to_analyse.append((slot, text, meta))
            else:
                text = read_text_file(file)
                meta = {"id": file.stem, "published": published, "source": source}
                to_analyse.append((len(ready) + len(to_analyse), text, meta))
        except (InputError, OSError, UnicodeDecodeError) as exc:
            raise CompareInputError(f"{file}: {exc}") from None
    analysed = analyze_many((text, meta) for _, text, meta in to_analyse)
    for (slot, _, _), record in zip(to_analyse, analysed, strict=True):
        ready[slot] = record
    records = [ready[slot] for slot in sorted(ready)]
    ids = [r.document.id for r in records]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CompareInputError(f"document ids must be unique: {', '.join(duplicates)}")
    return records
