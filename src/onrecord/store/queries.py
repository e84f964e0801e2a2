"""Questions asked of a store. Each returns a :class:`Result`: typed columns and rows.

Names are matched as a reader means them (see :mod:`onrecord.store.lookup`): canonical keys,
aliases and metonyms ("Kremlin" finds the Russian government), surnames and actor ids; a near
miss raises :class:`NameNotFound` with the closest stored names as suggestions.

Full-text queries (``search``, ``statements --about``) take words, all of which must occur
(stemmed: "causes" finds "cause"), and double-quoted phrases. SQLite uses FTS5 with the porter
stemmer, PostgreSQL ``websearch_to_tsquery('english', ...)``; results are ranked by BM25 and
``ts_rank`` respectively.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import (
    Connection,
    Integer,
    case,
    column,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.sql import Select

from onrecord.store import schema as s
from onrecord.store.db import Store
from onrecord.store.lookup import (
    ActorMatch,
    AmbiguousName,
    NameNotFound,
    Suggestion,
    match_actors,
    suggest,
)

__all__ = [
    "ActorMatch",
    "AmbiguousName",
    "Column",
    "NameNotFound",
    "Result",
    "Suggestion",
    "actors",
    "documents",
    "events",
    "failures",
    "find_actors",
    "records",
    "search",
    "speakers",
    "statements",
    "suggest_actors",
]

ColumnType = Literal["int", "str", "bool", "spans", "strs"]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType = "str"
    width: int | None = None  # cells longer than this are cut in the table format


@dataclass(slots=True)
class Result:
    columns: list[Column]
    rows: list[dict[str, Any]]
    table_columns: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.table_columns:
            self.table_columns = [c.name for c in self.columns]


# Names -------------------------------------------------------------------------------------


def find_actors(store: Store, name: str) -> ActorMatch:
    """The actors a typed name stands for (see :mod:`onrecord.store.lookup`).

    Raises :class:`NameNotFound` (``.suggestions``: the closest stored names) or
    :class:`AmbiguousName` (``.candidates``); both have ``to_dict()`` for an API response.
    """
    with store.connect() as conn:
        return match_actors(conn, name)


def suggest_actors(store: Store, name: str, *, limit: int = 5) -> list[Suggestion]:
    """The stored actors whose names are closest to ``name``, best first (rapidfuzz)."""
    with store.connect() as conn:
        return suggest(conn, name, limit=limit)


def resolve_actors(conn: Connection, name: str) -> tuple[int, ...]:
    """The ids of the stored actors ``name`` refers to."""
    return match_actors(conn, name).actor_ids


def resolve_actor(conn: Connection, name: str) -> int:
    """The id of the stored actor ``name`` refers to first (a capital's government, say)."""
    return match_actors(conn, name).actor_ids[0]


# Full text ---------------------------------------------------------------------------------

_PHRASE = re.compile(r'"([^"]*)"|(\w+)')


def _terms(query: str) -> list[str]:
    terms = []
    for phrase, word in _PHRASE.findall(query):
        value = " ".join(re.findall(r"\w+", phrase)) if phrase else word
        if value:
            terms.append(value)
    return terms


def _fts_match(query: Select[Any], conn: Connection, text_query: str, *, rank: bool) -> Select[Any]:
    """``query`` (over ``attributions``) restricted to statements matching ``text_query``;
    ordered best match first when ``rank``."""
    terms = _terms(text_query)
    if not terms:
        raise ValueError("the search query has no words")
    a = s.attributions
    if conn.dialect.name == "sqlite":
        match = _fts5_query(terms)
        fts = (
            text(
                "SELECT rowid AS rowid, bm25(statements_fts) AS rank FROM statements_fts "
                "WHERE statements_fts MATCH :match"
            )
            .bindparams(match=match)
            .columns(column("rowid", Integer), column("rank"))
            .subquery("fts")
        )
        query = query.join(fts, fts.c.rowid == a.c.id)
        return query.order_by(fts.c.rank) if rank else query
    tsquery = func.websearch_to_tsquery("english", _websearch_query(terms))
    tsv = literal_column("attributions.content_tsv")
    query = query.where(tsv.op("@@")(tsquery))
    return query.order_by(func.ts_rank(tsv, tsquery).desc()) if rank else query


def _fts5_query(terms: list[str]) -> str:
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _websearch_query(terms: list[str]) -> str:
    websearch = " ".join(f'"{t}"' if " " in t else t for t in terms)
    return websearch.translate({ord(ch): " " for ch in s.TS_PUNCTUATION})


# Statements --------------------------------------------------------------------------------

STATEMENT_COLUMNS = [
    Column("id", "int"),
    Column("published"),
    Column("speaker"),
    Column("speaker_as_named"),
    Column("kind"),
    Column("content", width=80),
    Column("cue"),
    Column("cue_lemma"),
    Column("source"),
    Column("section"),
    Column("addressee"),
    Column("document", "int"),
    Column("title", width=40),
    Column("url"),
    Column("spans", "spans"),
]
STATEMENT_TABLE = ["published", "speaker", "kind", "content", "title"]


def _statement_select() -> Select[Any]:
    a, d = s.attributions, s.documents
    speaker = s.actors.alias("speaker")
    addressee = s.actors.alias("addressee")
    return (
        select(
            a.c.id,
            d.c.published_date.label("published"),
            func.coalesce(speaker.c.name, s.entities.c.name).label("speaker"),
            s.entities.c.name.label("speaker_as_named"),
            a.c.kind,
            a.c.content,
            a.c.cue,
            a.c.cue_lemma,
            a.c.source_text.label("source"),
            a.c.section,
            addressee.c.name.label("addressee"),
            d.c.id.label("document"),
            d.c.title,
            d.c.url,
            a.c.spans,
        )
        .select_from(a)
        .join(d, d.c.id == a.c.document_id)
        .outerjoin(s.entities, s.entities.c.id == a.c.speaker_entity_id)
        .outerjoin(speaker, speaker.c.id == a.c.speaker_id)
        .outerjoin(addressee, addressee.c.id == a.c.addressee_id)
    )


def _statement_rows(rows: Sequence[Any]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        item = dict(row._mapping)
        item["spans"] = json.loads(item["spans"])
        out.append(item)
    return out


def statements(
    store: Store,
    *,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Result:
    """Statements, oldest document first; filtered by speaker, words in the statement
    (``about``), the document's publication date (``since``/``until``, inclusive) and its
    source (outlet, exact name)."""
    a, d = s.attributions, s.documents
    query = _statement_select()
    with store.connect() as conn:
        if speaker is not None:
            query = query.where(a.c.speaker_id.in_(resolve_actors(conn, speaker)))
        if about:
            query = _fts_match(query, conn, about, rank=False)
        if since:
            query = query.where(d.c.published_date >= since)
        if until:
            query = query.where(d.c.published_date <= _upper(until))
        if source:
            query = query.where(d.c.source == source)
        query = query.order_by(d.c.published_date.asc().nulls_last(), d.c.id, a.c.id)
        if limit:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        rows = _statement_rows(conn.execute(query).all())
    return Result(STATEMENT_COLUMNS, rows, STATEMENT_TABLE)


def _upper(until: str) -> str:
    """An inclusive upper bound for a date prefix: 2024 covers all of 2024."""
    if len(until) == 4:
        return until + "-12-31"
    if len(until) == 7:
        return until + "-31"
    return until


def search(
    store: Store,
    query: str,
    *,
    speaker: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Result:
    """Statements whose content matches ``query`` (by ``speaker``, if given), best first."""
    a, d = s.attributions, s.documents
    with store.connect() as conn:
        sql = _statement_select()
        if speaker is not None:
            sql = sql.where(a.c.speaker_id.in_(resolve_actors(conn, speaker)))
        sql = _fts_match(sql, conn, query, rank=True).order_by(d.c.id, a.c.id)
        if limit:
            sql = sql.limit(limit)
        if offset:
            sql = sql.offset(offset)
        rows = _statement_rows(conn.execute(sql).all())
    return Result(STATEMENT_COLUMNS, rows, ["speaker", "kind", "content", "published", "title"])


# Speakers ----------------------------------------------------------------------------------

SPEAKER_COLUMNS = [
    Column("id", "int"),
    Column("speaker"),
    Column("kind"),
    Column("statements", "int"),
    Column("direct", "int"),
    Column("mixed", "int"),
    Column("indirect", "int"),
    Column("documents", "int"),
]


def speakers(
    store: Store, *, top: int | None = 20, offset: int = 0, names: Sequence[str] = ()
) -> Result:
    """Actors by number of statements attributed to them, with counts per kind; only the
    actors ``names`` stand for, when given."""
    a = s.attributions

    def count_kind(kind: str) -> Any:
        return func.sum(case((a.c.kind == kind, 1), else_=0)).label(kind)

    total = func.count(a.c.id).label("statements")
    query = (
        select(
            s.actors.c.id,
            s.actors.c.name.label("speaker"),
            s.actors.c.kind,
            total,
            count_kind("direct"),
            count_kind("mixed"),
            count_kind("indirect"),
            func.count(func.distinct(a.c.document_id)).label("documents"),
        )
        .select_from(a)
        .join(s.actors, s.actors.c.id == a.c.speaker_id)
        .group_by(s.actors.c.id, s.actors.c.name, s.actors.c.kind)
        .order_by(total.desc(), s.actors.c.name)
    )
    if top:
        query = query.limit(top)
    if offset:
        query = query.offset(offset)
    with store.connect() as conn:
        if names:
            wanted = [i for name in names for i in resolve_actors(conn, name)]
            query = query.where(s.actors.c.id.in_(wanted))
        rows = [dict(row._mapping) for row in conn.execute(query).all()]
    for row in rows:
        for key in ("statements", "direct", "mixed", "indirect", "documents"):
            row[key] = int(row[key] or 0)
    return Result(SPEAKER_COLUMNS, rows)


# Events ------------------------------------------------------------------------------------

EVENT_COLUMNS = [
    Column("id", "int"),
    Column("date"),
    Column("granularity"),
    Column("type"),
    Column("mode"),
    Column("actors", "strs"),
    Column("recipients", "strs"),
    Column("trigger"),
    Column("location"),
    Column("negated", "bool"),
    Column("future", "bool"),
    Column("hypothetical", "bool"),
    Column("document", "int"),
    Column("published"),
    Column("title", width=40),
]
EVENT_TABLE = ["date", "type", "actors", "recipients", "trigger", "title"]


def events(
    store: Store,
    *,
    actors: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Result:
    """Events (involving every one of ``actors``, in any role), by date; undated last."""
    e, d, p = s.events, s.documents, s.event_participants
    query = (
        select(
            e.c.id,
            e.c.date_value.label("date"),
            e.c.date_granularity.label("granularity"),
            e.c.type,
            e.c.mode,
            e.c.trigger,
            e.c.location,
            e.c.negated,
            e.c.future,
            e.c.hypothetical,
            d.c.id.label("document"),
            d.c.published_date.label("published"),
            d.c.title,
        )
        .select_from(e)
        .join(d, d.c.id == e.c.document_id)
    )
    with store.connect() as conn:
        for name in actors:
            actor_ids = resolve_actors(conn, name)
            query = query.where(e.c.id.in_(select(p.c.event_id).where(p.c.actor_id.in_(actor_ids))))
        if since:
            query = query.where(e.c.date_value >= since)
        if until:
            query = query.where(e.c.date_value <= _upper(until))
        query = query.order_by(
            e.c.date_value.asc().nulls_last(), d.c.published_date.asc().nulls_last(), e.c.id
        )
        if limit:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        rows = [dict(row._mapping) for row in conn.execute(query).all()]
        names = _participants(conn, [r["id"] for r in rows])
    for row in rows:
        for flag in ("negated", "future", "hypothetical"):
            row[flag] = bool(row[flag])
        row["actors"] = names[row["id"]]["actor"]
        row["recipients"] = names[row["id"]]["recipient"]
    ordered = [{c.name: row[c.name] for c in EVENT_COLUMNS} for row in rows]
    return Result(EVENT_COLUMNS, ordered, EVENT_TABLE)


def _participants(conn: Connection, event_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    names: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    p = s.event_participants
    for chunk in _chunks(event_ids, 500):
        query = (
            select(
                p.c.event_id,
                p.c.role,
                func.coalesce(s.actors.c.name, s.entities.c.name).label("name"),
            )
            .select_from(p)
            .outerjoin(s.actors, s.actors.c.id == p.c.actor_id)
            .outerjoin(s.entities, s.entities.c.id == p.c.entity_id)
            .where(p.c.event_id.in_(chunk))
            .order_by(p.c.event_id, p.c.role, p.c.position)
        )
        for row in conn.execute(query):
            names[row.event_id][row.role].append(row.name or "?")
    return names


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Documents, actors, failures, records --------------------------------------------------------

DOCUMENT_COLUMNS = [
    Column("id", "int"),
    Column("doc_id"),
    Column("origin"),
    Column("url"),
    Column("source"),
    Column("title", width=40),
    Column("published"),
    Column("content_hash"),
    Column("text", width=60),
]


def documents(store: Store) -> Result:
    d = s.documents
    query = select(*(d.c[c.name] for c in DOCUMENT_COLUMNS)).order_by(d.c.id)
    with store.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query).all()]
    return Result(DOCUMENT_COLUMNS, rows, ["id", "published", "source", "title"])


ACTOR_COLUMNS = [
    Column("id", "int"),
    Column("name"),
    Column("kind"),
    Column("key"),
    Column("aliases", "strs"),
    Column("entities", "int"),
    Column("document", "int"),
]


def actors(store: Store) -> Result:
    query = select(
        s.actors.c.id,
        s.actors.c.name,
        s.actors.c.kind,
        s.actors.c.key,
        s.actors.c.document_id.label("document"),
        select(func.count(s.entities.c.id))
        .where(s.entities.c.actor_id == s.actors.c.id)
        .scalar_subquery()
        .label("entities"),
    ).order_by(s.actors.c.name, s.actors.c.id)
    with store.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query).all()]
        aliases: dict[int, list[str]] = defaultdict(list)
        for row in conn.execute(select(s.actor_aliases).order_by(s.actor_aliases.c.alias)):
            aliases[row.actor_id].append(row.alias)
    for row in rows:
        row["aliases"] = aliases[row["id"]]
    ordered = [{c.name: row[c.name] for c in ACTOR_COLUMNS} for row in rows]
    return Result(ACTOR_COLUMNS, ordered, ["name", "kind", "aliases", "entities"])


FAILURE_COLUMNS = [Column("origin"), Column("reason"), Column("failed_at")]


def failures(store: Store) -> Result:
    f = s.failures
    query = select(f.c.origin, f.c.reason, f.c.failed_at).order_by(f.c.origin)
    with store.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query).all()]
    for row in rows:
        when = row["failed_at"]
        row["failed_at"] = when.isoformat(sep=" ", timespec="seconds") if when else None
    return Result(FAILURE_COLUMNS, rows, ["origin", "reason"])


def records(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored onrecord/1 record, in storage order."""
    d = s.documents
    with store.connect() as conn:
        for row in conn.execute(select(d.c.text, d.c.record).order_by(d.c.id)):
            record = json.loads(row.record)
            record["document"]["text"] = row.text
            yield record
