"""The onrecord/1 data model: typed records that serialise to the versioned JSON schema.

Every span is a half-open character range into ``Document.text`` and carries the text it
covers, so any claim can be checked by slicing the source: ``text[start:end] == span.text``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "onrecord/1"

SectionKind = Literal["headline", "standfirst", "caption", "credit", "byline", "dateline", "body"]
EntityKind = Literal["person", "organization", "government", "country", "place", "group", "unknown"]
AttributionKind = Literal["direct", "mixed", "indirect"]
Granularity = Literal["day", "month", "year"]
DateBasis = Literal["explicit", "relative", "publication", "unresolved"]


@dataclass(frozen=True, slots=True)
class Span:
    """A character range into the document text, with the text it covers."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(data["start"], data["end"], data["text"])


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Document:
    id: str
    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    language: str = "en"
    sections: list[Section] = field(default_factory=list)

    def section_at(self, offset: int) -> SectionKind:
        """The kind of the section holding ``offset`` (body when none does)."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section.kind
        return "body"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "sections": [s.to_dict() for s in self.sections],
        }


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    kind: EntityKind
    title: str | None = None
    country: str | None = None
    sector: str | None = None
    mentions: list[Span] = field(default_factory=list)
    actor: str | None = None  # the Phoenix actor dictionary key ("VLADIMIR_PUTIN"): one actor
    # across articles (onrecord.entities.actor_dictionary)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "title": self.title,
            "country": self.country,
            "sector": self.sector,
            "actor": self.actor,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Cue:
    span: Span
    lemma: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "lemma": self.lemma}


@dataclass(slots=True)
class Attribution:
    id: str
    kind: AttributionKind
    content: list[Span]
    quoted: list[Span] = field(default_factory=list)
    cue: Cue | None = None
    source: Span | None = None
    speaker: str | None = None
    addressee: str | None = None
    via: str | None = None
    section: SectionKind = "body"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": [s.to_dict() for s in self.content],
            "quoted": [s.to_dict() for s in self.quoted],
            "cue": self.cue.to_dict() if self.cue else None,
            "source": self.source.to_dict() if self.source else None,
            "speaker": self.speaker,
            "addressee": self.addressee,
            "via": self.via,
            "section": self.section,
        }


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str | None
    granularity: Granularity | None
    span: Span | None
    basis: DateBasis

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "granularity": self.granularity,
            "span": self.span.to_dict() if self.span else None,
            "basis": self.basis,
        }


@dataclass(slots=True)
class Event:
    id: str
    type: str
    trigger: Span
    mode: str | None = None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    date: EventDate | None = None
    location: str | None = None
    reported_by: str | None = None
    negated: bool = False
    future: bool = False
    hypothetical: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "actors": list(self.actors),
            "recipients": list(self.recipients),
            "trigger": self.trigger.to_dict(),
            "date": self.date.to_dict() if self.date else None,
            "location": self.location,
            "reported_by": self.reported_by,
            "negated": self.negated,
            "future": self.future,
            "hypothetical": self.hypothetical,
        }


@dataclass(slots=True)
class Record:
    """Everything onrecord found in one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "document": self.document.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "attributions": [a.to_dict() for a in self.attributions],
            "events": [e.to_dict() for e in self.events],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
