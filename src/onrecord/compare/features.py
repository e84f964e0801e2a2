"""What onrecord knows about each statement, in the form the aligner compares.

A statement is one attribution of one record: its speaker and the chain of carriers
("Putin, as the Kremlin gives him"), the country of each, the entities named inside its
content, its content words, negation, stance, and the quantities it states (amounts and
durations), each as an interval so that "more than an hour" and "40 minutes" can be told apart.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from onrecord import data
from onrecord.compare.model import Statement
from onrecord.model import Attribution, Record

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*")
STEM_LENGTH = 6


@cache
def _stopwords() -> frozenset[str]:
    return data.words("compare/stopwords")


@cache
def _number_words() -> dict[str, float]:
    return {word: float(value) for word, value in data.table("compare/number_words")}


@cache
def _duration_units() -> dict[str, float]:
    return {unit: float(minutes) for unit, minutes in data.table("compare/duration_units")}


@cache
def _bounds() -> list[tuple[list[str], str]]:
    return [(phrase.split(), bound) for phrase, bound in data.table("compare/bounds")]


@cache
def _stance_phrases() -> list[tuple[list[str], int]]:
    rows = [
        (phrase.split(), 1 if sign == "+" else -1) for phrase, sign in data.table("compare/stance")
    ]
    return sorted(rows, key=lambda row: -len(row[0]))  # longest first: "not ready" before "ready"


@cache
def demonym_countries() -> dict[str, str]:
    """Lower-case demonym or country name -> ISO alpha-3 ("german" -> DEU)."""
    out: dict[str, str] = {}
    for row in data.table("countries"):
        code, name = row[0], row[1]
        out[name.lower()] = code
        for demonym in row[2].split("|") if len(row) > 2 else []:
            if demonym:
                out[demonym.lower()] = code
    return out


def tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in WORD.findall(text)]


def stem(word: str) -> str:
    return word[:STEM_LENGTH]


def content_words(words: list[str]) -> frozenset[str]:
    """Stems of the content words, and the paraphrase concepts their words and phrases name
    (upper case, so that they never equal a stem)."""
    stop = _stopwords()
    negators = data.words("compare/negators")
    stems = {stem(w) for w in words if w not in stop and w not in negators and len(w) > 1}
    return frozenset(stems | concepts(words))


@cache
def _concept_phrases() -> dict[tuple[str, ...], frozenset[str]]:
    found: dict[tuple[str, ...], set[str]] = {}
    for concept, phrases in data.table("compare/concepts"):
        for phrase in phrases.split("|"):
            found.setdefault(tuple(phrase.split()), set()).add(concept)
    return {phrase: frozenset(names) for phrase, names in found.items()}


def concepts(words: list[str]) -> frozenset[str]:
    """The paraphrase concepts (data/compare/concepts.tsv) named in ``words``."""
    table = _concept_phrases()
    longest = max((len(p) for p in table), default=0)
    found: set[str] = set()
    for i in range(len(words)):
        for n in range(1, longest + 1):
            found |= table.get(tuple(words[i : i + n]), frozenset())
    return frozenset(found)


def negation_count(words: list[str]) -> int:
    """Negating words and phrases ("not", "never", "decided against") in ``words``."""
    negators = data.words("compare/negators")
    count = sum(1 for w in words if w in negators or w.endswith("n't"))
    for phrase in _negating_phrases():
        count += _occurrences(words, phrase)
    for phrase in _non_negating_phrases():
        count -= _occurrences(words, phrase)
    return max(count, 0)


def _occurrences(words: list[str], phrase: list[str]) -> int:
    return sum(1 for i in range(len(words)) if words[i : i + len(phrase)] == phrase)


@cache
def _non_negating_phrases() -> list[list[str]]:
    return [p.split() for p in data.words("compare/non_negating_phrases")]


@cache
def _negating_phrases() -> list[list[str]]:
    return [p.split() for p in data.words("compare/negating_phrases")]


def stance(words: list[str]) -> int:
    """+1 willing, -1 refusing, 0 neither; the first phrase in the text decides."""
    for i in range(len(words)):
        for phrase, sign in _stance_phrases():
            if words[i : i + len(phrase)] == phrase:
                return sign
    return 0


@dataclass(frozen=True, slots=True)
class Quantity:
    """A stated amount as an interval [low, high]; ``unit`` is "minutes" for durations."""

    unit: str
    low: float
    high: float
    text: str

    @property
    def scale(self) -> str:
        """What is comparable: durations under a day ("minutes": a call, a meeting, an
        attack) and of a day or more ("days": "in two years") apart, amounts by their noun."""
        if self.unit != "minutes":
            return self.unit
        return "minutes" if self.low < DAY_MINUTES else "days"

    def overlaps(self, other: Quantity) -> bool:
        return self.low <= other.high and other.low <= self.high


def _number(word: str) -> float | None:
    if word[0].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    return _number_words().get(word)


SCALES = ("hundred", "thousand", "million")
MONTHS = tuple(
    "january february march april may june july august september october november december".split()
)
DAY_MINUTES = 1440
YEAR = re.compile(r"(1[89]|20)\d\d")


@cache
def _fractions() -> dict[str, float]:
    return {word: float(factor) for word, factor in data.table("compare/fractions")}


def _fraction(words: list[str], start: int, value: float) -> tuple[int, float]:
    """ "half an hour", "a quarter of an hour": the start and value with the fraction."""
    before = words[max(0, start - 2) : start]
    if before[-1:] and before[-1] in _fractions():
        return start - 1, value * _fractions()[before[-1]]
    if len(before) == 2 and before[1] == "of" and before[0] in _fractions():
        return start - 2, value * _fractions()[before[0]]
    return start, value


def _bounded(words: list[str], start: int, value: float) -> tuple[float, float]:
    """The interval a bound phrase before the number makes of it: "more than an hour" is
    (60, inf), strictly above; "at least 10" is [10, inf)."""
    for phrase, bound in _bounds():
        if words[max(0, start - len(phrase)) : start] == phrase:
            if bound == "above":
                return math.nextafter(value, math.inf), math.inf
            if bound == "from":
                return value, math.inf
            if bound == "below":
                return 0.0, math.nextafter(value, 0.0)
            if bound == "to":
                return 0.0, value
            return value * 0.75, value * 1.25
    return value, value


def quantities(words: list[str]) -> list[Quantity]:
    """Amounts and durations: "a 40-minute call", "more than an hour", "two hundred troops"."""
    units = _duration_units()
    found = []
    for i, word in enumerate(words):
        value = _number(word)
        if value is None or YEAR.fullmatch(word):
            continue  # a year is a date: dates are compared through the events
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word[0].isdigit() and (nxt in MONTHS or (i and words[i - 1] in MONTHS)):
            continue  # "March 3", "3 March": the day of a date, compared as a date
        if nxt in SCALES or (word in ("a", "an") and nxt not in units):
            continue  # "two hundred" is read at "hundred"; "a" is a number only in "an hour"
        start = i
        if word in SCALES and i > 0 and _number(words[i - 1]) is not None:
            start = i - 1
            value = (_number(words[i - 1]) or 1) * _number_words()[word]
        text = f"{word} {nxt}".strip()
        fraction_start, value = _fraction(words, start, value)
        if fraction_start < start:
            text = " ".join(words[fraction_start : i + 2])
        if nxt in units and words[i + 2 : i + 5] == ["and", "a", "half"]:
            value += 0.5  # "an hour and a half"
            text += " and a half"
        unit = "minutes" if nxt in units else stem(nxt)
        low, high = _bounded(words, fraction_start, value * units.get(nxt, 1.0))
        found.append(Quantity(unit, low, high, text))
    return found


@dataclass(frozen=True, slots=True)
class StatementFeatures:
    statement: Statement
    index: int  # position in the story's statement list
    side: str | None  # country of the speaker (or of its first carrier)
    addressee: str | None
    words: tuple[str, ...]
    stems: frozenset[str]
    negations: int
    stance: int
    quantities: tuple[Quantity, ...]
    actors: frozenset[str]  # entities and demonym countries named inside the content
    nested: bool  # carried by another attribution (via)
    #: (PLOVER type, "actor" or "recipient", side) of the events reported through it
    roles: frozenset[tuple[str, str, str]] = frozenset()
    #: the words matched on: the content, less what a carried statement says (see own_point)
    text: str = ""
    #: content stems and concepts without country names and demonyms: what it is about
    topic: frozenset[str] = frozenset()


def _account(record: Record, attribution: Attribution) -> tuple[str, ...]:
    by_id = {a.id: a for a in record.attributions}
    chain: list[str] = []
    seen = {attribution.id}
    current = attribution
    while current.via and current.via in by_id and current.via not in seen:
        seen.add(current.via)
        current = by_id[current.via]
        entity = record.entity(current.speaker)
        chain.append(entity.name if entity else (current.source.text if current.source else "?"))
    return tuple(chain)


def _content_actors(record: Record, attribution: Attribution, words: list[str]) -> frozenset[str]:
    names = set()
    for entity in record.entities:
        if entity.kind not in ("person", "government", "country", "organization"):
            continue
        for mention in entity.mentions:
            if any(c.start <= mention.start and mention.end <= c.end for c in attribution.content):
                names.add(
                    entity.country
                    if entity.kind != "organization" and entity.country
                    else entity.name
                )
                break
    countries = demonym_countries()
    names.update(countries[w] for w in words if w in countries)
    return frozenset(names)


def _event_roles(record: Record, attribution: Attribution) -> frozenset[tuple[str, str, str]]:
    """Who does what to whom in the events this statement reports: a side (country, else the
    entity's name) as the actor or the recipient of an event type."""
    roles = set()
    for event in record.events:
        if event.reported_by != attribution.id or event.negated:
            continue
        for role, ids in (("actor", event.actors), ("recipient", event.recipients)):
            for entity_id in ids:
                entity = record.entity(entity_id)
                if entity is not None:
                    roles.add((event.type, role, entity.country or entity.name))
    return frozenset(roles)


def own_point(record: Record, carrier: Attribution, carried: Attribution) -> str | None:
    """The words of a point ``carrier`` makes besides the statement it carries, when the
    carried statement follows a joining word ("the two leaders would stay in close touch,
    while Qatar said the call ran for over an hour" -> "the two leaders would stay in close
    touch,"); None when the carrier only frames it ("Scholz informed Zelensky that he …")."""
    cut = list(carried.content)
    cut += [s for s in (carried.source, carried.cue.span if carried.cue else None) if s]
    first = min(c.start for c in cut)
    text = record.document.text
    before = tokens(text[max(0, first - 20) : first])
    if not before or before[-1] not in data.words("compare/point_joiners"):
        return None
    kept = []
    for span in carrier.content:
        kept.append(text[span.start : min(span.end, first)] if span.start < first else "")
    words = " ".join(" ".join(kept).split())
    words = words.rsplit(" ", 1)[0] if words.split()[-1:] == [before[-1]] else words
    return words or None


def statement_features(
    record: Record, attribution: Attribution, index: int, text: str | None = None
) -> StatementFeatures:
    """``text``: the words to match on, when not the whole content (a carrier's own point)."""
    speaker = record.entity(attribution.speaker)
    content = " ".join(span.text for span in attribution.content)
    account = _account(record, attribution)
    statement = Statement(
        document=record.document.id,
        attribution=attribution.id,
        speaker=speaker.name
        if speaker
        else (attribution.source.text if attribution.source else None),
        content=content,
        account=account,
    )
    words = tokens(text if text is not None else content)
    cue_words = tokens(attribution.cue.span.text) if attribution.cue else []
    negations = negation_count(words) + negation_count(cue_words)
    if attribution.cue and attribution.cue.lemma.split()[0] in data.words("compare/denial_cues"):
        negations += 1
    side = speaker.country if speaker and speaker.country else None
    if side is None and speaker is not None and speaker.kind == "country":
        side = demonym_countries().get(speaker.name.lower())
    addressee = record.entity(attribution.addressee)
    return StatementFeatures(
        statement=statement,
        index=index,
        side=side,
        addressee=addressee.name if addressee else None,
        words=tuple(words),
        stems=content_words(words),
        negations=negations,
        stance=stance(words),
        quantities=tuple(quantities(words)),
        actors=_content_actors(record, attribution, words),
        nested=attribution.via is not None,
        roles=_event_roles(record, attribution),
        text=text if text is not None else content,
        topic=content_words([w for w in words if w not in demonym_countries()]),
    )
