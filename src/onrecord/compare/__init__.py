"""Cross-source comparison: stories, claims that are shared, unique or conflicting, and events.

``compare(records)`` groups records into stories and aligns what each source says; the result
is the onrecord-compare/1 structure as typed objects (``Comparison.to_dict()`` for JSON).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable

from onrecord.compare.alignment import align_claims
from onrecord.compare.events import align_events
from onrecord.compare.model import (
    COMPARE_SCHEMA,
    Claim,
    ComparedDocument,
    Comparison,
    Conflict,
    EventReport,
    Statement,
    Story,
    StoryEvent,
)
from onrecord.compare.similarity import Embedder, embedder
from onrecord.compare.stories import group_stories
from onrecord.model import Record

__all__ = [
    "COMPARE_SCHEMA",
    "Claim",
    "ComparedDocument",
    "Comparison",
    "Conflict",
    "EventReport",
    "Statement",
    "Story",
    "StoryEvent",
    "compare",
    "compare_story",
]


def _documents(records: list[Record]) -> list[ComparedDocument]:
    return [
        ComparedDocument(r.document.id, r.document.title, r.document.source, r.document.published)
        for r in records
    ]


def compare_story(
    records: list[Record], story_id: str = "s1", *, model: Embedder | None = None
) -> Comparison:
    """Align records already known to report one story (a stored story, chosen documents)."""
    model = model or embedder()
    story = Story(story_id, [r.document.id for r in records], align_events(records))
    return Comparison(_documents(records), [story], align_claims(story_id, records, model))


def compare(
    records: Iterable[Record], *, model: Embedder | None = None, group: bool = True
) -> Comparison:
    """Group ``records`` into stories (unless ``group`` is False) and align each story."""
    records = list(records)
    ids = [r.document.id for r in records]
    if len(set(ids)) != len(ids):
        raise ValueError(
            "document ids must be unique: "
            + ", ".join(sorted({i for i in ids if ids.count(i) > 1}))
        )
    model = model or embedder()
    groups = group_stories(records, model) if group else [list(range(len(records)))]
    stories, claims = [], []
    events = 0
    for n, indices in enumerate(groups, start=1):
        members = [records[i] for i in indices]
        story_events = align_events(members, first_event=events + 1)
        events += len(story_events)
        stories.append(Story(f"s{n}", [r.document.id for r in members], story_events))
        claims += align_claims(f"s{n}", members, model, first_claim=len(claims) + 1)
    return Comparison(_documents(records), stories, claims)


class _CallableModule(types.ModuleType):
    """``onrecord.compare`` is both this subpackage and the function: importing the
    subpackage binds it as an attribute of ``onrecord``, so ``onrecord.compare(records)``
    must work on the module too."""

    def __call__(self, records: Iterable[Record], **options: object) -> Comparison:
        return compare(records, **options)  # type: ignore[arg-type]


sys.modules[__name__].__class__ = _CallableModule
