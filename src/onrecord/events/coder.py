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
    Countries and capitals acting stand for their governments (sector GOV); entities used as
    actors get a country (ISO alpha-3) and a PLOVER sector where they lack one.

PLOVER conventions
    * Speech acts (AGREE, REQUEST, REJECT, THREATEN, ACCUSE) absorb the event they promise,
      ask for, refuse or threaten: "urged Putin to withdraw his troops" is one REQUEST with
      mode yield, not also a RETREAT. "agreed to meet" is AGREE; "vowed to fight" THREATEN.
    * CONSULT: the visitor ("X hosted Y": Y), or the side that placed the call ("initiated by
      the German side"), is the actor and the host or called side the recipient; a meeting's
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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from onrecord import lexicon
from onrecord.entities import gazetteer
from onrecord.entities.index import EntityIndex
from onrecord.entities.speakers import SpeakerContext, SpeakerResolver
from onrecord.events import lexicon as lex
from onrecord.events.dates import find_date_expressions, publication_fallback, resolve_date
from onrecord.events.lexicon import Trigger
from onrecord.model import Attribution, Document, Entity, Event, EventDate, Span

__all__ = ["code_events"]

_SKIP_SECTIONS = frozenset({"headline", "caption", "credit", "byline"})
_SUBJECT = ("nsubj", "nsubjpass", "csubj")
_PRE_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_ACTOR_PRONOUNS = lexicon.PERSON_PRONOUNS | lexicon.PLURAL_PRONOUNS | {"it", "we", "i"}
_PHONE_WORDS = frozenset({"phone", "telephone", "videoconference", "video", "videolink"})
_GROUP_REFERENCES = frozenset({"leader", "side", "party", "country", "nation", "president"})
_OBJECT_CONTROL = frozenset({"urge", "ask", "press", "pressure", "implore", "beg", "order"})
_MEANING_PARTICLES = frozenset({"out", "off", "away", "down", "up", "back"})
_NOT_PARTICIPANTS = frozenset(
    {
        *("people", "crowd", "crowds", "audience", "audiences", "reporter", "reporters"),
        *("journalist", "journalists", "supporter", "supporters", "voter", "voters"),
        *("student", "students", "dignitary", "dignitaries", "media", "press", "viewers"),
    }
)
_AID_ANYWAY = frozenset({"fund", "finance", "rescue", "shelter", "evacuate"})
_REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "ourselves", "myself"})
_STATE_HEADS = frozenset({"embassy", "consulate", "ministry", "counterpart", "envoy"})
_HOST_VERBS = frozenset({"host", "receive", "welcome"})
_PLACE_TARGETS = frozenset({"PROTEST", "COERCE", "MOBILIZE", "ASSAULT", "SANCTION", "RETREAT"})
_EFFORT_NOUNS = frozenset({"mission", "effort", "bid", "attempt", "initiative", "campaign"})
_MEASURE_NOUNS = frozenset({"day", "week", "month", "series", "round", "wave", "spate", "string"})


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


def code_events(
    doc: Doc, document: Document, index: EntityIndex, attributions: list[Attribution]
) -> list[Event]:
    """PLOVER events of one document, in text order, with ids v1, v2, ..."""
    return _Coder(doc, document, index, attributions).code()


