"""The onrecord-compare/1 data model: documents grouped into stories, statements into claims.

Typed records that serialise to the JSON schema shipped in ``onrecord/schema``
(``onrecord-compare-1.schema.json``); ``onrecord.compare(records)`` returns a ``Comparison``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

COMPARE_SCHEMA = "onrecord-compare/1"

ClaimStatus = Literal["shared", "unique", "conflicting"]
ConflictKind = Literal["negation", "amount", "date", "duration", "stance", "actor-in-role"]


@dataclass(frozen=True, slots=True)
class ComparedDocument:
    id: str
    title: str | None
    source: str | None
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class Conflict:
    """Why two or more statements of one claim cannot all be true."""

    kind: ConflictKind
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "explanation": self.explanation}


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution of one document, as a claim lists it."""

    document: str
    attribution: str
    speaker: str | None
    content: str
    account: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "attribution": self.attribution,
            "speaker": self.speaker,
            "content": self.content,
            "account": list(self.account),
        }


@dataclass(slots=True)
class Claim:
    id: str
    story: str
    status: ClaimStatus
    statements: list[Statement]
    conflict: Conflict | None = None

    @property
    def documents(self) -> list[str]:
        return sorted({s.document for s in self.statements})

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "story": self.story,
            "status": self.status,
            "statements": [s.to_dict() for s in self.statements],
            "conflict": self.conflict.to_dict() if self.conflict else None,
        }


@dataclass(frozen=True, slots=True)
class EventReport:
    """One document's version of a story event."""

    document: str
    event: str
    type: str
    mode: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    date: str | None
    trigger: str
    negated: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "event": self.event,
            "type": self.type,
            "mode": self.mode,
            "actors": list(self.actors),
            "recipients": list(self.recipients),
            "date": self.date,
            "trigger": self.trigger,
            "negated": self.negated,
        }


@dataclass(slots=True)
class StoryEvent:
    """One event as the story's documents report it, aligned like claims."""

    id: str
    type: str
    date: str | None
    status: ClaimStatus
    reports: list[EventReport]
    conflict: Conflict | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "date": self.date,
            "status": self.status,
            "reports": [r.to_dict() for r in self.reports],
            "conflict": self.conflict.to_dict() if self.conflict else None,
        }


@dataclass(slots=True)
class Story:
    id: str
    documents: list[str]
    events: list[StoryEvent] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "documents": list(self.documents),
            "events": [e.to_dict() for e in self.events],
        }


@dataclass(slots=True)
class Comparison:
    """What each source says about each story: shared, unique and conflicting claims."""

    documents: list[ComparedDocument]
    stories: list[Story]
    claims: list[Claim]

    def claims_of(self, story_id: str) -> list[Claim]:
        return [c for c in self.claims if c.story == story_id]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": COMPARE_SCHEMA,
            "documents": [d.to_dict() for d in self.documents],
            "stories": [s.to_dict() for s in self.stories],
            "claims": [c.to_dict() for c in self.claims],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
