"""onrecord/1 JSON back into typed records, so stored or exported records can be compared."""

from __future__ import annotations

from typing import Any

from onrecord.model import (
    Attribution,
    Cue,
    Document,
    Entity,
    Event,
    EventDate,
    Record,
    Section,
    Span,
)


def _span(data: dict[str, Any] | None) -> Span | None:
    return Span.from_dict(data) if data else None


def record_from_dict(data: dict[str, Any]) -> Record:
    """The ``Record`` an onrecord/1 dict (``Record.to_dict()``) was made from."""
    doc = data["document"]
    document = Document(
        id=doc["id"],
        text=doc["text"],
        url=doc.get("url"),
        source=doc.get("source"),
        title=doc.get("title"),
        published=doc.get("published"),
        language=doc.get("language", "en"),
        sections=[Section(s["kind"], s["start"], s["end"]) for s in doc.get("sections", [])],
    )
    entities = [
        Entity(
            id=e["id"],
            name=e["name"],
            kind=e["kind"],
            title=e.get("title"),
            country=e.get("country"),
            sector=e.get("sector"),
            mentions=[Span.from_dict(m) for m in e.get("mentions", [])],
            actor=e.get("actor"),
        )
        for e in data.get("entities", [])
    ]
    attributions = [
        Attribution(
            id=a["id"],
            kind=a["kind"],
            content=[Span.from_dict(c) for c in a["content"]],
            quoted=[Span.from_dict(q) for q in a.get("quoted", [])],
            cue=Cue(Span.from_dict(a["cue"]), a["cue"]["lemma"]) if a.get("cue") else None,
            source=_span(a.get("source")),
            speaker=a.get("speaker"),
            addressee=a.get("addressee"),
            via=a.get("via"),
            section=a.get("section", "body"),
        )
        for a in data.get("attributions", [])
    ]
    events = []
    for v in data.get("events", []):
        date = v.get("date")
        events.append(
            Event(
                id=v["id"],
                type=v["type"],
                trigger=Span.from_dict(v["trigger"]),
                mode=v.get("mode"),
                actors=list(v.get("actors", [])),
                recipients=list(v.get("recipients", [])),
                date=EventDate(
                    date["value"], date["granularity"], _span(date["span"]), date["basis"]
                )
                if date
                else None,
                location=v.get("location"),
                reported_by=v.get("reported_by"),
                negated=v.get("negated", False),
                future=v.get("future", False),
                hypothetical=v.get("hypothetical", False),
            )
        )
    return Record(document, entities, attributions, events)