class _Coder:
    def __init__(
        self, doc: Doc, document: Document, index: EntityIndex, attributions: list[Attribution]
    ) -> None:
        self.doc = doc
        self.document = document
        self.index = index
        self.attributions = attributions
        self.gaz = gazetteer.load()
        self.resolver = SpeakerResolver(index)
        self.context = SpeakerContext()
        for attribution in attributions:
            if attribution.speaker and attribution.cue is not None:
                self.context.remember(attribution.cue.span.start, attribution.speaker)
        self.published = _published(document.published)
        # Headlines and captions repeat the body; a text that is all headline is still coded.
        has_body = not document.sections or any(s.kind == "body" for s in document.sections)
        self.skip_sections = _SKIP_SECTIONS if has_body else frozenset()
        self.date_of_token = self._date_tokens()
        self.absorbed: set[int] = set()
        self.groups: list[list[str]] = []  # participant lists of multi-party events so far
        self.initiations: list[_Initiation] = []

    # ----------------------------------------------------------------------------------------
    # Driver

    def code(self) -> list[Event]:
        drafts: list[_Draft] = self._modal_requests()
        statements = self._statement_accusations()
        for tok in self.doc:
            if tok.i in self.absorbed or tok.is_space:
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
        for tok in self.doc:
            if tok.lemma_.lower() in lex.INITIATE_VERBS and tok.i not in self.absorbed:
                self._initiation(tok)
        drafts.extend(statements)
        drafts.sort(key=lambda d: d.trigger_span[0])
        drafts = self._merge(drafts)
        self._apply_initiations(drafts)
        return self._finish(drafts)

    # ----------------------------------------------------------------------------------------
    # Triggers

    def _trigger(self, tok: Token) -> tuple[Trigger, Token] | None:
        """(lexicon entry, anchor verb) when ``tok`` triggers an event."""
        pos = tok.pos_
        if pos == "VERB":
            return self._verb_trigger(tok)
        if pos in ("NOUN", "PROPN"):
            entry = self._noun_entry(tok)
            if entry is None:
                return None
            carrier = self._carrier(tok)
            carried = self._support_noun(carrier) if carrier is not None else None
            if carrier is not None and carried is not None and carried.i == tok.i:
                return self._noun_in_context(entry, tok, carrier), carrier
            return None
        lemma = tok.lemma_.lower()
        if pos == "ADJ" and lemma in lex.ADJECTIVES and tok.dep_ in ("acomp", "amod", "oprd"):
            heads = self._complement_heads(tok, lex.ADJECTIVES[lemma])
            if any(h.pos_ in ("VERB", "AUX") or self._noun_entry(h) is not None for h in heads):
                anchor = tok.head if tok.dep_ == "acomp" else tok
                return lex.ADJECTIVES[lemma], anchor
        return None

    def _verb_trigger(self, tok: Token) -> tuple[Trigger, Token] | None:
        lemma = _lemma(tok)
        particle = next((c for c in tok.children if c.dep_ == "prt"), None)
        if (
            particle is not None
            and particle.i + 1 < len(self.doc)
            and particle.nbor(1).lower_ == "to"
        ):
            particle = None  # "kidnapped up to 16 advisers": a quantity, not a particle
        if particle is not None:
            entry = lex.PHRASAL.get((lemma, particle.lower_))
            if entry is not None:
                refined = self._refine(entry, tok, lemma)
                return (refined, tok) if refined is not None else None
        obj = _object(tok)
        if obj is not None:
            entry = lex.VERB_OBJECT.get((lemma, obj.lemma_.lower()))
            if entry is not None:
                return entry, tok
            if lemma in lex.TERMINATORS:
                entry = self._termination(obj)
                if entry is not None:
                    return entry, tok
        if particle is not None and particle.lower_ in _MEANING_PARTICLES:
            return None  # "backed out", "fought off": not the bare verb's event
        if particle is None and self._support_noun(tok) is not None:
            return None  # the event noun it carries is the trigger
        for child in tok.children:
            if child.dep_ == "prep":
                for obj in child.children:
                    entry = lex.VERB_PREP_OBJECT.get((lemma, child.lower_, obj.lemma_.lower()))
                    if entry is not None and obj.dep_ == "pobj":
                        return entry, tok
                entry = lex.PREPOSITIONAL.get((lemma, child.lower_))
                if entry is not None and not any(
                    o.i in self.date_token_set or o.ent_type_ in ("DATE", "TIME")
                    for o in child.children
                ):
                    return entry, tok  # "called on Sunday" is no "call on"
        if lemma in ("step", "crack", "pull", "shut", "blow", "set", "break", "hand", "ship"):
            return None  # only with their particle
        if lemma in ("call", "ring"):
            return self._call_trigger(tok)
        entry = lex.VERBS.get(lemma)
        if entry is None:
            return None
        if lemma == "warn" and not self._complement_heads(tok, entry):
            return None  # "warned of risks" is no threat; "warned it would retaliate" is
        refined = self._refine(entry, tok, lemma)
        return (refined, tok) if refined is not None else None

    def _refine(self, entry: Trigger, tok: Token, lemma: str) -> Trigger | None:
        """Adjust a verb's coding to what it acts on ("welcomed the statement" is SUPPORT),
        or drop it where the object shows another sense ("fired employees", "released an
        ad", "received an endorsement", "deliver a sound bite")."""
        obj = _object(tok)
        if obj is not None:
            obj = self._partitive(obj)  # "700 kg of medicine": the medicine
        obj_lemma = obj.lemma_.lower() if obj is not None else ""
        if obj is not None and obj.lower_ in _REFLEXIVES and entry.type == "ASSAULT":
            return None
        if lemma == "welcome" and obj is not None and not self._actor_like(obj):
            return Trigger("SUPPORT", None, ("for",), False)
        if lemma in ("receive", "host") and obj is not None and not self._actor_like(obj):
            return None
        if lemma in ("fight", "clash") and not (
            obj is not None
            or any(c.dep_ == "prep" and c.lower_ in ("with", "against") for c in tok.children)
        ):
            return None  # "companies are fighting to protect their business"
        if lemma == "fire":
            preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
            aimed = bool(preps & {"at", "on", "into", "upon"})
            if not aimed and (obj is None or obj_lemma not in lex.FIRE_OBJECTS):
                return None  # "fired the employees"
        released = obj is not None and (self._actor_like(obj) or obj_lemma in lex.PLACE_OBJECTS)
        if entry.mode == "release" and obj is not None and not released:
            if lemma in ("hand", "return") and obj_lemma in lex.WEAPON_OBJECTS:
                return Trigger("RETREAT", "disarm", entry.recipient_preps, False)
            if not (lemma == "hand" and obj_lemma in lex.AID_OBJECTS):
                return None  # "released an ad"
        if entry.type == "SANCTION" and entry.mode == "discontinue" and lemma != "sever":
            target = self._partitive(obj) if obj is not None else None
            if target is None or target.lemma_.lower() not in lex.SANCTION_OBJECTS:
                return None
        if lemma == "send" and obj is not None:
            sent = self._partitive(obj).lemma_.lower()
            if lex.SECTOR_BY_NOUN.get(sent) == "MIL" or sent in ("troop", "force", "soldier"):
                return Trigger("MOBILIZE", "troops", ("to", "into"), False)
        if lemma == "evacuate" and (
            obj_lemma in lex.PLACE_OBJECTS or obj_lemma.startswith("settle")
        ):
            return Trigger("RETREAT", "withdraw", ("from",), False)
        if entry.type == "AID" and lemma not in _AID_ANYWAY:
            # A transfer is aid when what moves is aid or whom it goes to is an actor.
            gift = self._partitive(obj).lemma_.lower() if obj is not None else ""
            if gift not in lex.AID_OBJECTS and not self._has_receiver(tok):
                return None
        if lemma in ("hand", "deliver", "send", "give") and obj_lemma in lex.AID_OBJECTS:
            return Trigger("AID", None, ("to",), False)
        if lemma in ("send", "dispatch") and obj_lemma in lex.INSPECTORS:
            return Trigger("ACCUSE", "investigate", ("to",), False)
        if entry.type == "MOBILIZE" and obj is not None:
            obj = self._partitive(obj)
            obj_lemma = obj.lemma_.lower()
            if obj_lemma in lex.WEAPON_OBJECTS:
                return Trigger("MOBILIZE", "weapons", entry.recipient_preps, False)
            if obj_lemma in ("police", "policeman", "officer"):
                return Trigger("MOBILIZE", "police", entry.recipient_preps, False)
        if lemma in ("capture", "seize", "take") and obj_lemma in lex.PLACE_OBJECTS:
            return Trigger("ASSAULT", "heavy-weapons", (), False)
        if lemma == "protest" and any(c.dep_ == "ccomp" for c in tok.children):
            return Trigger("ACCUSE", "disapprove", ("to",), False)
        if lemma == "agree" and any(
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(o.lemma_.lower() in ("demand", "request", "condition") for o in c.children)
            for c in tok.children
        ):
            return Trigger("CONCEDE", None, (), False)
        return entry

    def _has_receiver(self, verb: Token) -> bool:
        """Whether a transfer names whom it goes to ("gave Tanzania", "to Macedonia")."""
        for sub in verb.subtree:
            if sub.dep_ == "dative" and sub.head.i == verb.i and self._actor_like(sub):
                return True
            if sub.dep_ not in ("prep", "dative") or sub.lower_ not in ("to", "for"):
                continue
            if _clause_head(sub).i != verb.i:
                continue  # inside another clause
            if any(o.dep_ == "pobj" and self._actor_like(o) for o in sub.children):
                return True
        return False

    def _termination(self, obj: Token) -> Trigger | None:
        """ "ended mediation", "lifted the curfew", "halted attacks": coded by what ends."""
        entry = self._noun_entry(obj)
        if entry is None:
            return None
        preps = (*entry.recipient_preps, "to", "with", "on", "for", "between", "in")
        lemma = obj.lemma_.lower()
        if lemma in ("blockade", "siege"):
            return Trigger("RETREAT", "access", preps, False)
        if entry.type in ("CONSULT", "AID", "COOPERATE", "SUPPORT", "AGREE"):
            return Trigger("SANCTION", "discontinue", preps, False)
        if entry.type in ("PROTEST", "COERCE", "SANCTION"):
            return Trigger("CONCEDE", None, preps, False)
        if entry.type == "ASSAULT":
            return Trigger("RETREAT", "ceasefire", preps, False)
        if entry.type == "MOBILIZE":
            return Trigger("RETREAT", "withdraw", preps, False)
        return None

    def _noun_in_context(self, entry: Trigger, noun: Token, carrier: Token) -> Trigger:
        verb = _lemma(carrier)
        if entry.type == "AGREE" and verb in ("sign", "conclude", "ratify"):
            return Trigger("SUPPORT", None, entry.recipient_preps, False)
        if noun.lemma_.lower() == "strike" and verb in ("launch", "carry", "conduct", "order"):
            return Trigger("ASSAULT", None, ("on", "against"), False)  # not a walkout
        return entry

    def _call_trigger(self, tok: Token) -> tuple[Trigger, Token] | None:
        """ "X called Y" is a phone call; "called for", "called on", "called it ..." are not."""
        deps = {c.dep_ for c in tok.children}
        if deps & {"xcomp", "ccomp", "prt"} or any(
            c.dep_ == "prep"
            and c.lower_ in ("for", "on", "upon", "off")
            and not any(o.i in self.date_token_set for o in c.children)
            for c in tok.children
        ):
            return None
        # The parser reads "called Israeli Prime Minister Netanyahu" as naming (oprd) at times;
        # with both an object and an oprd it is naming ("called it a common ailment").
        if {"dobj", "oprd"} <= deps:
            return None
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "oprd")), None)
        if obj is None or obj.lower_ in ("it", "this", "that") or not self._actor_like(obj):
            return None
        return Trigger("CONSULT", "phone"), tok

    def _noun_entry(self, tok: Token) -> Trigger | None:
        lemma = tok.lemma_.lower()
        compounds = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
        for child in compounds:
            if child.i == tok.i - 1:
                entry = lex.NOUNS.get(f"{child.lemma_.lower()} {lemma}")
                if entry is not None:
                    return entry
        if lemma in _EFFORT_NOUNS:
            # "a mediation mission", "a peace effort": the event is the modifier.
            for child in compounds:
                entry = lex.NOUNS.get(child.lemma_.lower())
                if entry is not None:
                    return entry
        if tok.i + 2 < len(tok.doc) and tok.nbor(1).lower_ == "of":
            phrase = f"{lemma} of {tok.nbor(2).lower_}"
            if phrase in lex.NOUNS:
                return lex.NOUNS[phrase]
        if lemma == "law" and tok.i > 0 and tok.nbor(-1).lower_ == "martial":
            return lex.NOUNS["martial law"]
        return lex.NOUNS.get(lemma)

    def _carrier(self, noun: Token) -> Token | None:
        """The support verb of an event noun: "held talks", "launched 10 days of war games"."""
        if noun.dep_ in ("dobj", "nsubjpass"):
            return noun.head
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("dobj", "nsubjpass"):
            measure = head.head
            if measure.lemma_.lower() in _MEASURE_NOUNS or measure.pos_ == "NUM":
                return measure.head
        return None

    def _support_noun(self, verb: Token) -> Token | None:
        if _lemma(verb) not in lex.SUPPORT_VERBS:
            return None
        for child in verb.children:
            if child.dep_ not in ("dobj", "nsubjpass"):
                continue
            if self._noun_entry(child) is not None:
                return child
            if child.lemma_.lower() in _MEASURE_NOUNS:
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for obj in prep.children:
                            if obj.dep_ == "pobj" and self._noun_entry(obj) is not None:
                                return obj
        return None

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
                if self.index.get(r).name.split()[-1].lower() not in _NOT_PARTICIPANTS
            ]
            if len(actors) + len(recipients) < 2:
                return None
        if not actors and not recipients:
            return None
        type_, mode = trigger.type, trigger.mode
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
        if type_ == "CONSULT" and _lemma(tok) in _HOST_VERBS and draft.recipients:
            # "X hosted Y": the visitor is the actor, the host the recipient.
            draft.actors, draft.recipients = draft.recipients, draft.actors
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
        if draft.type == "CONSULT" and draft.mode in (None, "multilateral"):
            self._hosting(draft)
        if not draft.recipients and draft.location and draft.type in _PLACE_TARGETS:
            # "demonstrated in Serbia", "imposed a curfew in the town of Cizre".
            place = self.index.get(draft.location)
            if place.kind == "country" and place.country:
                place = self.index.government(place.country)
            if place.id not in draft.actors:
                draft.recipients = [place.id]
        self._plover_conventions(draft, anchor)
        return draft

    def _plover_conventions(self, draft: _Draft, anchor: Token) -> None:
        """PLOVER codes refusals as REJECT and announced actions as the commitment: AGREE
        for cooperation, THREATEN for conflict (or for anything made conditional on the other
        side: "will withdraw unless ...")."""
        lemma = _lemma(draft.trigger)
        if draft.negated and (
            (draft.type == "AGREE" and lemma in ("agree", "accept"))
            or (draft.type == "CONCEDE" and lemma in ("allow", "permit", "accept"))
        ):
            # "will not accept refugees", "failed to reach agreement": a refusal.
            draft.type, draft.mode, draft.negated = "REJECT", None, False
            return
        conditional = any(
            c.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in c.children)
            for c in anchor.children
        )
        if draft.type in lex.CONFLICT_TYPES and conditional and not draft.negated:
            draft.type, draft.mode = "THREATEN", lex.threaten_mode(draft.type, draft.mode)
            return
        if not draft.future or draft.hypothetical:
            return
        if draft.type in lex.COOPERATIVE_TYPES:
            if draft.negated:
                draft.type, draft.mode, draft.negated = "REJECT", None, False
            elif conditional:
                draft.type, draft.mode = "THREATEN", lex.threaten_mode(draft.type, draft.mode)
            else:
                draft.type, draft.mode = "AGREE", None
        elif draft.type in lex.CONFLICT_TYPES and not draft.negated:
            draft.type, draft.mode = "THREATEN", lex.threaten_mode(draft.type, draft.mode)

    def _instrument_mode(self, tok: Token, anchor: Token) -> str | None:
        """ "killed by an improvised explosive device", "in a bomb attack": the ASSAULT mode."""
        candidates: list[Token] = [tok]
        candidates += [c for c in tok.children if c.dep_ in ("compound", "amod")]
        for child in anchor.children:
            if child.dep_ in ("nsubj", "agent", "prep"):
                for sub in [child, *child.children]:
                    candidates.append(sub)
                    candidates += [c for c in sub.children if c.dep_ in ("compound", "pobj")]
        for cand in candidates:
            mode = lex.INSTRUMENT_MODES.get(cand.lower_) or lex.INSTRUMENT_MODES.get(
                cand.lemma_.lower()
            )
            if mode:
                return mode
        return None

    def _trigger_span(self, tok: Token, anchor: Token) -> tuple[int, int]:
        if tok.i == anchor.i:
            end = tok.i + 1
            for child in tok.children:
                if child.dep_ == "prt" and child.i == end:
                    end += 1
            return tok.i, end
        start = tok.i
        for child in tok.lefts:
            phrase = f"{child.lemma_.lower()} {tok.lemma_.lower()}"
            if child.dep_ in ("compound", "amod") and child.i == start - 1 and phrase in lex.NOUNS:
                start = child.i
        return start, tok.i + 1

    # ----------------------------------------------------------------------------------------
    # Complements of speech acts

    def _complement_heads(self, tok: Token, trigger: Trigger) -> list[Token]:
        heads: list[Token] = []
        for child in tok.children:
            if child.dep_ in ("xcomp", "ccomp", "acl", "oprd") or (
                child.dep_ == "advcl" and _infinitive(child)
            ):
                heads.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("to", "for", "of", "on", "upon", "with"):
                heads.extend(c for c in child.children if c.dep_ in ("pcomp", "pobj"))
            elif child.dep_ == "dobj" and not trigger.object_recipient:
                heads.append(child)
        return heads

    def _complement(self, tok: Token, anchor: Token, trigger: Trigger) -> _Draft | None:
        """The event a speech act asks for, refuses, promises or threatens (absorbed)."""
        heads = self._complement_heads(tok, trigger)
        if tok.i != anchor.i:
            heads.extend(self._complement_heads(anchor, trigger))
        found: _Draft | None = None
        for head in heads:
            for member in [head, *_conjuncts(head)]:
                for sub in member.subtree:
                    if sub.i == tok.i:
                        continue
                    self.absorbed.add(sub.i)
                if found is not None and found.type:
                    continue
                candidate = self._sub_event(member)
                if found is None or candidate.type:
                    found = candidate
        return found

    def _sub_event(self, head: Token) -> _Draft | None:
        entry: Trigger | None = None
        anchor = head
        trig = head
        if head.pos_ in ("VERB", "AUX"):
            noun = self._support_noun(head)
            if noun is not None:
                entry, trig = self._noun_entry(noun), noun
            else:
                found = self._verb_trigger(head)
                entry = found[0] if found else None
        elif head.pos_ in ("NOUN", "PROPN"):
            entry = self._noun_entry(head)
        if entry is None:
            if head.pos_ in ("NOUN", "PROPN"):
                # "Russia's readiness to negotiate": the event is the noun's infinitive;
                # "a proposal for a ceasefire": the event is what the noun is for.
                for child in head.children:
                    if child.dep_ == "acl" and _infinitive(child):
                        return self._sub_event(child)
                    if child.dep_ == "prep" and child.lower_ in ("for", "on", "of"):
                        for obj in child.children:
                            if obj.dep_ == "pobj" and self._noun_entry(obj) is not None:
                                return self._sub_event(obj)
            # "to remain in touch": no event, but its subject may still be the one asked.
            stub = _Draft("", None, head, head, (head.i, head.i + 1))
            if head.pos_ in ("VERB", "AUX"):
                stub.entry = Trigger("")
                stub.pending = {"actors"}
            return stub
        # Arguments are resolved only when the speech act needs them, so that the things a
        # request names ("withdraw his troops") do not become entities of the record.
        sub = _Draft(entry.type, entry.mode, trig, anchor, (trig.i, trig.i + 1))
        sub.entry = entry
        sub.pending = {"actors", "recipients"}
        return sub

    def _sub_part(self, sub: _Draft, part: str) -> list[str]:
        """The actors or recipients of a complement event, resolved on first use."""
        if part in sub.pending and sub.entry is not None:
            sub.pending.discard(part)
            actors, recipients = self._arguments(sub.trigger, sub.anchor, sub.entry, None, part)
            if part == "actors":
                sub.actors = actors
            else:
                sub.recipients = recipients
        return sub.actors if part == "actors" else sub.recipients

    def _complement_mode(self, type_: str, mode: str | None, sub: _Draft) -> str | None:
        if mode is not None:
            return mode
        if not sub.type:
            return None
        if type_ in ("REQUEST", "REJECT"):
            return lex.request_mode(sub.type, sub.anchor.lemma_.lower())
        if type_ == "THREATEN":
            return lex.threaten_mode(sub.type, sub.mode)
        return None

    # ----------------------------------------------------------------------------------------
    # Arguments

    def _arguments(
        self,
        tok: Token,
        anchor: Token,
        trigger: Trigger,
        complement: _Draft | None,
        part: str = "both",
    ) -> tuple[list[str], list[str]]:
        """(actors, recipients); ``part`` limits the work to "actors" or "recipients"."""
        actors: list[str] = []
        recipients: list[str] = []
        subject, passive = self._subject(anchor)
        agent = self._agent(anchor)
        if part != "recipients":
            if passive and agent is not None:
                actors += self._resolve_all(agent)
            elif passive and subject is not None and not trigger.object_recipient:
                # "guerrillas have been demobilized", "Israel is opposed to ...".
                actors += self._resolve_all(subject)
            elif not passive and subject is not None:
                actors += self._resolve_all(subject)
        if part == "actors":
            return actors, recipients
        if passive and subject is not None and trigger.object_recipient:
            recipients += self._resolve_all(subject)
        # Direct and indirect objects.
        verb = anchor if tok.i != anchor.i else tok
        obj = None
        for child in verb.children:
            if child.dep_ == "dobj":
                obj = child
            if child.dep_ == "dative" and child.pos_ == "ADP":
                # "providing intelligence to Macedonia" parsed with "to" as the dative.
                for obj_ in child.children:
                    if obj_.dep_ == "pobj":
                        recipients += self._resolve_all(obj_)
            elif child.dep_ == "dative" or (
                child.dep_ in ("dobj", "oprd") and trigger.object_recipient and child.i != tok.i
            ):
                recipients += self._resolve_all(child)
        # Recipient prepositions on the trigger, on the support verb of a noun, and on an
        # object that is not the recipient ("halted economic aid to Serbia").
        holders = [tok] if tok.i == anchor.i else [tok, anchor]
        preps = trigger.recipient_preps
        if obj is not None and obj.i != tok.i and not trigger.object_recipient:
            holders.append(obj)
            preps = (*preps, "to", "on", "against", "with", "for")
        for holder in holders:
            recipients += self._prep_recipients(holder, preps)
        if complement is not None:
            recipients += self._complement_recipients(tok, anchor, trigger, complement)
        if trigger.type in ("REJECT", "AGREE", "CONCEDE", "ACCUSE", "SUPPORT") and not recipients:
            recipients += self._owner_of_object(verb)
            if complement is not None and not recipients:
                recipients += self._owner(complement.trigger)
        if not recipients and trigger.type in lex.CONFLICT_TYPES | {"AID"}:
            target = obj if obj is not None and obj.i != tok.i else (subject if passive else None)
            if target is not None:
                recipients += self._target_by_origin(target)
        return actors, recipients

    def _prep_recipients(self, holder: Token, preps: tuple[str, ...], depth: int = 0) -> list[str]:
        found: list[str] = []
        for child in holder.children:
            if child.dep_ != "prep":
                continue
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                if child.lower_ in preps:
                    found += self._resolve_all(obj)
                elif child.lower_ == "of" and depth < 1:
                    found += self._prep_recipients(obj, preps, depth + 1)
        return found

    def _target_by_origin(self, tok: Token) -> list[str]:
        """ "demolished Palestinian homes": the people the things belong to, by country."""
        tok = self._partitive(tok)
        if self._actor_like(tok):
            return self._resolve_all(tok)
        for child in tok.children:
            if child.dep_ == "poss" and self._actor_like(child):
                return self._resolve_all(child)  # "Iran's nuclear facilities"
        countries = self._modifier_countries(tok)
        if len(countries) != 1 or tok.pos_ != "NOUN":
            return []
        start, end = _phrase(tok)
        while start < end and self.doc[start].dep_ in ("det", "nummod", "quantmod"):
            start += 1
        entity = self.index.group(_describe(self.doc[start:end].text), True)
        entity.country = entity.country or countries[0]
        entity.sector = entity.sector or "CVL"
        self.index.add_mention(entity, start, end)
        return [entity.id]

    def _complement_recipients(
        self, tok: Token, anchor: Token, trigger: Trigger, sub: _Draft
    ) -> list[str]:
        if trigger.type == "REQUEST":
            if (
                any(c.dep_ in ("dobj", "dative") for c in anchor.children)
                and trigger.control == "object"
            ):
                return []
            on = [
                obj
                for c in anchor.children
                if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                for obj in c.children
                if obj.dep_ == "pobj"
            ]
            if on and trigger.control == "object":
                return [e for obj in on for e in self._resolve_all(obj)]
            return self._sub_part(sub, "actors") or self._sub_part(sub, "recipients")
        if trigger.type == "ACCUSE":
            return []
        return self._sub_part(sub, "recipients")

    def _owner_of_object(self, verb: Token) -> list[str]:
        """ "rejected an Indian proposal", "North Korea's demand", "calls by Belarus's rulers"."""
        for child in verb.children:
            if child.dep_ == "dobj":
                if self._actor_like(child):
                    return self._resolve_all(child)
                return self._owner(child)
        return []

    def _owner(self, noun: Token) -> list[str]:
        """Who a proposal, demand or plan comes from: its possessor, nationality or author."""
        for sub in noun.children:
            named = sub.pos_ == "PROPN" or sub.i in self.index.token_entity
            if sub.dep_ == "poss" and self._actor_like(sub):
                return self._resolve_all(sub)
            if sub.dep_ in ("compound", "amod") and (named or self._country_word(sub)):
                return self._resolve_all(sub)
            if sub.dep_ in ("prep", "agent") and sub.lower_ in ("by", "from"):
                for obj in sub.children:
                    if obj.dep_ == "pobj" and self._actor_like(obj):
                        return self._resolve_all(obj)
        return []

    def _subject(self, verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
        """(subject token, passive) of ``verb``, following control and coordination."""
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return self._relative(child), passive
            if child.dep_ == "nsubjpass":
                return self._relative(child), True
        if depth > 4:
            return None, passive
        dep = verb.dep_
        head = verb.head
        if dep == "xcomp" or (dep == "advcl" and _infinitive(verb)):
            if head.lemma_.lower() in _OBJECT_CONTROL | {"call"}:
                for child in head.children:
                    if child.dep_ in ("dobj", "dative"):
                        return child, passive
            return self._subject(head, depth + 1)[0], passive
        if dep == "conj" and head.pos_ in ("VERB", "AUX", "ADJ"):
            subject, head_passive = self._subject(head, depth + 1)
            return subject, passive or (head_passive and not _has_subject(verb))
        if dep in ("advcl", "pcomp") and verb.tag_ in ("VBG", "VBN"):
            return self._subject(head if dep == "advcl" else head.head, depth + 1)[0], passive
        if dep == "acl":
            if verb.tag_ == "VBN":
                return head, True
            for child in head.children:
                if child.dep_ == "poss":
                    return child, passive
        if dep == "acomp" or verb.pos_ == "ADJ":
            return self._subject(head, depth + 1)
        return None, passive

    def _relative(self, tok: Token) -> Token:
        """ "which" / "who" as a subject stands for the noun the relative clause modifies."""
        if tok.lower_ not in _RELATIVE_PRONOUNS:
            return tok
        node = tok.head
        for _ in range(4):
            if node.dep_ == "relcl":
                return node.head
            node = node.head
        return tok

    def _agent(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None

    # ----------------------------------------------------------------------------------------
    # Actors

    def _actor_like(self, tok: Token) -> bool:
        """Whether a noun phrase can name an actor (so that "the conflict" never becomes one)."""
        if tok.i in self.date_token_set or (
            tok.ent_type_ == "DATE" and self._country_word(tok) is None
        ):
            return False  # "on Monday" is a date, not an actor
        if tok.lower_ in _ACTOR_PRONOUNS or tok.lower_ in _RELATIVE_PRONOUNS:
            return True
        if tok.i in self.index.token_entity:
            return True
        lemma = tok.lemma_.lower()
        low = tok.lower_
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
            return True
        if low in lex.SECTOR_BY_NOUN or lemma in lex.SECTOR_BY_NOUN:
            return True
        if lemma in lexicon.GOVERNMENT_HEADS or lemma in lexicon.TITLE_WORDS:
            return True
        if lemma in _GROUP_REFERENCES or lemma in lex.ORGANIZATION_HEADS:
            return True
        if self._country_word(tok) is not None:
            return True
        return (
            tok.pos_ == "NOUN"
            and low not in lex.NOT_HUMAN
            and low.endswith(lex.HUMAN_SUFFIXES)
            and not low.endswith(lex.NOT_HUMAN_SUFFIXES)
        )

    def _country_word(self, tok: Token) -> str | None:
        text = tok.text
        low = tok.lower_
        if low == "us" and text != "US":
            return None
        found = (
            self.gaz.country_of_demonym(text)
            or self.gaz.country_of_name(text)
            or self.gaz.country_of_capital(text)
        )
        if found:
            return found
        if low.endswith("s") and self.gaz.country_of_demonym(text[:-1]):
            return self.gaz.country_of_demonym(text[:-1])
        return lex.EXTRA_COUNTRY_WORDS.get(low)

    def _resolve_all(self, tok: Token) -> list[str]:
        out: list[str] = []
        tok = self._partitive(self._relative(tok))
        members = [tok, *_conjuncts(tok)]
        for member in members:
            member = self._partitive(self._relative(member))
            if not self._actor_like(member):
                continue
            group = self._group_reference(member)
            if group is not None:
                out.extend(group)
                continue
            countries = self._modifier_countries(member)
            if len(countries) > 1 and member.pos_ == "NOUN":
                # "Hungarian and Romanian officials": one actor per country.
                for alpha3 in countries:
                    entity = self._country_actor(alpha3, member)
                    out.append(entity.id)
                continue
            entity_id = self._resolve(member)
            if entity_id is not None:
                out.append(entity_id)
        return out

    def _partitive(self, tok: Token) -> Token:
        """ "a group of Moroccan diplomats", "thousands of Nigerians": the group named."""
        for _ in range(3):
            if (
                tok.lemma_.lower() not in lex.PARTITIVES
                and tok.lower_ not in lex.PARTITIVES
                and tok.pos_ != "NUM"
            ):
                return tok
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if obj is None:
                return tok
            tok = obj
        return tok

    def _group_reference(self, tok: Token) -> list[str] | None:
        """ "the two leaders", "both sides": the participants of the meeting in progress."""
        if tok.lemma_.lower() not in _GROUP_REFERENCES or tok.tag_ not in ("NNS", "NNPS"):
            return None
        if any(self._country_word(c) for c in tok.children if c.dep_ in ("amod", "compound")):
            return None
        determined = any(
            c.lower_ in ("the", "both", "two")
            for c in tok.children
            if c.dep_ in _PRE_DEPS | {"predet"}
        )
        if not determined or not self.groups:
            return None
        return list(self.groups[-1])

    def _modifier_countries(self, tok: Token) -> list[str]:
        found: list[str] = []
        for child in tok.children:
            if child.dep_ not in ("amod", "compound", "poss"):
                continue
            for member in [child, *_conjuncts(child)]:
                alpha3 = self._country_word(member)
                if alpha3 and alpha3 not in found:
                    found.append(alpha3)
        return found

    def _country_actor(self, alpha3: str, head: Token) -> Entity:
        lemma = head.lemma_.lower()
        sector = lex.SECTOR_BY_NOUN.get(head.lower_) or lex.SECTOR_BY_NOUN.get(lemma)
        if sector in (None, "GOV"):
            return self.index.government(alpha3)
        info = self.gaz.countries.get(alpha3)
        adjective = info.adjective if info else alpha3
        entity = self.index.group(f"{adjective} {head.text}", True)
        entity.country = entity.country or alpha3
        entity.sector = entity.sector or sector
        return entity

    def _resolve(self, tok: Token) -> str | None:
        start, end = _phrase(tok)
        entity_id = self.index.token_entity.get(tok.i)
        countries = self._modifier_countries(tok)
        if tok.lemma_.lower() in _STATE_HEADS and len(countries) == 1:
            # "the Russian embassy", "Israel's defence ministry": the state itself.
            entity = self.index.government(countries[0])
            self.index.add_mention(entity, start, end)
            return entity.id
        if entity_id is None or self.index.get(entity_id).kind not in (
            "country",
            "place",
            "organization",
        ):
            # Names of places and organizations are taken as the entity builder decided them
            # ("North Korea" is not Korea); descriptions go through the speaker resolver.
            entity_id = self.resolver.resolve(start, end, self.context)
        if entity_id is None:
            return None
        entity = self.index.get(entity_id)
        if entity.kind == "country" and entity.country:
            # A state acting is its government (PLOVER sector GOV).
            entity = self.index.government(entity.country)
            self.index.add_mention(entity, start, end)
        elif entity.kind == "place" and entity.country and self._capital(entity.name):
            entity = self.index.government(entity.country)  # "Berlin" acting
            self.index.add_mention(entity, start, end)
        self._code_actor(entity, tok, start, end)
        return entity.id

    def _capital(self, name: str) -> bool:
        return self.gaz.country_of_capital(name) is not None

    def _code_actor(self, entity: Entity, head: Token, start: int, end: int) -> None:
        """Give an actor its country (ISO alpha-3) and PLOVER sector where it lacks them."""
        if entity.country is None:
            for tok in self.doc[start:end]:
                alpha3 = self._country_word(tok)
                if alpha3:
                    entity.country = alpha3
                    break
        if entity.country is None:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "of", "from"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            alpha3 = self._country_word(obj) or self._phrase_country(obj)
                            if alpha3:
                                entity.country = alpha3
        if entity.country is None:
            entity.country = lex.EXTRA_COUNTRY_WORDS.get(entity.name.lower())
        if entity.sector is None:
            entity.sector = self._sector(entity, head)

    def _phrase_country(self, tok: Token) -> str | None:
        start, end = _phrase(tok)
        text = self.doc[start:end].text
        for key in (text, text.lower().removeprefix("the ")):
            alpha3 = self.gaz.country_of_name(key) or lex.EXTRA_COUNTRY_WORDS.get(key.lower())
            if alpha3:
                return alpha3
        for sub in self.doc[start:end]:
            alpha3 = self._country_word(sub)
            if alpha3:
                return alpha3
        return None

    def _sector(self, entity: Entity, head: Token) -> str | None:
        if entity.kind == "government":
            return "GOV"
        if entity.kind == "person" and entity.title:
            words = entity.title.lower().split()
            for word in reversed(words):
                if word in lexicon.SECTOR_BY_TITLE_WORD:
                    return lexicon.SECTOR_BY_TITLE_WORD[word]
            for word in words:
                if word in ("opposition", "rebel", "party"):
                    return lex.SECTOR_BY_NOUN.get(word)
            if any(w in lexicon.GOVERNMENT_TITLE_WORDS for w in words):
                return "GOV"
            return None
        words = [w.strip(".,'’") for w in entity.name.lower().split()]
        words.append(head.lemma_.lower())
        for word in reversed(words):
            sector = lex.SECTOR_BY_NOUN.get(word)
            if sector:
                return sector
        if head.lower_ in lexicon.TITLE_WORDS:
            return "GOV"
        return None

    # ----------------------------------------------------------------------------------------
    # Flags, modes, dates, places

    def _negated(self, tok: Token) -> bool:
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children):
            return True
        # "failed to reach agreement"
        return tok.dep_ == "xcomp" and _lemma(tok.head) == "fail" and not self._negated(tok.head)

    def _future(self, verb: Token) -> bool:
        node = verb
        for _ in range(3):
            for child in node.children:
                if child.dep_ in ("aux", "auxpass") and child.lower_ in lex.FUTURE_AUXILIARIES:
                    return True
                if child.dep_ == "aux" and child.lower_ == "would" and node.dep_ == "ccomp":
                    return True
            if node.dep_ in ("xcomp", "conj") and node.head.lemma_.lower() in lex.FUTURE_GOVERNORS:
                return True
            if (
                node.dep_ == "xcomp"
                and node.head.lemma_.lower() == "go"
                and any(c.dep_ == "aux" for c in node.head.children)
            ):
                return True
            if node.dep_ not in ("conj", "xcomp"):
                break
            node = node.head
        return False

    def _hypothetical(self, verb: Token) -> bool:
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in ("could", "may", "might"):
                return True
        node = verb
        for _ in range(4):
            if node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in lex.HYPOTHETICAL_MARKS for c in node.children
            ):
                return True
            if node.dep_ in ("ROOT",) or node.head.i == node.i:
                break
            node = node.head
        return False

    def _by_phone(self, anchor: Token, tok: Token) -> bool:
        for holder in {anchor, tok}:
            for child in holder.children:
                if (
                    child.dep_ == "prep"
                    and child.lower_ in ("by", "over", "via")
                    and any(o.lower_ in _PHONE_WORDS for o in child.children)
                ):
                    return True
                if child.dep_ == "compound" and child.lower_ in _PHONE_WORDS:
                    return True
        return False

    def _date_tokens(self) -> dict[int, tuple[Span, EventDate]]:
        """Token index -> (expression, resolved date), for the root token of each expression."""
        out: dict[int, tuple[Span, EventDate]] = {}
        self.date_token_set: set[int] = set()
        for expression in find_date_expressions(self.document.text):
            span = self.doc.char_span(expression.start, expression.end, alignment_mode="expand")
            if span is None:
                continue
            self.date_token_set.update(range(span.start, span.end))
            resolved = resolve_date(expression.text, self.published, span=expression)
            out[span.root.i] = (expression, resolved)
        return out

    def _own_date(self, tok: Token, anchor: Token) -> EventDate | None:
        """A date expression attached to the trigger or its verb, not to a nested clause."""
        best: EventDate | None = None
        for index, (_, resolved) in self.date_of_token.items():
            node = self.doc[index]
            for _ in range(5):
                head = node.head
                if head.i == node.i:
                    break
                if head.i in (anchor.i, tok.i):
                    best = best or resolved
                    break
                if head.pos_ in ("VERB", "AUX") and head.dep_ != "aux":
                    break
                node = head
        return best

    def _location(self, tok: Token, anchor: Token) -> str | None:
        """A place the event happens in: "in Baghdad", "in the town of Cizre"."""
        for holder in (tok, anchor):
            for child in holder.children:
                if child.dep_ != "prep" or child.lower_ not in ("in", "at", "near", "inside"):
                    continue
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    candidates = [obj]
                    candidates += [
                        o
                        for of in obj.children
                        if of.dep_ == "prep" and of.lower_ == "of"
                        for o in of.children
                        if o.dep_ == "pobj"
                    ]
                    for cand in candidates:
                        entity_id = self.index.token_entity.get(cand.i)
                        if entity_id and self.index.get(entity_id).kind in ("place", "country"):
                            return entity_id
        return None

    def _hosting(self, draft: _Draft) -> None:
        """A meeting's host is the recipient only where the place says who hosts ("met with
        his Saudi counterpart in Riyadh"); otherwise every participant is an actor."""
        participants = draft.actors + draft.recipients
        place = self.index.get(draft.location) if draft.location else None
        hosts = [
            p
            for p in participants
            if place is not None and place.country and self.index.get(p).country == place.country
        ]
        if hosts and len(hosts) < len(participants):
            draft.actors = [p for p in participants if p not in hosts]
            draft.recipients = hosts
        else:
            draft.actors, draft.recipients = participants, []

    def _modal_requests(self) -> list[_Draft]:
        """ "Russia said Sudan must return the helicopter": a REQUEST by the speaker of the
        clause's subject, whose mode is what the clause asks for."""
        drafts: list[_Draft] = []
        for tok in self.doc:
            if tok.dep_ != "aux" or tok.lower_ not in ("must", "should"):
                continue
            verb = tok.head
            cue = verb.head
            if verb.dep_ != "ccomp" or cue.i == verb.i:
                continue
            cue_lemma = _lemma(cue)
            if cue_lemma not in lexicon.CLAUSAL_CUES or cue_lemma in lex.VERBS:
                continue
            if self.document.section_at(tok.idx) in self.skip_sections:
                continue
            speaker, _ = self._subject(cue)
            addressee, _ = self._subject(verb)
            if speaker is None or addressee is None or not self._actor_like(addressee):
                continue
            if addressee.lower_ in ("i", "we", "you") or _lemma(verb) in lexicon.CLAUSAL_CUES:
                continue  # "I must tell you": no demand on anyone
            actors = self._resolve_all(speaker)
            recipients = [r for r in self._resolve_all(addressee) if r not in actors]
            if not actors or not recipients:
                continue
            sub = self._sub_event(verb)
            for sub_tok in verb.subtree:
                self.absorbed.add(sub_tok.i)
            mode = lex.request_mode(sub.type, _lemma(verb)) if sub.type else "change"
            draft = _Draft(
                type="REQUEST",
                mode=mode,
                trigger=tok,
                anchor=cue,
                trigger_span=(tok.i, tok.i + 1),
                actors=_unique(actors),
                recipients=_unique(recipients),
                speech=True,
            )
            draft.negated = self._negated(verb)
            draft.own_date = self._own_date(cue, cue)
            drafts.append(draft)
        return drafts

    # ----------------------------------------------------------------------------------------
    # Accusations made in attributed statements

    def _statement_accusations(self) -> list[_Draft]:
        drafts: list[_Draft] = []
        for attribution in self.attributions:
            if attribution.speaker is None or attribution.section in self.skip_sections:
                continue
            cue_token = None
            if attribution.cue is not None:
                cue_span = self.doc.char_span(
                    attribution.cue.span.start, attribution.cue.span.end, alignment_mode="expand"
                )
                cue_token = cue_span.root if cue_span is not None else None
            seen: set[str] = set()
            for content in attribution.content:
                span = self.doc.char_span(content.start, content.end, alignment_mode="expand")
                if span is None:
                    continue
                for tok in span:
                    if tok.pos_ not in ("NOUN", "PROPN"):
                        continue
                    if self._innermost(tok.idx) is not attribution:
                        continue  # an account inside this one makes the accusation
                    accused, start = self._evaluated_owner(tok)
                    if accused is None or accused == attribution.speaker or accused in seen:
                        continue
                    seen.add(accused)
                    anchor = cue_token or tok
                    draft = _Draft(
                        type="ACCUSE",
                        mode="disapprove",
                        trigger=tok,
                        anchor=anchor,
                        trigger_span=(start, tok.i + 1),
                        actors=[attribution.speaker],
                        recipients=[accused],
                        speech=True,
                        statement_by=attribution.speaker,
                    )
                    draft.negated = self._negated(tok.head) if tok.dep_ == "attr" else False
                    if cue_token is not None:
                        draft.own_date = self._own_date(cue_token, cue_token)
                    drafts.append(draft)
        return drafts

    def _evaluated_owner(self, tok: Token) -> tuple[str | None, int]:
        """For a noun evaluated in hostile terms, the actor whose conduct it is."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None, tok.i
        hostile = [
            c for c in tok.children if c.dep_ == "amod" and c.lower_ in lex.NEGATIVE_EVALUATION
        ]
        if not hostile and tok.lower_ not in lex.ACCUSATION_NOUNS:
            return None, tok.i
        start = min([c.i for c in hostile] + [tok.i])
        for child in tok.children:
            if child.dep_ in ("poss", "compound") and self._actor_like(child):
                ids = self._resolve_all(child)
                if ids:
                    return ids[0], min(start, child.i if child.dep_ == "compound" else start)
        for sub in tok.subtree:
            if sub.dep_ in ("agent",) or (sub.dep_ == "prep" and sub.lower_ == "by"):
                for obj in sub.children:
                    if obj.dep_ == "pobj" and self._actor_like(obj):
                        ids = self._resolve_all(obj)
                        if ids:
                            return ids[0], start
        return None, tok.i

    # ----------------------------------------------------------------------------------------
    # Who placed a call

    def _initiation(self, verb: Token) -> None:
        agent = self._agent(verb)
        if agent is None:
            return
        theme = None
        for child in verb.children:
            if child.dep_ in ("nsubjpass", "nsubj", "dobj"):
                theme = self._relative(child)
        if theme is None or theme.lemma_.lower() not in lex.CALL_NOUNS:
            # "which Moscow said was initiated by ...": climb to the relative clause's noun.
            node = verb
            for _ in range(4):
                if node.dep_ == "relcl":
                    theme = node.head
                    break
                node = node.head
        if theme is None or theme.lemma_.lower() not in lex.CALL_NOUNS:
            return
        ids = self._resolve_all(agent)
        if not ids:
            return
        entity = self.index.get(ids[0])
        date = None
        for child in theme.children:
            if child.i in self.date_of_token:
                date = self.date_of_token[child.i][1].value
        key = (ids[0], date)
        if any((i.entity, i.date) == key for i in self.initiations):
            return
        self.initiations.append(_Initiation(ids[0], entity.country, date))

    def _apply_initiations(self, drafts: list[_Draft]) -> None:
        for initiation in self.initiations:
            for draft in drafts:
                if draft.type != "CONSULT" or draft.recipients or len(draft.actors) < 2:
                    continue
                value = draft.own_date.value if draft.own_date else None
                if initiation.date is not None and initiation.date != value:
                    continue
                if initiation.date is None and draft.previous:
                    continue
                callers = [
                    a
                    for a in draft.actors
                    if a == initiation.entity
                    or (initiation.country and self.index.get(a).country == initiation.country)
                ]
                called = [a for a in draft.actors if a not in callers]
                if callers and called:
                    draft.actors, draft.recipients = callers, called
                break

    # ----------------------------------------------------------------------------------------
    # Merging and output

    def _merge(self, drafts: list[_Draft]) -> list[_Draft]:
        kept: list[_Draft] = []
        for draft in drafts:
            participants = frozenset(draft.actors) | frozenset(draft.recipients)
            duplicate = None
            for earlier in kept:
                if earlier.type != draft.type or earlier.previous or draft.previous:
                    continue
                if frozenset(earlier.actors) | frozenset(earlier.recipients) != participants:
                    continue
                if (earlier.negated, earlier.hypothetical) != (draft.negated, draft.hypothetical):
                    continue
                mine = draft.own_date.value if draft.own_date else None
                theirs = earlier.own_date.value if earlier.own_date else None
                if mine is None or mine == theirs:
                    duplicate = earlier
                    break
            if duplicate is None:
                if draft.previous and draft.mode is None:
                    # "last spoke in December 2022": the earlier contact of the same kind.
                    for earlier in kept:
                        same = frozenset(earlier.actors) | frozenset(earlier.recipients)
                        if earlier.type == draft.type and same == participants:
                            draft.mode = earlier.mode
                            break
                kept.append(draft)
            elif duplicate.mode is None:
                duplicate.mode = draft.mode
        return kept

    def _finish(self, drafts: list[_Draft]) -> list[Event]:
        text = self.document.text
        main = next((d for d in drafts if d.type == "CONSULT" and not d.previous), None)
        main_people = set(main.actors + main.recipients) if main else set()
        events: list[Event] = []
        for number, draft in enumerate(drafts, start=1):
            start_tok, end_tok = draft.trigger_span
            span = self.doc[start_tok:end_tok]
            trigger = Span.of(text, span.start_char, span.end_char)
            reported_by, speaker = self._reported_by(trigger.start, draft)
            date = draft.own_date
            if date is None and draft.previous:
                date = EventDate(None, None, None, "unresolved")
            if date is None and main is not None and draft is not main and main.own_date:
                people = set(draft.actors) | {speaker, draft.statement_by}
                if people & main_people:
                    date = main.own_date
            if date is None:
                date = publication_fallback(self.published)
            events.append(
                Event(
                    id=f"v{number}",
                    type=draft.type,
                    trigger=trigger,
                    mode=draft.mode,
                    actors=list(draft.actors),
                    recipients=list(draft.recipients),
                    date=date,
                    location=draft.location,
                    reported_by=reported_by,
                    negated=draft.negated,
                    future=draft.future,
                    hypothetical=draft.hypothetical,
                )
            )
        return events

    def _innermost(self, offset: int) -> Attribution | None:
        """The smallest attribution whose content holds character ``offset``."""
        best: Attribution | None = None
        best_size = 0
        for attribution in self.attributions:
            if attribution.section in self.skip_sections:
                continue
            if any(c.start <= offset < c.end for c in attribution.content):
                size = sum(c.end - c.start for c in attribution.content)
                if best is None or size < best_size:
                    best, best_size = attribution, size
        return best

    def _reported_by(self, offset: int, draft: _Draft) -> tuple[str | None, str | None]:
        """(reporting attribution id, speaker of the innermost statement holding the event)."""
        best = self._innermost(offset)
        if best is None:
            return None, None
        speaker = best.speaker
        own = best.speaker in draft.actors or best.speaker == draft.statement_by
        if (draft.speech or draft.type == "SUPPORT") and own:
            return best.via, speaker
        return best.id, speaker


# --------------------------------------------------------------------------------------------
# Small helpers


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


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
