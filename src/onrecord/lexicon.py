"""Word lists that encode newsroom language: reporting cues, titles, institutional speakers.

The vocabulary lives in data files, not here: one word list per name in
``onrecord/data/lexicon/*.txt`` (one entry a line, ``#`` comments say what each list is for) and
the two tables in ``onrecord/data/lexicon/*.tsv``. This module reads them once through
``onrecord.data`` and exposes them under fixed names, so that every rule that depends on
vocabulary reads it from one place. To extend the vocabulary, edit the data files.
"""

from __future__ import annotations

from onrecord import data


def _words(name: str) -> frozenset[str]:
    return data.words(f"lexicon/{name}")


def _table(name: str) -> list[list[str]]:
    return data.table(f"lexicon/{name}")


CLAUSAL_CUES = _words("clausal_cues")
XCOMP_CUES = _words("xcomp_cues")
PREPOSITION_CUES: dict[str, frozenset[str]] = {
    verb: frozenset(prepositions.split("|")) for verb, prepositions in _table("preposition_cues")
}
OBJECT_CUES = _words("object_cues")
INTENTION_CUES = _words("intention_cues")
NOUN_CUES = _words("noun_cues")
ADDRESSEE_OBJECT_CUES = _words("addressee_object_cues")
TITLE_WORDS = _words("title_words")
GOVERNMENT_HEADS = _words("government_heads")
DOCUMENT_HEADS = _words("document_heads")

PERSON_PRONOUNS = _words("person_pronouns")
NONPERSON_PRONOUNS = _words("nonperson_pronouns")
PLURAL_PRONOUNS = _words("plural_pronouns")
FIRST_PERSON = _words("first_person_pronouns")

# PLOVER sector codes for a person's office.
SECTOR_BY_TITLE_WORD: dict[str, str] = {
    word: sector for word, sector in _table("sector_by_title_word")
}
GOVERNMENT_TITLE_WORDS = _words("government_title_words")
