"""Long documents in paragraph-bounded windows, so that cost grows linearly with length.

Parsing is linear, but some decisions look across the whole document (speaker resolution,
split quotes, the innermost statement of an event), and memory holds the whole parse: a
1M-character text took 417 s and 3.4 GB in one piece. A document over :data:`WINDOW_CHARS`
is analysed in windows of at most that many characters that end at a paragraph break (else
a sentence end, else a space), and the windows' records are merged into one: offsets
shifted, entities with the same name and kind joined, ids renumbered. News articles (nearly all
under 50,000 characters) are not split; what a window cannot see is a pronoun or a split
quote reaching across its first line, and headline, standfirst and byline, which exist
only at the start of the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

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

WINDOW_CHARS = 50_000
_TOP_ONLY = frozenset({"headline", "standfirst", "byline"})
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’»)]*\s"))


def windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` ranges covering ``text`` in order, each at most ``size`` characters,
    ending at the latest paragraph break (else line break, sentence end, space) in the
    second half of the window."""
    if size < 2:
        raise ValueError("size must be at least 2")
    ranges: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        end = _cut(text, start + size // 2, limit)
        ranges.append((start, end))
        start = end
    ranges.append((start, len(text)))
    return ranges


def _cut(text: str, low: int, high: int) -> int:
    for pattern in _BREAKS:
        ends = [match.end() for match in pattern.finditer(text, low, high)]
        if ends:
            return ends[-1]
    space = text.rfind(" ", low, high)
    return space + 1 if space >= 0 else high


def analyze_windows(
    text: str, analyse: Callable[[str, int], Record], size: int = WINDOW_CHARS
) -> Record:
    """One record for ``text`` from ``analyse(window_text, index)`` of each window."""
    ranges = windows(text, size)
    merged = _Merged(text)
    for index, (start, end) in enumerate(ranges):
        merged.add(analyse(text[start:end], index), start, first=index == 0)
    return merged.record()


class _Merged:
    def __init__(self, text: str) -> None:
        self.text = text
        self.document: Document | None = None
        self.sections: list[Section] = []
        self.entities: dict[tuple[str, str], Entity] = {}
        self.attributions: list[Attribution] = []
        self.events: list[Event] = []

    def span(self, span: Span, offset: int) -> Span:
        return Span.of(self.text, span.start + offset, span.end + offset)

    def add(self, record: Record, offset: int, *, first: bool) -> None:
        if first:
            self.document = record.document
        self.sections.extend(
            Section(s.kind, s.start + offset, s.end + offset)
            for s in record.document.sections
            if first or s.kind not in _TOP_ONLY
        )
        entity_ids = {e.id: self._entity(e, offset) for e in record.entities}
        attribution_ids = {
            a.id: f"a{len(self.attributions) + n + 1}" for n, a in enumerate(record.attributions)
        }
        for a in record.attributions:
            self.attributions.append(
                Attribution(
                    attribution_ids[a.id],
                    a.kind,
                    content=[self.span(c, offset) for c in a.content],
                    quoted=[self.span(q, offset) for q in a.quoted],
                    cue=Cue(self.span(a.cue.span, offset), a.cue.lemma) if a.cue else None,
                    source=self.span(a.source, offset) if a.source else None,
                    speaker=entity_ids.get(a.speaker or ""),
                    addressee=entity_ids.get(a.addressee or ""),
                    via=attribution_ids.get(a.via or ""),
                    section=a.section if first or a.section not in _TOP_ONLY else "body",
                )
            )
        for ev in record.events:
            date = ev.date
            if date is not None and date.span is not None:
                date = EventDate(
                    date.value, date.granularity, self.span(date.span, offset), date.basis
                )
            self.events.append(
                replace(
                    ev,
                    id=f"v{len(self.events) + 1}",
                    trigger=self.span(ev.trigger, offset),
                    actors=[entity_ids[i] for i in ev.actors if i in entity_ids],
                    recipients=[entity_ids[i] for i in ev.recipients if i in entity_ids],
                    date=date,
                    reported_by=attribution_ids.get(ev.reported_by or ""),
                )
            )

    def _entity(self, entity: Entity, offset: int) -> str:
        key = (entity.kind, entity.name)
        mentions = [self.span(m, offset) for m in entity.mentions]
        found = self.entities.get(key)
        if found is None:
            found = replace(entity, id=f"e{len(self.entities) + 1}", mentions=mentions)
            self.entities[key] = found
        else:
            found.mentions.extend(mentions)
            found.title = found.title or entity.title
            found.country = found.country or entity.country
            found.sector = found.sector or entity.sector
        return found.id

    def record(self) -> Record:
        assert self.document is not None
        document = replace(self.document, text=self.text, sections=self.sections)
        return Record(document, list(self.entities.values()), self.attributions, self.events)
