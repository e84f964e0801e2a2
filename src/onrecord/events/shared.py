"""What the parts of the event coder share: the draft of an event, the coder's state,
and small helpers over the parse.

:class:`CoderState` declares the attributes that :class:`onrecord.events.coder._Coder` sets up
once per document; every rule mixin (triggers, complements, arguments, actors, conventions,
dating, merging) derives from it and reaches the methods of the others through ``self``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from onrecord.entities import gazetteer
from onrecord.entities.index import EntityIndex
from onrecord.entities.speakers import SpeakerContext, SpeakerResolver
from onrecord.events import lexicon as lex
from onrecord.events.lexicon import Trigger
from onrecord.model import Attribution, Document, EventDate, Span

_SUBJECT = ("nsubj", "nsubjpass", "csubj")
_PRE_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


@dataclass
class _Draft:
    """An event before ids, merging and dates."""

    type: str
    mode: str | None
    trigger: Token
    anchor: Token
    trigger_span: tuple[int, int]  # token range
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    own_date: EventDate | None = None
    location: str | None = None
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    previous: bool = False
    speech: bool = False  # the event is a statement (its speaker's account is the event)
    statement_by: str | None = None  # the attributed speaker, for statement-derived events
    entry: Trigger | None = None  # for a complement: its arguments are resolved on demand
    pending: set[str] = field(default_factory=set)  # "actors" / "recipients" not yet resolved


@dataclass
class _Initiation:
    """ "the call, which was initiated by the German side": who placed a call, and when."""

    entity: str
    country: str | None
    date: str | None


class CoderState:
    """The state of one document's coding: set by ``_Coder.__init__``, read by every mixin."""

    doc: Doc
    document: Document
    index: EntityIndex
    attributions: list[Attribution]
    gaz: gazetteer.Gazetteer
    resolver: SpeakerResolver
    context: SpeakerContext
    published: dt.date | None
    skip_sections: frozenset[str]  # sections not coded (headlines, captions ... of a body)
    date_of_token: dict[int, tuple[Span, EventDate]]  # root token -> (expression, date)
    date_token_set: set[int]  # every token of a date expression
    content_map: tuple[list[int], list[Attribution | None]]  # for _innermost
    absorbed: set[int]  # tokens inside a speech act's complement: no events of their own
    groups: list[list[str]]  # participant lists of multi-party events so far
    initiations: list[_Initiation]
    cue_tokens: frozenset[int] | None  # tokens of the attributions' cues, once asked for


# --------------------------------------------------------------------------------------------
# Small helpers over the parse


def parse_depth(tok: Token) -> int:
    """How many heads lie between ``tok`` and its sentence's root (0 for the root, capped at
    50): how high a trigger sits, for choosing the main event."""
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _conjuncts(tok: Token) -> list[Token]:
    out: list[Token] = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        member = stack.pop(0)
        out.append(member)
        stack.extend(c for c in member.children if c.dep_ == "conj")
    return out


def _phrase(tok: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``tok``, without clauses and appositions."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in _PRE_DEPS:
            start = min(start, child.left_edge.i)
    end = tok.i + 1
    while start < end and tok.doc[start].is_punct:
        start += 1
    return start, end


_KNOWN_VERBS = frozenset(
    set(lex.VERBS)
    | set(lex.SUPPORT_VERBS)
    | set(lex.TERMINATORS)
    | {key[0] for key in lex.PHRASAL}
    | {key[0] for key in lex.PREPOSITIONAL}
    | {key[0] for key in lex.VERB_OBJECT}
    | {"call", "ring"}
)

_INFLECTIONS = (("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"))


def _lemma(tok: Token) -> str:
    """The verb's lemma, repaired where the lemmatizer misses a lexicon verb ("staged")."""
    lemma = tok.lemma_.lower()
    if lemma in _KNOWN_VERBS:
        return lemma
    low = tok.lower_
    for suffix, replacement in _INFLECTIONS:
        if low.endswith(suffix):
            candidate = low[: -len(suffix)] + replacement
            if candidate in _KNOWN_VERBS:
                return candidate
    return lemma


def _clause_head(tok: Token) -> Token:
    """The nearest verb above ``tok`` (the verb of its clause)."""
    node = tok.head
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def _object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _describe(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or text


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECT for c in verb.children)


def _unique(ids: list[str]) -> list[str]:
    seen: list[str] = []
    for entity_id in ids:
        if entity_id not in seen:
            seen.append(entity_id)
    return seen
