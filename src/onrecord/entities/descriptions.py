"""Descriptions of people: the roles an article gives them, and who "the founder" is.

An article names a person once with a role ("Julian Assange, the Wikileaks founder",
"Wikileaks founder Julian Assange", "the Wikileaks founder, Julian Assange") and later uses the
role alone ("The Wikileaks founder always argued ..."). The role is recorded as the person's
title; a description then resolves to the person whose title ends in its head noun, preferring
titles that hold its modifiers too, and, among several, the one mentioned last before it.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.entities.index import EntityIndex
from onrecord.model import Entity

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})


def _role_phrase(noun: Token) -> str | None:
    """ "the Wikileaks founder" -> "Wikileaks founder": the noun with its left modifiers."""
    if noun.pos_ != "NOUN" or noun.tag_ not in ("NN", "NNP"):
        return None
    words = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod", "poss")]
    start = min([noun.i, *(t.left_edge.i for t in words)])
    tokens = [t for t in noun.doc[start : noun.i + 1] if t.lower_ not in _DETERMINERS]
    if any(t.is_punct and t.text not in ("-", ".") for t in tokens):
        return None
    return " ".join(t.text for t in tokens) or None


def record_appositive_titles(index: EntityIndex) -> None:
    """Titles from appositions: "Assange, the Wikileaks founder," and "the founder, Assange"."""
    doc = index.doc
    for entity in index.entities:
        if entity.kind != "person" or entity.title:
            continue
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            role = None
            appos = [c for c in root.rights if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if appos:
                role = _role_phrase(appos[0])
            elif root.dep_ == "appos" and root.head.i < root.i and root.head.pos_ == "NOUN":
                role = _role_phrase(root.head)
            else:
                role = _prenominal_role(doc, span.start)
            if role:
                entity.title = role
                break


def _prenominal_role(doc, start: int) -> str | None:  # type: ignore[no-untyped-def]
    """ "Head coach Tomas Berg" -> "Head coach": lower-case role nouns right before a name."""
    i = start - 1
    while i >= 0 and doc[i].dep_ in ("compound", "amod") and doc[i].pos_ in ("NOUN", "ADJ"):
        i -= 1
    words = doc[i + 1 : start]
    if not any(t.pos_ == "NOUN" and t.is_lower for t in words):
        return None
    return words.text


def _title_words(entity: Entity) -> list[str]:
    return [w.strip(",.").lower() for w in (entity.title or "").replace("-", " ").split()]


def role_holder(index: EntityIndex, head: Token, country: str | None = None) -> str | None:
    """The person a description headed by ``head`` stands for, or None.

    Candidates hold a title ending in the head noun; those whose title also holds the
    description's modifiers ("Wikileaks founder") win over those that do not; among equals
    the one mentioned last before the description (a reader's choice), else the only one.
    """
    word, lemma = head.lower_, head.lemma_.lower()
    modifiers = {
        t.lower_
        for t in head.lefts
        if t.dep_ in ("compound", "amod", "nmod") and t.lower_ not in _DETERMINERS
    }
    scored: list[tuple[int, int, str]] = []  # (modifier matches, last mention before, id)
    for entity in index.entities:
        if entity.kind != "person" or not entity.title:
            continue
        words = _title_words(entity)
        if not words or words[-1] not in (word, lemma):
            continue
        if country is not None and entity.country not in (None, country):
            continue
        matches = len(modifiers & set(words))
        if modifiers and not matches and len(words) > 1:
            continue  # "the Wikileaks founder" is not the founder of something else
        before = [m.start for m in entity.mentions if m.start < head.idx]
        scored.append((matches, max(before) if before else -1, entity.id))
    if not scored:
        return None
    scored.sort(reverse=True)
    best = scored[0]
    if best[1] < 0 and len(scored) > 1:
        return None  # several holders, none named yet: not a reader's guess
    if len(scored) > 1 and scored[1][:2] == best[:2]:
        return None
    return best[2]
