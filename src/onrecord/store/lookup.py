"""What a user types, matched to the store's actors; near misses answered with suggestions.

A typed name is tried, in order, as

1. an actor id (``12`` or ``#12``, as listed by ``speakers`` and ``export --what actors``), or
   an actor-dictionary key (``ABDELAZIZ_BOUTEFLIKA``, a record's ``entities[].actor``);
2. a place or institution the gazetteer knows (``onrecord/data/metonyms.tsv``,
   ``countries.tsv`` and pycountry, the same tables the extraction uses): a metonym ("the
   Kremlin", "White House", "Downing Street") is that country's government; a capital
   ("Moscow", "Beijing") is its government and the capital as a place; a country ("Russia",
   "the U.S.") its government and the country; "US government" / "American administration"
   the government. A stored actor with exactly that name, other than a person, is added;
3. a stored name or alias, by canonical key ("President Trump" is "trump");
4. a generic group ("officials", "a source"): every document's (or organisation's) actor of
   that description, which are never merged into one;
5. a surname ("Putin") or first and last name ("Donald Trump" for "Donald J. Trump") of
   exactly one stored person; several is :class:`AmbiguousName`.

Anything else is :class:`NameNotFound`, carrying the stored names closest to what was typed
(RapidFuzz ``ratio`` / ``token_sort_ratio`` over actor names, aliases and the gazetteer's
phrases).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, func, select

from onrecord.entities import gazetteer
from onrecord.store import schema as s
from onrecord.store.names import PERSONISH, canonical_key

#: Suggestions scoring below this (RapidFuzz ratio, 0-100) are not offered.
SUGGESTION_CUTOFF = 75.0

_ACTOR_ID = re.compile(r"^#?(\d+)$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_GOVERNMENT = re.compile(r"^(.+?)\s+(?:government|administration)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """The actors a typed name stands for, and which rule matched (id, dictionary key,
    gazetteer, name, group, surname, first-and-last)."""

    query: str
    actor_ids: tuple[int, ...]
    how: str

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "actor_ids": list(self.actor_ids), "how": self.how}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A stored actor (or, for a generic group, all its actors) whose name is close to what
    was typed. ``name`` typed as is finds it; ``matched`` is the stored name or alias that
    was close; ``score`` is RapidFuzz's similarity (0-100)."""

    name: str
    kind: str
    actor_ids: tuple[int, ...]
    matched: str
    score: float
    statements: int

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["actor_ids"] = list(self.actor_ids)
        return data

    def describe(self) -> str:
        ids = ", ".join(str(i) for i in self.actor_ids[:3])
        more = "" if len(self.actor_ids) <= 3 else f" and {len(self.actor_ids) - 3} more"
        label = "actor" if len(self.actor_ids) == 1 else "actors"
        same = canonical_key(self.matched) == canonical_key(self.name)
        via = "" if same else f', as "{self.matched}"'
        return f'"{self.name}" ({self.kind}, {label} {ids}{more}{via})'


class NameNotFound(LookupError):
    def __init__(
        self, name: str, suggestions: list[Suggestion] | None = None, meaning: str | None = None
    ) -> None:
        self.name = name
        self.suggestions = suggestions or []
        self.meaning = meaning
        message = f"no stored actor matches {name!r}"
        if meaning:
            message += f" (read as {meaning})"
        if self.suggestions:
            offered = ", ".join(sug.describe() for sug in self.suggestions)
            lead = "did you mean" if len(self.suggestions) == 1 else "did you mean one of"
            message += f"; {lead} {offered}?"
        super().__init__(message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": "name_not_found",
            "name": self.name,
            "message": str(self),
            "meaning": self.meaning,
            "suggestions": [sug.to_dict() for sug in self.suggestions],
        }


class AmbiguousName(LookupError):
    def __init__(self, name: str, candidates: list[str], actor_ids: list[int] | None = None):
        super().__init__(f"{name!r} is ambiguous: it could be " + ", ".join(sorted(candidates)))
        self.name = name
        self.candidates = candidates
        self.actor_ids = actor_ids or []

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": "ambiguous_name",
            "name": self.name,
            "message": str(self),
            "candidates": self.candidates,
            "actor_ids": self.actor_ids,
        }


# The gazetteer ------------------------------------------------------------------------------


def government_name(alpha3: str) -> str:
    """A country's government actor, named as the extraction names it."""
    info = gazetteer.load().countries.get(alpha3)
    return f"{info.adjective} government" if info else f"Government of {alpha3}"


