"""Finding triggers: which token reports an event, with which lexicon entry.

Verbs (with their particle, preposition or object idiom), "X called Y" as a phone call, event
nouns carried by a support verb ("held talks"), predicative adjectives of willingness; the
refinements that recode or drop a verb by what it acts on ("welcomed the statement" is
SUPPORT, "fired the employees" no event); the token range reported as the trigger.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.events import lexicon as lex
from onrecord.events.lexicon import Trigger
from onrecord.events.shared import CoderState, _clause_head, _lemma, _object

_MEANING_PARTICLES = frozenset({"out", "off", "away", "down", "up", "back"})
_REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "ourselves", "myself"})


def _aspectual(verb: Token) -> bool:
    """Whether a verb tells that its subject, an event noun, happens: "the trial has begun",
    "fighting erupted", "talks took place" (``words/aspectual_verbs.txt``)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    if _lemma(verb) == "take":
        return len(objects) == 1 and objects[0].lower_ == "place"
    return _lemma(verb) in lex.ASPECTUAL_VERBS and not objects


class Triggers(CoderState):
    """Which tokens trigger which events."""

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
                # "The trial of X has begun": the noun is the event and bears its arguments.
                anchor = tok if tok.dep_ == "nsubj" else carrier
                return self._noun_in_context(entry, tok, carrier), anchor
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
        if entry.type == "AID" and lemma not in lex.AID_ANYWAY:
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
        if lemma in lex.EFFORT_NOUNS:
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
        if noun.dep_ == "nsubj" and _aspectual(head):
            return head  # "the trial of ... has begun", "the talks took place"
        engaged = noun.dep_ == "pobj" and head.lower_ == "in"
        if engaged and _lemma(head.head) in lex.ENGAGEMENT_VERBS:
            return head.head  # "engaged in a fierce battle with"
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("dobj", "nsubjpass"):
            measure = head.head
            if measure.lemma_.lower() in lex.MEASURE_NOUNS or measure.pos_ == "NUM":
                return measure.head
        return None

    def _support_noun(self, verb: Token) -> Token | None:
        lemma = _lemma(verb)
        if lemma in lex.ENGAGEMENT_VERBS:
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and self._noun_entry(obj) is not None:
                            return obj
        if _aspectual(verb):
            for child in verb.children:
                if child.dep_ == "nsubj" and self._noun_entry(child) is not None:
                    return child
        if lemma not in lex.SUPPORT_VERBS:
            return None
        for child in verb.children:
            if child.dep_ not in ("dobj", "nsubjpass"):
                continue
            if self._noun_entry(child) is not None:
                return child
            if child.lemma_.lower() in lex.MEASURE_NOUNS:
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for obj in prep.children:
                            if obj.dep_ == "pobj" and self._noun_entry(obj) is not None:
                                return obj
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
