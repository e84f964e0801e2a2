"""Actors: whether a token can name one, and the entity it resolves to.

Partitives ("a group of diplomats"), group references ("the two leaders"), one actor per
country for "Hungarian and Romanian officials", states acting as their governments, and the
country (ISO alpha-3) and PLOVER sector given to an actor that lacks them.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord import lexicon
from onrecord.entities import actor_dictionary
from onrecord.events import lexicon as lex
from onrecord.events.countries import Countries
from onrecord.events.shared import _PRE_DEPS, _RELATIVE_PRONOUNS, _conjuncts, _Draft, _phrase
from onrecord.model import Entity

_ACTOR_PRONOUNS = lexicon.PERSON_PRONOUNS | lexicon.PLURAL_PRONOUNS | {"it", "we", "i"}


_DICTIONARY_KINDS = frozenset({"person", "organization", "group", "unknown"})
# Dictionary sectors PLOVER shares: those the coder's own sector table uses, less MED (the
# dictionary's MED is media, PLOVER's medical). ELI ("elite"), IGO and the like are not sectors.
_PLOVER_SECTORS = frozenset(lex.SECTOR_BY_NOUN.values()) - {"MED"}


class Actors(Countries):
    """Tokens resolved to actor entities, with country and sector."""

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
        if lemma in lex.GROUP_REFERENCES or lemma in lex.ORGANIZATION_HEADS:
            return True
        if self._country_word(tok) is not None:
            return True
        if tok.pos_ == "NOUN" and low not in lex.NOT_HUMAN and actor_dictionary.agent_sector(low):
            return True  # an agent word of the Phoenix dictionaries: "nurses", "villagers"
        return (
            tok.pos_ == "NOUN"
            and low not in lex.NOT_HUMAN
            and low.endswith(lex.HUMAN_SUFFIXES)
            and not low.endswith(lex.NOT_HUMAN_SUFFIXES)
        )

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
        if tok.lemma_.lower() not in lex.GROUP_REFERENCES or tok.tag_ not in ("NNS", "NNPS"):
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
        if tok.lemma_.lower() in lex.STATE_HEADS and len(countries) == 1:
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
            alpha3 = self._country_word(tok) if tok.dep_ in ("amod", "compound") else None
            if alpha3 is None:
                return None
            # "rejected an Indian proposal": whose proposal it is, the state's.
            entity = self.index.government(alpha3)
            self.index.add_mention(entity, start, end)
            return entity.id
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
        """Give an actor its country (ISO alpha-3) and PLOVER sector where it lacks them:
        from the Phoenix actor dictionary for the article's date (with the dictionary key as
        the actor id), else from the words of the phrase and the entity's name. A country the
        text names beats the dictionary's guess from a surname: "King Hassan of Morocco" is
        not Jordan's Hassan."""
        named = f"{entity.title} {entity.name}" if entity.title else entity.name
        said = (
            self._tokens_country(list(self.doc[start:end]))
            or self._name_country(named)
            or self._located_country(head)
        )
        if (
            entity.actor is None
            and entity.kind in _DICTIONARY_KINDS
            and not self._take_dictionary_entry(entity, entity.country or said)
            and entity.country is None
            and said is None
        ):
            # "President Bush": two dictionary people, one country.
            entity.country = actor_dictionary.shared_country(named, self.published) or (
                actor_dictionary.shared_country(entity.name, self.published)
            )
        if entity.country is None:
            entity.country = said or lex.EXTRA_COUNTRY_WORDS.get(entity.name.lower())
        if entity.sector is None:
            entity.sector = self._sector(entity, head)

    def _locate_actors(self, draft: _Draft) -> None:
        """Groups with no country of their own take the country of the place they act in:
        "workers rallied in Kirkuk" are Iraqi workers, as PLOVER codes them."""
        if draft.location is None:
            return
        country = self.index.get(draft.location).country
        if country is None:
            return
        for actor_id in draft.actors:
            actor = self.index.get(actor_id)
            if actor.kind in ("group", "unknown") and actor.country is None:
                actor.country = country

    def _take_dictionary_entry(self, entity: Entity, known: str | None) -> bool:
        """Give ``entity`` the Phoenix dictionary's key (its actor id), country and sector for
        the article's date; not when the country the text gives (``known``) differs."""
        named = f"{entity.title} {entity.name}" if entity.title else entity.name
        entry = actor_dictionary.lookup(named, self.published) or (
            actor_dictionary.lookup(entity.name, self.published) if entity.title else None
        )
        if entry is None or not (entry.country or entry.sector):
            return False
        if entry.country and known and entry.country != known:
            return False
        entity.actor = entry.id
        entity.country = entity.country or entry.country
        if entity.sector is None and entry.sector in _PLOVER_SECTORS:
            entity.sector = entry.sector
        return True

    def _dictionary_ids(self) -> None:
        """Every named person and organization of the document, not only the actors of its
        events, gets the dictionary's key, so that the store links a speaker across articles
        ("President Bouteflika" and "Abdelaziz Bouteflika" are ABDELAZIZ_BOUTEFLIKA)."""
        for entity in self.index.entities:
            if entity.actor is None and entity.kind in ("person", "organization"):
                self._take_dictionary_entry(entity, entity.country)

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
        agent = actor_dictionary.agent_sector(head.lower_)
        return agent if agent in _PLOVER_SECTORS else None
