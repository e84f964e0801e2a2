"""Documents grouped into stories: reports of one event, whoever wrote them.

A document's profile is its main event (the first dated event in the text: usually the
headline's or the lead's), that event's date, the participants it names (the actors and
recipients of its events and its speakers, by country where a person or office has one, so
"Putin" and "the Kremlin" are one side), and the embedding of its lead. Two documents are the
same story when their main dates agree (a report of the same ministers meeting a week earlier
is another story), they share participants, and their leads or main event types agree. A
document joins the story whose documents it matches best on average, or starts a new one:
adding documents never moves one already placed, so the store can assign stories as it ingests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from onrecord.compare.features import demonym_countries, tokens
from onrecord.compare.similarity import Embedder
from onrecord.events.dates import find_date_expressions, resolve_date
from onrecord.model import Record

LEAD_CHARACTERS = 600
#: Participant overlap (shared over the smaller set) needed, and lead similarity (cosine) or
#: the same main event type with it; chosen on the dev set's story pairs (docs/compare.md).
MIN_PARTICIPANT_OVERLAP = 0.5
MIN_LEAD_SIMILARITY = 0.55
STORY_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Profile:
    document: str
    published: str | None
    main_date: str | None
    main_type: str | None
    participants: frozenset[str]
    lead: np.ndarray


def _lead_span(record: Record) -> tuple[int, int]:
    """The headline and the first lines of the body: where a report names its main actors."""
    sections = [s for s in record.document.sections if s.kind in ("headline", "standfirst", "body")]
    start = sections[0].start if sections else 0
    return start, start + LEAD_CHARACTERS


def _participant_key(name: str, kind: str, country: str | None) -> str:
    if country:
        return country  # Putin, the Kremlin, Moscow and Russia are one side
    if kind == "person":
        return name.split()[-1].lower()  # "Lula" and "Luiz Inacio Lula da Silva" differ here
    return name.lower()


def _participants(record: Record) -> frozenset[str]:
    """Sides and people named in the lead, and the countries its demonyms name."""
    start, end = _lead_span(record)
    keys = set()
    for entity in record.entities:
        if entity.kind in ("unknown", "group"):
            continue
        if any(start <= m.start < end for m in entity.mentions):
            keys.add(_participant_key(entity.name, entity.kind, entity.country))
            if entity.kind == "person":
                keys.add(entity.name.split()[-1].lower())
    lead_words = tokens(record.document.text[start:end])
    countries = demonym_countries()
    keys.update(countries[w] for w in lead_words if w in countries)
    return frozenset(keys)


def _main_event(record: Record) -> tuple[str | None, str | None]:
    """(date, type): the first day named in the lead, else of the first event dated from the
    text; the type of the first event. None for a date the text does not give."""
    events = sorted(record.events, key=lambda e: e.trigger.start)
    kind = events[0].type if events else None
    published = None
    if record.document.published:
        try:
            published = dt.date.fromisoformat(record.document.published[:10])
        except ValueError:
            published = None
    start, end = _lead_span(record)
    for span in find_date_expressions(record.document.text[start:end]):
        date = resolve_date(span.text, published)
        if date.value and date.granularity == "day":
            return date.value, kind
    for event in events:
        date = event.date
        if (
            date
            and date.value
            and date.granularity == "day"
            and date.basis in ("explicit", "relative")
        ):
            return date.value, kind
    return None, kind


def _lead(record: Record) -> str:
    start, end = _lead_span(record)
    return " ".join(record.document.text[start:end].split())


def profiles(records: list[Record], embedder: Embedder) -> list[Profile]:
    leads = embedder.embed([_lead(r) for r in records])
    out = []
    for record, lead in zip(records, leads, strict=True):
        date, kind = _main_event(record)
        out.append(
            Profile(
                record.document.id,
                record.document.published,
                date,
                kind,
                _participants(record),
                lead,
            )
        )
    return out


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared participants over the smaller set: a short wire names fewer participants than
    a readout that adds its envoy's nationality and the EU's two names, yet reports the same
    event (Jaccard, used before, split such a story once the actor dictionary gave envoys
    their countries)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _dates_agree(a: Profile, b: Profile) -> bool:
    return a.main_date is None or b.main_date is None or a.main_date == b.main_date


def same_story_score(a: Profile, b: Profile) -> float:
    """0 when the main dates differ or too few participants are shared; else how alike."""
    if not _dates_agree(a, b):
        return 0.0
    overlap = max(_overlap(a.participants, b.participants), 0.5 * _overlap(_sides(a), _sides(b)))
    if overlap < MIN_PARTICIPANT_OVERLAP:
        return 0.0
    lead = float(a.lead @ b.lead)
    same_type = a.main_type is not None and a.main_type == b.main_type
    if lead < MIN_LEAD_SIMILARITY and not same_type:
        return 0.0
    return 0.5 * overlap + 0.5 * lead + (0.1 if same_type else 0.0)


def is_side(key: str) -> bool:
    """Whether a participant key is a country side ("RUS"), not a person or a name."""
    return key.isupper() and len(key) == 3


def _sides(profile: Profile) -> frozenset[str]:
    return frozenset(k for k in profile.participants if is_side(k))


def matching(profile: Profile, stories: list[list[Profile]]) -> list[int]:
    """Indices of the stories ``profile`` belongs to, best first: those with a document it
    matches (single linkage) and none of another date. More than one means the new document
    bridges stories that are one: the store merges them."""
    found = []
    for n, story in enumerate(stories):
        if not all(_dates_agree(profile, other) for other in story):
            continue
        score = max(same_story_score(profile, other) for other in story)
        if score >= STORY_THRESHOLD:
            found.append((score, n))
    return [n for _, n in sorted(found, reverse=True)]


def assign(profile: Profile, stories: list[list[Profile]]) -> int | None:
    """The index of the story ``profile`` joins, or None for a new story."""
    found = matching(profile, stories)
    return found[0] if found else None


def group_stories(records: list[Record], embedder: Embedder) -> list[list[int]]:
    """Indices of ``records`` grouped into stories, all at once: the best-matching pairs of
    documents are joined first (single linkage), never two groups whose dates disagree.
    The store places documents one at a time with :func:`assign` instead."""
    found = profiles(records, embedder)
    group_of = list(range(len(records)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(records))}
    pairs = sorted(
        (
            (same_story_score(found[i], found[j]), i, j)
            for i in range(len(records))
            for j in range(i + 1, len(records))
        ),
        reverse=True,
    )
    for score, i, j in pairs:
        if score < STORY_THRESHOLD:
            break
        gi, gj = group_of[i], group_of[j]
        if gi == gj or not all(
            _dates_agree(found[x], found[y]) for x in members[gi] for y in members[gj]
        ):
            continue
        members[gi] += members.pop(gj)
        for x in members[gi]:
            group_of[x] = gi
    return sorted((sorted(group) for group in members.values()), key=min)
