"""When two statements of one claim cannot both be true, and which kind of disagreement it is.

Checked in this order, the first that holds wins: opposite stances ("ready to resume talks" /
"ruled out any talks", a stance under negation flips), negation (one says it, the other
negates it: "discussed prisoner exchanges" / "prisoner exchanges were not raised", a denial
cue counts as a negation), durations, dates and amounts that cannot overlap ("a 40-minute
call" / "more than an hour"), and a different actor in the same role ("initiated by the German
side" / "initiated by the Russian side").
"""

from __future__ import annotations

import re
from itertools import combinations

from onrecord import data
from onrecord.compare.features import MONTHS, StatementFeatures
from onrecord.compare.model import Conflict

WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
DAY = re.compile(r"([0-3]?\d)(?:st|nd|rd|th)?")


def _dates(words: tuple[str, ...]) -> set[str]:
    """Calendar days and weekdays named in the words: {"11-08", "friday"}."""
    found = set()
    for i, word in enumerate(words):
        if word in WEEKDAYS:
            found.add(word)
        if word in MONTHS:
            month = MONTHS.index(word) + 1
            for near in (words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else ""):
                if (m := DAY.fullmatch(near)) and 1 <= int(m.group(1)) <= 31:
                    found.add(f"{month:02d}-{int(m.group(1)):02d}")
    return found


def _polarity(features: StatementFeatures) -> int:
    return -1 if features.negations % 2 else 1


def _quantity_conflict(a: StatementFeatures, b: StatementFeatures) -> Conflict | None:
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.scale != qb.scale or qa.overlaps(qb):
                continue
            kind = "duration" if qa.unit == "minutes" else "amount"
            return Conflict(
                kind,
                f"{a.statement.document} says “{qa.text}”, {b.statement.document} says “{qb.text}”",
            )
    return None


def _role_conflict(a: StatementFeatures, b: StatementFeatures) -> Conflict | None:
    """One report has a side doing something (the actor of an event type) that the other has
    done to it (its recipient): "Azerbaijani forces opened fire on Armenian positions" /
    "Armenian units shelled Azerbaijani positions"."""
    directed = data.words("compare/directed_types")
    for kind, role, side in sorted(a.roles):
        if role != "actor" or kind not in directed or (kind, "actor", side) in b.roles:
            continue
        if (kind, "recipient", side) in b.roles:
            return Conflict(
                "actor-in-role",
                f"{a.statement.document} has {side} as the actor of {kind}, "
                f"{b.statement.document} has {side} as its target",
            )
    return None


def pair_conflict(a: StatementFeatures, b: StatementFeatures) -> Conflict | None:
    """The conflict between two statements of different documents, or None."""
    da, db = a.statement.document, b.statement.document
    if a.stance and b.stance and a.stance * _polarity(a) != b.stance * _polarity(b):
        word = {1: "willing", -1: "refusing"}
        return Conflict(
            "stance",
            f"{da} has the speaker {word[a.stance * _polarity(a)]}, "
            f"{db} has them {word[b.stance * _polarity(b)]}",
        )
    if _polarity(a) != _polarity(b):
        negated, plain = (da, db) if _polarity(a) < 0 else (db, da)
        return Conflict("negation", f"{negated} negates what {plain} states")
    if conflict := _quantity_conflict(a, b):
        return conflict
    dates_a, dates_b = _dates(a.words), _dates(b.words)
    if dates_a and dates_b and not dates_a & dates_b:
        return Conflict(
            "date",
            f"{da} gives {', '.join(sorted(dates_a))}, {db} gives {', '.join(sorted(dates_b))}",
        )
    if conflict := _role_conflict(a, b) or _role_conflict(b, a):
        return conflict
    if _other_actor(a, b):
        (actor_a,), (actor_b,) = a.actors, b.actors
        return Conflict("actor-in-role", f"{da} names {actor_a} where {db} names {actor_b}")
    return None


def _is_side(actor: str) -> bool:
    return len(actor) == 3 and actor.isupper()  # a country code, not an entity's name


def _other_actor(a: StatementFeatures, b: StatementFeatures) -> bool:
    """Each names one actor, not its speaker's own side, of the same kind (two countries, or
    two named entities), in otherwise alike words ("initiated by the German side" /
    "initiated by the Russian side"). A headline's "ceasefire in Sudan" against "Lamamra urged
    both sides to stop" names a place and a person, not two actors for one role; "the
    ministers discussed the Middle East", which each side's agency reads as its own minister,
    names only the speaker's side."""
    if len(a.actors) != 1 or len(b.actors) != 1 or a.actors == b.actors:
        return False
    (actor_a,), (actor_b,) = a.actors, b.actors
    if actor_a == a.side or actor_b == b.side or _is_side(actor_a) != _is_side(actor_b):
        return False
    shared = len(a.stems & b.stems)
    return 2 * shared / (len(a.stems) + len(b.stems)) >= SAME_WORDS_FOR_ROLE


#: Word and concept overlap (Dice) two statements need for a different actor to be a
#: different actor in the same role.
SAME_WORDS_FOR_ROLE = 0.3


def claim_conflict(members: list[StatementFeatures]) -> Conflict | None:
    """The first conflict between statements of different documents in one claim."""
    for a, b in combinations(members, 2):
        if a.statement.document == b.statement.document:
            continue
        if conflict := pair_conflict(a, b):
            return conflict
    return None
