"""Find quotations: pair quote marks of every common convention, as reporters really type them.

Marks are classified by shape and position (an opener follows a space or starts a line, a closer
follows a word). Double-level marks pair with any double-level mark, so a mismatched «…” pair
still closes; single marks pair only when an opener is pending, so apostrophes (Russia’s, ’90s,
the leaders’ views) are never quotes. A quotation never runs past its paragraph: if the next
paragraph reopens the quote without closing the previous one (the newspaper convention for
long quotes) the pieces form one quotation; otherwise the unclosed mark is dropped, so an
unbalanced mark never swallows the rest of the article.

Cost is linear in the text: quotations nest at most :data:`MAX_DEPTH` deep (deeper marks are
read as text of the quotation around them, pairing among themselves), and a "quotation" with
no letter or digit inside (a run of marks, ``""``) is not one.
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN_ONLY = frozenset("«„「『‹〝")
DOUBLE_CLOSE_ONLY = frozenset("»」』›〞")
DOUBLE_EITHER = frozenset('"“”‟＂')
SINGLE_OPEN_ONLY = frozenset("‚")
SINGLE_EITHER = frozenset("'‘’‛")
ALL_MARKS = DOUBLE_OPEN_ONLY | DOUBLE_CLOSE_ONLY | DOUBLE_EITHER | SINGLE_OPEN_ONLY | SINGLE_EITHER
_OPEN_CONTEXT = frozenset(" \t\n\r([{—–-/:\u00a0")
_CLOSERS_PREF = frozenset("”»」』›〞’")
_OPENERS_PREF = frozenset("“«„「『‹〝‘‚")
#: Real quotations nest three deep at most (a quote in a quote in a quote).
MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quoted stretch within a paragraph: marks at ``open`` and ``close`` (inclusive)."""

    open: int
    close: int
    group: int
    level: int  # 0 = double-level marks, 1 = single-level marks

    @property
    def inner_start(self) -> int:
        return self.open + 1

    @property
    def inner_end(self) -> int:
        return self.close


def _position(text: str, i: int) -> str:
    """'open', 'close', 'both' or 'none' from the characters around position ``i``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    can_open = (before in _OPEN_CONTEXT or before in ALL_MARKS) and not after.isspace()
    can_close = not before.isspace() and (
        after.isspace() or not after.isalnum() or after in ALL_MARKS
    )
    if can_open and can_close:
        return "both"
    if can_open:
        return "open"
    if can_close:
        return "close"
    return "none"


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True  # Russia’s, don't
    return bool(before.isspace() and after.isdigit())  # ’90s


def find_quotations(text: str) -> list[Quotation]:
    """All quotations in ``text``, in order of their opening mark."""
    if "''" in text:
        # Some wires type double quotes as two apostrophes (''like this''): scan them as one
        # double mark followed by a placeholder, keeping every offset unchanged.
        text = text.replace("''", '"\x01')
    found: list[Quotation] = []
    group_counter = 0
    # Pending openers: (position, level, group); a quote reopened at a paragraph start keeps
    # the group of the quote it continues.
    stack: list[tuple[int, int]] = []
    carried_group: int | None = None
    pending_groups: dict[int, int] = {}
    i = 0
    n = len(text)
    paragraph_start = True
    too_deep = 0  # openers skipped because the stack was full, each waiting for its closer
    while i < n:
        ch = text[i]
        if ch == "\n":
            # A paragraph ends: unclosed double quotes continue only if the next paragraph
            # opens with a quote mark.
            j = i + 1
            while j < n and text[j] in " \t\r\n\u00a0":
                j += 1
            reopens = j < n and text[j] in (DOUBLE_OPEN_ONLY | DOUBLE_EITHER) and stack
            carried_group = None
            if reopens:
                for pos, level in stack:
                    if level == 0:
                        found.append(Quotation(pos, i, pending_groups[pos], 0))
                        carried_group = pending_groups[pos]
                        break
            stack.clear()
            too_deep = 0
            paragraph_start = True
            i += 1
            continue
        if ch not in ALL_MARKS:
            if not ch.isspace():
                paragraph_start = False
            i += 1
            continue
        level = 1 if ch in SINGLE_EITHER or ch in SINGLE_OPEN_ONLY else 0
        if level == 1 and _is_apostrophe(text, i):
            i += 1
            continue
        position = _position(text, i)
        if ch in DOUBLE_OPEN_ONLY or ch in SINGLE_OPEN_ONLY:
            role = "open"
        elif ch in DOUBLE_CLOSE_ONLY:
            role = "close"
        elif position == "both":
            role = "close" if ch in _CLOSERS_PREF and _has_open(stack, level) else "open"
            if ch in _OPENERS_PREF and not _has_open(stack, level):
                role = "open"
            elif ch not in _OPENERS_PREF and ch not in _CLOSERS_PREF:
                role = "close" if _has_open(stack, level) else "open"
        else:
            role = position
        if role == "close" and level == 1 and not _has_open(stack, 1):
            i += 1  # a lone closing single mark is an apostrophe (the leaders’ views)
            continue
        if role == "open" and ch in _CLOSERS_PREF and level == 1:
            i += 1  # ’ in opening position without a partner: ’til, ’em
            continue
        if role == "open":
            if level == 0 and _has_open(stack, 0) and ch in DOUBLE_EITHER and ch not in "“":
                # A straight or right mark while a double quote is open closes it.
                role = "close"
            elif len(stack) >= MAX_DEPTH:
                too_deep += 1
                i += 1
                continue
            else:
                if paragraph_start and carried_group is not None and level == 0:
                    pending_groups[i] = carried_group
                    carried_group = None
                else:
                    pending_groups[i] = group_counter
                    group_counter += 1
                stack.append((i, level))
                paragraph_start = False
                i += 1
                continue
        if role == "close" and too_deep:
            too_deep -= 1
        elif role == "close":
            for k in range(len(stack) - 1, -1, -1):
                pos, lvl = stack[k]
                if lvl == level:
                    found.append(Quotation(pos, i, pending_groups[pos], level))
                    del stack[k:]
                    break
        paragraph_start = False
        i += 1
    found = [q for q in found if _has_word(text, q)]
    found.sort(key=lambda q: q.open)
    return _renumber(found)


def _has_word(text: str, quote: Quotation) -> bool:
    return any(ch.isalnum() for ch in text[quote.inner_start : quote.inner_end])


def _has_open(stack: list[tuple[int, int]], level: int) -> bool:
    return any(lvl == level for _, lvl in stack)


def _renumber(quotes: list[Quotation]) -> list[Quotation]:
    mapping: dict[int, int] = {}
    out = []
    for q in quotes:
        mapping.setdefault(q.group, len(mapping))
        out.append(Quotation(q.open, q.close, mapping[q.group], q.level))
    return out


def quoted_mask(text_length: int, quotes: list[Quotation]) -> bytearray:
    """1 for every character inside double-level quote marks (the marks excluded)."""
    mask = bytearray(text_length)
    for q in quotes:
        if q.level == 0:
            mask[q.inner_start : q.inner_end] = b"\x01" * (q.inner_end - q.inner_start)
    return mask
