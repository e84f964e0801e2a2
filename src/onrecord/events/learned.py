"""The learned event decision: is there a political event in this sentence, and of which type.

The rules (triggers, arguments, PLOVER conventions) propose events; a multinomial logistic
regression over one sentence's features decides between "no event" and the 16 PLOVER types
(``data/plover/event_model.json``, trained by ``scripts/train_event_model.py`` on the
CAMEO_ConfliBERT coded news sentences, rounds 1-6; GPL-3.0 data, not shipped: only the
weights are). The features, all from the shared parse (:func:`sentence_features`):

* what the rules coded: the type of the sentence's main event (trigger highest in the parse)
  and of every event, or that they coded none;
* the PETRARCH2 CAMEO verb dictionary (``data/plover/cameo_verbs.tsv``, patterns in
  ``cameo_verb_patterns.tsv``): the PLOVER type of each verb (with its particle) given the
  words it governs, for the root verb, the verbs next to it and any verb; event nouns too;
* the root verb's lemma and the lemmas of the verbs next to it, negation of the root;
* the named-entity labels in the sentence and of the root's subject, and the subject's
  sector from the Phoenix agents dictionary ("police" COP, "rebels" REB).

How the decision is applied (:func:`decide`): where the model says "no event" with
probability at least the model's ``drop`` threshold, the rules' events of that sentence are
dropped (disasters, sport, crime, mere statements); where it prefers another type to the
rules' main event by at least ``retype`` in probability, the main event takes that type
(its arguments stay the rules'); where the rules found nothing and the model names a type
with probability at least ``add``, an event of that type is coded at the verb the
dictionary gives that type, else the root, with the rules' argument structure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from onrecord.data import load_json, table
from onrecord.entities.actor_dictionary import agent_sector

__all__ = ["COLLECT", "Decision", "EventModel", "decide", "model", "sentence_features", "verb_type"]

NONE = "NONE"
# Training hook (scripts/train_event_model.py): when a list, the coder appends each
# sentence's (start, end, features) to it and applies no model.
COLLECT: list[tuple[int, int, list[str]]] | None = None
_VERBAL = frozenset({"VERB"})
_NOMINAL = frozenset({"NOUN"})


@cache
def _cameo_map() -> dict[str, str | None]:
    return {code: None if t == "-" else t for code, t, _mode in table("plover/cameo_to_plover")}


def plover_of_cameo(code: str) -> str | None:
    mapping = _cameo_map()
    if code[:3] in mapping:
        return mapping[code[:3]]
    return mapping.get(code[:2])


@cache
def _verbs() -> dict[str, str]:
    return {verb: code for verb, code in table("plover/cameo_verbs")}


@cache
def _patterns() -> dict[str, tuple[tuple[str, str], ...]]:
    by_verb: dict[str, list[tuple[str, str]]] = {}
    for verb, word, code in table("plover/cameo_verb_patterns"):
        by_verb.setdefault(verb, []).append((word, code))
    return {verb: tuple(sorted(items, key=lambda p: -len(p[0]))) for verb, items in by_verb.items()}


@cache
def _pattern_index() -> dict[str, dict[str, tuple[int, str]]]:
    """Per verb, pattern word -> (its rank in :func:`_patterns`' longest-first order, code):
    a governed word's prefixes are looked up instead of every pattern being tried."""
    return {
        verb: {word: (rank, code) for rank, (word, code) in reversed(list(enumerate(items)))}
        for verb, items in _patterns().items()
    }


def pattern_code(
    verb: str,
    words: list[str],
    min_stem: int = 1,
    indexed: dict[str, dict[str, tuple[int, str]]] | None = None,
) -> str | None:
    """The code of the first pattern of ``verb`` (longest word first) whose word is one of
    ``words`` or, from ``min_stem`` letters, a prefix of one (the table's words are stems);
    ``indexed`` is a subset of :func:`_pattern_index` to look in."""
    index = (_pattern_index() if indexed is None else indexed).get(verb)
    if not index:
        return None
    best: tuple[int, str] | None = None
    for word in words:
        for size in range(len(word), 0, -1):
            if size < len(word) and size < min_stem:
                break
            hit = index.get(word[:size])
            if hit is not None and (best is None or hit[0] < best[0]):
                best = hit
    return best[1] if best else None


def _verb_key(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    if particle and f"{lemma} {particle}" in _verbs():
        return f"{lemma} {particle}"
    return lemma


def verb_type(tok: Token) -> str | None:
    """The PLOVER type the CAMEO verb dictionary gives ``tok`` with the words it governs."""
    key = _verb_key(tok)
    if key in _pattern_index():
        governed = [c.lower_ for c in tok.children] + [
            g.lower_ for c in tok.children if c.dep_ == "prep" for g in c.children
        ]
        code = pattern_code(key, governed)
        if code is not None:
            return plover_of_cameo(code)
    code = _verbs().get(key)
    return plover_of_cameo(code) if code else None


def _depth(tok: Token, root: Token) -> int:
    depth = 0
    while tok.i != root.i and tok.head.i != tok.i and depth < 8:
        tok = tok.head
        depth += 1
    return depth


def sentence_features(
    sent: Span,
    main_type: str | None,
    types: set[str],
    entity_labels: Iterable[str] | None = None,
) -> list[str]:
    """The model's features of one sentence, given the types the rules coded in it.
    ``entity_labels``: the labels of the sentence's entities, when the caller has them (a
    Span's ``ents`` walks every entity of the document, so per sentence it costs quadratic)."""
    root = sent.root
    features = ["bias", f"rule_main={main_type or NONE}"]
    features += [f"rule={t}" for t in sorted(types)] or ["rule=NONE"]
    features.append(f"root={root.lemma_.lower()}")
    if any(c.dep_ == "neg" for c in root.children):
        features.append("root_negated")
    seen: set[str] = set()
    for tok in sent:
        if tok.pos_ in _VERBAL:
            type_ = verb_type(tok)
            depth = _depth(tok, root)
            if depth <= 2:
                seen.add(f"verb={tok.lemma_.lower()}")
            if type_ is None:
                continue
            seen.add(f"vd={type_}")
            if depth == 0:
                seen.add(f"vd_root={type_}")
            elif depth <= 2:
                seen.add(f"vd_near={type_}")
        elif tok.pos_ in _NOMINAL and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"):
            code = _verbs().get(tok.lemma_.lower())
            type_ = plover_of_cameo(code) if code else None
            if type_:
                seen.add(f"vdn={type_}")
    for label in entity_labels if entity_labels is not None else (e.label_ for e in sent.ents):
        seen.add(f"ent={label}")
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        seen.add(f"subj_ent={subject.ent_type_ or subject.pos_}")
        words = " ".join(t.text for t in subject.subtree if t.i <= subject.i)
        sector = agent_sector(words)
        if sector:
            seen.add(f"subj_sector={sector}")
    return features + sorted(seen)


@dataclass(frozen=True)
class EventModel:
    labels: tuple[str, ...]
    features: dict[str, int]
    weights: tuple[tuple[float, ...], ...]  # one row per feature, one column per label
    bias: tuple[float, ...]
    drop: float
    retype: float
    add: float

    def probabilities(self, features: list[str]) -> dict[str, float]:
        scores = list(self.bias)
        for name in features:
            row = self.features.get(name)
            if row is None:
                continue
            for j, w in enumerate(self.weights[row]):
                scores[j] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}


@cache
def model() -> EventModel | None:
    """The shipped model, or None where no weights are shipped (the rules alone decide)."""
    try:
        data: dict[str, Any] = load_json("plover/event_model")
    except FileNotFoundError:
        return None
    names = data["features"]
    return EventModel(
        labels=tuple(data["labels"]),
        features={name: i for i, name in enumerate(names)},
        weights=tuple(tuple(row) for row in data["weights"]),
        bias=tuple(data["bias"]),
        drop=data["thresholds"]["drop"],
        retype=data["thresholds"]["retype"],
        add=data["thresholds"]["add"],
    )


@dataclass(frozen=True)
class Decision:
    """What to do with one sentence's events: ``drop`` them, ``retype`` the main one to
    ``type``, or ``add`` an event of ``type``; ``keep`` leaves the rules' coding."""

    action: str
    type: str | None = None


def decide(
    probabilities: dict[str, float], main_type: str | None, event_model: EventModel
) -> Decision:
    """The decision for one sentence (the thresholds are the model's)."""
    p_none = probabilities[NONE]
    best = max((t for t in probabilities if t != NONE), key=lambda t: probabilities[t])
    if main_type is not None:
        if p_none >= event_model.drop and p_none > probabilities[best]:
            return Decision("drop")
        if (
            best != main_type
            and probabilities[best] - probabilities.get(main_type, 0.0) >= event_model.retype
        ):
            return Decision("retype", best)
        return Decision("keep")
    if probabilities[best] >= event_model.add and probabilities[best] > p_none:
        return Decision("add", best)
    return Decision("keep")
