"""Is an event political, and what the CAMEO verb dictionary codes where the rules found none.

Three steps after the rules (and the learned decision) have drafted a document's events:

* **Dictionary candidates.** A sentence where the rules coded nothing gets the event of its
  root verb, or of a verb hanging on the root, when the PETRARCH2 CAMEO verb dictionary
  (``data/plover/cameo_verbs.tsv``, patterns in ``cameo_verb_patterns.tsv``) types it
  specifically (:func:`dictionary_type`), with the rules' argument structure and PLOVER
  conventions ("will contribute" is a commitment), and a political actor. The dictionary
  knows thousands of verb phrases the hand rules do not ("engaged in a battle" ASSAULT,
  "ridiculed" ACCUSE). Deeper verbs and the default codes of vague verbs ("speak" CONSULT,
  "take" COERCE) cost more false events than they find (measured on the coded news sentences,
  docs/evaluation.md).
* **Types as coded news codes them** (:meth:`_news_type`): legal charges ("were charged
  with misconduct") are COERCE, as CAMEO 173 codes them, where an accusation ("charged that
  ...") stays ACCUSE; one country's troops that "set up" or "establish" something with no
  partner named MOBILIZE (two countries' warships in "war games" cooperate); what
  protesters, rioters or strikers do against others (defy a ban, block, clash, throw
  stones) is a PROTEST.
* **A political participant.** As in PETRARCH2, which codes an event only between actors its
  dictionaries know, an event needs a participant that is political (:meth:`_political`): a
  government, state or place, an entry of the Phoenix actor dictionary, anyone with a
  country, an organisation (or a name with an acronym: "UNITA militarist wing"), or anyone
  with a sector other than civilians, business, medicine and crime
  (``data/plover/relevance/nonpolitical_sectors.txt``). "A driver arrested for drink
  driving", "pedestrians were killed when a car struck them", "Experts agree" are not coded.
  Protests are political whoever protests; a visit needs a host abroad ("arrives for a
  session at the Assembly" is none). An ASSAULT among unknown participants stays when
  the sentence also names an attack with a noun the lexicon types ASSAULT ("lost their
  lives in a rocket attack"): victims are often all a report of an attack names, and a
  disaster ("after Typhoon Mitag lashed ...") names no attack.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from onrecord import data
from onrecord.events import learned
from onrecord.events import lexicon as lex
from onrecord.events.lexicon import Trigger
from onrecord.events.shared import CoderState, _Draft

__all__ = ["Relevance", "dictionary_type", "names_attack", "nonpolitical_sectors"]

# A place acting stands for its authorities ("Oshima demanded"), as a country for its state.
_POLITICAL_KINDS = frozenset({"government", "country", "place"})
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")  # "UNITA", "(APEC)": an organisation's name
_DICTIONARY_PREPS = ("against", "on", "with", "to", "in", "at", "from")
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
_NOUN_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "compound"})
MAX_HEIGHT = 1  # dictionary candidates: the root and the verbs that hang on it


@cache
def nonpolitical_sectors() -> frozenset[str]:
    return data.words("plover/relevance/nonpolitical_sectors")


@cache
def _default_roots() -> frozenset[str]:
    return data.words("plover/relevance/dictionary_default_roots")


@cache
def _specific_patterns() -> dict[str, dict[str, tuple[int, str]]]:
    """The verb patterns whose word is a content word (see :func:`dictionary_type`)."""
    return {
        verb: {w: hit for w, hit in index.items() if w.isalpha() and w not in STOP_WORDS}
        for verb, index in learned._pattern_index().items()
    }


@cache
def _light_verbs() -> frozenset[str]:
    return data.words("plover/relevance/light_verbs")


@cache
def _attack_nouns() -> frozenset[str]:
    """The event nouns the lexicon types ASSAULT ("attack", "air strike", "shelling"), less
    "fire", which is also a blaze."""
    return frozenset(n for n, t in lex.NOUNS.items() if t.type == "ASSAULT" and n != "fire")


def names_attack(tok: Token) -> bool:
    """Whether a noun names an attack: "attack", or with the word before it "rocket strike"."""
    lemma = tok.lemma_.lower()
    before = tok.doc[tok.i - 1].lemma_.lower() if tok.i > 0 else ""
    return lemma in _attack_nouns() or f"{before} {lemma}" in _attack_nouns()


def dictionary_type(tok: Token) -> str | None:
    """The PLOVER type the CAMEO dictionary gives a verb where it is specific: a pattern
    matched by an object of the verb ("hold" + "talks": 042), or the verb's own code when its
    root is one of ``data/plover/relevance/dictionary_default_roots.txt`` ("ridicule": 111)
    and the verb is not a light verb (``light_verbs.txt``: "take", "hold", "kick").

    The shipped patterns keep only the first word after the verb, so a pattern whose first
    word is a function word ("go * to war" is kept as "to") says nothing and is skipped, and
    a stem matches a longer word only from five letters ("won", a currency, is not "wonder").
    """
    key = learned._verb_key(tok)
    objects = [c for c in tok.children if c.dep_ in _OBJECT_DEPS]
    objects += [g for c in tok.children if c.dep_ == "prep" for g in c.children]
    # "decided to resume", "agreed to withdraw": the table's patterns name the verb of the
    # infinitive ("decide * resume", "agree * withdraw").
    objects += [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    words = [w for o in objects if not o.is_stop for w in (o.lower_, o.lemma_.lower())]
    code = learned.pattern_code(key, words, min_stem=5, indexed=_specific_patterns())
    if code is not None:
        return learned.plover_of_cameo(code)
    code = learned._verbs().get(key)
    if code and code[:2] in _default_roots() and tok.lemma_.lower() not in _light_verbs():
        return learned.plover_of_cameo(code)
    return None


class Relevance(CoderState):
    """Dictionary candidates and the political-participant test (module docstring)."""

    def _political(self, entity_id: str) -> bool:
        entity = self.index.get(entity_id)
        if entity.kind in _POLITICAL_KINDS or entity.actor is not None or entity.country:
            return True
        if entity.sector is not None:
            return entity.sector not in nonpolitical_sectors()
        return entity.kind == "organization" or bool(_ACRONYM.search(entity.name))

    def _news_type(self, draft: _Draft) -> None:
        """Retype a draft by the conventions of coded news (module docstring)."""
        tok = draft.trigger
        if draft.type == "ACCUSE" and tok.lemma_.lower() == "charge":
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
            if passive or any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
                draft.type, draft.mode, draft.speech = "COERCE", "arrest", False
            return
        actors = [self.index.get(a) for a in draft.actors]
        if (
            draft.type == "COOPERATE"
            and actors
            and not draft.recipients
            and all(a.sector == "MIL" for a in actors)
            and len({a.country for a in actors}) == 1
        ):
            draft.type, draft.mode = "MOBILIZE", "troops"
            return
        if draft.type in ("REJECT", "COERCE", "ASSAULT") and any(
            a.name.split()[-1].lower() in lex.PROTESTER_NOUNS for a in actors if a.name
        ):
            draft.mode = "demo" if draft.type == "REJECT" else "riot"
            draft.type, draft.speech = "PROTEST", False

    def _relevant(self, draft: _Draft) -> bool:
        """Whether a draft is a political event (module docstring)."""
        if draft.type == "PROTEST":
            return True
        if draft.type == "CONSULT" and draft.mode == "visit":
            # A visit needs a host abroad: "arrives for a session at the Assembly" is none.
            home = {self.index.get(a).country for a in draft.actors} - {None}
            hosts = {self.index.get(r).country for r in draft.recipients}
            if not draft.recipients or (home and hosts <= home):
                return False
        if draft.pending or any(self._political(e) for e in draft.actors + draft.recipients):
            return True
        if draft.type == "ASSAULT":
            return any(
                t.pos_ == "NOUN"
                and t.i != draft.trigger.i
                and t.dep_ in _NOUN_DEPS
                and names_attack(t)
                for t in draft.trigger.sent
            )
        return False

    def _relevant_only(self, drafts: list[_Draft]) -> list[_Draft]:
        """The drafts that are political events, retyped as coded news codes them."""
        for draft in drafts:
            self._news_type(draft)
        return [d for d in drafts if self._relevant(d)]

    def _refused(self, verb: Token) -> bool:
        """Whether the hand rules know the verb and code no event for it in this use
        ("firing Special Counsel Mueller" is a dismissal, no ASSAULT)."""
        return verb.lemma_.lower() in lex.VERBS and self._verb_trigger(verb) is None

    def _height(self, tok: Token) -> int:
        """How high a verb sits, counted from the top of the statement that holds it: a
        statement is no event in PLOVER, so "North Korea announced that it will withdraw"
        reports the withdrawal, and its verb is as high as a root."""
        cues = self._cue_tokens()
        depth = 0
        node = tok
        while node.head.i != node.i and depth < 50:
            if node.dep_ == "ccomp" and node.head.i in cues:
                return depth
            node = node.head
            depth += 1
        return depth

    def _cue_tokens(self) -> frozenset[int]:
        """The tokens of the attributions' cues ("said", "announced"), computed once."""
        if self.cue_tokens is None:
            found: set[int] = set()
            for attribution in self.attributions:
                if attribution.cue is None:
                    continue
                span = self.doc.char_span(
                    attribution.cue.span.start, attribution.cue.span.end, alignment_mode="expand"
                )
                if span is not None:
                    found.update(t.i for t in span)
            self.cue_tokens = frozenset(found)
        return self.cue_tokens

    def _dictionary_drafts(self, drafts: list[_Draft]) -> list[_Draft]:
        """Each sentence without a relevant draft gets its dictionary candidate, if one has
        a political actor and is relevant (the first in parse height, then text order)."""
        starts = [sent.start for sent in self.doc.sents]
        covered = {starts[bisect_right(starts, d.trigger.i) - 1] for d in drafts}
        added: list[_Draft] = []
        for sent in self.doc.sents:
            if sent.start in covered:
                continue
            if self.document.section_at(sent.start_char) in self.skip_sections:
                continue
            candidates = sorted(
                (height, t.i, type_)
                for t in sent
                if t.pos_ == "VERB"
                and t.i not in self.absorbed
                and (height := self._height(t)) <= MAX_HEIGHT
                and (type_ := dictionary_type(t)) is not None
                and not self._refused(t)
            )
            for _, i, type_ in candidates:
                tok = self.doc[i]
                draft = self._draft(
                    tok, tok, Trigger(type=type_, recipient_preps=_DICTIONARY_PREPS)
                )
                if draft is not None and any(self._political(a) for a in draft.actors):
                    added.append(draft)
                    break
        return sorted(drafts + self._relevant_only(added), key=lambda d: d.trigger_span[0])
