"""Agreement between a pronoun and the entity it may stand for, as a reader checks it.

A reader resolving "he said" skips the woman named just before: pronouns agree in gender
(first names, from gender-guesser's table of about 40,000 names, which ships its data), in
person vs organisation ("it" is never a person) and in number ("they" is a group, an
organisation or a government, never one person). Unknown or unisex names agree with both.
"""

from __future__ import annotations

from functools import lru_cache

from onrecord.model import Entity

_FEMININE = frozenset({"she", "her", "hers", "herself"})
_MASCULINE = frozenset({"he", "him", "his", "himself"})
_HONORIFICS = {"mr": "male", "mr.": "male", "ms": "female", "ms.": "female", "mrs": "female"}
_HONORIFICS |= {"mrs.": "female", "miss": "female", "sir": "male", "lady": "female"}
_GENDERS = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    # Loaded on first use (about 1 s): only documents with a gendered pronoun need it.
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def first_name_gender(first: str) -> str | None:
    """``male``, ``female`` or None (unknown, unisex) for a first name or honorific."""
    low = first.lower()
    if low in _HONORIFICS:
        return _HONORIFICS[low]
    if len(first) < 2 or not first[0].isupper():
        return None
    return _GENDERS.get(_detector().get_gender(first))


def person_gender(entity: Entity) -> str | None:
    """The gender a reader would infer from the person's names (any mention with a first
    name or honorific); None when nothing says."""
    names = [entity.name, *(m.text for m in entity.mentions)]
    for name in names:
        words = name.split()
        if len(words) >= 2:
            gender = first_name_gender(words[0])
            if gender:
                return gender
    return None


def pronoun_gender(pronoun: str) -> str | None:
    low = pronoun.lower()
    if low in _FEMININE:
        return "female"
    if low in _MASCULINE:
        return "male"
    return None


def agrees(pronoun: str, entity: Entity) -> bool:
    """Whether a person pronoun may stand for ``entity`` by gender (persons only)."""
    wanted = pronoun_gender(pronoun)
    if wanted is None or entity.kind != "person":
        return True
    gender = person_gender(entity)
    return gender is None or gender == wanted
