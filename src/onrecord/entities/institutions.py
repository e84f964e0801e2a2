"""Organisations and unnamed sources as speakers.

"The ministry said", after "The Ministry of Health announced", is that ministry: a definite
description resolves to the organisation mentioned last before it whose name holds its head
noun. "A source in the government", "officials at the agency" speak for the organisation
their phrase names; with none named they stay an entity labelled as unnamed ("unnamed
officials"), kept to its document.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord import data
from onrecord.entities.index import EntityIndex

UNNAMED_SOURCE_HEADS = data.words("lexicon/unnamed_source_heads")
_AFFILIATION_PREPOSITIONS = frozenset({"in", "at", "from", "of", "with", "inside", "within"})
_DEFINITE = frozenset({"the", "this", "that"})


def organization_named_by(index: EntityIndex, head: Token) -> str | None:
    """ "the ministry" -> the last organisation or government named before it with
    "ministry" in its name; None if there is none, or the description is not definite."""
    if head.pos_ != "NOUN" or not any(t.lower_ in _DEFINITE for t in head.lefts):
        return None
    words = {head.lower_, head.lemma_.lower()}
    best: tuple[int, str] | None = None
    for entity in index.entities:
        if entity.kind not in ("organization", "government"):
            continue
        name_words = {w.lower().strip(".,") for w in entity.name.split()}
        if not words & name_words:
            continue
        before = [m.start for m in entity.mentions if m.start < head.idx]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), entity.id)
    return best[1] if best else None


def is_unnamed_source(head: Token) -> bool:
    return head.pos_ == "NOUN" and head.lemma_.lower() in UNNAMED_SOURCE_HEADS


def affiliation(head: Token) -> Token | None:
    """The word naming whom an unnamed source speaks for: "a source in *the government*",
    "officials at *the agency*", "*Pentagon* officials"."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _AFFILIATION_PREPOSITIONS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    for child in head.lefts:
        if child.dep_ == "compound" and child.pos_ in ("PROPN", "NOUN"):
            return child
    return None


def unnamed_label(head: Token) -> str:
    """ "unnamed officials", "unnamed company spokesman": what the store and tables show."""
    plural = head.tag_ in ("NNS", "NNPS")
    word = head.lemma_.lower()
    word = f"{word}s" if plural and not word.endswith("s") else word
    modifiers = [t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod")]
    words = ["unnamed", *modifiers, word]  # "unnamed company spokesman"
    affiliated = affiliation(head)
    if affiliated is not None and affiliated.i > head.i:  # "unnamed source in the government"
        words += [affiliated.head.lower_, head.doc[affiliated.left_edge.i : affiliated.i + 1].text]
    return " ".join(words)
