"""Linking a document's entities to the store's global actors.

Named people and bodies are one actor across articles, found by canonical key (see
:mod:`onrecord.store.names`). Generic groups and unnamed sources ("officials", "a source",
"protesters") are not: "officials" in two unrelated stories are different people, so each such
entity gets an actor of its own document, or, when the entity names the organisation it speaks
for (its ``country``), one actor per organisation. Their ``base_key`` still lets a query for
"officials" find all of them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy import update as sql_update

from onrecord.model import Entity
from onrecord.store import schema as s
from onrecord.store.names import GENERIC_KINDS, PERSONISH, canonical_key, surname


def link_entity(conn: Connection, entity: Entity, document_id: int) -> int | None:
    """The actor id for ``entity`` of stored document ``document_id``."""
    if entity.kind in GENERIC_KINDS:
        return generic_actor_for(
            conn, entity.name, entity.kind, document_id=document_id, organisation=entity.country
        )
    return actor_for(conn, entity.name, entity.kind)


def scoped_key(base: str, document_id: int | None, organisation: str | None) -> str:
    """The unique key of a generic actor: ``officials@17`` (document 17) or ``officials@DEU``.

    ``@`` never occurs in a canonical key, so these keys can never collide with a name.
    """
    return f"{base}@{organisation.upper()}" if organisation else f"{base}@{document_id}"


def generic_actor_for(
    conn: Connection,
    name: str,
    kind: str,
    *,
    document_id: int,
    organisation: str | None = None,
) -> int | None:
    """The actor of a generic group in one document (or of one organisation's unnamed sources)."""
    base = canonical_key(name, "group")
    if not base:
        return None
    key = scoped_key(base, document_id, organisation)
    found = conn.execute(select(s.actors.c.id).where(s.actors.c.key == key)).scalar()
    if found is not None:
        return found
    return conn.execute(
        insert(s.actors)
        .values(
            key=key,
            name=name.strip(),
            kind=kind,
            base_key=base,
            document_id=None if organisation else document_id,
        )
        .returning(s.actors.c.id)
    ).scalar_one()


# Named actors ------------------------------------------------------------------------------


def _like_suffix(key: str) -> str:
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "% " + escaped


def _full_names_ending_with(conn: Connection, last: str) -> list[int]:
    rows = conn.execute(
        select(s.actors.c.id).where(
            s.actors.c.key.like(_like_suffix(last), escape="\\"),
            s.actors.c.kind.in_(sorted(PERSONISH)),
            s.actors.c.base_key.is_(None),
        )
    ).all()
    return [row.id for row in rows]


def actor_for(conn: Connection, name: str, kind: str) -> int | None:
    """The global actor id for an entity named ``name``, creating or merging as needed.

    A surname-only person name ("Putin") joins the one person whose full name ends with it
    ("Vladimir Putin"). When the full name arrives after the surname, the surname's actor is
    merged into it. When a second full name with that surname arrives, later surname-only
    mentions are no longer merged (merges already made stay).
    """
    key = canonical_key(name, kind)
    if not key:
        return None
    found = conn.execute(
        select(s.actor_aliases.c.actor_id).where(s.actor_aliases.c.alias == key)
    ).scalar()
    if found is not None:
        if kind != "unknown":
            conn.execute(
                sql_update(s.actors)
                .where(s.actors.c.id == found, s.actors.c.kind == "unknown")
                .values(kind=kind)
            )
        return found
    personish = kind in PERSONISH
    single = " " not in key
    if single and personish:
        candidates = _full_names_ending_with(conn, key)
        if len(candidates) == 1:
            conn.execute(insert(s.actor_aliases).values(alias=key, actor_id=candidates[0]))
            return candidates[0]
    existing = conn.execute(select(s.actors.c.id).where(s.actors.c.key == key)).scalar()
    if existing is not None:
        # The key's alias was withdrawn (an ambiguous surname): the actor still stands for the
        # mentions it already had, and for this one; no new merges through it.
        return existing
    actor_id = conn.execute(
        insert(s.actors).values(key=key, name=name.strip(), kind=kind).returning(s.actors.c.id)
    ).scalar_one()
    conn.execute(insert(s.actor_aliases).values(alias=key, actor_id=actor_id))
    if personish and not single:
        last = surname(key)
        alias_owner = conn.execute(
            select(s.actor_aliases.c.actor_id).where(s.actor_aliases.c.alias == last)
        ).scalar()
        if alias_owner is not None:
            owner_key = conn.execute(
                select(s.actors.c.key, s.actors.c.kind).where(s.actors.c.id == alias_owner)
            ).one()
            if owner_key.key == last and owner_key.kind in PERSONISH:
                if _full_names_ending_with(conn, last) == [actor_id]:
                    _merge_actor(conn, alias_owner, actor_id)
            else:
                # The surname now names two people: stop merging it into either.
                conn.execute(delete(s.actor_aliases).where(s.actor_aliases.c.alias == last))
    return actor_id


def _merge_actor(conn: Connection, old: int, new: int) -> None:
    for table, column in (
        (s.entities, "actor_id"),
        (s.attributions, "speaker_id"),
        (s.attributions, "addressee_id"),
        (s.event_participants, "actor_id"),
        (s.actor_aliases, "actor_id"),
    ):
        conn.execute(sql_update(table).where(table.c[column] == old).values({column: new}))
    conn.execute(delete(s.actors).where(s.actors.c.id == old))


# Re-linking stores written before generic actors were scoped -------------------------------


def split_generic_actors(conn: Connection) -> int:
    """Give every generic actor not yet scoped one actor per document (or organisation).

    Run by the schema migration to version 2; safe to run again. Returns how many actors
    were split.
    """
    a, e = s.actors, s.entities
    pooled = conn.execute(
        select(a.c.id, a.c.key, a.c.kind).where(
            a.c.kind.in_(sorted(GENERIC_KINDS)), a.c.base_key.is_(None)
        )
    ).all()
    for actor in pooled:
        groups: dict[tuple[int | None, str | None], list[Any]] = defaultdict(list)
        for row in conn.execute(
            select(e.c.id, e.c.document_id, e.c.name, e.c.country)
            .where(e.c.actor_id == actor.id)
            .order_by(e.c.id)
        ):
            scope = (None, row.country) if row.country else (row.document_id, None)
            groups[scope].append(row)
        for (document_id, organisation), rows in groups.items():
            # Documents whose entities are all of this actor's scope: a document-scoped actor
            # for document_id, or an organisation's actor for all its documents.
            new_id = generic_actor_for(
                conn,
                rows[0].name,
                actor.kind,
                document_id=document_id or rows[0].document_id,
                organisation=organisation,
            )
            _repoint(conn, actor.id, new_id, [row.id for row in rows])
        conn.execute(delete(s.actor_aliases).where(s.actor_aliases.c.actor_id == actor.id))
        still_used = (
            conn.execute(
                select(s.attributions.c.id).where(
                    (s.attributions.c.speaker_id == actor.id)
                    | (s.attributions.c.addressee_id == actor.id)
                )
            ).first()
            or conn.execute(
                select(s.event_participants.c.event_id).where(
                    s.event_participants.c.actor_id == actor.id
                )
            ).first()
        )
        if still_used is None:
            conn.execute(delete(a).where(a.c.id == actor.id))
        else:
            # References without an entity behind them: keep the actor, scoped to nothing.
            conn.execute(sql_update(a).where(a.c.id == actor.id).values(base_key=actor.key))
    return len(pooled)


def _repoint(conn: Connection, old: int, new: int | None, entity_ids: list[int]) -> None:
    """Move the references made through ``entity_ids`` from actor ``old`` to ``new``."""
    e, at, p = s.entities, s.attributions, s.event_participants
    for start in range(0, len(entity_ids), 500):
        chunk = entity_ids[start : start + 500]
        conn.execute(sql_update(e).where(e.c.id.in_(chunk)).values(actor_id=new))
        conn.execute(
            sql_update(at)
            .where(at.c.speaker_id == old, at.c.speaker_entity_id.in_(chunk))
            .values(speaker_id=new)
        )
        conn.execute(
            sql_update(p).where(p.c.actor_id == old, p.c.entity_id.in_(chunk)).values(actor_id=new)
        )
        # Addressees carry no entity row: move them by document.
        documents = select(e.c.document_id).where(e.c.id.in_(chunk)).distinct()
        conn.execute(
            sql_update(at)
            .where(at.c.addressee_id == old, at.c.document_id.in_(documents))
            .values(addressee_id=new)
        )
