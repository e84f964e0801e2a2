"""Stories in the store: ingest places each new document, ``stories`` lists them.

Placement is incremental: a new document is compared with the stored profiles of documents
whose main date agrees (or is unknown) and joins the story it matches (:func:`stories.matching`)
or starts one; documents already placed never move to an unrelated story (only when a new
document bridges two stories are they merged into one). ``rebuild`` clears the assignment and places
every stored document again, dated documents first, in storage order.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
from sqlalchemy import Connection, and_, case, delete, func, insert, or_, select, update

from onrecord.compare.records import record_from_dict
from onrecord.compare.similarity import Embedder, embedder
from onrecord.compare.stories import (
    MIN_PARTICIPANT_OVERLAP,
    Profile,
    is_side,
    matching,
    profiles,
)
from onrecord.model import Record
from onrecord.store import schema as s
from onrecord.store.db import Store


class StoryError(LookupError):
    """No such story or documents in the store."""


def _stored_profile(row: Any) -> Profile:
    return Profile(
        document=str(row.document_id),
        published=None,
        main_date=row.main_date,
        main_type=row.main_type,
        participants=frozenset(json.loads(row.participants)),
        lead=np.asarray(json.loads(row.lead), dtype=np.float32),
    )


#: The most stored documents one placement reads: those sharing the most participant keys with
#: the new document (the newest first among equals). Below it placement is exact (every document
#: that could match is read); above it, a key shared by most of a large store ("USA") no longer
#: makes every such document a candidate, so a placement's cost stays bounded (docs/store.md).
MAX_CANDIDATES = 500


def key_rows(document_id: int, participants: Iterable[str]) -> list[dict[str, Any]]:
    """The ``story_keys`` rows of a placed document."""
    keys = sorted(set(participants))
    sides = sum(is_side(k) for k in keys)
    return [
        {
            "document_id": document_id,
            "key": k,
            "side": int(is_side(k)),
            "n_keys": len(keys),
            "n_sides": sides,
        }
        for k in keys
    ]


def _candidate_ids(conn: Connection, profile: Profile) -> list[int]:
    """Stored documents that could be the same story as ``profile``: sharing enough of its
    participant keys (:func:`stories.same_story_score` scores every other document 0) and of
    its main date or none, at most :data:`MAX_CANDIDATES`, the most keys shared first."""
    keys = sorted(profile.participants)
    if not keys:
        return []
    sk, sd = s.story_keys, s.story_documents
    n, n_sides = len(keys), sum(is_side(k) for k in keys)
    shared = func.count()
    shared_sides = func.sum(sk.c.side)
    smaller = case((sk.c.n_keys < n, sk.c.n_keys), else_=n)
    smaller_sides = case((sk.c.n_sides < n_sides, sk.c.n_sides), else_=n_sides)
    # A superset of the documents same_story_score lets through (it decides exactly): the
    # keys shared over the smaller set, or the sides, half-weighted, all shared.
    enough = shared >= smaller * MIN_PARTICIPANT_OVERLAP - 1e-9
    if n_sides:
        enough = or_(
            enough,
            and_(
                sk.c.n_sides > 0,
                shared_sides >= smaller_sides * 2 * MIN_PARTICIPANT_OVERLAP - 1e-9,
            ),
        )
    query = select(sk.c.document_id).join(sd, sd.c.document_id == sk.c.document_id)
    query = query.where(sk.c.key.in_(keys))
    if profile.main_date is not None:
        query = query.where(or_(sd.c.main_date == profile.main_date, sd.c.main_date.is_(None)))
    query = (
        query.group_by(sk.c.document_id, sk.c.n_keys, sk.c.n_sides)
        .having(enough)
        .order_by(shared.desc(), sk.c.document_id.desc())
        .limit(MAX_CANDIDATES)
    )
    return [row.document_id for row in conn.execute(query)]


def _place(conn: Connection, document_id: int, profile: Profile) -> int:
    sd = s.story_documents
    placed = conn.execute(
        select(sd.c.story_id).where(sd.c.document_id == document_id)
    ).scalar_one_or_none()
    if placed is not None:  # placed already (a restarted ingest): it never moves
        return placed
    ids = _candidate_ids(conn, profile)
    by_story: dict[int, list[Profile]] = {}
    if ids:
        query = select(sd).where(sd.c.document_id.in_(ids)).order_by(sd.c.document_id)
        for row in conn.execute(query):
            by_story.setdefault(row.story_id, []).append(_stored_profile(row))
    # A story with a member of another date is not a candidate: check those dates too.
    if profile.main_date is None or not by_story:
        candidates = by_story
    else:
        clashing = {
            r.story_id
            for r in conn.execute(
                select(sd.c.story_id).where(
                    sd.c.story_id.in_(list(by_story)),
                    sd.c.main_date.is_not(None),
                    sd.c.main_date != profile.main_date,
                )
            )
        }
        candidates = {k: v for k, v in by_story.items() if k not in clashing}
    story_ids = list(candidates)
    joined = sorted(story_ids[n] for n in matching(profile, [candidates[k] for k in story_ids]))
    if joined:
        story_id = joined[0]
        for other in joined[1:]:  # the document bridges them: one story, the oldest id
            conn.execute(update(sd).where(sd.c.story_id == other).values(story_id=story_id))
            conn.execute(delete(s.stories).where(s.stories.c.id == other))
    else:
        story_id = conn.execute(insert(s.stories).returning(s.stories.c.id)).scalar_one()
    conn.execute(
        insert(sd).values(
            document_id=document_id,
            story_id=story_id,
            main_date=profile.main_date,
            main_type=profile.main_type,
            participants=json.dumps(sorted(profile.participants)),
            lead=json.dumps([round(float(x), 5) for x in profile.lead]),
        )
    )
    rows = key_rows(document_id, profile.participants)
    if rows:
        conn.execute(insert(s.story_keys), rows)
    return story_id


def place_document(
    store: Store, document_id: int, record: Record, model: Embedder | None = None
) -> int:
    """Put a newly stored document into a story (existing or new); return the story id."""
    (profile,) = profiles([record], model or embedder())
    return place_profile(store, document_id, profile)


def place_profile(store: Store, document_id: int, profile: Profile) -> int:
    """:func:`place_document` for a profile made elsewhere (a Dask worker that stored the
    document embeds its lead; the client places it, one document at a time in input order)."""
    with store._write() as conn, conn.begin():
        return _place(conn, document_id, profile)


def unplaced(store: Store) -> list[int]:
    """Stored documents in no story, in storage order: stored by a worker (or a process)
    whose client was killed before it placed them."""
    d, sd = s.documents, s.story_documents
    with store.connect() as conn:
        query = (
            select(d.c.id)
            .outerjoin(sd, sd.c.document_id == d.c.id)
            .where(sd.c.document_id.is_(None))
            .order_by(d.c.id)
        )
        return [row.id for row in conn.execute(query)]


def place_unplaced(store: Store, model: Embedder | None = None) -> int:
    """Place every stored document that is in no story (ingest does this first, so a client
    killed between a document's commit and its placement loses no placement); the count."""
    ids = unplaced(store)
    if not ids:
        return 0
    model = model or embedder()
    d = s.documents
    for document_id in ids:
        with store.connect() as conn:
            row = conn.execute(select(d.c.text, d.c.record).where(d.c.id == document_id)).one()
        try:
            data = json.loads(row.record)
            data["document"]["text"] = row.text
            record = record_from_dict(data)
        except (KeyError, TypeError, ValueError):  # no record to profile: left unplaced
            continue
        place_profile(store, document_id, profiles([record], model)[0])
    return len(ids)


def rebuild(store: Store, model: Embedder | None = None) -> int:
    """Place every stored document again; return the number of stories."""
    model = model or embedder()
    d = s.documents
    with store.connect() as conn:
        rows = conn.execute(select(d.c.id, d.c.text, d.c.record).order_by(d.c.id)).all()
    found = []
    for row in rows:
        data = json.loads(row.record)
        data["document"]["text"] = row.text
        found.append((row.id, profiles([record_from_dict(data)], model)[0]))
    found.sort(key=lambda item: item[1].main_date is None)
    with store._write() as conn, conn.begin():
        conn.execute(delete(s.story_keys))
        conn.execute(delete(s.story_documents))
        conn.execute(delete(s.stories))
        for document_id, profile in found:
            _place(conn, document_id, profile)
        return conn.execute(select(func.count()).select_from(s.stories)).scalar_one()


def list_stories(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    about: str | None = None,
    actor: str | None = None,
) -> list[dict[str, Any]]:
    """Stories with their documents (``documents``: ids as analysed; ``document_ids``: the
    store's ids, /documents/ID on `onrecord serve`), sources, date span and main actors, in
    story id order (newest last)."""
    from onrecord.store.queries import resolve_actors

    d, sd, a, ac = s.documents, s.story_documents, s.attributions, s.actors
    with store.connect() as conn:
        query = (
            select(
                sd.c.story_id,
                d.c.id,
                d.c.doc_id,
                d.c.source,
                d.c.title,
                d.c.published_date,
                sd.c.main_date,
            )
            .join(d, d.c.id == sd.c.document_id)
            .order_by(sd.c.story_id, d.c.id)
        )
        rows = conn.execute(query).all()
        speakers: dict[int, Counter[str]] = {}
        for story_id, name in conn.execute(
            select(sd.c.story_id, ac.c.name)
            .join(a, a.c.document_id == sd.c.document_id)
            .join(ac, ac.c.id == a.c.speaker_id)
        ):
            speakers.setdefault(story_id, Counter())[name] += 1
        wanted_actor = None
        if actor is not None:
            actor_ids = resolve_actors(conn, actor)  # "Kremlin": the Russian government
            wanted_actor = {
                r.story_id
                for r in conn.execute(
                    select(sd.c.story_id)
                    .join(s.entities, s.entities.c.document_id == sd.c.document_id)
                    .where(s.entities.c.actor_id.in_(actor_ids))
                )
            }
        wanted_text = None
        if about is not None:
            pattern = f"%{about.lower()}%"
            wanted_text = {
                r.story_id
                for r in conn.execute(
                    select(sd.c.story_id)
                    .join(d, d.c.id == sd.c.document_id)
                    .where(
                        or_(func.lower(d.c.text).like(pattern), func.lower(d.c.title).like(pattern))
                    )
                )
            }
    stories: dict[int, dict[str, Any]] = {}
    for row in rows:
        story = stories.setdefault(
            row.story_id,
            {
                "story": row.story_id,
                "documents": [],
                "document_ids": [],
                "sources": [],
                "dates": [],
            },
        )
        story["documents"].append(row.doc_id)
        story["document_ids"].append(row.id)
        if row.source and row.source not in story["sources"]:
            story["sources"].append(row.source)
        if row.main_date or row.published_date:
            story["dates"].append(row.main_date or row.published_date)
    out = []
    for story_id, story in stories.items():
        dates = sorted(story.pop("dates"))
        story["first"], story["last"] = (dates[0], dates[-1]) if dates else (None, None)
        story["actors"] = [n for n, _ in speakers.get(story_id, Counter()).most_common(3)]
        if since and (story["last"] is None or story["last"] < since):
            continue
        if until and (story["first"] is None or story["first"][: len(until)] > until):
            continue
        if wanted_actor is not None and story_id not in wanted_actor:
            continue
        if wanted_text is not None and story_id not in wanted_text:
            continue
        out.append(story)
    return out


def story_of(store: Store, document_id: int) -> int | None:
    """The story a stored document belongs to (None before it is placed)."""
    sd = s.story_documents
    with store.connect() as conn:
        return conn.execute(
            select(sd.c.story_id).where(sd.c.document_id == document_id)
        ).scalar_one_or_none()


def story_records(
    store: Store, *, story: str | None = None, documents: list[str] | None = None
) -> tuple[list[Record], str]:
    """The records of a stored story (by id) or of stored documents (by document id)."""
    d, sd = s.documents, s.story_documents
    query = select(d.c.doc_id, d.c.text, d.c.record).order_by(d.c.id)
    if story is not None:
        if not story.lstrip("s").isdigit():
            raise StoryError(f"no story {story!r}: story ids are numbers (see `onrecord stories`)")
        query = query.join(sd, sd.c.document_id == d.c.id).where(
            sd.c.story_id == int(story.lstrip("s"))
        )
        label = f"s{int(story.lstrip('s'))}"
    else:
        query = query.where(d.c.doc_id.in_(documents or []))
        label = "s1"
    with store.connect() as conn:
        rows = conn.execute(query).all()
    if not rows:
        raise StoryError(f"no stored documents for {'story ' + story if story else documents}")
    if documents:
        missing = sorted(set(documents) - {r.doc_id for r in rows})
        if missing:
            raise StoryError(f"not in the store: {', '.join(missing)}")
    records = []
    for row in rows:
        data = json.loads(row.record)
        data["document"]["text"] = row.text
        records.append(record_from_dict(data))
    return records, label
