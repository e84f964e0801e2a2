"""Actors across documents: surname merges and their collisions never lose a document."""

from __future__ import annotations

import json

from onrecord.model import Document, Record
from onrecord.store import open_store, queries
from store_helpers import attribution, entity

pytest_plugins = ["store_fixtures"]


def _record(doc_id: str, text: str, names: list[tuple[str, str]], speaker: int) -> Record:
    entities = [entity(text, f"e{i}", name, kind) for i, (name, kind) in enumerate(names, start=1)]
    said = attribution(
        text, "a1", "indirect", f"e{speaker}", "the talks were useful", "said", "say",
        names[speaker - 1][0],
    )  # fmt: skip
    return Record(Document(doc_id, text), entities, [said], [])


SEQUENCE = [
    # A surname-only actor, then in the same document the full name that absorbs it.
    ("d1", "Washington said the talks were useful. George Washington agreed.",
     [("Washington", "person"), ("George Washington", "person")], 1),
    # A second full name with the same surname makes the surname ambiguous.
    ("d2", "Martha Washington said the talks were useful.",
     [("Martha Washington", "person")], 1),
    # The surname alone again, as a person and as a place.
    ("d3", "Washington said the talks were useful.", [("Washington", "person")], 1),
    ("d4", "Washington said the talks were useful in the capital.", [("Washington", "place")], 1),
]  # fmt: skip


def test_every_document_is_stored_whatever_the_name_order(store_url):
    with open_store(store_url) as store:
        for doc_id, text, names, speaker in SEQUENCE:
            assert store.add_record(_record(doc_id, text, names, speaker), origin=doc_id)
        speakers = queries.speakers(store, top=10)
    counted = {(row["speaker"], row["kind"]): row["statements"] for row in speakers.rows}
    assert sum(counted.values()) == 4
    # d1's surname-only speaker merged into the full name of the same document.
    assert counted[("George Washington", "person")] == 1
    assert counted[("Martha Washington", "person")] == 1


def test_ingest_scope_all_stores_topic_accounts(tmp_path):
    from click.testing import CliRunner

    from onrecord.cli.commands import main

    article = tmp_path / "topic.txt"
    article.write_text("The two leaders discussed the Ukraine crisis.\n", encoding="utf-8")
    runner = CliRunner()
    for scope, expected in (("speech", []), ("all", ["the Ukraine crisis"])):
        db = tmp_path / f"{scope}.db"
        result = runner.invoke(main, ["ingest", str(article), "--db", str(db), "--scope", scope])
        assert result.exit_code == 0, result.output
        listed = runner.invoke(main, ["statements", "--db", str(db), "--format", "jsonl"])
        assert listed.exit_code == 0, listed.output
        contents = [json.loads(line)["content"] for line in listed.stdout.splitlines()]
        assert contents == expected, scope
