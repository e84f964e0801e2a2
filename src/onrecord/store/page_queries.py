"""Queries behind the web view (`onrecord serve`): one document, document summaries, search
matches, a speaker's profile. The CLI's queries in :mod:`onrecord.store.queries` serve the
API's lists as they are; these are what only the pages need."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, func, select, text

from onrecord.store import schema as s
from onrecord.store.db import Store
from onrecord.store.queries import (
    Column,
    Result,
    _fts5_query,
    _terms,
    _websearch_query,
    resolve_actors,
)


class DocumentNotFound(LookupError):
    def __init__(self, document_id: int) -> None:
        super().__init__(f"no stored document has id {document_id}")
        self.document_id = document_id


DOCUMENT_SUMMARY_COLUMNS = [
    Column("id", "int"),
    Column("doc_id"),
    Column("origin"),
    Column("url"),
    Column("source"),
    Column("title", width=40),
    Column("published"),
    Column("statements", "int"),
    Column("events", "int"),
]


def document_summaries(store: Store, *, limit: int | None = None, offset: int = 0) -> Result:
    """Stored documents without their text, in storage order, with statement and event
    counts."""
    d = s.documents

    def count(table: s.Table) -> Any:
        return select(func.count(table.c.id)).where(table.c.document_id == d.c.id).scalar_subquery()

    query = select(
        d.c.id,
        d.c.doc_id,
        d.c.origin,
        d.c.url,
        d.c.source,
        d.c.title,
        d.c.published,
        count(s.attributions).label("statements"),
        count(s.events).label("events"),
    ).order_by(d.c.id)
    if limit:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    with store.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query).all()]
    return Result(DOCUMENT_SUMMARY_COLUMNS, rows, ["id", "published", "source", "title"])


def document_record(store: Store, document_id: int) -> dict[str, Any]:
    """The stored onrecord/1 record of one document, text included, with ``actors``: for each
    entity id in the record, the name of the store-wide actor it belongs to."""
    d, en = s.documents, s.entities
    with store.connect() as conn:
        row = conn.execute(select(d.c.text, d.c.record).where(d.c.id == document_id)).first()
        if row is None:
            raise DocumentNotFound(document_id)
        names = conn.execute(
            select(en.c.local_id, s.actors.c.name)
            .join(s.actors, s.actors.c.id == en.c.actor_id)
            .where(en.c.document_id == document_id)
        ).all()
    record = json.loads(row.record)
    record["document"]["text"] = row.text
    return {"record": record, "actors": {local: name for local, name in names}}


MATCH_OPEN, MATCH_CLOSE = "\ue000", "\ue001"  # private-use characters: never in news text


def search_matches(store: Store, query: str, ids: Sequence[int]) -> dict[int, list[list[int]]]:
    """For each statement id, the [start, end) character ranges of its content that match the
    full-text ``query``, as the database's own search found them (same stemming)."""
    terms = _terms(query)
    if not terms or not ids:
        return {}
    with store.connect() as conn:
        if conn.dialect.name == "sqlite":
            sql = text(
                "SELECT rowid AS id, highlight(statements_fts, 0, :open, :close) AS marked "
                "FROM statements_fts WHERE statements_fts MATCH :match AND rowid IN :ids"
            ).bindparams(bindparam("ids", expanding=True))
            params = {"open": MATCH_OPEN, "close": MATCH_CLOSE, "match": _fts5_query(terms)}
            rows = conn.execute(sql, {**params, "ids": list(ids)}).all()
        else:
            spaces = " " * len(s.TS_PUNCTUATION)
            content = func.translate(s.attributions.c.content, s.TS_PUNCTUATION, spaces)
            options = f'StartSel="{MATCH_OPEN}", StopSel="{MATCH_CLOSE}", HighlightAll=true'
            marked = func.ts_headline(
                "english",
                content,
                func.websearch_to_tsquery("english", _websearch_query(terms)),
                options,
            )
            rows = conn.execute(
                select(s.attributions.c.id, marked.label("marked")).where(
                    s.attributions.c.id.in_(list(ids))
                )
            ).all()
    return {row.id: _marked_ranges(row.marked) for row in rows}


def _marked_ranges(marked: str) -> list[list[int]]:
    ranges: list[list[int]] = []
    position, start = 0, None
    for ch in marked:
        if ch == MATCH_OPEN:
            start = position
        elif ch == MATCH_CLOSE:
            if start is not None and position > start:
                ranges.append([start, position])
            start = None
        else:
            position += 1
    return ranges


def speaker_profile(store: Store, name: str) -> dict[str, Any]:
    """Who ``name`` is in the store (name, kind, titles and countries they were given) and how
    they speak: statements by kind, by source, by month, and whom they address."""
    a, d, en = s.attributions, s.documents, s.entities
    addressee = s.actors.alias("addressee")
    month = func.substr(d.c.published_date, 1, 7)
    with store.connect() as conn:
        # "Moscow" is the Russian government and the city; "officials" every story's own.
        actor_ids = resolve_actors(conn, name)
        actor = conn.execute(
            select(s.actors.c.name, s.actors.c.kind).where(s.actors.c.id == actor_ids[0])
        ).one()
        mine = a.c.speaker_id.in_(actor_ids)

        def grouped(column: Any, label: str, *, joined: Any = None) -> list[dict[str, Any]]:
            total = func.count(a.c.id).label("statements")
            query = select(column.label(label), total).select_from(a)
            query = query.join(d, d.c.id == a.c.document_id)
            if joined is not None:
                query = query.join(*joined)
            query = query.where(mine).group_by(column)
            rows = conn.execute(query.order_by(total.desc(), column)).all()
            return [{label: row[0], "statements": int(row[1])} for row in rows]

        def values(column: Any) -> list[str]:
            total = func.count(en.c.id)
            query = select(column).where(en.c.actor_id.in_(actor_ids), column.is_not(None))
            query = query.group_by(column).order_by(total.desc(), column)
            return [row[0] for row in conn.execute(query).all()]

        by_kind = {row["kind"]: row["statements"] for row in grouped(a.c.kind, "kind")}
        profile = {
            "speaker": actor.name,
            "kind": actor.kind,
            "titles": values(en.c.title),
            "countries": values(en.c.country),
            "statements": sum(by_kind.values()),
            "documents": conn.execute(
                select(func.count(func.distinct(a.c.document_id))).where(mine)
            ).scalar_one(),
            "by_kind": {kind: by_kind.get(kind, 0) for kind in ("direct", "mixed", "indirect")},
            "by_source": grouped(d.c.source, "source"),
            "by_month": sorted(grouped(month, "month"), key=lambda r: r["month"] or "~"),
            "addressees": grouped(
                addressee.c.name,
                "addressee",
                joined=(addressee, addressee.c.id == a.c.addressee_id),
            ),
        }
    return profile


def statement_local_ids(store: Store, ids: Sequence[int]) -> dict[int, str]:
    """For statement row ids, their ids within their documents (``a7``), for links into the
    article."""
    if not ids:
        return {}
    a = s.attributions
    with store.connect() as conn:
        rows = conn.execute(select(a.c.id, a.c.local_id).where(a.c.id.in_(list(ids)))).all()
    return {row.id: row.local_id for row in rows}
