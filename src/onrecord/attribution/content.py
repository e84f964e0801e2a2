"""The content-span rule: no edge punctuation or "that", and a quote mark opened inside the
content closes inside it (docs/architecture.md, span rules)."""

from __future__ import annotations

import re

from onrecord.text.quotes import Quotation

_EDGE_TRIM = set(" \t\r\n\u00a0,;:.-–—()")


class ContentShaper:
    """Applies the content-span rule against the document's quotations."""

    def __init__(self, text: str, quotations: list[Quotation]) -> None:
        self.text = text
        self.by_open = {q.open: q for q in quotations}
        self.by_close = {q.close: q for q in quotations}
        self.quotations = quotations

    def shape(self, start: int, end: int) -> tuple[int, int] | None:
        text = self.text
        for _ in range(4):
            while start < end and (text[start] in _EDGE_TRIM):
                start += 1
            while end > start and (text[end - 1] in _EDGE_TRIM):
                end -= 1
            if start >= end:
                return None
            changed = False
            q = self.by_open.get(start)
            if q is None and text[start] in QUOTE_CHARS:
                start += 1
                changed = True
            elif q is not None and q.close >= end:
                start += 1  # the quotation this mark opens does not close inside the content
                changed = True
            last = end - 1
            q = self.by_close.get(last)
            if (q is None and text[last] in QUOTE_CHARS) or (q is not None and q.open < start):
                end -= 1
                changed = True
            if not changed:
                break
        # A quotation opened inside the content closes inside it; one closed inside it that
        # opened just before it is taken in whole.
        for q in self.quotations:
            if start <= q.open < end <= q.close and only_punct(text[end : q.close]):
                end = q.close + 1
            if q.open < start <= q.close < end and only_punct(text[q.open + 1 : start]):
                start = q.open
        if start >= end:
            return None
        # Content that is one whole quotation is given without its marks.
        q = self.by_open.get(start)
        if q is not None and q.close == end - 1:
            return self.shape(q.inner_start, q.inner_end)
        return start, end

    def group_segments(self, start: int, end: int) -> list[tuple[int, int]] | None:
        """All pieces of the quotation holding [start, end), if the content is inside one."""
        holder = self.enclosing(start, end)
        if holder is None:
            return None
        pieces = []
        for q in self.quotations:
            if q.group == holder.group and q.level == holder.level:
                shaped = self.shape(q.inner_start, q.inner_end)
                if shaped:
                    pieces.append(shaped)
        return pieces or None

    def enclosing(self, start: int, end: int) -> Quotation | None:
        """The quotation whose marks enclose [start, end), if any."""
        for q in self.quotations:
            if q.open < start and end <= q.close + 1:
                return q
        return None


QUOTE_CHARS = set("\"“”„‟«»‹›「」『』‘’‚'")


def only_punct(s: str) -> bool:
    return all(not ch.isalnum() for ch in s)


_TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over the to up with".split()
)
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def is_title(text: str, quotation: Quotation) -> bool:
    """ "The Return of the King": a film, book or song title in quote marks, not a quotation.

    Every word capitalised but the small function words, no sentence punctuation inside, and
    at least two capitalised words; a quotation ending in . ! ? is a sentence.
    """
    inner = text[quotation.inner_start : quotation.inner_end].strip()
    if not inner or re.search(r"[.!?;:,]\s|[.!?]$", inner + " ") or "\n" in inner:
        return False
    words = _TITLE_WORD.findall(inner)
    if len(words) < 2 or len(words) > 12:
        return False
    capitals = 0
    for i, word in enumerate(words):
        if word[0].isupper():
            capitals += 1
        elif i == 0 or word.lower() not in _TITLE_SMALL_WORDS:
            return False
    return capitals >= 2 and not inner.isupper()
