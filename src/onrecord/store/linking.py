"""Linking a document's entities to the store's global actors.

Named people and bodies are one actor across articles, found by canonical key (see
:mod:`onrecord.store.names`). Generic groups and unnamed sources ("officials", "a source",
"protesters") are not: "officials" in two unrelated stories are different people, so each such
entity gets an actor of its own document, or, when the entity names the organisation it speaks
for (its ``country``), one actor per organisation. Their ``base_key`` still lets a query for
"officials" find all of them.

A named entity the Phoenix actor dictionary knows (``Entity.actor``, the dictionary key, e.g.
``ABDELAZIZ_BOUTEFLIKA``) is one actor wherever it occurs, whatever the article calls it
("President Bouteflika", "Abdelaziz Bouteflika"): the key is an alias of that actor (keys are
upper case, canonical names never are, so the two cannot collide), and the names it is given
become aliases too, so that typing either name, or the key, finds it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Literal

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy import update as sql_update

from onrecord.model import Entity
from onrecord.store import schema as s
from onrecord.store.names import GENERIC_KINDS, PERSONISH, canonical_key, surname


def link_entity(conn: Connection, entity: Entity, document_id: int, text: str) -> int | None:
    """The actor id for ``entity`` of stored document ``document_id`` (whose text is ``text``)."""
    form = name_form(entity.kind, entity.name, [(m.start, m.text) for m in entity.mentions], text)
    # "either" ("Officials said", "People said": capitalised only opening a sentence) is kept
    # to its document too: it may as well be "People" the magazine, and groups are never
    # pooled by guesswork. `--speaker Democrats` still finds every document's actor.
    if form != "name":
        return generic_actor_for(
            conn, entity.name, entity.kind, document_id=document_id, organisation=entity.country
        )
    if entity.actor and entity.actor != entity.actor.casefold():
        return dictionary_actor(conn, entity.actor, entity.name, entity.kind)
    return actor_for(conn, entity.name, entity.kind)


def _alias_owner(conn: Connection, alias: str) -> int | None:
    return conn.execute(
        select(s.actor_aliases.c.actor_id).where(s.actor_aliases.c.alias == alias)
    ).scalar()


def dictionary_actor(conn: Connection, dictionary_key: str, name: str, kind: str) -> int | None:
    """The actor of the actor-dictionary entry ``dictionary_key``, named ``name`` here.

    The first mention links by name as :func:`actor_for` does, unless that actor is already
    another dictionary entry's (two people of one name): then the entry gets an actor of its
    own, keyed by the dictionary key. Later mentions find it by the key, and their name becomes
    an alias of it where no other actor holds that name.
    """
    found = _alias_owner(conn, dictionary_key)
    if found is None:
        found = actor_for(conn, name, kind)
        if found is None:
            return None
        other = conn.execute(
            select(s.actor_aliases.c.alias).where(
                s.actor_aliases.c.actor_id == found, s.actor_aliases.c.alias != dictionary_key
            )
        ).scalars()
        if any(alias != alias.casefold() for alias in other):
            found = conn.execute(
                insert(s.actors)
                .values(key=dictionary_key, name=name.strip(), kind=kind)
                .returning(s.actors.c.id)
            ).scalar_one()
        conn.execute(insert(s.actor_aliases).values(alias=dictionary_key, actor_id=found))
        return found
    key = canonical_key(name, kind)
    if key and _alias_owner(conn, key) is None:
        conn.execute(insert(s.actor_aliases).values(alias=key, actor_id=found))
        stored = conn.execute(select(s.actors.c.key).where(s.actors.c.id == found)).scalar()
        if stored and len(key) > len(stored) and key.endswith(" " + stored):
            # "Bouteflika" first, then "Abdelaziz Bouteflika": show the fuller name.
            conn.execute(
                sql_update(s.actors).where(s.actors.c.id == found).values(name=name.strip())
            )
    return found


_OPENING = "\"'\u201c\u2018\u00ab([ \t"
_SENTENCE_END = ".!?:;\u2026\u2014\u2013-"


def _starts_sentence(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence, a line or a quotation (all capitalised anyway)."""
    i = start - 1
    while i >= 0 and text[i] in _OPENING:
        if text[i] not in " \t":
            return True
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] in "\n\r"


