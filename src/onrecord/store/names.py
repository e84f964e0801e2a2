"""Canonical actor names: the key under which one person or body is counted across articles.

``canonical_key("Mr. Vladimir Putin's")`` is ``"vladimir putin"``: accents folded, case folded,
dots dropped, other punctuation (except inner apostrophes and hyphens) turned into spaces,
a trailing possessive removed and, for people, leading honorifics and office titles removed.
"""

from __future__ import annotations

import re
import unicodedata

#: Entity kinds whose single-token names may be merged into a full name ending with them.
PERSONISH = frozenset({"person", "unknown"})

#: Entity kinds that describe rather than name ("officials", "a source"): never one actor
#: across documents (see :mod:`onrecord.store.linking`).
GENERIC_KINDS = frozenset({"group", "unknown"})

#: Leading words dropped from a person's name before it becomes a key.
HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "chancellor",
        "premier",
        "senator",
        "sen",
        "rep",
        "representative",
        "gov",
        "governor",
        "minister",
        "secretary",
        "general",
        "gen",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
    }
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_PUNCT = re.compile(r"[^\w\s'\-]+")
_POSSESSIVE = re.compile(r"'s?$")


def canonical_key(name: str, kind: str | None = None) -> str:
    """The normalised key of ``name``; empty when nothing of the name is left."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_APOSTROPHES).casefold().replace(".", "")
    text = _PUNCT.sub(" ", text).replace("_", " ")
    tokens = [t.strip("'-") for t in text.split()]
    tokens = [t for t in tokens if t]
    if tokens:
        tokens[-1] = _POSSESSIVE.sub("", tokens[-1]) or tokens[-1]
    if kind is None or kind in PERSONISH:
        while len(tokens) > 1 and tokens[0] in HONORIFICS:
            tokens.pop(0)
        if len(tokens) > 1 and tokens[0] == "prime" and tokens[1] == "minister":
            tokens = tokens[2:] or tokens
    return " ".join(tokens)


def surname(key: str) -> str:
    """The last token of a key."""
    return key.rsplit(" ", 1)[-1]
