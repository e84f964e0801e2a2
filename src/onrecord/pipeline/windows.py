"""Long documents in paragraph-bounded windows, so that cost grows linearly with length.

Parsing is linear, but some decisions look across the whole document (speaker resolution,
split quotes, the innermost statement of an event), and memory holds the whole parse: a
1M-character text took 417 s and 3.4 GB in one piece. A document over :data:`WINDOW_CHARS`
is analysed in windows of at most that many characters that end at a paragraph break (else
a sentence end, else a space), and the windows' records are merged into one: offsets
shifted, entities joined, ids renumbered. News articles (nearly all under 50,000 characters)
are not split.

Each window after the first is analysed with a lead-in: the paragraphs (at most
:data:`OVERLAP_CHARS`) before it, already analysed by the window before. The lead-in is read
only as context, so "He said ..." at the top of a window resolves to the speaker named just
before the boundary: what was found inside the lead-in is dropped (the previous window
found it), and its entities are matched to the previous window's by their mention spans.
Cost grows by at most ``OVERLAP_CHARS / WINDOW_CHARS`` (4%). Headline, standfirst and byline
exist only at the start of the document.
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
OVERLAP_CHARS = 2_000
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


def lead_in(text: str, start: int, low: int, overlap: int = OVERLAP_CHARS) -> int:
    """Where the context read before the window at ``start`` begins: the earliest paragraph
    break (else line break, sentence end, space) in the ``overlap`` characters before it,
    never before ``low`` (the previous window's start)."""
    low = max(low, start - overlap)
    for pattern in _BREAKS:
        match = pattern.search(text, low, start)
        if match:
            return match.end() if match.end() < start else start
    space = text.find(" ", low, start)
    return space + 1 if space >= 0 else start


def analyze_windows(
    text: str,
    analyse: Callable[[str, int], Record],
    size: int = WINDOW_CHARS,
    overlap: int = OVERLAP_CHARS,
) -> Record:
    """One record for ``text`` from ``analyse(window_text, index)`` of each window (with its
    lead-in of at most ``overlap`` characters)."""
    ranges = windows(text, size)
    merged = _Merged(text)
    previous = 0
    for index, (start, end) in enumerate(ranges):
        begin = lead_in(text, start, previous, overlap) if index else start
        merged.add(analyse(text[begin:end], index), begin, start, first=index == 0)
        previous = start
    return merged.record()


def _anchor(a: Attribution) -> int:
    return a.cue.span.start if a.cue else a.content[0].start


class _Merged:
    def __init__(self, text: str) -> None:
        self.text = text
        self.document: Document | None = None
        self.sections: list[Section] = []
        self.entities: dict[tuple[str, str], Entity] = {}
        self.by_mention: dict[tuple[int, int], Entity] = {}  # (start, end) -> merged entity
        self.by_anchor: dict[int, str] = {}  # cue (or content) start -> merged attribution id
        self.attributions: list[Attribution] = []
        self.events: list[Event] = []

    def span(self, span: Span, offset: int) -> Span:
        return Span.of(self.text, span.start + offset, span.end + offset)

    def add(self, record: Record, offset: int, keep: int, *, first: bool) -> None:
        """A window's record, its text starting at ``offset``; only what lies at ``keep`` or
        later is new (before it is the lead-in)."""
        if first:
            self.document = record.document
        self.sections.extend(
            Section(s.kind, max(s.start + offset, keep), s.end + offset)
            for s in record.document.sections
            if (first or s.kind not in _TOP_ONLY) and s.end + offset > keep
        )
        attributions = [a for a in record.attributions if _anchor(a) + offset >= keep]
        events = [ev for ev in record.events if ev.trigger.start + offset >= keep]
        used = {i for a in attributions for i in (a.speaker, a.addressee) if i}
        used |= {i for ev in events for i in (*ev.actors, *ev.recipients)}
        entity_ids = {
            e.id: found
            for e in record.entities
            if (found := self._entity(e, offset, keep, e.id in used)) is not None
        }
        attribution_ids = {
            a.id: merged
            for a in record.attributions
            if (merged := self.by_anchor.get(_anchor(a) + offset)) is not None
        }
        for n, a in enumerate(attributions):
            attribution_ids[a.id] = f"a{len(self.attributions) + n + 1}"
        for a in attributions:
            new_id = attribution_ids[a.id]
            self.by_anchor[_anchor(a) + offset] = new_id
            self.attributions.append(
                Attribution(
                    new_id,
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
        for ev in events:
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

    def _entity(self, entity: Entity, offset: int, keep: int, used: bool) -> str | None:
        """The merged id of a window's entity: the previous window's entity with one of its
        lead-in mentions, else the one of the same kind and name, else a new one; None for
        an entity seen only in the lead-in and used by nothing new."""
        mentions = [self.span(m, offset) for m in entity.mentions]
        lead = [m for m in mentions if m.start < keep]
        own = [m for m in mentions if m.start >= keep]
        found = next(
            (self.by_mention[k] for m in lead if (k := (m.start, m.end)) in self.by_mention),
            None,
        )
        if found is None:
            found = self.entities.get((entity.kind, entity.name))
        if found is None:
            if not own and not used:
                return None
            own = own or lead  # the previous window did not know it: its lead-in mentions
            found = replace(entity, id=f"e{len(self.entities) + 1}", mentions=[])
            self.entities[(entity.kind, entity.name)] = found
        found.mentions.extend(own)
        found.title = found.title or entity.title
        found.country = found.country or entity.country
        found.sector = found.sector or entity.sector
        for m in own:
            self.by_mention[(m.start, m.end)] = found
        return found.id

    def record(self) -> Record:
        assert self.document is not None
        document = replace(self.document, text=self.text, sections=self.sections)
        return Record(document, list(self.entities.values()), self.attributions, self.events)
