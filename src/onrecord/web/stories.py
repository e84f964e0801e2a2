"""The data behind the story endpoints and pages: the store's stories
(:func:`onrecord.compare.store.list_stories`, as `onrecord stories` lists them) and a story's
comparison (:func:`onrecord.compare.compare_story`, the onrecord-compare/1 structure of
`onrecord compare --story`).

Comparing embeds every statement with the sentence model: the model loads once per process
(lazily, on the first comparison, through :func:`onrecord.compare.similarity.embedder`), and
comparisons run one at a time under a lock. A story's comparison is kept (a few dozen, least
recently used first out) under its story id and the store ids of its documents, so a story that
gains a document is compared again. Nothing here writes to the store.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Any

from onrecord.compare.store import StoryError, list_stories, story_records
from onrecord.store import Store
from onrecord.web.views import Window

KEPT_COMPARISONS = 32
_compare_lock = threading.Lock()
_kept: weakref.WeakKeyDictionary[Store, OrderedDict[tuple, dict[str, Any]]] = (
    weakref.WeakKeyDictionary()
)


def story_number(story: str | int) -> int:
    """``s3``, ``3`` or 3 -> 3; anything else is no story."""
    text = str(story).strip()
    digits = text[1:] if text[:1] in ("s", "S") else text
    if not digits.isdigit():
        raise StoryError(f"no story {text!r}: story ids are s1, s2, ... (see /api/stories)")
    return int(digits)


def stories(
    store: Store,
    window: Window,
    *,
    since: str | None = None,
    until: str | None = None,
    about: str | None = None,
    actor: str | None = None,
) -> dict[str, Any]:
    """A page of the store's stories in story id order, filtered as `onrecord stories` does."""
    rows = list_stories(store, since=since, until=until, about=about, actor=actor)
    end = window.offset + window.limit
    return {
        "stories": [_with_id(row) for row in rows[window.offset : end]],
        "limit": window.limit,
        "offset": window.offset,
        "next_offset": end if len(rows) > end else None,
        "filters": {"since": since, "until": until, "about": about, "actor": actor},
    }


def _with_id(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"s{row['story']}", **row}


def story(store: Store, story_id: str | int) -> dict[str, Any]:
    """One story as the list gives it; :class:`StoryError` when there is none."""
    number = story_number(story_id)
    for row in list_stories(store):
        if row["story"] == number:
            return _with_id(row)
    raise StoryError(f"no story s{number} in the store (see /api/stories)")


def comparison(store: Store, story_id: str | int) -> dict[str, Any]:
    """The story's comparison, onrecord-compare/1."""
    return _compared(store, story(store, story_id))


def _compared(store: Store, row: dict[str, Any]) -> dict[str, Any]:
    from onrecord.compare import compare_story
    from onrecord.compare.similarity import embedder

    key = (row["story"], tuple(row["document_ids"]))
    with _compare_lock:
        kept = _kept.setdefault(store, OrderedDict())
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
        records, label = story_records(store, story=row["id"])
        found = compare_story(records, label, model=embedder()).to_dict()
        kept[key] = found
        while len(kept) > KEPT_COMPARISONS:
            kept.popitem(last=False)
        return found


def story_page(store: Store, story_id: str | int) -> dict[str, Any]:
    """What the story page shows: the story, its comparison (the JSON of /api/compare) and
    the comparison laid out side by side, one column per document and one row per claim or
    event, each cell the statements (or event reports) of that document."""
    row = story(store, story_id)
    compared = _compared(store, row)
    columns = [
        {**document, "stored": stored, "column": n}
        for n, (document, stored) in enumerate(
            zip(compared["documents"], row["document_ids"], strict=True)
        )
    ]
    where = {c["id"]: c["column"] for c in columns}

    def cells(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        out: list[list[dict[str, Any]]] = [[] for _ in columns]
        for item in items:
            out[where[item["document"]]].append(item)
        return out

    claims = [{**c, "cells": cells(c["statements"])} for c in compared["claims"]]
    (told,) = compared["stories"]
    events = [{**e, "cells": cells(e["reports"])} for e in told["events"]]
    counts = {status: 0 for status in ("shared", "conflicting", "unique")}
    for claim in claims:
        counts[claim["status"]] += 1
    return {
        "story": row,
        "comparison": compared,
        "columns": columns,
        "claims": claims,
        "events": events,
        "counts": counts,
    }
