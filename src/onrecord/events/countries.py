"""Which country an actor phrase names: "Syrian troops" SYR, "Ivory Coast rebels" CIV,
"the president of Equatorial Guinea" GNQ (not Guinea), "protesters in Cairo" EGY,
"Kenya's opposition" KEN.

Country names, demonyms and capitals come from the gazetteer (:mod:`onrecord.entities.gazetteer`)
and ``extra_country_words``, cities from the places the entity builder found (GeoNames); the
longest run of words that names a country wins. A demonym
that names a people rather than a state is not the actor's country: "ethnic Albanians in
Serbia" are coded by where they live (SRB), as PLOVER and CAMEO code them, and "pro-Iranian
Hizbollah" is not Iranian.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.events import lexicon as lex
from onrecord.events.shared import CoderState, _phrase

# Prepositions whose object locates an actor ("protesters in Cairo", "refugees from Syria").
_LOCATING_PREPS = frozenset({"in", "of", "from", "throughout", "across", "inside"})
# Verbs of a reduced relative that locate the noun they modify ("guerrillas operating in").
_LOCATING_CLAUSE_PREPS = frozenset({"in", "from", "throughout", "across", "inside"})
_LONGEST = 3


class Countries(CoderState):
    """Countries named by words and phrases."""

    def _country_word(self, tok: Token) -> str | None:
        """The country one token names (a name, demonym, capital or demonym plural)."""
        text = tok.text
        low = tok.lower_
        if low == "us" and text != "US":
            return None
        return self._country_text(text)

    def _country_text(self, text: str) -> str | None:
        found = (
            self.gaz.country_of_demonym(text)
            or self.gaz.country_of_name(text)
            or self.gaz.country_of_capital(text)
        )
        if found:
            return found
        if text.lower().endswith("s") and self.gaz.country_of_demonym(text[:-1]):
            return self.gaz.country_of_demonym(text[:-1])
        return lex.EXTRA_COUNTRY_WORDS.get(text.lower())

    def _people_not_state(self, tokens: list[Token], i: int, size: int) -> bool:
        """Whether tokens[i:i+size] name a people, not a state: "ethnic Albanians",
        "pro-Iranian"."""
        run = tokens[i : i + size]
        if any(c.lower_ == "ethnic" for t in run for c in t.children) or (
            i > 0 and tokens[i - 1].lower_ == "ethnic"
        ):
            return True
        before = tokens[i - 2].lower_ if i > 1 and tokens[i - 1].text == "-" else ""
        return before in ("pro", "anti")

    def _tokens_country(self, tokens: list[Token]) -> str | None:
        """The country the longest run of ``tokens`` names, first in the text among equals."""
        words = [t for t in tokens if t.text not in ("'s", "’s", "'", "’")]
        for size in range(min(_LONGEST, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                run = words[i : i + size]
                if size == 1:
                    alpha3 = self._country_word(run[0])
                else:
                    alpha3 = self._country_text(" ".join(t.text for t in run))
                if alpha3 and not self._people_not_state(words, i, size):
                    return alpha3
        return None

    def _name_country(self, name: str) -> str | None:
        """The country an entity's name holds ("Nigerian Union of Teachers" NGA)."""
        words = [w.strip(".,'’") for w in name.replace("'s ", " ").replace("’s ", " ").split()]
        words = [w for w in words if w]
        for size in range(min(_LONGEST, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                if i > 0 and words[i - 1].lower() == "ethnic":
                    continue
                text = " ".join(words[i : i + size])
                if text.lower() == "us" and text != "US":
                    continue
                alpha3 = self._country_text(text)
                if alpha3:
                    return alpha3
        return None

    def _phrase_country(self, tok: Token) -> str | None:
        """The country of the noun phrase ``tok`` heads: "the Ivory Coast", "Equatorial Guinea"."""
        start, end = _phrase(tok)
        text = self.doc[start:end].text
        for key in (text, text.lower().removeprefix("the ")):
            alpha3 = self.gaz.country_of_name(key) or lex.EXTRA_COUNTRY_WORDS.get(key.lower())
            if alpha3:
                return alpha3
        entity_id = self.index.token_entity.get(tok.i)
        if entity_id is not None:
            entity = self.index.get(entity_id)
            if entity.kind in ("place", "country") and entity.country:
                return entity.country  # "in Kirkuk": the city's country
        return self._tokens_country(list(self.doc[start:end]))

    def _located_country(self, head: Token) -> str | None:
        """The country a prepositional phrase on ``head`` places it in ("protesters in Cairo",
        "the president of Equatorial Guinea", "guerrillas operating in Macedonia")."""
        preps = [(c, _LOCATING_PREPS) for c in head.children if c.dep_ == "prep"]
        for clause in head.children:
            if clause.dep_ == "acl":
                preps += [(c, _LOCATING_CLAUSE_PREPS) for c in clause.children if c.dep_ == "prep"]
        for prep, allowed in preps:
            if prep.lower_ not in allowed:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    alpha3 = self._phrase_country(obj)
                    if alpha3:
                        return alpha3
        return None
