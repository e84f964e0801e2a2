"""Generic groups and unnamed sources are never one actor across documents; old stores that
pooled them are split by the schema migration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import MetaData, Table, insert, select

from onrecord.cli.commands import main
from onrecord.model import Document, Record
from onrecord.store import open_store, queries
from onrecord.store import schema as s
from onrecord.store.db import engine_for
from onrecord.store.linking import name_form
from store_helpers import attribution, entity

pytest_plugins = ("store_fixtures",)

ARTICLES = {
    "bridge.txt": "Officials said the bridge over the river would reopen on Monday.\n",
    "vaccine.txt": "Officials said the vaccine trial had been paused for a week.\n",
    "square.txt": "A source told reporters the protesters would return to the square.\n",
    "budget.txt": "A source told reporters the budget vote had been delayed again.\n",
}


def run(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_officials_and_sources_of_unrelated_stories_stay_apart(tmp_path: Path) -> None:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "store.db")
    run(db, "ingest", *(str(tmp_path / name) for name in ARTICLES))
    rows = json.loads(run(db, "speakers", "--format", "json"))
    assert sorted((r["speaker"], r["kind"], r["statements"], r["documents"]) for r in rows) == [
        ("unnamed officials", "group", 1, 1),
        ("unnamed officials", "group", 1, 1),
        ("unnamed source", "unknown", 1, 1),
        ("unnamed source", "unknown", 1, 1),
    ]
    assert len({r["id"] for r in rows}) == 4
    said = json.loads(run(db, "statements", "--speaker", "officials", "--format", "json"))
    assert [r["content"] for r in said] == [
        "the bridge over the river would reopen on Monday",
        "the vaccine trial had been paused for a week",
    ]
    said = json.loads(run(db, "statements", "--speaker", "a source", "--format", "json"))
    assert [r["content"] for r in said] == [
        "the protesters would return to the square",
        "the budget vote had been delayed again",
    ]


def _officials(doc_id: str, text: str, country: str | None) -> Record:
    group = entity(text, "e1", "officials", "group", "Officials")
    group.country = country
    said = attribution(text, "a1", "indirect", "e1", text.split(" said ")[1].rstrip("."),
                       "said", "say", "Officials")  # fmt: skip
    return Record(Document(doc_id, text), [group], [said], [])


def test_an_organisations_unnamed_sources_are_one_actor(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_record(
            _officials("d1", "Officials said the talks were useful.", "DEU"), origin="1"
        )
        store.add_record(_officials("d2", "Officials said the deal was close.", "DEU"), origin="2")
        store.add_record(_officials("d3", "Officials said the road was shut.", None), origin="3")
        rows = queries.speakers(store).rows
        assert sorted((r["speaker"], r["statements"], r["documents"]) for r in rows) == [
            ("officials", 1, 1),
            ("officials", 2, 2),
        ]
        keys = {r["key"]: r["document"] for r in queries.actors(store).rows}
        assert keys == {"officials@DEU": None, "officials@3": 3}
        said = queries.statements(store, speaker="Officials").rows
        assert [r["content"] for r in said] == [
            "the talks were useful",
            "the deal was close",
            "the road was shut",
        ]


# Migration of a version-1 store -------------------------------------------------------------


def _version_1_store(url: str) -> None:
    """A store as onrecord wrote it at schema version 1: one "officials" actor for the
    statements of two unrelated documents."""
    old = MetaData()
    kept = [c._copy() for c in s.actors.columns if c.name not in ("base_key", "document_id")]
    Table("actors", old, *kept)
    for table in s.metadata.sorted_tables:
        if table.name != "actors":
            table.to_metadata(old)
    t = old.tables
    engine = engine_for(url)
    with engine.begin() as conn:
        old.create_all(conn)
        s._create_extras(conn)
        conn.execute(insert(t["onrecord_schema"]).values(version=1))
        actor = conn.execute(
            insert(t["actors"])
            .values(key="officials", name="officials", kind="group")
            .returning(t["actors"].c.id)
        ).scalar_one()
        conn.execute(insert(t["actor_aliases"]).values(alias="officials", actor_id=actor))
        for n in (1, 2):
            text = f"Officials said story {n} was true."
            doc = conn.execute(
                insert(t["documents"])
                .values(content_hash=str(n), origin=str(n), doc_id=str(n), text=text, record="{}")
                .returning(t["documents"].c.id)
            ).scalar_one()
            row = conn.execute(
                insert(t["entities"])
                .values(document_id=doc, local_id="e1", name="officials", kind="group",
                        mentions=1, actor_id=actor)
                .returning(t["entities"].c.id)
            ).scalar_one()  # fmt: skip
            conn.execute(
                insert(t["attributions"]).values(
                    document_id=doc, local_id="a1", kind="indirect", content=f"story {n} was true",
                    spans="[]", section="body", speaker_entity_id=row, speaker_id=actor,
                )
            )  # fmt: skip
    engine.dispose()


def test_the_migration_splits_pooled_generic_actors(store_url: str) -> None:
    _version_1_store(store_url)
    with open_store(store_url, create=False) as store:
        with store.connect() as conn:
            assert s.current_version(conn) == s.SCHEMA_VERSION == 4
            actors = conn.execute(
                select(s.actors.c.key, s.actors.c.base_key, s.actors.c.document_id).order_by(
                    s.actors.c.key
                )
            ).all()
            aliases = conn.execute(select(s.actor_aliases)).all()
        assert [tuple(a) for a in actors] == [
            ("officials@1", "officials", 1),
            ("officials@2", "officials", 2),
        ]  # the documents' row ids are 1 and 2
        assert aliases == []
        rows = queries.speakers(store).rows
        assert [(r["speaker"], r["statements"], r["documents"]) for r in rows] == [
            ("officials", 1, 1),
            ("officials", 1, 1),
        ]
        said = queries.statements(store, speaker="officials").rows
        assert [r["content"] for r in said] == ["story 1 was true", "story 2 was true"]
        assert [r["speaker"] for r in said] == ["officials", "officials"]


@pytest.mark.parametrize("kind", ["group", "unknown"])
def test_generic_kinds_never_join_a_person_by_surname(store_url: str, kind: str) -> None:
    text = "The spokesman said no. Jane Spokesman said yes."
    people = [entity(text, "e1", "spokesman", kind), entity(text, "e2", "Jane Spokesman")]
    said = [
        attribution(text, "a1", "direct", "e1", "no", "said", "say", "The spokesman"),
        attribution(text, "a2", "direct", "e2", "yes", "said", "say", "Jane Spokesman"),
    ]
    with open_store(store_url) as store:
        store.add_record(Record(Document("d", text), people, said), origin="d")
        rows = queries.speakers(store).rows
    assert sorted((r["speaker"], r["kind"]) for r in rows) == [
        ("Jane Spokesman", "person"),
        ("spokesman", kind),
    ]


@pytest.mark.parametrize(
    ("kind", "text", "written", "form"),
    [
        ("group", "Officials said no.", "Officials", "either"),
        ("group", "The bill failed, officials said.", "officials", "description"),
        ("group", "The bill failed, German officials said.", "German officials", "description"),
        ("group", "He left. \u201cProtesters said no,\u201d he wrote.", "Protesters", "either"),
        ("group", "The bill failed, Democrats said.", "Democrats", "name"),
        ("group", "Senate Republicans said no.", "Senate Republicans", "name"),
        ("unknown", "A source said no.", "source", "description"),
        ("person", "Putin said no.", "Putin", "name"),
    ],
)
def test_descriptions_are_generic_names_are_not(
    kind: str, text: str, written: str, form: str
) -> None:
    mentions = [(text.index(written), written), (text.index("said"), "I")]  # a pronoun
    assert name_form(kind, written, mentions, text) == form


def test_a_group_written_as_a_name_is_one_actor_across_documents(store_url: str) -> None:
    texts = [
        "The bill failed, Democrats said.",
        "The vote was close, Democrats said.",
        "Democrats said the vote was close.",  # only opening a sentence: its own actor
    ]
    with open_store(store_url) as store:
        for n, text in enumerate(texts):
            group = entity(text, "e1", "Democrats", "group")
            content = text.split(",")[0] if "," in text else "the vote was close"
            said = attribution(text, "a1", "indirect", "e1", content, "said", "say", "Democrats")
            store.add_record(Record(Document(f"d{n}", text), [group], [said]), origin=str(n))
        rows = queries.speakers(store).rows
        said = queries.statements(store, speaker="Democrats").rows
    assert [(r["speaker"], r["statements"], r["documents"]) for r in rows] == [
        ("Democrats", 2, 2),
        ("Democrats", 1, 1),
    ]
    assert [r["content"] for r in said] == [
        "The bill failed",
        "The vote was close",
        "the vote was close",
    ]


def test_one_lower_case_mention_makes_a_description_and_quotes_open_sentences() -> None:
    text = "Candidates met. Later, the candidates left. She told \u201cVoters are tired.\u201d"
    mentions = [(text.index("Candidates"), "Candidates"), (text.index("candidates"), "candidates")]
    assert name_form("group", "Candidates", mentions, text) == "description"
    voters = [(text.index("Voters"), "Voters")]
    assert name_form("group", "Voters", voters, text) == "either"
