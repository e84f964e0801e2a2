"""Names a user types find their actors: metonyms, capitals, countries, surnames, actor ids;
near misses get suggestions. On both backends, through the CLI, with exact results."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE
from onrecord.cli.commands import main
from onrecord.model import Document, Entity, Record
from onrecord.store import open_store, queries
from store_helpers import attribution, entity, event

pytest_plugins = ("store_fixtures",)

# The founding article's statements by the Russian government, in document order.
KREMLIN = [
    "Russian President Vladimir Putin and German Chancellor Olaf Scholz spoke by phone on Friday,"
    " their first direct contact in almost two years",
    "the Ukraine crisis was the primary topic of the conversation",
    "Putin and Scholz last spoke directly in December 2022",
    "was initiated by the German side",
    "detailed and frank exchange of views on the situation in Ukraine",
    "Putin told Scholz that the current crisis was «a direct result of NATO’s long-standing "
    "aggressive policy aimed at creating an anti-Russian bridgehead on Ukrainian territory, "
    "while ignoring our country’s interests in the field of security and trampling on the rights "
    "of Russian-speaking residents,”",
    "The leaders also discussed tensions in the Middle East and efforts to find peaceful "
    "resolutions to the crisis in the region",
    "Following their conversation, Putin and Scholz agreed to remain in touch",
]

TARIFFS = (
    "The White House said the tariffs would take effect in March. Donald Trump said China "
    "\u201cwill pay a big price\u201d. Trump threatened China with new tariffs on Monday."
)
BEIJING = "Beijing said it would answer any tariffs in kind."


def _government(text: str, entity_id: str, name: str, alpha3: str, *forms: str) -> Entity:
    found = entity(text, entity_id, name, "government", *forms)
    found.country, found.sector = alpha3, "GOV"
    return found


def tariffs_record() -> Record:
    t = TARIFFS
    white_house = _government(t, "e1", "American government", "USA", "White House")
    trump = entity(t, "e2", "Donald Trump", "person", "Donald Trump", "Trump")
    china = entity(t, "e3", "China", "country")
    china.country = "CHN"
    return Record(
        Document("tariffs", t, title="Tariffs", published="2025-02-03"),
        entities=[white_house, trump, china],
        attributions=[
            attribution(
                t,
                "a1",
                "indirect",
                "e1",
                "the tariffs would take effect in March",
                "said",
                "say",
                "The White House",
            ),
            attribution(
                t,
                "a2",
                "mixed",
                "e2",
                "China \u201cwill pay a big price\u201d",
                "said",
                "say",
                "Donald Trump",
            ),
        ],
        events=[event(t, "v1", "THREATEN", "threatened", ["e2"], ["e3"], "2025-02-03")],
    )


def beijing_record() -> Record:
    t = BEIJING
    china = _government(t, "e1", "Chinese government", "CHN", "Beijing")
    return Record(
        Document("beijing", t, title="Beijing answers", published="2025-02-04"),
        entities=[china],
        attributions=[
            attribution(
                t,
                "a1",
                "indirect",
                "e1",
                "it would answer any tariffs in kind",
                "said",
                "say",
                "Beijing",
            ),
        ],
    )


@pytest.fixture(scope="module")
def founding_record() -> Record:
    from onrecord.pipeline.records import analyze

    return analyze(
        EXAMPLE.read_text(encoding="utf-8"), published="2024-11-15", doc_id="putin-scholz-call"
    )


@pytest.fixture
def db(store_url: str, founding_record: Record) -> str:
    with open_store(store_url) as store:
        store.add_record(founding_record, origin=str(EXAMPLE))
        store.add_record(tariffs_record(), origin="tariffs")
        store.add_record(beijing_record(), origin="beijing")
    return store_url


def run(db: str, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, [*args, "--db", db])
    assert result.exit_code == code, result.output
    return result.stdout if code == 0 else result.output


def contents(db: str, *args: str) -> list[str]:
    out = run(db, *args, "--format", "jsonl")
    return [json.loads(line)["content"] for line in out.splitlines()]


def actor_id(db: str, name: str) -> int:
    rows = json.loads(run(db, "speakers", "--top", "0", "--format", "json"))
    return next(row["id"] for row in rows if row["speaker"] == name)


@pytest.mark.parametrize(
    "typed", ["Kremlin", "the Kremlin", "KREMLIN", "Moscow", "Russia", "Russian government"]
)
def test_the_kremlin_finds_the_russian_government_in_the_founding_article(
    db: str, typed: str
) -> None:
    assert contents(db, "statements", "--speaker", typed) == KREMLIN


def test_actor_ids_and_the_speakers_filter(db: str) -> None:
    russia = actor_id(db, "Russian government")
    assert contents(db, "statements", "--speaker", str(russia)) == KREMLIN
    assert contents(db, "statements", "--speaker", f"#{russia}") == KREMLIN
    rows = json.loads(run(db, "speakers", "Kremlin", "Scholz", "--format", "json"))
    assert [(r["speaker"], r["statements"], r["documents"]) for r in rows] == [
        ("Russian government", 8, 1),
        ("Olaf Scholz", 3, 1),
    ]
    missing = run(db, "statements", "--speaker", "#99999", code=1)
    assert "Error: no stored actor matches '#99999'" in missing


@pytest.mark.parametrize(
    "typed", ["White House", "the White House", "Washington", "US government", "U.S."]
)
def test_the_white_house_finds_the_american_government(db: str, typed: str) -> None:
    assert contents(db, "statements", "--speaker", typed) == [
        "the tariffs would take effect in March"
    ]


@pytest.mark.parametrize("typed", ["Trump", "President Trump", "donald TRUMP", "Mr. Trump's"])
def test_surnames_and_full_names_find_the_person(db: str, typed: str) -> None:
    assert contents(db, "statements", "--speaker", typed) == [
        "China \u201cwill pay a big price\u201d"
    ]


def test_beijing_and_search_by_speaker(db: str) -> None:
    assert contents(db, "statements", "--speaker", "Beijing") == [
        "it would answer any tariffs in kind"
    ]
    assert contents(db, "search", "tariffs", "--speaker", "White House") == [
        "the tariffs would take effect in March"
    ]
    assert contents(db, "search", "tariffs", "--speaker", "China") == [
        "it would answer any tariffs in kind"
    ]


def test_timeline_trump_china(db: str) -> None:
    assert run(db, "timeline", "Trump", "China") == (
        "date        type      actors        recipients  trigger     title\n"
        "----------  --------  ------------  ----------  ----------  -------\n"
        "2025-02-03  THREATEN  Donald Trump  China       threatened  Tariffs\n"
    )
    assert run(db, "timeline", "Kremlin", "Beijing", "--format", "jsonl") == ""


def test_near_misses_suggest_the_stored_names(db: str) -> None:
    trump = actor_id(db, "Donald Trump")
    russia = actor_id(db, "Russian government")
    out = run(db, "statements", "--speaker", "Donald Trum", code=1)
    assert out == (
        "Error: no stored actor matches 'Donald Trum'; did you mean "
        f'"Donald Trump" (person, actor {trump})?\n'
    )
    out = run(db, "timeline", "Kremln", code=1)
    assert out == (
        "Error: no stored actor matches 'Kremln'; did you mean "
        f'"Russian government" (government, actor {russia}, as "Kremlin")?\n'
    )
    out = run(db, "speakers", "Elephant Man", code=1)
    assert out == "Error: no stored actor matches 'Elephant Man'\n"


def test_a_known_institution_with_nothing_stored_says_what_it_was_read_as(db: str) -> None:
    out = run(db, "statements", "--speaker", "Downing Street", code=1)
    assert out.startswith("Error: no stored actor matches 'Downing Street' (read as British")


def test_library_functions_return_matches_and_suggestions_as_data(db: str) -> None:
    with open_store(db, create=False) as store:
        trump = queries.find_actors(store, "Trump")
        assert (trump.how, len(trump.actor_ids)) == ("surname", 1)
        moscow = queries.find_actors(store, "Moscow")
        assert moscow.how == "capital" and len(moscow.actor_ids) == 2  # government, city
        suggestions = queries.suggest_actors(store, "Donald Trum")
        assert [s.to_dict() for s in suggestions] == [
            {
                "name": "Donald Trump",
                "kind": "person",
                "actor_ids": list(trump.actor_ids),
                "matched": "Donald Trump",
                "score": 95.7,
                "statements": 1,
            }
        ]
        with pytest.raises(queries.NameNotFound) as missed:
            queries.find_actors(store, "Donald Trum")
    error = missed.value.to_dict()
    assert error["error"] == "name_not_found" and error["suggestions"] == [
        s.to_dict() for s in suggestions
    ]


def test_first_and_last_name_and_ambiguous_surnames(store_url: str) -> None:
    text = "Donald J. Trump said no. Melania Trump said yes. Ivanka Trump said maybe."
    people = [
        entity(text, f"e{i}", name, "person")
        for i, name in enumerate(("Donald J. Trump", "Melania Trump", "Ivanka Trump"), 1)
    ]
    said = [
        attribution(text, f"a{i}", "direct", f"e{i}", word, "said", "say", person.name)
        for i, (word, person) in enumerate(zip(("no", "yes", "maybe"), people, strict=True), 1)
    ]
    with open_store(store_url) as store:
        store.add_record(Record(Document("family", text), people, said), origin="family")
        assert queries.statements(store, speaker="Donald Trump").rows[0]["content"] == "no"
        with pytest.raises(queries.AmbiguousName, match=r"Donald J\. Trump, Ivanka Trump"):
            queries.statements(store, speaker="Trump")
