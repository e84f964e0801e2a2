"""Complements of speech acts: the event a REQUEST, AGREE, REJECT or THREATEN is about.

The complement's tokens are absorbed (never coded as events of their own); its arguments are
resolved only when the speech act needs them; it may set the speech act's mode.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.events import lexicon as lex
from onrecord.events.lexicon import Trigger
from onrecord.events.shared import CoderState, _conjuncts, _Draft, _infinitive, _object

# Prepositions whose object receives what a complement with no trigger of its own does.
_STUB_PREPS = ("to", "against", "with", "toward", "towards")


class Complements(CoderState):
    """The events speech acts ask for, refuse, promise or threaten."""

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
                obj = _object(head)
                if entry is None and obj is not None and self._noun_entry(obj) is not None:
                    # "to institute a curfew": the event its object names.
                    entry, trig = self._noun_entry(obj), obj
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
                # "offered to hand over to Great Britain": who the promise is made to.
                stub.entry = Trigger("", recipient_preps=_STUB_PREPS, object_recipient=False)
                stub.pending = {"actors", "recipients"}
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
