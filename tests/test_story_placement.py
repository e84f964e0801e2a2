"""Story placement on a large store: indexed candidates place exactly as a scan of every
stored profile would, and a document stored but never placed is placed by the next ingest."""

from __future__ import annotations

import numpy as np
from sqlalchemy import insert, select

from onrecord.compare.store import place_profile, place_unplaced, story_of, unplaced
from onrecord.compare.stories import Profile, matching
from onrecord.store import open_store
from onrecord.store import schema as s
from onrecord.store.db import Store

pytest_plugins = ("store_fixtures",)


def _lead(*weights: float) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    v[: len(weights)] = weights
    return v / np.linalg.norm(v)


def _profile(
    date: str | None, keys: set[str], lead: np.ndarray, kind: str | None = None
) -> Profile:
    return Profile("x", None, date, kind, frozenset(keys), lead)


def _document(store: Store, n: int) -> int:
    with store._write() as conn, conn.begin():
        return conn.execute(
            insert(s.documents)
            .values(content_hash=f"h{n}", origin=f"o{n}", doc_id=f"d{n}", text="t", record="{}")
            .returning(s.documents.c.id)
        ).scalar_one()


def _store_all(store: Store, found: list[Profile]) -> list[int]:
    ids = []
    for n, profile in enumerate(found):
        ids.append(_document(store, n))
        place_profile(store, ids[-1], profile)
    return ids


def _members(store: Store, document_id: int) -> list[int]:
    sd = s.story_documents
    with store.connect() as conn:
        story = story_of(store, document_id)
        return [
            r.document_id
            for r in conn.execute(select(sd.c.document_id).where(sd.c.story_id == story))
        ]


THE_SUMMIT = [
    _profile("2031-04-02", {"FRA", "GER", "dupont"}, _lead(1, 0.1)),
    _profile(None, {"FRA", "dupont"}, _lead(1, 0.2)),
    _profile("2031-04-03", {"FRA", "GER"}, _lead(1, 0.1)),  # the next day: another story
]
NEW = _profile(None, {"FRA", "GER", "dupont", "weber"}, _lead(1, 0.15))


def _unrelated(count: int) -> list[Profile]:
    """Documents sharing no key with the summit, or one key and a lead far from it."""
    rng = np.random.default_rng(7)
    out = []
    for n in range(count):
        if n % 3:
            keys = {f"p{n}", f"p{n + 1}", "ITA" if n % 2 else "ESP"}
        else:
            keys = {"weber", f"q{n}", f"q{n + 1}", f"q{n + 2}"}  # shares 1 of 4 keys
        date = None if n % 4 else "2031-04-02"
        out.append(_profile(date, keys, _lead(*rng.normal(size=8))))
    return out


def test_a_store_of_many_unrelated_documents_places_a_new_one_as_a_small_store(
    store_url: str, tmp_path
) -> None:
    with open_store(store_url) as small:
        ids = _store_all(small, THE_SUMMIT)
        assert [story_of(small, i) for i in ids] == [1, 1, 2]  # the next day's is another
        new = _document(small, 99)
        place_profile(small, new, NEW)  # undated, it bridges the two
        assert _members(small, new) == [*ids, new]
    with open_store(f"sqlite:///{tmp_path / 'large.db'}") as large:
        before = _store_all(large, _unrelated(400))
        ids = []
        for n, profile in enumerate(THE_SUMMIT):
            ids.append(_document(large, 1000 + n))
            place_profile(large, ids[-1], profile)
        new = _document(large, 1999)
        place_profile(large, new, NEW)
        assert _members(large, new) == [*ids, new]
        assert len({story_of(large, i) for i in before} & {story_of(large, new)}) == 0


def _scan(store: Store, profile: Profile) -> set[int]:
    """The stories ``profile`` joins when every stored profile is read (the former placement)."""
    from onrecord.compare.store import _stored_profile

    sd = s.story_documents
    with store.connect() as conn:
        rows = conn.execute(select(sd).order_by(sd.c.document_id)).all()
    by_story: dict[int, list[Profile]] = {}
    for row in rows:
        by_story.setdefault(row.story_id, []).append(_stored_profile(row))
    ids = list(by_story)
    return {ids[n] for n in matching(profile, [by_story[k] for k in ids])}


def test_indexed_placement_joins_the_stories_a_full_scan_finds(tmp_path) -> None:
    rng = np.random.default_rng(11)
    keys = ["FRA", "GER", "ITA", "dupont", "weber", "rossi", "nato", "eu"]
    basis = [_lead(*rng.normal(size=8)) for _ in range(4)]
    joined = 0
    with open_store(f"sqlite:///{tmp_path / 'random.db'}") as store:
        for n in range(150):
            chosen = set(rng.choice(keys, size=int(rng.integers(1, 4)), replace=False))
            lead = basis[n % 4] + 0.3 * rng.normal(size=8).astype(np.float32)
            date = [None, "2031-04-02", "2031-04-03"][n % 3]
            profile = _profile(date, chosen, lead / np.linalg.norm(lead), "meet" if n % 5 else None)
            expected = _scan(store, profile)
            document = _document(store, n)
            story = place_profile(store, document, profile)
            if expected:
                joined += 1
                assert story == min(expected)
            else:
                assert story not in {story_of(store, d) for d in range(1, document)}
    assert joined == 81


def test_ingest_places_a_document_stored_but_never_placed(store_url: str, tmp_path) -> None:
    from onrecord.store import ingest

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Mayor Ilse Varga said on Tuesday that the harbour bridge would reopen in May.\n",
        encoding="utf-8",
    )
    with open_store(store_url) as store:
        ingest(store, [folder])
        with store.connect() as conn:
            document = conn.execute(select(s.documents.c.id)).scalar_one()
        assert unplaced(store) == []
        sd = s.story_documents
        with store._write() as conn, conn.begin():  # as if the client died before placing it
            conn.execute(s.story_keys.delete())
            conn.execute(sd.delete())
            conn.execute(s.stories.delete())
        assert unplaced(store) == [document]
        (folder / "b.txt").write_text(
            "Residents told the council on Wednesday that the ferry timetable had changed.\n",
            encoding="utf-8",
        )
        summary = ingest(store, [folder])
        assert (summary.stored, summary.duplicates) == (1, 1)
        assert unplaced(store) == []
        assert place_unplaced(store) == 0