NameForm = Literal["name", "description", "either"]


def name_form(kind: str, name: str, mentions: list[tuple[int, str]], text: str) -> NameForm:
    """Whether an entity names ("Democrats", "Senate Republicans": a capitalised head word,
    and every entity not of a generic kind) or describes ("officials", "German officials");
    "either" when it is only ever capitalised opening a sentence, line or quotation
    ("Officials said"). One lower-case mention makes it a description. Mentions with another
    head word (pronouns that coreference added) do not count."""
    if kind not in GENERIC_KINDS:
        return "name"
    head = name.split()[-1].casefold() if name.split() else ""
    form: NameForm = "description"
    seen = False
    for start, written in mentions:
        words = written.split()
        if not words or words[-1].casefold() != head:
            continue
        seen = True
        if not words[-1][:1].isupper():
            return "description"  # written in lower case once: a description everywhere
        if len(words) > 1 or not _starts_sentence(text, start):
            form = "name"
        elif form != "name":
            form = "either"
    if not seen and name.split() and name.split()[-1][:1].isupper():
        return "either"
    return form


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
    """Give every generic entity linked to an actor pooled across documents an actor of its
    own document (or organisation), as :func:`link_entity` now does; entities written as names
    stay. Run by the schema migration to version 3; safe to run again. Returns how many
    entities were moved."""
    a, e, d = s.actors, s.entities, s.documents
    pooled = {
        row.id: row
        for row in conn.execute(
            select(a.c.id, a.c.kind).where(
                a.c.kind.in_(sorted(GENERIC_KINDS)), a.c.base_key.is_(None)
            )
        )
    }
    if not pooled:
        return 0
    linked: dict[int, list[Any]] = defaultdict(list)
    ids = sorted(pooled)
    for start in range(0, len(ids), 500):
        for row in conn.execute(
            select(e.c.id, e.c.document_id, e.c.local_id, e.c.name, e.c.kind, e.c.country,
                   e.c.actor_id)
            .where(e.c.actor_id.in_(ids[start : start + 500]))
        ):  # fmt: skip
            linked[row.document_id].append(row)
    forms: list[tuple[Any, NameForm]] = []
    for document_id in sorted(linked):
        doc = conn.execute(select(d.c.text, d.c.record).where(d.c.id == document_id)).one()
        mentions = _mentions_by_entity(doc.record)
        for row in linked[document_id]:
            written = mentions.get(row.local_id, [])
            forms.append((row, name_form(row.kind, row.name, written, doc.text)))
    moved = 0
    for row, form in forms:
        if form == "name":
            continue
        new_id = generic_actor_for(
            conn, row.name, row.kind, document_id=row.document_id, organisation=row.country
        )
        _repoint(conn, row.actor_id, new_id, row.id, row.document_id)
        moved += 1
    for actor_id in ids:
        left = conn.execute(select(e.c.id).where(e.c.actor_id == actor_id)).first()
        if left is None:
            conn.execute(delete(s.actor_aliases).where(s.actor_aliases.c.actor_id == actor_id))
            conn.execute(delete(a).where(a.c.id == actor_id))
    return moved


def _mentions_by_entity(record_json: str) -> dict[str, list[tuple[int, str]]]:
    record = json.loads(record_json) if record_json else {}
    return {
        entity["id"]: [(m["start"], m["text"]) for m in entity.get("mentions", [])]
        for entity in record.get("entities", [])
    }


def _repoint(conn: Connection, old: int, new: int | None, entity_id: int, document_id: int) -> None:
    """Move the references made through entity ``entity_id`` from actor ``old`` to ``new``."""
    e, at, p = s.entities, s.attributions, s.event_participants
    conn.execute(sql_update(e).where(e.c.id == entity_id).values(actor_id=new))
    conn.execute(
        sql_update(at)
        .where(at.c.speaker_id == old, at.c.speaker_entity_id == entity_id)
        .values(speaker_id=new)
    )
    conn.execute(
        sql_update(p).where(p.c.actor_id == old, p.c.entity_id == entity_id).values(actor_id=new)
    )
    # Addressees carry no entity row: one document has one entity per canonical name.
    conn.execute(
        sql_update(at)
        .where(at.c.addressee_id == old, at.c.document_id == document_id)
        .values(addressee_id=new)
    )
