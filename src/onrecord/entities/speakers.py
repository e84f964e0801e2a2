"""Speaker resolution: a source phrase becomes an entity of the document.

Names resolve through their mentions; descriptions ("the Russian president", "the Chancellor")
through the titles entities carry; institutions and places through the gazetteer ("the
Kremlin", "Moscow" and "German officials" speak for a government); pronouns through the speakers
and mentions that precede them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from onrecord import lexicon
from onrecord.entities import gazetteer
from onrecord.entities.index import EntityIndex, phrase_head


@dataclass
class SpeakerContext:
    """What earlier attributions said about who is speaking, for pronouns."""

    history: list[tuple[int, str]] = field(default_factory=list)  # (char offset, entity id)

    def remember(self, offset: int, entity_id: str) -> None:
        self.history.append((offset, entity_id))


class SpeakerResolver:
    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        self.doc = index.doc
        self.gaz = gazetteer.load()

    def resolve(self, start: int, end: int, context: SpeakerContext) -> str | None:
        """Entity id for the source phrase doc[start:end]."""
        tokens = [t for t in self.doc[start:end] if not t.is_space]
        if not tokens:
            return None
        head = phrase_head(tokens)
        low = head.lower_
        # Names: the last person mentioned in the phrase (spokesman Steffen Hebestreit).
        named = [self.index.token_entity[t.i] for t in tokens if t.i in self.index.token_entity]
        persons = [e for e in named if self.index.get(e).kind == "person"]
        if head.pos_ == "PRON" or low in (
            lexicon.PERSON_PRONOUNS | lexicon.PLURAL_PRONOUNS | lexicon.NONPERSON_PRONOUNS
        ):
            resolved = self._pronoun(head, context)
            if resolved:
                self._mention(self.index.get(resolved), [head])
            return resolved
        if persons:
            return persons[-1]
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
        if head.i in self.index.token_entity:
            return self.index.token_entity[head.i]
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
        if head.pos_ in ("NOUN", "PROPN"):
            name = _describe(self.doc[tokens[0].i : tokens[-1].i + 1].text)
            plural = head.tag_ in ("NNS", "NNPS")
            entity = self.index.group(name, plural)
            if head.pos_ == "PROPN" and entity.kind == "unknown":
                entity.kind = "organization" if head.ent_type_ == "ORG" else "person"
            return self._mention(entity, tokens)
        return None

    def _mention(self, entity, tokens: list[Token]) -> str:  # type: ignore[no-untyped-def]
        self.index.add_mention(entity, tokens[0].i, tokens[-1].i + 1)
        return entity.id

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

    def _pronoun(self, tok: Token, context: SpeakerContext) -> str | None:
        low = tok.lower_
        before = tok.idx
        wanted_person = low in lexicon.PERSON_PRONOUNS
        wanted_it = low in lexicon.NONPERSON_PRONOUNS
        for _, entity_id in reversed([h for h in context.history if h[0] < before]):
            kind = self.index.get(entity_id).kind
            if wanted_person and kind == "person":
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
            kind = self.index.get(entity_id).kind
            ok = (wanted_person and kind == "person") or (
                wanted_it and kind in ("government", "organization")
            )
            if ok and (best is None or i > best[0]):
                best = (i, entity_id)
        return best[1] if best else None


def _describe(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or text
