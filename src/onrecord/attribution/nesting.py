"""Accounts inside accounts nest at most :data:`MAX_CARRIED` deep, so their cost is linear.

Reported speech in news nests three deep at most ("the Kremlin said Putin told Scholz that
aides had warned ..."). Each carried account's content lies inside its carrier's, so ``n``
levels of nesting in one sentence make ``n`` contents of up to the sentence's length: text,
output and every step that reads contents grow with ``n`` squared (500 levels in 8 KB took 80 s
and wrote 4 MB of JSON). A candidate whose cue lies inside the contents of
:data:`MAX_CARRIED` or more others is therefore not an account of its own: its words stay part
of the content around it. Each character then lies inside a bounded number of contents.
"""

from __future__ import annotations

from onrecord.attribution.finder import Candidate

#: Carried accounts deeper than this are read as words of the account around them.
MAX_CARRIED = 4

_END, _START, _CUE = 0, 1, 2  # at one offset: spans ending there, then starting, then cues


def carried_depths(candidates: list[Candidate]) -> list[int]:
    """For each candidate, how many other candidates' contents hold its cue.

    One sweep over the sorted span ends and cues: O(k log k) for k candidates and spans.
    """
    events: list[tuple[int, int, int]] = []
    for number, cand in enumerate(candidates):
        for start, end in cand.content:
            if start < end:
                events.append((start, _START, number))
                events.append((end, _END, number))
        events.append((cand.cue_start, _CUE, number))
    events.sort()
    depths = [0] * len(candidates)
    active = 0
    for _offset, kind, number in events:
        if kind == _START:
            active += 1
        elif kind == _END:
            active -= 1
        else:
            cand = candidates[number]
            own = sum(s <= cand.cue_start < e for s, e in cand.content)
            depths[number] = active - own
    return depths


def within_depth(candidates: list[Candidate], limit: int = MAX_CARRIED) -> list[Candidate]:
    """The candidates carried fewer than ``limit`` deep, in their order."""
    depths = carried_depths(candidates)
    return [c for c, depth in zip(candidates, depths, strict=True) if depth < limit]
