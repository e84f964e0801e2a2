"""Tokenising in linear time: spaCy's tokenizer, with long runs of non-space characters cut.

spaCy strips prefixes and suffixes from a whitespace-delimited string one at a time, each
time matching its suffix pattern against the whole rest of the string, so one string of n
characters costs about n² (100 KB of ``"`` did not finish in 7 minutes). No word is longer
than :data:`LONG_RUN` characters; a longer run (quote-mark runs, URLs, base64, ``=====``) is
tokenised in pieces of at most that length. The text is never changed: the Doc is built from
the pieces' words and spaces, so every offset is exact and ``doc.text == text``.
"""

from __future__ import annotations

import itertools
import re

from spacy.language import Language
from spacy.tokens import Doc

LONG_RUN = 64
_LONG = re.compile(rf"\S{{{LONG_RUN + 1},}}")


def make_bounded_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, in time linear in the length of ``text``."""
    if _LONG.search(text) is None:
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []
    for piece, long in _pieces(text):
        if long:  # one token per piece: a run is not language (and parsing it costs)
            words.append(piece.rstrip(" "))
            spaces.append(piece.endswith(" "))
            continue
        for token in nlp.make_doc(piece):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    assert doc.text == text  # the pieces cover the text exactly, in order
    return doc


def _pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut before and after every long run, and the run every :data:`LONG_RUN`
    characters: (piece, is part of a long run). A single space after a run stays with its
    last piece (as spaCy attaches it to the token before)."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _LONG.finditer(text):
        start, end = match.span()
        if position < start:
            pieces.append((text[position:start], False))
        cuts = [*list(range(start, end, LONG_RUN)), end]
        if end < len(text) and text[end] == " ":
            end += 1
        cuts[-1] = end
        pieces.extend((text[a:b], True) for a, b in itertools.pairwise(cuts))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces
