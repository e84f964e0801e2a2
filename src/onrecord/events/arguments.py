"""Arguments from the parse: subjects (through control, coordination and relative clauses),
passive agents, recipients (objects, recipient prepositions, owners of what is rejected or
demanded, the people things belong to) and the place an event happens in.

Tokens become entities in :mod:`onrecord.events.actors`.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.events import lexicon as lex
from onrecord.events.lexicon import Trigger
from onrecord.events.relevance import nonpolitical_sectors
from onrecord.events.shared import (
    _RELATIVE_PRONOUNS,
    CoderState,
    _describe,
    _Draft,
    _has_subject,
    _infinitive,
    _lemma,
    _phrase,
)

# Prepositions whose object a speech act's complement noun with no trigger is aimed at.
_STUB_NOUN_PREPS = ("against", "on", "to", "toward", "towards")


class Arguments(CoderState):
    """Who acts, on whom, and where, from the parse."""

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
        if passive and _lemma(anchor) in lex.ENGAGEMENT_VERBS:
            passive = False  # "it is engaged in a battle": the one engaged fights
        if subject is None and anchor.pos_ in ("NOUN", "PROPN"):
            # An event noun that bears its own arguments: "Russia's offer", "talks by X".
            subject = self._agent(anchor) or next(
                (c for c in anchor.children if c.dep_ == "poss"), None
            )
        agent = self._agent(anchor)
        if part != "recipients":
            if passive and agent is not None:
                actors += self._resolve_all(agent)
            elif passive and subject is not None and not trigger.object_recipient:
                # "guerrillas have been demobilized", "Israel is opposed to ...".
                actors += self._resolve_all(subject)
            elif not passive and subject is not None:
                actors += self._resolve_all(subject)
        if not actors and part != "recipients" and (trigger.participants or tok.pos_ == "NOUN"):
            # "Talks between Iran and the United States resumed", "fighting between X and Y
            # erupted": the sides are its actors.
            for between in self._of_objects(tok, ("between", "among")):
                actors += self._resolve_all(between)
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
        if complement is not None and not recipients and complement.type in lex.PLACE_TARGET_TYPES:
            # "threatened to impose a curfew in Algiers": where what is threatened would be.
            place = self._location(complement.trigger, complement.anchor)
            if place is not None:
                recipients.append(self._place_target(place))
        elif trigger.type == "THREATEN" and obj is not None and not recipients:
            # "threatened further action against Russia".
            recipients += self._prep_recipients(obj, _STUB_NOUN_PREPS)
        if trigger.type in ("REJECT", "AGREE", "CONCEDE", "ACCUSE", "SUPPORT") and not recipients:
            recipients += self._owner_of_object(verb)
            if complement is not None and not recipients:
                recipients += self._owner(complement.trigger)
        if not recipients and trigger.type == "PROTEST":
            recipients += self._protest_target(tok, anchor)
        if not recipients and trigger.type == "THREATEN":
            recipients += self._condition_subject(tok, anchor, complement)
        if not recipients and trigger.type in lex.CONFLICT_TYPES | {"AID"}:
            target = obj if obj is not None and obj.i != tok.i else (subject if passive else None)
            if target is not None:
                recipients += self._target_by_origin(target)
            # "imposed tariffs on Chinese steel": whose the things acted on are.
            for holder in holders if not recipients else ():
                for prep_obj in self._of_objects(holder, trigger.recipient_preps):
                    recipients += self._target_by_origin(prep_obj)
        return actors, recipients

    def _plural_side(self, verb: Token, actors: list[str]) -> bool:
        """Whether a meeting's one actor is a group of officials that meets among itself
        ("NATO defense ministers are discussing", "the leaders met"): a plural subject whose
        head noun names a political office (``tables/sector_by_noun.tsv``)."""
        subject, passive = self._subject(verb)
        if len(actors) != 1 or subject is None or passive or subject.tag_ not in ("NNS", "NNPS"):
            return False
        sector = lex.SECTOR_BY_NOUN.get(subject.lower_) or lex.SECTOR_BY_NOUN.get(
            subject.lemma_.lower()
        )
        return sector is not None and sector not in nonpolitical_sectors()

    def _protest_target(self, tok: Token, anchor: Token) -> list[str]:
        """Whom a protest is aimed at: "rallied against the president", "in protest of the
        Russian government's refusal", "in defiance of Chinese authorities", "a hunger strike
        to demand the resignation of President X", "calling for the removal of Y"."""
        nouns: list[Token] = []
        for holder in dict.fromkeys((tok, anchor)):
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ == "against":
                    nouns += [o for o in child.children if o.dep_ == "pobj"]
                elif child.dep_ == "prep" and child.lower_ == "in":
                    for obj in child.children:
                        if obj.dep_ == "pobj" and obj.lemma_.lower() in lex.PROTEST_FRAMES:
                            nouns += self._of_objects(obj, ("of", "against", "at", "to"))
                elif child.dep_ in ("advcl", "xcomp", "acl") and (
                    _lemma(child) in lex.PURPOSE_VERBS
                ):
                    nouns += [o for o in child.children if o.dep_ == "dobj"]
                    nouns += self._of_objects(child, ("against", "for", "at"))
        for noun in nouns:
            found = self._aimed_at(noun)
            if found:
                return found
        return []

    def _condition_subject(self, tok: Token, anchor: Token, complement: _Draft | None) -> list[str]:
        """Whom a threat is made to: the side its condition names ("threatened to halt the
        talks unless Baghdad withdraws", "... if the United States goes ahead")."""
        holders = [tok, anchor]
        if complement is not None:
            holders += [complement.trigger, complement.anchor]
        for holder in dict.fromkeys(holders):
            for clause in holder.children:
                if clause.dep_ != "advcl" or not any(
                    m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children
                ):
                    continue
                subject, passive = self._subject(clause)
                if subject is not None and not passive and self._actor_like(subject):
                    return self._resolve_all(subject)
        return []

    def _of_objects(self, holder: Token, preps: tuple[str, ...]) -> list[Token]:
        return [
            obj
            for child in holder.children
            if child.dep_ == "prep" and child.lower_ in preps
            for obj in child.children
            if obj.dep_ == "pobj"
        ]

    def _aimed_at(self, noun: Token) -> list[str]:
        """The actor a noun of a protest's aim names: itself, its owner ("Sweden's
        decision", "reforms by Suharto's government") or what it is of ("the resignation of
        President X")."""
        if self._actor_like(noun):
            return self._resolve_all(noun)
        owner = self._owner(noun)
        if owner:
            return owner
        for obj in self._of_objects(noun, ("of", "against", "by")):
            if self._actor_like(obj):
                return self._resolve_all(obj)
        return []

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

    def _is_date(self, tok: Token) -> bool:
        return tok.i in self.date_token_set or tok.ent_type_ in ("DATE", "TIME")

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
                if obj.dep_ == "pobj" and not self._is_date(obj)  # "on Tuesday" is a date
            ]
            if on and trigger.control == "object":
                return [e for obj in on for e in self._resolve_all(obj)]
            return self._sub_part(sub, "actors") or self._sub_part(sub, "recipients")
        if trigger.type == "ACCUSE":
            return []
        if not sub.type and sub.trigger.pos_ in ("NOUN", "PROPN"):
            # "threatened further action against Russia": the noun's own target.
            return self._prep_recipients(sub.trigger, _STUB_NOUN_PREPS)
        return self._sub_part(sub, "recipients")

    def _owner_of_object(self, verb: Token) -> list[str]:
        """ "rejected an Indian proposal", "North Korea's demand", "calls by Belarus's rulers";
        "denounced as a crime Serbia's suppression of ..." (the object after "as")."""
        for child in verb.children:
            if child.dep_ == "dobj":
                if self._actor_like(child):
                    return self._resolve_all(child)
                return self._owner(child)
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                for obj in child.children:
                    for noun in (obj, *(a for a in obj.children if a.dep_ == "appos")):
                        if noun.dep_ in ("pobj", "appos") and not self._actor_like(noun):
                            owner = self._owner(noun)
                            if owner:
                                return owner
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
            if head.lemma_.lower() in lex.OBJECT_CONTROL | {"call"}:
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

    def _place_target(self, place_id: str) -> str:
        """A place as a recipient: a country is its government, a city itself."""
        place = self.index.get(place_id)
        if place.kind == "country" and place.country:
            place = self.index.government(place.country)
        return place.id

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
