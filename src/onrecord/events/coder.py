"""Event coding: PLOVER events, their actors, recipients, dates and flags, from one spaCy parse.

:func:`code_events` reads the parse the rest of the pipeline shares; it never parses again,
and its work is one pass over the tokens with table look-ups (a few percent of the parse).

Triggers (vocabulary in :mod:`onrecord.events.lexicon`)
    A verb from the lexicon (with its particle or preposition: "step down", "call for"), an
    event noun as the object of a support verb ("held talks", "imposed sanctions"), or a
    predicative adjective of willingness ("remains open to relaunching talks"). Bare event
    nouns elsewhere ("During Friday's call") refer to events, they do not report new ones.
    What a verb acts on can change or cancel its coding: "welcomed the statement" is SUPPORT,
    "handed over medicine" AID, "fired the employees", "released an ad" and "deliver a sound
    bite" are no events. "X must do Y", said by someone else, is a REQUEST of X. An
    attributed statement that evaluates an actor's conduct in hostile terms ("NATO's
    aggressive policy", "unfriendly policies implemented by Berlin") is an ACCUSE by the
    speaker against that actor.

Arguments
    The actor is the subject, resolved with :class:`~onrecord.entities.speakers.SpeakerResolver`; a
    passive's actor is its "by" agent and its subject the recipient; an infinitive or a
    conjoined verb takes the subject of the verb it depends on ("agreed to ... and remain"),
    or its object for verbs like "urge" ("urged Putin to withdraw": Putin's action).
    Coordinated subjects are all actors ("Putin and Scholz agreed"); "a group of diplomats"
    is the diplomats; "the two leaders" are the participants of the meeting in progress. The
    recipient is the object or the object of the trigger's recipient preposition ("met
    with", "sanctions on"); a proposal's author for REJECT ("rejected Moscow's proposal"); the
    place, for protests, curfews or attacks with no one named ("demonstrated in Serbia").
    A protest's recipient is whom it is aimed at ("in protest of X", "to demand the
    resignation of X"); a threat's, the side its condition names ("unless Baghdad ...").
    Countries and capitals acting stand for their governments (sector GOV); entities used as
    actors get a country (ISO alpha-3) and a PLOVER sector where they lack one
    (:mod:`~onrecord.events.countries`), and every named person and organization the Phoenix
    actor dictionary knows gets its key (``Entity.actor``), by which the store links it.

PLOVER conventions
    * Speech acts (AGREE, REQUEST, REJECT, THREATEN, ACCUSE) absorb the event they promise,
      ask for, refuse or threaten: "urged Putin to withdraw his troops" is one REQUEST with
      mode yield, not also a RETREAT. "agreed to meet" is AGREE; "vowed to fight" THREATEN.
    * CONSULT: the visitor ("X visited Y": X), the host ("X hosted Y": X, as the coders'
      Source and PLOVER's examples have it), or the side that placed the call ("initiated by
      the German side"), is the actor and the other side the recipient; a meeting's
      host is known from its place ("met his Saudi counterpart in Riyadh"); where hosting is
      unclear every participant is an actor and there is no recipient. A CONSULT needs two
      sides, and an audience is not one ("speaking to thousands of people").
    * A cooperative action announced for the future ("will visit", "plans to send aid") is
      AGREE and a conflictual one THREATEN (PLOVER codes the commitment), as is conflict made
      conditional ("could cut off gas if ..."); "will not" with a cooperative action, "did not
      agree" and "failed to reach agreement" are REJECT. The flags stay on such events.
    * Negated events ("has never refused") are kept and flagged ``negated``; events in "if" /
      "unless" clauses or under could / may / might are flagged ``hypothetical``.

Duplicates
    Headlines, captions, credits and bylines repeat the body and are not coded (a text that
    is all headline is). Later mentions of an event already coded (same type and same
    participants, and no date of their own that differs) are merged into the first ("the
    two leaders held a detailed exchange" during the call already coded). Events that begin
    "last" / "previously" are earlier events of a kind: never merged into the current one,
    and of the same kind as it ("last spoke in December 2022" after a phone call is a call).

Dates
    The event's own date expression (attached to its trigger or its clause, as found by
    :func:`onrecord.events.dates.find_date_expressions`) resolved against the publication date; for
    a statement made by a participant of the article's main meeting or call, the date of
    that meeting (the article's first CONSULT); otherwise the publication-date fallback.
    Events marked as earlier ("previously") without a date of their own are unresolved.
    Durations ("in almost two years") are never dates.

``reported_by`` is the innermost attribution whose content holds the trigger; when that
attribution is the actor's own statement and the event is a speech act, the statement *is*
the event, so the account that carries it (``via``) reports it.

Code layout
    :class:`_Coder` is one class assembled from a mixin per concern, each in its own module:
    :mod:`~onrecord.events.triggers`, :mod:`~onrecord.events.complements`,
    :mod:`~onrecord.events.arguments`, :mod:`~onrecord.events.actors`,
    :mod:`~onrecord.events.conventions`, :mod:`~onrecord.events.dating` and
    :mod:`~onrecord.events.merging`, over the state and helpers of
    :mod:`~onrecord.events.shared`. Mixins rather than functions over a context object,
    because the rules call one another freely (an argument rule asks whether a token is an
    actor, a trigger rule asks for a complement) and share one document's state: each rule
    reads as ``self._subject(verb)`` wherever it lives. This module keeps the driver, one
    event's assembly (:meth:`_Coder._draft`) and sets up the state (declared by
    :class:`~onrecord.events.shared.CoderState`).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from spacy.attrs import LEMMA, POS
from spacy.tokens import Doc, Token

from onrecord.entities import gazetteer
from onrecord.entities.index import EntityIndex
from onrecord.entities.speakers import SpeakerContext, SpeakerResolver
from onrecord.events import learned
from onrecord.events import lexicon as lex
from onrecord.events.actors import Actors
from onrecord.events.arguments import Arguments
from onrecord.events.complements import Complements
from onrecord.events.conventions import Conventions
from onrecord.events.dating import Dating, _published
from onrecord.events.lexicon import Trigger
from onrecord.events.merging import Merging
from onrecord.events.relevance import Relevance
from onrecord.events.shared import _Draft, _Initiation, _lemma, _unique, parse_depth
from onrecord.events.triggers import Triggers
from onrecord.model import Attribution, Document, Event

__all__ = ["code_events"]

_SKIP_SECTIONS = frozenset({"headline", "caption", "credit", "byline", "dateline"})


def code_events(
    doc: Doc, document: Document, index: EntityIndex, attributions: list[Attribution]
) -> list[Event]:
    """PLOVER events of one document, in text order, with ids v1, v2, ..."""
    return _Coder(doc, document, index, attributions).code()


# Only these can trigger an event (see Triggers._trigger); spaces and punctuation never do.
_TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})


class _Coder(Triggers, Complements, Arguments, Actors, Conventions, Dating, Merging, Relevance):
    """One document's coding: built once per document, :meth:`code` runs it."""

    def __init__(
        self, doc: Doc, document: Document, index: EntityIndex, attributions: list[Attribution]
    ) -> None:
        self.doc = doc
        self.document = document
        self.index = index
        self.attributions = attributions
        self.gaz = gazetteer.load()
        self.resolver = SpeakerResolver(index, document.published)
        self.context = SpeakerContext()
        for attribution in attributions:
            if attribution.speaker and attribution.cue is not None:
                self.context.remember(attribution.cue.span.start, attribution.speaker)
        self.published = _published(document.published)
        # Headlines and captions repeat the body; a text that is all headline is still coded.
        has_body = not document.sections or any(s.kind == "body" for s in document.sections)
        self.skip_sections = _SKIP_SECTIONS if has_body else frozenset()
        self.date_of_token = self._date_tokens()
        self.content_map = self._content_map()
        self.absorbed: set[int] = set()
        self.groups: list[list[str]] = []  # participant lists of multi-party events so far
        self.initiations: list[_Initiation] = []
        self.cue_tokens: frozenset[int] | None = None

    # ----------------------------------------------------------------------------------------
    # Driver

    def code(self) -> list[Event]:
        drafts: list[_Draft] = self._modal_requests()
        statements = self._statement_accusations()
        for i in self._token_indices(_TRIGGER_POS):
            tok = self.doc[i]
            if tok.i in self.absorbed:
                continue
            found = self._trigger(tok)
            if found is None:
                continue
            if self.document.section_at(tok.idx) in self.skip_sections:
                continue
            trigger, anchor = found
            draft = self._draft(tok, anchor, trigger)
            if draft is not None:
                drafts.append(draft)
                if len(draft.actors) + len(draft.recipients) >= 2 and draft.type == "CONSULT":
                    self.groups.append(draft.actors + draft.recipients)
        for i in self._lemma_indices(lex.INITIATE_VERBS):
            if i not in self.absorbed:
                self._initiation(self.doc[i])
        drafts.extend(statements)
        drafts.sort(key=lambda d: d.trigger_span[0])
        drafts = self._learned_decisions(drafts)
        if learned.COLLECT is None:
            # The political-participant test first, so that a sentence whose rule events are
            # all dropped ("convicted ... of torturing opponents": an actorless torture) may
            # still get its dictionary candidate ("convicted").
            drafts = self._dictionary_drafts(self._relevant_only(drafts))
        drafts = self._merge(drafts)
        self._apply_initiations(drafts)
        events = self._finish(drafts)
        self._dictionary_ids()
        return events

    def _token_indices(self, pos_tags: frozenset[str]) -> list[int]:
        """Indices of the tokens with these coarse POS tags, read from one array: most tokens
        can trigger nothing, and building a Token object for each costs more than the rules."""
        strings = self.doc.vocab.strings
        wanted = {strings[tag] for tag in pos_tags}
        return [i for i, pos in enumerate(self.doc.to_array(POS).tolist()) if pos in wanted]

    def _lemma_indices(self, lemmas: frozenset[str]) -> list[int]:
        """Indices of the tokens whose lower-cased lemma is in ``lemmas`` (same reason)."""
        strings = self.doc.vocab.strings
        column = self.doc.to_array(LEMMA).tolist()
        wanted = {h for h in set(column) if strings[h].lower() in lemmas}
        return [i for i, lemma in enumerate(column) if lemma in wanted]

    def _learned_decisions(self, drafts: list[_Draft]) -> list[_Draft]:
        """Apply the learned model sentence by sentence (:mod:`onrecord.events.learned`)."""
        event_model = learned.model()
        if event_model is None and learned.COLLECT is None:
            return drafts
        by_sentence: dict[int, list[_Draft]] = {}
        starts = [sent.start for sent in self.doc.sents]
        for draft in drafts:
            at = bisect_right(starts, draft.trigger.i) - 1
            by_sentence.setdefault(starts[at], []).append(draft)
        labels: dict[int, list[str]] = {}
        for ent in self.doc.ents:
            labels.setdefault(starts[bisect_right(starts, ent.start) - 1], []).append(ent.label_)
        out: list[_Draft] = []
        for sent in self.doc.sents:
            mine = by_sentence.get(sent.start, [])
            if self.document.section_at(sent.start_char) in self.skip_sections:
                out += mine
                continue
            main = min(mine, key=lambda d: (parse_depth(d.trigger), d.trigger.i)) if mine else None
            main_type = main.type if main else None
            features = learned.sentence_features(
                sent, main_type, {d.type for d in mine}, labels.get(sent.start, ())
            )
            if learned.COLLECT is not None or event_model is None:
                if learned.COLLECT is not None:
                    learned.COLLECT.append((sent.start_char, sent.end_char, features))
                out += mine
                continue
            decision = learned.decide(event_model.probabilities(features), main_type, event_model)
            if decision.action == "drop":
                continue
            if decision.action == "retype" and main is not None and decision.type:
                main.type, main.mode = decision.type, None
                main.speech = decision.type in lex.SPEECH_TYPES
            if decision.action == "add" and decision.type:
                added = self._learned_event(sent, decision.type)
                mine = [added] if added is not None else []
            out += mine
        return out

    def _learned_event(self, sent: Any, type_: str) -> _Draft | None:
        """An event the model found and the rules did not: at the verb the CAMEO dictionary
        gives that type (highest in the parse), else the root, with the rules' arguments."""
        verbs = [t for t in sent if t.pos_ == "VERB" and learned.verb_type(t) == type_]
        tok = min(verbs, key=lambda t: (parse_depth(t), t.i)) if verbs else sent.root
        if tok.pos_ not in ("VERB", "NOUN") or tok.i in self.absorbed:
            return None
        entry = Trigger(type=type_, recipient_preps=("against", "on", "with", "to", "in"))
        return self._draft(tok, tok, entry)

    # ----------------------------------------------------------------------------------------
    # One event

    def _draft(self, tok: Token, anchor: Token, trigger: Trigger) -> _Draft | None:
        complement = None
        if trigger.complement:
            complement = self._complement(tok, anchor, trigger)
        actors, recipients = self._arguments(tok, anchor, trigger, complement)
        if trigger.participants:
            # "speaking to thousands of people" is a speech, not a meeting.
            recipients = [
                r
                for r in recipients
                if self.index.get(r).name.split()[-1].lower() not in lex.NOT_PARTICIPANTS
            ]
            if len(actors) + len(recipients) < 2 and not self._plural_side(anchor, actors):
                return None
        if not actors and not recipients:
            return None
        type_, mode = trigger.type, trigger.mode
        if trigger.participants and len(actors) + len(recipients) < 2:
            mode = "multilateral"  # "defense ministers are discussing": among themselves
        if _lemma(tok) == "warn" and (
            complement is None or complement.type not in lex.CONFLICT_TYPES | {"THREATEN"}
        ):
            return None  # "warned that the museum would not be a panacea": no threat
        if complement is not None:
            mode = self._complement_mode(type_, mode, complement)
            if (
                type_ == "AGREE"
                and _lemma(tok) not in ("agree", "accept")
                and complement.type in lex.CONFLICT_TYPES
            ):
                # "vowed to fight", "is prepared to impose martial law": a threat.
                type_, mode = "THREATEN", lex.threaten_mode(complement.type, complement.mode)
        if type_ == "CONSULT" and mode is None and self._by_phone(anchor, tok):
            mode = "phone"
        if type_ == "ASSAULT" and mode is None:
            mode = self._instrument_mode(tok, anchor)
        draft = _Draft(
            type=type_,
            mode=mode,
            trigger=tok,
            anchor=anchor,
            trigger_span=self._trigger_span(tok, anchor),
            actors=_unique(actors),
            recipients=[r for r in _unique(recipients) if r not in actors],
            speech=type_ in lex.SPEECH_TYPES,
        )
        if not draft.actors and not draft.recipients:
            return None
        if (
            type_ == "CONSULT"
            and _lemma(tok) in ("arrive", "travel", "fly")
            and any(self.index.get(a).sector == "MIL" for a in draft.actors)
        ):
            draft.type, draft.mode = "MOBILIZE", "troops"  # troops arriving are no visit
        draft.negated = self._negated(anchor) or (tok.i != anchor.i and self._negated(tok))
        draft.future = self._future(anchor)
        draft.hypothetical = self._hypothetical(anchor)
        draft.previous = any(
            c.dep_ == "advmod" and c.lower_ in lex.PREVIOUS_MARKERS for c in anchor.children
        )
        draft.own_date = self._own_date(tok, anchor)
        if draft.own_date and self.published and draft.own_date.value:
            value = draft.own_date.value
            if draft.own_date.granularity == "day" and value > self.published.isoformat():
                draft.future = True
        draft.location = self._location(tok, anchor)
        self._locate_actors(draft)
        if draft.type == "CONSULT" and draft.mode in (None, "multilateral"):
            self._hosting(draft)
        if not draft.recipients and draft.location and draft.type in lex.PLACE_TARGET_TYPES:
            # "demonstrated in Serbia", "imposed a curfew in the town of Cizre".
            place = self._place_target(draft.location)
            if place not in draft.actors:
                draft.recipients = [place]
        self._plover_conventions(draft, anchor)
        return draft
