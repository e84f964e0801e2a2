"""Document-level entities: who and what the article names, with canonical names and titles.

spaCy's small model makes label errors on news (it tags "Scholz" as a place and "Kiev" as a
person in the founding article). Entities are therefore decided per document, not per mention:
a name seen with a person's title is a person everywhere; a name in the gazetteer of countries
and capitals is a place; surnames merge into the full name they end; descriptions ("the Russian
president") resolve to the entity holding that office in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from onrecord import data, lexicon
from onrecord.entities import gazetteer
from onrecord.model import Entity, Span

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
_ORG_IGO: dict[str, str] = {
    name: sector for name, sector in data.table("entities/organization_sectors")
}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def _clean_name(text: str) -> str:
    text = " ".join(text.split())
    text = _POSSESSIVE.sub("", text)
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip(" .,;:")


@dataclass
class EntityIndex:
    """The entities of one document and the token-level mentions that point at them."""

    doc: Doc
    entities: list[Entity] = field(default_factory=list)
    token_entity: dict[int, str] = field(default_factory=dict)
    _by_key: dict[str, str] = field(default_factory=dict)

    def get(self, entity_id: str) -> Entity:
        return self.entities[int(entity_id[1:]) - 1]

    def _entity(self, key: str, name: str, kind: str, **extra: object) -> Entity:
        if key in self._by_key:
            return self.get(self._by_key[key])
        entity = Entity(id=f"e{len(self.entities) + 1}", name=name, kind=kind)  # type: ignore[arg-type]
        for attr, value in extra.items():
            setattr(entity, attr, value)
        self.entities.append(entity)
        self._by_key[key] = entity.id
        return entity

    def add_mention(self, entity: Entity, start_token: int, end_token: int) -> None:
        """Record tokens [start_token, end_token) as a mention of ``entity``."""
        if start_token >= end_token:
            return
        span = self.doc[start_token:end_token]
        mention = Span(span.start_char, span.end_char, span.text)
        if mention not in entity.mentions:
            entity.mentions.append(mention)
            entity.mentions.sort(key=lambda m: m.start)
        for i in range(start_token, end_token):
            self.token_entity.setdefault(i, entity.id)

    def country(self, alpha3: str) -> Entity:
        info = gazetteer.load().countries.get(alpha3)
        name = info.name if info else alpha3
        return self._entity(f"country:{alpha3}", name, "country", country=alpha3)

    def government(self, alpha3: str) -> Entity:
        info = gazetteer.load().countries.get(alpha3)
        name = f"{info.adjective} government" if info else f"Government of {alpha3}"
        return self._entity(f"gov:{alpha3}", name, "government", country=alpha3, sector="GOV")

    def place(self, name: str, alpha3: str | None) -> Entity:
        return self._entity(f"place:{name.lower()}", name, "place", country=alpha3)

    def organization(self, name: str) -> Entity:
        sector = _ORG_IGO.get(name.lower())
        return self._entity(f"org:{name.lower()}", name, "organization", sector=sector)

    def person(self, name: str) -> Entity:
        return self._entity(f"person:{name.lower()}", name, "person")

    def group(self, name: str, plural: bool) -> Entity:
        kind = "group" if plural else "unknown"
        return self._entity(f"group:{name.lower()}", name, kind)


def _trim_ent(ent: SpacySpan) -> SpacySpan | None:
    """Cut an entity at the first line break and drop leading determiners."""
    start, end = ent.start, ent.end
    for tok in ent:
        if "\n" in tok.text:
            end = tok.i
            break
    doc = ent.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _title_before(doc: Doc, start: int) -> tuple[int, str | None, str | None]:
    """The office words right before a name: (first token, title text, country)."""
    gaz = gazetteer.load()
    i = start - 1
    first = start
    saw_title_word = False
    while i >= 0:
        tok = doc[i]
        if tok.is_punct or tok.lower_ in ("the", "a", "an") or "\n" in tok.text_with_ws:
            break
        if (
            tok.dep_ not in ("compound", "amod", "nmod", "npadvmod")
            and tok.lower_ not in lexicon.TITLE_WORDS
        ):
            break
        if tok.lower_ in lexicon.TITLE_WORDS:
            saw_title_word = True
        elif not (
            tok.ent_type_ in ("NORP", "GPE", "ORG")
            or tok.pos_ in ("ADJ", "NOUN", "PROPN")
            or gaz.country_of_demonym(tok.text)
        ):
            break
        first = i
        i -= 1
    if not saw_title_word or first == start:
        return start, None, None
    country = None
    for tok in doc[first:start]:
        country = gaz.country_of_demonym(tok.text) or gaz.country_of_name(tok.text) or country
    title = doc[first:start].text
    return first, title, country


def _sector_for_title(title: str | None) -> str | None:
    if not title:
        return None
    words = title.lower().split()
    for word in reversed(words):
        if word in lexicon.SECTOR_BY_TITLE_WORD:
            return lexicon.SECTOR_BY_TITLE_WORD[word]
    if any(w in lexicon.GOVERNMENT_TITLE_WORDS or w == "government" for w in words):
        return "GOV"
    return None


def build_entities(doc: Doc, skip_ranges: list[tuple[int, int]] | None = None) -> EntityIndex:
    """Decide the document's entities from spaCy's mentions, the gazetteer and titles."""
    gaz = gazetteer.load()
    index = EntityIndex(doc)
    mentions: list[tuple[SpacySpan, str]] = []
    for ent in doc.ents:
        if ent.label_ not in _NAME_LABELS:
            continue
        trimmed = _trim_ent(ent)
        if trimmed is not None:
            mentions.extend(_split_credit(trimmed, ent.label_))

    # Pass 1: which names are people? Multi-word PERSON mentions and anything with a title.
    person_names: dict[str, str] = {}  # full name -> canonical
    titles: dict[str, tuple[str, str | None]] = {}
    for span, label in mentions:
        name = _clean_name(span.text)
        if gaz.country_of_name(name) or gaz.country_of_capital(name) or gaz.metonym(name):
            continue
        _, title, country = _title_before(doc, span.start)
        words = name.split()
        if (label == "PERSON" and len(words) >= 2) or (title and len(words) >= 1):
            person_names.setdefault(name, name)
            if title and name not in titles:
                titles[name] = (title, country)
    surnames: dict[str, set[str]] = {}
    for name in person_names:
        surnames.setdefault(name.split()[-1], set()).add(name)

    def person_for(name: str) -> str | None:
        if name in person_names:
            # A short form of a longer name ("Putin" -> "Vladimir Putin") maps to the long one.
            last = name.split()[-1]
            longest = max(surnames.get(last, {name}), key=len)
            return longest if name in longest else name
        last = name.split()[-1] if name.split() else name
        candidates = surnames.get(last, set())
        if len(candidates) == 1:
            return next(iter(candidates))
        return None

    # Pass 2: assign every mention to an entity.
    for span, label in mentions:
        name = _clean_name(span.text)
        if not name or (gaz.country_of_demonym(name) and not gaz.country_of_name(name)):
            continue  # "Ukrainian" is an adjective, not a place
        metonym = gaz.metonym(name)
        canonical_person = person_for(name)
        if metonym:
            entity = index.government(metonym[0])
        elif canonical_person and not (label != "PERSON" and gaz.country_of_name(name) is not None):
            entity = index.person(canonical_person)
            if canonical_person in titles and entity.title is None:
                entity.title, entity.country = titles[canonical_person]
                entity.sector = _sector_for_title(entity.title)
        elif (gaz.country_of_name(name) and label != "PERSON") or (
            gaz.country_of_name(name) and len(name.split()) == 1
        ):
            entity = index.country(gaz.country_of_name(name))  # type: ignore[arg-type]
        elif gaz.country_of_capital(name) and (label != "PERSON" or len(name.split()) == 1):
            entity = index.place(gaz.canonical_capital(name), gaz.country_of_capital(name))
        elif label == "PERSON":
            entity = index.person(name)
        elif label == "ORG":
            entity = index.organization(name)
        else:
            city = gazetteer.country_of_city(name) if label in ("GPE", "LOC", "FAC") else None
            entity = index.place(name, gaz.country_of_name(name) or city)
        index.add_mention(entity, span.start, span.end)

    # Pass 3: surnames the NER missed entirely ("Scholz" untagged) are still mentions.
    for tok in doc:
        if tok.i in index.token_entity or tok.pos_ != "PROPN":
            continue
        canonical = person_for(tok.text) if tok.text in surnames else None
        if canonical:
            index.add_mention(index.person(canonical), tok.i, tok.i + 1)
    return index


def _split_credit(span: SpacySpan, label: str) -> list[tuple[SpacySpan, str]]:
    """ "Sputnik / Gavriil Grigorov" is an agency and a photographer, not one organization."""
    parts = []
    start = span.start
    for tok in span:
        if tok.text == "/":
            if tok.i > start:
                parts.append(span.doc[start : tok.i])
            start = tok.i + 1
    if start < span.end:
        parts.append(span.doc[start : span.end])
    if len(parts) == 1:
        return [(span, label)]
    out = [(parts[0], "ORG")]
    for part in parts[1:]:
        words = part.text.split()
        looks_personal = 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
        out.append((part, "PERSON" if looks_personal else "ORG"))
    return out


def phrase_head(tokens: list[Token]) -> Token:
    """The syntactic head of a contiguous phrase (the token whose head lies outside it)."""
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return tokens[-1]