def gazetteer_names(name: str) -> tuple[str, list[str]]:
    """(rule, actor names) for a name the gazetteer knows; ("", []) for any other name."""
    gaz = gazetteer.load()
    text = _ARTICLE.sub("", " ".join(name.split()))
    metonym = gaz.metonym(text)
    if metonym:
        return "metonym", [government_name(metonym[0])]
    alpha3 = gaz.country_of_capital(text)
    if alpha3:
        return "capital", [government_name(alpha3), gaz.canonical_capital(text)]
    alpha3 = gaz.country_of_name(text)
    if alpha3:
        info = gaz.countries.get(alpha3)
        return "country", [government_name(alpha3), info.name if info else alpha3]
    government = _GOVERNMENT.match(text)
    if government:
        modifier = government.group(1)
        alpha3 = gaz.country_of_demonym(modifier) or gaz.country_of_name(modifier)
        if alpha3:
            return "government", [government_name(alpha3)]
    return "", []


def gazetteer_keys(name: str) -> list[str]:
    """The canonical keys of :func:`gazetteer_names`."""
    return [canonical_key(found, "organization") for found in gazetteer_names(name)[1]]


def _display(phrase: str) -> str:
    """ "white house" as "White House", "u.s." as "U.S." (the tables are lower case)."""
    if phrase != phrase.lower():
        return phrase
    words = []
    for word in phrase.split():
        if "." in word:
            words.append(word.upper())
        elif word in ("of", "the", "and", "de", "d'"):
            words.append(word)
        else:
            words.append(word[:1].upper() + word[1:])
    return " ".join(words)


