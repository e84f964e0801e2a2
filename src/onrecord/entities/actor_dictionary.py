"""Who a named actor is, from the Phoenix/PETRARCH2 actor dictionaries (``data/actors/``).

API contract (other stages rely on it; keep it stable):

``lookup(name: str, on: date | str | None = None) -> ActorEntry | None``
    The dictionary actor a name refers to, with the role it held on ``on`` (a ``date`` or an
    ISO ``YYYY-MM-DD`` string, e.g. the article's publication date). ``name`` is matched
    normalised: case, dots, apostrophes, hyphens and a possessive ``'s`` do not matter
    ("U.N." = "UN"); leading "the", titles and agent words from the agents dictionary
    ("President", "Prime Minister") and country words ("Russian") are stripped one at a time
    until a variant matches ("Russian President Vladimir Putin" → "vladimir putin"); a lone
    surname ("Bouteflika", "President Bouteflika") matches a person when only one dictionary
    person (an actor with dated roles) has that surname, or only one of them held a role on
    ``on``. None when nothing matches. Countries match too ("Afghan" → AFG).
``ActorEntry``
    ``id`` the dictionary key, stable across articles ("VLADIMIR_PUTIN"); ``name`` a display
    name ("Vladimir Putin"); ``code`` the CAMEO code that applies on the date ("RUSGOV");
    ``country`` ISO 3166 alpha-3 or None for transnational actors ("RUS"; the UN is None);
    ``sector`` the three-letter CAMEO sector ("GOV", "ELI", "MIL", "REB", "IGO"...) or None;
    ``roles`` every dated role (``ActorRole``: ``code``, ``start``, ``end`` inclusive dates or
    None for open ends, with ``country`` and ``sector`` properties); ``role_on(day)``.
    Which role applies: the one whose range holds the date (the latest-starting when several
    do); with no date, the latest-starting role; when no role holds, the dictionary's default
    code; when there is none, the country of the latest role with no sector (a person who
    left office is still of that country).
``shared_country(name: str, on: date | str | None = None) -> str | None``
    For a name :func:`lookup` cannot decide between several dictionary people ("Bush"), the
    country they all held a role of on ``on`` (every role when no date), else None.
``agent_sector(words: str) -> str | None``
    The CAMEO sector of an agent word or phrase ("minister" → "GOV", "rebels" → "REB",
    "riot police" → "COP"), its longest matching ending tried first ("the Syrian foreign
    minister" → "GOV").
``office_holder(country: str, office: str, on: date | str | None = None) -> ActorEntry | None``
    Who held ``office`` ("president", "prime minister"; ``data/actors/offices.tsv``) in
    ``country`` (alpha-3) on ``on``, for descriptions the article does not name ("the Syrian
    president" in 2016 is Bashar al-Assad). Holders are the people with a plain government
    role (``SYRGOV``) that holds on the date (open-ended when no date); among them those with
    a name variant carrying the office ("president putin") come first. CountryInfo lists
    heads of state before heads of government, so a head-of-state office goes to the first
    such holder listed (to the first holder at all when no variant names the office) and
    another office to the last one listed. None when no office or holder fits. The
    dictionary dates from 2014: a role it left open may since have ended.
``country_of_code(code: str) -> str | None`` / ``sector_of_code(code: str) -> str | None``
    Split a CAMEO actor code ("RUSGOVMIL" → "RUS", "GOV"; "IGOUNO" → None, "IGO").

Loading is lazy: the tables are read and indexed on the first call, once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

import pycountry

from onrecord.data import table

# Phoenix codes for states ISO 3166 lacks (Kosovo) or that no longer exist.
_EXTRA_COUNTRIES = frozenset({"KSV", "DDR", "USR", "YUG", "SUN", "CSK", "SCG", "FRY"})
_NAME_CHARACTERS = re.compile(r"[.'’`,()]")


def normalise(name: str) -> str:
    """The look-up form of a name: lower case, hyphens as spaces, no dots or apostrophes."""
    name = re.sub(r"['’]s\b", "", name.strip())
    name = _NAME_CHARACTERS.sub("", name.replace("_", " ").replace("-", " ").lower())
    return " ".join(name.split())


@cache
def _countries() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | _EXTRA_COUNTRIES


#: CAMEO country codes that differ from the alpha-3 code the rest of onrecord gives the same
#: country (data/plover/tables/extra_country_words.tsv has Kosovo as XKX): without this,
#: "Kosovo" and Kosovo's prime minister were two sides.
_CAMEO_TO_ISO = {"KSV": "XKX"}


def country_of_code(code: str) -> str | None:
    """The country part of a CAMEO actor code, or None (IGO, NGO, MNC, regions)."""
    country = code[:3] if code[:3] in _countries() else None
    return _CAMEO_TO_ISO.get(country, country) if country else None


def sector_of_code(code: str) -> str | None:
    """The first sector of a CAMEO actor code: after the country, or the code's start."""
    rest = code[3:] if country_of_code(code) else code
    return rest[:3] or None


