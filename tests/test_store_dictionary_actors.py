"""One actor across articles by the actor dictionary's key: the real pipeline, a real SQLite
store. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from onrecord import analyze
from onrecord.store import open_store, queries

FIRST = "President Bouteflika met the French foreign minister in Algiers on Monday."
SECOND = "Abdelaziz Bouteflika said on Tuesday that the talks had been useful."
KEY = "ABDELAZIZ_BOUTEFLIKA"


@pytest.fixture(scope="module")
def records():
    return [
        analyze(FIRST, published="2015-03-02", doc_id="first"),
        analyze(SECOND, published="2015-03-03", doc_id="second"),
    ]


def _bouteflika(record):
    return next(e for e in record.entities if e.name.endswith("Bouteflika"))


def test_both_names_get_the_dictionary_key_country_and_sector(records):
    first, second = (_bouteflika(r) for r in records)
    assert (first.name, first.title, first.actor, first.country, first.sector) == (
        "Bouteflika",
        "President",
        KEY,
        "DZA",
        "GOV",
    )
    # He only speaks in the second article: the key still comes with the name.
    assert (second.name, second.actor, second.country, second.sector) == (
        "Abdelaziz Bouteflika",
        KEY,
        "DZA",
        "GOV",
    )


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_articles_land_on_one_actor_found_by_key_and_names(records, tmp_path, order):
    with open_store(tmp_path / "store.db") as store:
        for i in order:
            assert store.add_record(records[i], origin=records[i].document.id)
        with store.connect() as conn:
            from sqlalchemy import select

            from onrecord.store import schema as s

            rows = conn.execute(
                select(s.entities.c.name, s.entities.c.actor_id).where(
                    s.entities.c.name.like("%Bouteflika")
                )
            ).all()
        assert len(rows) == 2 and len({row.actor_id for row in rows}) == 1
        actor_id = rows[0].actor_id
        for typed in (
            KEY,
            KEY.lower(),
            "Bouteflika",
            "Abdelaziz Bouteflika",
            "President Bouteflika",
        ):
            assert queries.find_actors(store, typed).actor_ids == (actor_id,), typed
        assert queries.find_actors(store, KEY).how == "dictionary key"


def test_spellings_the_dictionary_lists_are_one_actor(tmp_path):
    """By name alone "Hosni Mubarak" and "Husni Mubarak" are two people of one surname."""
    texts = [
        "Egyptian President Hosni Mubarak received the Jordanian king in Cairo on Sunday.",
        "Husni Mubarak said the border would stay open.",
    ]
    with open_store(tmp_path / "store.db") as store:
        for i, text in enumerate(texts):
            record = analyze(text, published="2005-05-01", doc_id=f"m{i}")
            assert [e.actor for e in record.entities if "Mubarak" in e.name] == ["HOSNI_MUBARAK"]
            assert store.add_record(record, origin=f"m{i}")
        found = {typed: queries.find_actors(store, typed).actor_ids for typed in
                 ("Hosni Mubarak", "Husni Mubarak", "HOSNI_MUBARAK", "Mubarak")}  # fmt: skip
    assert len(set(found.values())) == 1 and len(found["Mubarak"]) == 1
