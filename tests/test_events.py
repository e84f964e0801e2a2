"""Tests for PLOVER event coding (onrecord.events), the PLOVER record format and its scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord import analyze
from onrecord.evaluation.plover import evaluate_plover, gold_examples
from onrecord.events.plover import plover_jsonl, plover_records
from onrecord.model import Record

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "putin-scholz-call.txt"
SCHEMA = ROOT / "src" / "onrecord" / "schema" / "onrecord-1.schema.json"
GOLD = ROOT.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.json"
if not GOLD.exists():
    GOLD = Path("/work/shared/data/plover/PLOVER_GSR_CAMEO.json")

CALL_DAY = ("2024-11-15", "day", "relative")


@pytest.fixture(scope="module")
def article() -> Record:
    return analyze(ARTICLE.read_text(encoding="utf-8"), published="2024-11-15", doc_id="call")


def _names(record: Record, ids: list[str]) -> list[str]:
    return [record.entity(i).name for i in ids]  # type: ignore[union-attr]


def _reporter(record: Record, attribution_id: str | None) -> tuple[str, str] | None:
    """(speaker name, cue) of the reporting attribution."""
    if attribution_id is None:
        return None
    attribution = next(a for a in record.attributions if a.id == attribution_id)
    speaker = record.entity(attribution.speaker)
    return (speaker.name if speaker else "", attribution.cue.span.text if attribution.cue else "")


def _flags(event) -> set[str]:  # type: ignore[no-untyped-def]
    return {f for f in ("negated", "future", "hypothetical") if getattr(event, f)}


# The founding article, asserted in full: type, mode, actors, recipients, trigger, date
# (value, granularity, basis), reporting account (speaker, cue), flags.
ARTICLE_EVENTS = [
    # The call: initiated by the German side, so Scholz is the actor (the caller).
    (
        "CONSULT", "phone", ["Olaf Scholz"], ["Vladimir Putin"], "spoke",
        CALL_DAY, ("Russian government", "has confirmed"), set(),
    ),
    # Their previous contact: who called is not said, so both are actors; never dated by
    # the publication date.
    (
        "CONSULT", "phone", ["Vladimir Putin", "Olaf Scholz"], [], "spoke",
        ("2022-12", "month", "explicit"), ("Russian government", "According to"), set(),
    ),
    # "Putin told Scholz that the current crisis was «a direct result of NATO's ... aggressive
    # policy ...», the Kremlin said": Putin's accusation, as the Kremlin reports it.
    (
        "ACCUSE", "disapprove", ["Vladimir Putin"], ["NATO"], "aggressive policy",
        CALL_DAY, ("Russian government", "said"), set(),
    ),
    # "Moscow has never refused to hold peace negotiations with Kiev": flagged, not dropped.
    (
        "REJECT", "meet", ["Russian government"], ["Ukrainian government"], "refused",
        CALL_DAY, ("Vladimir Putin", "said"), {"negated"},
    ),
    # "«unfriendly policies» implemented by Berlin".
    (
        "ACCUSE", "disapprove", ["Vladimir Putin"], ["German government"],
        "unfriendly policies", CALL_DAY, None, set(),
    ),
    # "Moscow ... remains ready for mutually beneficial cooperation, Putin said".
    (
        "AGREE", None, ["Russian government"], [], "ready",
        CALL_DAY, ("Vladimir Putin", "said"), set(),
    ),
    # "Putin and Scholz agreed to remain in touch, it added" (it = the Kremlin).
    (
        "AGREE", None, ["Vladimir Putin", "Olaf Scholz"], [], "agreed",
        CALL_DAY, ("Russian government", "added"), set(),
    ),
    # "Scholz urged Putin to end the Ukraine conflict and “withdraw his troops.”"
    (
        "REQUEST", "yield", ["Olaf Scholz"], ["Vladimir Putin"], "urged",
        CALL_DAY, ("German government", "reporting"), set(),
    ),
    # "the Chancellor “insisted on Russia's readiness to negotiate with Ukraine ...”"
    (
        "REQUEST", "meet", ["Olaf Scholz"], ["Russian government"], "insisted",
        CALL_DAY, ("Steffen Hebestreit", "According to"), set(),
    ),
    # "... spoke of Berlin's “unwavering determination” to support Kiev".
    (
        "SUPPORT", None, ["Olaf Scholz"], ["Ukrainian government"], "support",
        CALL_DAY, ("Steffen Hebestreit", "According to"), set(),
    ),
]  # fmt: skip


def test_founding_article_events_in_full(article: Record) -> None:
    got = [
        (
            e.type,
            e.mode,
            _names(article, e.actors),
            _names(article, e.recipients),
            e.trigger.text,
            (e.date.value, e.date.granularity, e.date.basis) if e.date else None,
            _reporter(article, e.reported_by),
            _flags(e),
        )
        for e in article.events
    ]
    assert got == ARTICLE_EVENTS
    assert [e.id for e in article.events] == [f"v{i}" for i in range(1, 11)]


def test_founding_article_spans_and_dates(article: Record) -> None:
    text = article.document.text
    for event in article.events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert event.date is not None
        if event.date.span is not None:
            assert text[event.date.span.start : event.date.span.end] == event.date.span.text
    assert article.events[0].date.span.text == "Friday"  # type: ignore[union-attr]
    assert article.events[1].date.span.text == "December 2022"  # type: ignore[union-attr]
    # The call is dated, never the duration "in almost two years".
    assert all("years" not in (e.date.span.text if e.date.span else "") for e in article.events)  # type: ignore[union-attr]


def test_founding_article_headline_not_coded_twice(article: Record) -> None:
    """The headline repeats the body ("aggressive NATO policies"): one accusation, not two."""
    headline_end = article.document.text.index("\n")
    assert all(e.trigger.start > headline_end for e in article.events)
    accusations = [e for e in article.events if e.type == "ACCUSE"]
    assert [_names(article, e.recipients) for e in accusations] == [["NATO"], ["German government"]]


def test_actors_carry_country_and_sector(article: Record) -> None:
    codes = {}
    for event in article.events:
        for entity_id in event.actors + event.recipients:
            entity = article.entity(entity_id)
            assert entity is not None
            codes[entity.name] = (entity.country, entity.sector)
    assert codes == {
        "Olaf Scholz": ("DEU", "GOV"),
        "Vladimir Putin": ("RUS", "GOV"),
        "NATO": (None, "IGO"),
        "Russian government": ("RUS", "GOV"),
        "Ukrainian government": ("UKR", "GOV"),
        "German government": ("DEU", "GOV"),
    }


def test_article_without_publication_date(article: Record) -> None:
    record = analyze(ARTICLE.read_text(encoding="utf-8"), published=None)
    dates = [(e.date.value, e.date.basis) for e in record.events]  # type: ignore[union-attr]
    assert dates[1] == ("2022-12", "explicit")
    assert all(d == (None, "unresolved") for i, d in enumerate(dates) if i != 1)


def test_record_with_events_matches_schema(article: Record) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(article.to_dict(), schema)


# Sentence shapes: (sentence, [(type, mode, actors, recipients, flags), ...]), every event.
A = "American government"
SENTENCES = [
    # Visits: the visitor is the actor, the host (the capital's government) the recipient;
    # a host who receives a visitor is the actor (the coders' Source, PLOVER's examples).
    (
        "French President Emmanuel Macron arrived in Beijing on Wednesday for a three-day "
        "state visit.",
        [("CONSULT", "visit", ["Emmanuel Macron"], ["Chinese government"], set())],
    ),
    (
        "Japanese Prime Minister Fumio Kishida visited Kyiv on Tuesday.",
        [("CONSULT", "visit", ["Fumio Kishida"], ["Ukrainian government"], set())],
    ),
    (
        "The Indian prime minister hosted the Saudi crown prince in New Delhi on Monday.",
        [("CONSULT", "visit", ["Indian prime minister"], ["Saudi crown prince"], set())],
    ),
    # Meetings and summits: the place decides who hosts; otherwise all are actors.
    (
        "Iranian Foreign Minister Hossein Amirabdollahian met with his Saudi counterpart in "
        "Riyadh.",
        [("CONSULT", None, ["Hossein Amirabdollahian"], ["Saudi government"], set())],
    ),
    (
        "Chinese President Xi Jinping and U.S. President Joe Biden met in Bali on Monday.",
        [("CONSULT", None, ["Xi Jinping", "Joe Biden"], [], set())],
    ),
    (  # Rome: Italy hosts.
        "The leaders of France, Germany and Italy held a summit in Rome on Thursday.",
        [
            (
                "CONSULT",
                "multilateral",
                ["French government", "German government"],
                ["Italian government"],
                set(),
            )
        ],
    ),
    (
        "President Joe Biden called Israeli Prime Minister Benjamin Netanyahu on Sunday.",
        [("CONSULT", "phone", ["Joe Biden"], ["Benjamin Netanyahu"], set())],
    ),
    # Agreements, ceasefires.
    (
        "Poland and Ukraine signed a defence agreement in Warsaw.",
        [("SUPPORT", None, ["Polish government", "Ukrainian government"], [], set())],
    ),
    (
        "Armenia and Azerbaijan agreed to a ceasefire on Tuesday.",
        [("AGREE", None, ["Armenian government", "Azerbaijani government"], [], set())],
    ),
    (
        "Hamas declared a unilateral ceasefire.",
        [("RETREAT", "ceasefire", ["Hamas"], [], set())],
    ),
    # Sanctions and expulsions.
    (
        "The European Union imposed new sanctions on Iran on Monday over its drone deliveries "
        "to Russia.",
        [("SANCTION", None, ["European Union"], ["Iranian government"], set())],
    ),
    (
        "Washington expelled two Russian diplomats on Friday.",
        [("SANCTION", "expel", [A], ["Russian government"], set())],
    ),
    (
        "The United Nations suspended food deliveries to northern Gaza.",
        [("SANCTION", "discontinue", ["United Nations"], ["Gaza"], set())],
    ),
    # Protests and strikes.
    (
        "Hundreds of protesters rallied outside the Russian embassy in Tbilisi.",
        [("PROTEST", "demo", ["protesters"], ["Russian government"], set())],
    ),
    (
        "Dock workers in Antwerp went on strike on Monday over pay.",
        [("PROTEST", "strike", ["Dock workers"], [], set())],
    ),
    # Threats.
    (
        "North Korea threatened to launch a nuclear strike against the United States.",
        [("THREATEN", "violence", ["North Korean government"], [A], set())],
    ),
    (
        "Iran warned Israel that it would retaliate.",
        [("THREATEN", "violence", ["Iranian government"], ["Israeli government"], set())],
    ),
    # Attacks: air strikes, drones, passive with an agent.
    (
        "Israeli warplanes carried out air strikes on Gaza on Saturday.",
        [("ASSAULT", "aerial", ["Israeli warplanes"], ["Gaza"], set())],
    ),
    (
        "Russian forces launched a drone attack on Kyiv overnight.",
        [("ASSAULT", "drone", ["Russian forces"], ["Ukrainian government"], set())],
    ),
    (
        "Two soldiers were killed by Taliban fighters in Helmand province on Monday.",
        [("ASSAULT", None, ["Taliban"], ["soldiers"], set())],
    ),
    # Resignations, arrests, releases.
    (
        "British Prime Minister Liz Truss resigned on Thursday.",
        [("RETREAT", "resign", ["Liz Truss"], [], set())],
    ),
    (
        "Turkish police detained dozens of protesters in Istanbul.",
        [("COERCE", "arrest", ["Turkish police"], ["protesters"], set())],
    ),
    (
        "Opposition leader Alexei Navalny was arrested at a Moscow airport on Sunday.",
        [("COERCE", "arrest", [], ["Alexei Navalny"], set())],
    ),
    (
        "Venezuela has released five American prisoners.",
        [("RETREAT", "release", ["Venezuelan government"], ["American prisoners"], set())],
    ),
    # Aid deliveries and troop deployments.
    (
        "Egypt delivered 50 tonnes of medical supplies to Gaza on Sunday.",
        [("AID", None, ["Egyptian government"], ["Gaza"], set())],
    ),
    (
        "Britain deployed 1,000 troops to Estonia.",
        [("MOBILIZE", "troops", ["British government"], ["Estonian government"], set())],
    ),
    # Requests, rejections, accusations.
    (
        "The German foreign minister urged China to release the detained journalists.",
        [("REQUEST", "yield", ["German foreign minister"], ["Chinese government"], set())],
    ),
    (
        "Kyiv rejected Moscow's proposal for a ceasefire.",
        [("REJECT", "yield", ["Ukrainian government"], ["Russian government"], set())],
    ),
    (
        "Ukraine accused Russia of shelling a nuclear power plant.",
        [("ACCUSE", "allege", ["Ukrainian government"], ["Russian government"], set())],
    ),
    (
        "The Philippines condemned China's aggressive actions in the South China Sea.",
        [("ACCUSE", "disapprove", ["Philippine government"], ["Chinese government"], set())],
    ),
    # Negated events are flagged, not dropped.
    (
        "Israel did not attack Iran's nuclear facilities.",
        [("ASSAULT", None, ["Israeli government"], ["Iranian government"], {"negated"})],
    ),
    (
        "Hungary did not veto the sanctions package.",
        [("REJECT", None, ["Hungarian government"], [], {"negated"})],
    ),
    # Future: an announced cooperative action is an AGREE, a conflictual one a THREATEN,
    # and "will not" a refusal (PLOVER); the future flag stays.
    (
        "The United States will send $500 million in military aid to Ukraine, the Pentagon said.",
        [("AGREE", None, [A], ["Ukrainian government"], {"future"})],
    ),
    (
        "German Chancellor Olaf Scholz will travel to Beijing next week.",
        [("AGREE", None, ["Olaf Scholz"], ["Chinese government"], {"future"})],
    ),
    (
        "Moscow plans to deploy tactical nuclear weapons in Belarus.",
        [
            (
                "THREATEN",
                "violence",
                ["Russian government"],
                ["Belarusian government"],
                {"future"},
            )
        ],
    ),
    (
        "The Kremlin said Russia would not return to the grain deal.",
        [("REJECT", None, ["Russian government"], [], {"future"})],
    ),
    # Hypothetical: conditional conflict is a threat.
    (
        "Russia could cut off gas supplies to Europe if sanctions are tightened.",
        [("THREATEN", "relations", ["Russian government"], ["Europe"], {"hypothetical"})],
    ),
    # Modal demands in reported speech.
    (
        "Russia said on Tuesday that Sudan must return the helicopter.",
        [("REQUEST", "yield", ["Russian government"], ["Sudanese government"], set())],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES, ids=[s[:40] for s, _ in SENTENCES])
def test_sentence_shapes(sentence: str, expected: list[tuple]) -> None:
    record = analyze(sentence, published="2024-03-15")
    got = [
        (e.type, e.mode, _names(record, e.actors), _names(record, e.recipients), _flags(e))
        for e in record.events
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "name", "country", "sector"),
    [
        ("Israeli warplanes carried out air strikes on Gaza.", "Israeli warplanes", "ISR", "MIL"),
        ("Turkish police detained dozens of protesters.", "Turkish police", "TUR", "COP"),
        ("Venezuela has released five American prisoners.", "American prisoners", "USA", "CRM"),
        ("Washington expelled two Russian diplomats.", "American government", "USA", "GOV"),
        ("The European Union imposed new sanctions on Iran.", "European Union", None, "EUR"),
        (
            "Chinese authorities arrested a Japanese businessman.",
            "Japanese businessman",
            "JPN",
            "BUS",
        ),
    ],
)
def test_actor_codes(sentence: str, name: str, country: str | None, sector: str) -> None:
    record = analyze(sentence)
    entity = next(e for e in record.entities if e.name == name)
    assert (entity.country, entity.sector) == (country, sector)


def test_event_dates() -> None:
    # Own date expression, relative to publication.
    record = analyze("Britain deployed 1,000 troops to Estonia on Monday.", published="2024-03-15")
    assert record.events[0].date.to_dict()["value"] == "2024-03-11"  # type: ignore[union-attr]
    # No date in the clause: the publication date, marked as such.
    record = analyze("Britain deployed 1,000 troops to Estonia.", published="2024-03-15")
    date = record.events[0].date
    assert (date.value, date.granularity, date.basis) == ("2024-03-15", "day", "publication")  # type: ignore[union-attr]
    # A duration is not a date.
    record = analyze(
        "Serbia and Kosovo held talks in Brussels for the first time in almost two years.",
        published="2024-03-15",
    )
    assert record.events[0].date.basis == "publication"  # type: ignore[union-attr]
    # Explicit dates need no publication date.
    record = analyze("Britain deployed 1,000 troops to Estonia in December 2022.")
    date = record.events[0].date
    assert (date.value, date.granularity, date.basis) == ("2022-12", "month", "explicit")  # type: ignore[union-attr]


def test_plover_records(article: Record) -> None:
    records = plover_records(article)
    assert len(records) == len(article.events)
    first = records[0]
    assert first["id"] == "call-v1"
    assert first["story_id"] == "call"
    assert first["event_type"] == "CONSULT"
    assert first["mode"] == "phone"
    assert [(a["name"], a["country"], a["sector"]) for a in first["source"]] == [
        ("Olaf Scholz", "DEU", "GOV")
    ]
    assert [(a["name"], a["country"], a["sector"]) for a in first["target"]] == [
        ("Vladimir Putin", "RUS", "GOV")
    ]
    assert (first["date"], first["date_granularity"], first["date_basis"]) == CALL_DAY
    assert first["date_text"] == "Friday"
    assert first["trigger"] == "spoke"
    assert first["reported_by"]["speaker"] == "Russian government"
    assert first["reported_by"]["cue"] == "has confirmed"
    assert records[4]["reported_by"] is None
    lines = plover_jsonl(article).splitlines()
    assert [json.loads(line) for line in lines] == records


def test_scorer_arithmetic(tmp_path: Path) -> None:
    gold = [
        {"id": "doc", "event": "DOCUMENT", "eventText": "docs"},
        {
            "id": "G-1",
            "event": "DEMAND",
            "text": "Russia said on Tuesday that Sudan must return the helicopter.",
            "source": [{"actorText": "Russia", "code": "RUS"}],
            "target": [{"actorText": "Sudan", "code": "SDN"}],
        },
        {
            "id": "G-2",
            "event": "FIGHT",
            "text": "Israeli warplanes carried out air strikes on Gaza on Saturday.",
            "source": [{"actorText": "Israeli", "code": "ISR", "sector": "MIL"}],
            "target": [{"actorText": "Gaza", "code": "PSE"}],
        },
        {
            "id": "G-3",
            "event": "AGREE",
            "text": "Japan and Italy signed a trade pact.",
            "source": [
                {"actorText": "Japan", "code": "JAP"},
                {"actorText": "Italy", "code": "ITL"},
            ],
            "target": "",
        },
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    examples = gold_examples(path)
    assert [(e.gold_type, e.gold_source) for e in examples] == [
        ("REQUEST", {"RUS"}),
        ("ASSAULT", {"ISR"}),
        ("AGREE", {"JPN", "ITA"}),
    ]
    result = evaluate_plover(path)
    assert [e.predicted_type for e in result.examples] == ["REQUEST", "ASSAULT", "SUPPORT"]
    assert result.accuracy == pytest.approx(2 / 3)
    # Per gold type: REQUEST 1, ASSAULT 1, AGREE 0 -> macro-F1 2/3.
    assert result.macro_f1 == pytest.approx(2 / 3)
    assert result.country_precision == 1.0
    assert result.country_recall == 1.0
    data = result.to_dict()
    assert data["examples"] == 3 and "per_type" in data and "items" not in data
    assert "event type accuracy" in str(result)


@pytest.mark.skipif(not GOLD.exists(), reason="PLOVER gold examples not available")
def test_plover_gold_floors() -> None:
    """Development-set floors (the lexicon was tuned on these 322 examples): lowering one
    is an explicit act. .82 until issue 10's news conventions: kidnapping is ASSAULT (abduct)
    and an indictment COERCE, as the current PLOVER manual and CAMEO 173 code them, where
    these v0.5b1 examples code COERCE and DISAPPROVE; measured .817, the issue's bar .80.
    .823 / .824 after the event-noun pass ("riots ... are still continuing", "engaged in
    ethnic cleansing")."""
    result = evaluate_plover(GOLD)
    assert len(result.examples) == 322
    assert result.accuracy >= 0.82
    assert result.macro_f1 >= 0.82
    assert result.country_precision >= 0.95
    assert result.country_recall >= 0.75
    assert result.source_country_precision >= 0.95
    assert result.source_country_recall >= 0.77