def _day(raw: str) -> date | None:
    return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])) if raw else None


@dataclass(frozen=True, slots=True)
class ActorRole:
    """A code the actor held from ``start`` to ``end`` (inclusive; None is an open end)."""

    code: str
    start: date | None
    end: date | None

    @property
    def country(self) -> str | None:
        return country_of_code(self.code)

    @property
    def sector(self) -> str | None:
        return sector_of_code(self.code)

    def holds(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    code: str | None
    country: str | None
    sector: str | None
    roles: tuple[ActorRole, ...] = ()

    def role_on(self, day: date | None) -> ActorRole | None:
        """The role held on ``day`` (the latest-starting one), or the latest role if no day."""
        held = [r for r in self.roles if day is None or r.holds(day)]
        return max(held, key=lambda r: r.start or date.min) if held else None


@dataclass(frozen=True, slots=True)
class _Record:
    """One dictionary line, its roles parsed only when asked for (most are never looked up)."""

    key: str
    default: str | None
    roles_cell: str
    primary: str

    @property
    def roles(self) -> tuple[ActorRole, ...]:
        return _roles(self.roles_cell)


@dataclass(frozen=True, slots=True)
class _Index:
    records: dict[str, _Record]
    by_name: dict[str, tuple[str, ...]]
    by_surname: dict[str, tuple[str, ...]]
    country_words: frozenset[str]


@cache
def _roles(cell: str) -> tuple[ActorRole, ...]:
    if cell == "-":
        return ()
    roles = []
    for item in cell.split(","):
        code, span = item.split(":")
        start, end = span.split("-")
        roles.append(ActorRole(code, _day(start), _day(end)))
    return tuple(roles)


def _rows() -> list[tuple[str, str, str, list[str]]]:
    """The dictionary's rows, with the supplement (``actors/supplement.tsv``: actors and roles
    since 2014) merged in: a key both have keeps one row with the roles and names of both."""
    merged: dict[str, tuple[str, str, list[str]]] = {}
    for name in ("actors/actors", "actors/supplement"):
        for key, default, roles_cell, names_cell in table(name):
            names = names_cell.split("|")
            known = merged.get(key)
            if known is None:
                merged[key] = (default, roles_cell, names)
                continue
            old_default, old_roles, old_names = known
            roles = roles_cell if old_roles == "-" else f"{old_roles},{roles_cell}"
            default = old_default if old_default != "-" else default
            merged[key] = (default, roles, old_names + [n for n in names if n not in old_names])
    return [(key, d, r, n) for key, (d, r, n) in merged.items()]


@cache
def _index() -> _Index:
    records: dict[str, _Record] = {}
    by_name: dict[str, tuple[str, ...]] = {}
    by_surname: dict[str, tuple[str, ...]] = {}
    country_words: set[str] = set()
    for key, default, roles_cell, names in _rows():
        primary = names[0]
        records[key] = _Record(key, None if default == "-" else default, roles_cell, primary)
        for name in names:
            known = by_name.get(name)
            if known is None:
                by_name[name] = (key,)
            elif key not in known:
                by_name[name] = (*known, key)
        if roles_cell != "-" and " " in primary:
            surname = primary.rsplit(" ", 1)[1]
            by_surname[surname] = (*by_surname.get(surname, ()), key)
        elif roles_cell == "-" and len(default) == 3 and country_of_code(default):
            country_words.update(n for n in names if " " not in n)
    return _Index(records, by_name, by_surname, frozenset(country_words))


@cache
def _agents() -> dict[str, str]:
    return {agent: code for agent, code in table("actors/agents")}


def agent_sector(words: str) -> str | None:
    """The sector of an agent word or phrase, trying its longest ending first."""
    tokens = normalise(words).split()
    agents = _agents()
    for start in range(len(tokens)):
        code = agents.get(" ".join(tokens[start:]))
        if code:
            return code[:3]
    return None


def _as_date(on: date | str | None) -> date | None:
    if on is None or isinstance(on, date):
        return on
    try:
        return date.fromisoformat(on[:10])
    except ValueError:
        return None


def _entry(record: _Record, day: date | None) -> ActorEntry:
    held = [r for r in record.roles if day is None or r.holds(day)]
    if held:
        code: str | None = max(held, key=lambda r: r.start or date.min).code
        country, sector = country_of_code(code), sector_of_code(code)
    elif record.default:
        code = record.default
        country, sector = country_of_code(code), sector_of_code(code)
    else:
        latest = max(record.roles, key=lambda r: r.start or date.min, default=None)
        code, sector = None, None
        country = latest.country if latest else None
    name = " ".join(w.capitalize() if not w.isupper() else w for w in record.primary.split())
    return ActorEntry(record.key, name, code, country, sector, record.roles)


def _choose(keys: tuple[str, ...], index: _Index, day: date | None) -> _Record | None:
    """One record among ``keys``: the only one, else the only one holding a role on ``day``."""
    if len(keys) == 1:
        return index.records[keys[0]]
    if day is not None:
        active = [k for k in keys if any(r.holds(day) for r in index.records[k].roles)]
        if len(active) == 1:
            return index.records[active[0]]
    return None


def _leading_title(words: list[str], index: _Index) -> int:
    """How many leading words are "the", a country word or an agent phrase (longest first)."""
    for size in range(min(3, len(words) - 1), 0, -1):
        phrase = " ".join(words[:size])
        if phrase == "the" or phrase in index.country_words or phrase in _agents():
            return size
    return 0


def lookup(name: str, on: date | str | None = None) -> ActorEntry | None:
    """The dictionary actor ``name`` refers to, with its role on ``on`` (see the module doc)."""
    index, day = _index(), _as_date(on)
    words = normalise(name).split()
    while words:
        keys = index.by_name.get(" ".join(words))
        if keys:
            record = _choose(keys, index, day)
            return _entry(record, day) if record else None
        strip = _leading_title(words, index)
        if not strip:
            break
        words = words[strip:]
    if len(words) == 1 and words[0] not in _agents():
        keys = index.by_surname.get(words[0], ())
        record = _choose(keys, index, day) if keys else None
        if record is not None:
            return _entry(record, day)
    return None


def shared_country(name: str, on: date | str | None = None) -> str | None:
    """The one country of every dictionary actor ``name`` may be (see the module doc)."""
    index, day = _index(), _as_date(on)
    words = normalise(name).split()
    keys: tuple[str, ...] = ()
    while words and not keys:
        keys = index.by_name.get(" ".join(words), ())
        if not keys:
            strip = _leading_title(words, index)
            if not strip:
                break
            words = words[strip:]
    if not keys and len(words) == 1 and words[0] not in _agents():
        keys = index.by_surname.get(words[0], ())
    if len(keys) < 2:
        return None
    countries = set()
    for key in keys:
        roles = index.records[key].roles
        held = [r for r in roles if day is None or r.holds(day)] or (roles if day is None else [])
        countries |= {r.country for r in held}
    countries.discard(None)
    return next(iter(countries)) if len(countries) == 1 else None


@cache
def _offices() -> dict[str, bool]:
    return {office: head == "yes" for office, head in table("actors/offices")}


@cache
def _government_people() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Country -> (key, names) of people with a plain government role there, in file order."""
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for key, _default, roles_cell, names_cell in table("actors/actors"):
        if roles_cell == "-" or "GOV:" not in roles_cell:
            continue
        names = tuple(names_cell.split("|"))
        for country in dict.fromkeys(re.findall(r"(?:^|,)([A-Z]{3})GOV:", roles_cell)):
            found.setdefault(country, []).append((key, names))
    return {country: tuple(people) for country, people in found.items()}


def office_holder(country: str, office: str, on: date | str | None = None) -> ActorEntry | None:
    """The person who held ``office`` in ``country`` on ``on`` (see the module doc)."""
    office = normalise(office)
    head_of_state = _offices().get(office)
    if head_of_state is None:
        return None
    index, day = _index(), _as_date(on)
    plain = f"{country}GOV"
    holders: list[tuple[str, tuple[str, ...]]] = []  # (key, names) in file order
    for key, names in _government_people().get(country, ()):
        roles = index.records[key].roles
        if any(
            r.code == plain and (r.holds(day) if day is not None else r.end is None) for r in roles
        ):
            holders.append((key, names))
    titled = [h for h in holders if any(f" {office} " in f" {n} " for n in h[1])]
    # CountryInfo lists heads of state before heads of government.
    if head_of_state and (titled or holders):
        chosen = (titled or holders)[0][0]
    elif titled:
        chosen = titled[-1][0]
    else:
        return None
    return _entry(index.records[chosen], day)
