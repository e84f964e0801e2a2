"""Speaker resolution: a source phrase becomes an entity of the document.

Names resolve through their mentions; descriptions ("the Russian president", "the Chancellor")
through the titles entities carry; institutions and places through the gazetteer ("the
Kremlin", "Moscow" and "German officials" speak for a government); pronouns through the speakers
and mentions that precede them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from onrecord import data, lexicon
from onrecord.entities import actor_dictionary, gazetteer, institutions
from onrecord.entities.agreement import agrees
from onrecord.entities.descriptions import record_appositive_titles, role_holder
from onrecord.entities.index import EntityIndex, phrase_head

_POLL_SHARES = data.words("lexicon/poll_share_heads")
_QUANTIFIERS = data.words("lexicon/quantifier_heads")


@dataclass
class SpeakerContext:
    """What earlier attributions said about who is speaking, for pronouns."""

    history: list[tuple[int, str]] = field(default_factory=list)  # (char offset, entity id)

    def remember(self, offset: int, entity_id: str) -> None:
        self.history.append((offset, entity_id))


class SpeakerResolver:
    def __init__(self, index: EntityIndex, published: str | None = None) -> None:
        self.index = index
        self.published = published  # the date offices are looked up for (actor dictionary)
        self.doc = index.doc
        self.gaz = gazetteer.load()
        record_appositive_titles(index)

    def resolve(self, start: int, end: int, context: SpeakerContext) -> str | None:
        """Entity id for the source phrase doc[start:end]."""
        tokens = [t for t in self.doc[start:end] if not t.is_space]
        if not tokens:
            return None
        head = phrase_head(tokens)
        low = head.lower_
        # Names: the last person mentioned in the phrase (spokesman Steffen Hebestreit), not
        # one who owns the head ("Ms Ortiz's lawyer" is not Ortiz); an apposition naming a
        # person names the speaker ("Ms Ortiz's lawyer, Daniel Reyes").
        owners = {
            t.i for c in head.lefts if c.dep_ == "poss" and head.pos_ == "NOUN" for t in c.subtree
        }
        named = [
            self.index.token_entity[t.i]
            for t in tokens
            if t.i in self.index.token_entity and t.i not in owners
        ]
        persons = [e for e in named if self.index.get(e).kind == "person"]
        if not persons and head.pos_ in ("NOUN", "NUM", "PRON"):
            appositive = self._appositive_person(head)
            if appositive:
                return appositive
        if head.pos_ == "PRON" or low in (
            lexicon.PERSON_PRONOUNS | lexicon.PLURAL_PRONOUNS | lexicon.NONPERSON_PRONOUNS
        ):
            resolved = self._pronoun(head, context)
            if resolved:
                self._mention(self.index.get(resolved), [head])
            return resolved
        if persons:
            return persons[-1]
        if low in _POLL_SHARES or head.lemma_.lower() in _POLL_SHARES:
            # "44 percent said": respondents of a poll, not a person or group of the article
            return self._mention(self.index.group("poll respondents", True), tokens)
        phrase = self.doc[tokens[0].i : tokens[-1].i + 1].text
        metonym = self.gaz.metonym(phrase) or self.gaz.metonym(head.text)
        if metonym:
            return self._mention(self.index.government(metonym[0]), tokens)
        country = self._country_modifier(tokens, head)
        if head.lemma_.lower() in lexicon.GOVERNMENT_HEADS and country:
            return self._mention(self.index.government(country), tokens)
        head_country = self.gaz.country_of_name(head.text) or self.gaz.country_of_capital(head.text)
        if head_country and head.pos_ == "PROPN":
            return self._mention(self.index.government(head_country), tokens)
        if head.lemma_.lower() in lexicon.DOCUMENT_HEADS:
            issuer = self._issuer(tokens, head, context)
            if issuer:
                return issuer
        if head.lower_ in lexicon.TITLE_WORDS or head.lemma_.lower() in lexicon.TITLE_WORDS:
            holder = self._office_holder(head, country)
            if holder:
                return self._mention(self.index.get(holder), tokens)
            if country and not self._office_named(head):
                # "the Syrian president" in an article that names no president: who held
                # the office on the article's date, from the Phoenix actor dictionary.
                entity = self._dictionary_holder(head, tokens, country)
                if entity is not None:
                    return self._mention(entity, tokens)
        if head.pos_ == "NOUN" and not owners:
            # "the Wikileaks founder": the person the article gave that role.
            holder = role_holder(self.index, head, country)
            if holder:
                return self._mention(self.index.get(holder), tokens)
        if head.i in self.index.token_entity:
            return self.index.token_entity[head.i]
        organization = institutions.organization_named_by(self.index, head)
        if organization:  # "the ministry" after "the Ministry of Health"
            return self._mention(self.index.get(organization), tokens)
        if institutions.is_unnamed_source(head):
            return self._unnamed_source(head, tokens, context)
        for tok in tokens:
            # "Taliban fighters", "Hamas officials": members stand for their organization.
            entity_id = self.index.token_entity.get(tok.i)
            if (
                entity_id
                and tok.head.i == head.i
                and tok.dep_ == "compound"
                and self.index.get(entity_id).kind in ("organization", "government")
            ):
                return entity_id
        if low in _QUANTIFIERS:
            return self._partitive(head, tokens, context)
        if head.pos_ in ("NOUN", "PROPN"):
            name = _describe(self.doc[tokens[0].i : tokens[-1].i + 1].text)
            plural = head.tag_ in ("NNS", "NNPS")
            entity = self.index.group(name, plural)
            if head.pos_ == "PROPN" and entity.kind == "unknown":
                institution = head.ent_type_ in ("ORG", "GPE", "FAC", "NORP") or any(
                    t.pos_ == "ADP" for t in tokens
                )  # "City of Halifax"
                entity.kind = "organization" if institution else "person"
            return self._mention(entity, tokens)
        return None

    def _mention(self, entity, tokens: list[Token]) -> str:  # type: ignore[no-untyped-def]
        self.index.add_mention(entity, tokens[0].i, tokens[-1].i + 1)
        return entity.id

    def _unnamed_source(self, head: Token, tokens: list[Token], context: SpeakerContext) -> str:
        """ "a source in the government" speaks for it; "officials" alone stay unnamed."""
        affiliated = institutions.affiliation(head)
        if affiliated is not None:
            entity_id = self.resolve(affiliated.i, affiliated.i + 1, context)
            entity = self.index.get(entity_id) if entity_id else None
            if entity is not None and entity.kind == "country" and entity.country:
                entity = self.index.government(entity.country)  # "officials in Canada"
            if entity is not None and entity.kind in ("organization", "government"):
                return self._mention(entity, tokens)
        plural = head.tag_ in ("NNS", "NNPS")
        return self._mention(self.index.group(institutions.unnamed_label(head), plural), tokens)

    def _partitive(self, head: Token, tokens: list[Token], context: SpeakerContext) -> str:
        """ "many of his supporters" speak for "his supporters"; "some" alone is a group."""
        for prep in head.rights:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if prep.lower_ == "of" and pobj is not None and pobj.lower_ not in ("whom", "which"):
                entity_id = self.resolve(pobj.left_edge.i, pobj.right_edge.i + 1, context)
                if entity_id:
                    return self._mention(self.index.get(entity_id), tokens)
        name = _describe(self.doc[tokens[0].i : tokens[-1].i + 1].text)
        return self._mention(self.index.group(name, True), tokens)

    def _appositive_person(self, head: Token) -> str | None:
        for child in head.rights:
            if child.dep_ != "appos":
                continue
            entity_id = self.index.token_entity.get(child.i)
            if entity_id and self.index.get(entity_id).kind == "person":
                return entity_id
        return None

    def _country_modifier(self, tokens: list[Token], head: Token) -> str | None:
        for tok in tokens:
            if tok.i == head.i:
                continue
            alpha3 = (
                self.gaz.country_of_demonym(tok.text)
                or self.gaz.country_of_name(tok.text)
                or self.gaz.country_of_capital(tok.text)
            )
            if alpha3:
                return alpha3
        return None

    def _issuer(self, tokens: list[Token], head: Token, context: SpeakerContext) -> str | None:
        for tok in tokens:
            if tok.i == head.i or tok.dep_ not in ("compound", "poss", "nmod", "amod"):
                continue
            sub = self.resolve(tok.i, tok.i + 1, context)
            if sub:
                return sub
        if head.dep_ == "dobj":
            # "the Council issued a statement saying ...": who issued it
            issuer = next((c for c in head.head.lefts if c.dep_ == "nsubj"), None)
            if issuer is not None and issuer.pos_ in ("PROPN", "NOUN"):
                start = min(t.i for t in issuer.subtree)
                return self.resolve(start, issuer.i + 1, context)
        return None

    def _office_holder(self, head: Token, country: str | None) -> str | None:
        word = head.lower_
        holders = []
        for entity in self.index.entities:
            if entity.kind != "person" or not entity.title:
                continue
            title_words = entity.title.lower().split()
            if (
                title_words
                and title_words[-1] == word
                and (country is None or entity.country == country)
            ):
                holders.append(entity.id)
        if len(holders) == 1:
            return holders[0]
        return None

    def _office_named(self, head: Token) -> bool:
        """Whether the article gives anyone a title ending in ``head`` ("president")."""
        word = head.lower_
        return any(
            e.kind == "person" and e.title and e.title.lower().split()[-1] == word
            for e in self.index.entities
        )

    def _dictionary_holder(self, head: Token, tokens: list[Token], country: str):  # type: ignore[no-untyped-def]
        """The person the actor dictionary has in the office ``tokens`` name, as an entity of
        this document (the one the article already names, if it does). Only for a dated
        article: who holds an office depends on the day, and an undated guess would be stale."""
        if self.published is None:
            return None
        words = [
            t.lower_
            for t in tokens
            if t.i <= head.i
            and t.lower_ not in ("the", "a", "an")
            and not self._country_modifier([t], head)
        ]
        entry = actor_dictionary.office_holder(country, " ".join(words), self.published)
        if entry is None:
            return None
        surname = actor_dictionary.normalise(entry.name).split()[-1]
        for entity in self.index.entities:
            # the same person when the dictionary says so or the surnames agree ("Assad")
            if entity.kind == "person" and (
                entity.actor == entry.id
                or actor_dictionary.normalise(entity.name).split()[-1:] == [surname]
            ):
                return entity
        entity = self.index.person(entry.name)
        entity.actor, entity.country, entity.sector = entry.id, entry.country, entry.sector
        entity.title = " ".join(t.text for t in tokens if t.lower_ not in ("the", "a", "an"))
        return entity

    def _pronoun(self, tok: Token, context: SpeakerContext) -> str | None:
        low = tok.lower_
        before = tok.idx
        wanted_person = low in lexicon.PERSON_PRONOUNS
        wanted_it = low in lexicon.NONPERSON_PRONOUNS
        for _, entity_id in reversed([h for h in context.history if h[0] < before]):
            entity = self.index.get(entity_id)
            kind = entity.kind
            if wanted_person and kind == "person" and agrees(low, entity):
                return entity_id
            if wanted_it and kind in ("government", "organization", "country"):
                return entity_id
            if not wanted_person and not wanted_it and kind in ("group", "government"):
                return entity_id
        # No earlier speaker of that kind: the nearest earlier mention.
        best: tuple[int, str] | None = None
        for i, entity_id in self.index.token_entity.items():
            if i >= tok.i:
                continue
            entity = self.index.get(entity_id)
            kind = entity.kind
            ok = (
                (wanted_person and kind == "person" and agrees(low, entity))
                or (wanted_it and kind in ("government", "organization"))
                or (
                    not wanted_person
                    and not wanted_it
                    and kind in ("group", "government", "organization")
                )
            )
            if ok and (best is None or i > best[0]):
                best = (i, entity_id)
        return best[1] if best else None


def _describe(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or text