@cache
def _gazetteer_choices() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(phrase key, phrase as shown, keys of the actors it stands for) for every gazetteer
    phrase: metonyms, capitals, country names."""
    gaz = gazetteer.load()
    phrases = sorted({*gaz.metonyms, *gaz.by_capital, *gaz.by_name})
    return tuple(
        (canonical_key(phrase, "organization"), _display(phrase), tuple(gazetteer_keys(phrase)))
        for phrase in phrases
    )


# Matching -----------------------------------------------------------------------------------


def _aliases(conn: Connection, keys: list[str]) -> dict[str, tuple[int, str]]:
    """(actor id, actor kind) by alias, for those of ``keys`` that are stored: one query."""
    wanted = sorted({key for key in keys if key})
    if not wanted:
        return {}
    al, a = s.actor_aliases, s.actors
    rows = conn.execute(
        select(al.c.alias, al.c.actor_id, a.c.kind)
        .join(a, a.c.id == al.c.actor_id)
        .where(al.c.alias.in_(wanted))
    )
    return {row.alias: (row.actor_id, row.kind) for row in rows}


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _persons(conn: Connection, *conditions: Any) -> list[Any]:
    a = s.actors
    return conn.execute(
        select(a.c.id, a.c.name)
        .where(a.c.kind.in_(sorted(PERSONISH)), a.c.base_key.is_(None), *conditions)
        .order_by(a.c.id)
    ).all()


def match_actors(conn: Connection, name: str) -> ActorMatch:
    """The actors ``name`` stands for; raises :class:`NameNotFound` (with suggestions) or
    :class:`AmbiguousName`."""
    a = s.actors
    typed = " ".join(name.split())
    numbered = _ACTOR_ID.match(typed)
    if numbered:
        actor_id = int(numbered.group(1))
        if conn.execute(select(a.c.id).where(a.c.id == actor_id)).scalar() is not None:
            return ActorMatch(name, (actor_id,), "id")

    if typed and " " not in typed:
        # An actor-dictionary key ("ABDELAZIZ_BOUTEFLIKA", as records and exports show it).
        keyed = _aliases(conn, [typed.upper()]).get(typed.upper())
        if keyed is not None:
            return ActorMatch(name, (keyed[0],), "dictionary key")

    rule, meanings = gazetteer_names(typed)
    keys = [canonical_key(meaning, "organization") for meaning in meanings]
    own = [canonical_key(typed, "organization"), canonical_key(typed)]
    stored = _aliases(conn, keys + own)
    named = next((stored[key] for key in own if key in stored), None)
    ids = [stored[key][0] for key in keys if key in stored]
    if ids:
        # "Washington" is the American government, not a stored person of that surname.
        if named is not None and named[1] not in PERSONISH:
            ids.append(named[0])
    elif named is not None:
        ids, rule = [named[0]], "name"
    else:
        rule = "group"
    bare = _ARTICLE.sub("", typed)
    base = canonical_key(bare, "group")
    if base:
        # Extraction labels sources it cannot name "unnamed officials", "unnamed source in the
        # government": what a user types ("officials", "a source") finds those too.
        bases = {base, canonical_key("unnamed " + bare, "group")}
        grouped = conn.execute(
            select(a.c.id).where(a.c.base_key.in_(sorted(bases))).order_by(a.c.id)
        )
        ids.extend(row.id for row in grouped)
    if ids:
        return ActorMatch(name, tuple(dict.fromkeys(ids)), rule or "name")

    key = canonical_key(typed)
    tokens = key.split()
    if len(tokens) == 1:
        rows, rule = _persons(conn, a.c.key.like("% " + _like_escape(key), escape="\\")), "surname"
    elif len(tokens) > 1:
        rows = _persons(
            conn,
            a.c.key.like(_like_escape(tokens[0]) + " %", escape="\\"),
            a.c.key.like("% " + _like_escape(tokens[-1]), escape="\\"),
        )
        rule = "first and last name"
    else:
        rows = []
    if len(rows) == 1:
        return ActorMatch(name, (rows[0].id,), rule)
    if len(rows) > 1:
        raise AmbiguousName(name, [r.name for r in rows], [r.id for r in rows])
    raise NameNotFound(name, suggest(conn, name), " or ".join(meanings) or None)


# Suggestions --------------------------------------------------------------------------------


def suggest(conn: Connection, name: str, *, limit: int = 5) -> list[Suggestion]:
    """Stored actors whose names (or aliases, or gazetteer phrases for them) are closest to
    ``name``, best first; empty when none is close.

    The score is the better of RapidFuzz's ``ratio`` and ``token_sort_ratio`` (word order
    ignored) on canonical keys: whole-name similarity, so a long name that merely contains the
    typed one ("Billionaire Donald Trump") does not outrank the name itself.
    """
    from rapidfuzz import fuzz, process

    query = canonical_key(name)
    if not query:
        return []
    a = s.actors
    texts: list[str] = []
    shown: list[str] = []
    named: list[int | None] = []  # the actor a choice names; None for a generic description
    for actor_id, key, actor_name, base in conn.execute(
        select(a.c.id, a.c.key, a.c.name, a.c.base_key)
    ):
        texts.append(base or key)
        shown.append(base or actor_name)
        named.append(None if base else actor_id)
    aliases = dict(conn.execute(select(s.actor_aliases.c.alias, s.actor_aliases.c.actor_id)).all())
    texts.extend(aliases)
    shown.extend(aliases)
    named.extend(aliases.values())
    for phrase_key, phrase, keys in _gazetteer_choices():
        for key in keys:
            if key in aliases:
                texts.append(phrase_key)
                shown.append(phrase)
                named.append(aliases[key])

    scores: dict[int, float] = {}
    for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
        for _text, score, index in process.extract(
            query, texts, scorer=scorer, limit=None, score_cutoff=SUGGESTION_CUTOFF
        ):
            scores[index] = max(score, scores.get(index, 0.0))
    best: dict[tuple[int, ...], tuple[float, int]] = {}
    for index, score in scores.items():
        actor_id = named[index]
        target = (actor_id,) if actor_id is not None else _group_ids(conn, texts[index])
        if target and (target not in best or score > best[target][0]):
            best[target] = (score, index)
    counts = _statement_counts(conn, {i for target in best for i in target})
    info = _actor_rows(conn, {target[0] for target in best})
    suggestions = []
    for target, (score, index) in best.items():
        first = info.get(target[0])
        if first is None:
            continue
        suggestions.append(
            Suggestion(
                name=first.base_key or first.name,
                kind=first.kind,
                actor_ids=target,
                matched=shown[index],
                score=round(float(score), 1),
                statements=sum(counts.get(i, 0) for i in target),
            )
        )
    suggestions.sort(key=lambda sug: (-sug.score, -sug.statements, sug.name))
    return suggestions[:limit]


def _group_ids(conn: Connection, base: str) -> tuple[int, ...]:
    a = s.actors
    rows = conn.execute(select(a.c.id).where(a.c.base_key == base).order_by(a.c.id))
    return tuple(row.id for row in rows)


def _actor_rows(conn: Connection, actor_ids: set[int]) -> dict[int, Any]:
    a = s.actors
    rows = conn.execute(
        select(a.c.id, a.c.name, a.c.kind, a.c.base_key).where(a.c.id.in_(sorted(actor_ids)))
    )
    return {row.id: row for row in rows}


def _statement_counts(conn: Connection, actor_ids: set[int]) -> dict[int, int]:
    at = s.attributions
    counts: dict[int, int] = {}
    ordered = sorted(actor_ids)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        query = (
            select(at.c.speaker_id, func.count())
            .where(at.c.speaker_id.in_(chunk))
            .group_by(at.c.speaker_id)
        )
        counts.update({row[0]: int(row[1]) for row in conn.execute(query)})
    return counts
