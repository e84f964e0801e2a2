"""Cross-source comparison on the real pipeline: the founding call told three more ways, the
dev gold set, conflict kinds, the onrecord-compare/1 schema and the invariants."""

from __future__ import annotations

import json
import math
import random
from importlib import resources

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import onrecord
from conftest import ROOT
from onrecord.compare import compare
from onrecord.compare.conflicts import pair_conflict
from onrecord.compare.evaluation import read_gold, score
from onrecord.compare.features import quantities, statement_features, tokens
from onrecord.compare.records import record_from_dict
from onrecord.pipeline import analyze_many
from onrecord.text.input import read_text_file

DEV = ROOT / "tests" / "data" / "compare" / "dev"
FOUNDING_STORY = ["putin-scholz-call", "berlin-readout", "kremlin-readout", "call-wire"]
LETTER = {"putin-scholz-call": "P", "berlin-readout": "B", "kremlin-readout": "K", "call-wire": "W"}


@pytest.fixture(scope="session")
def compare_schema() -> dict:
    raw = resources.files("onrecord.schema").joinpath("onrecord-compare-1.schema.json")
    return json.loads(raw.read_text())


@pytest.fixture(scope="session")
def dev_records() -> list[onrecord.Record]:
    gold, files = read_gold(DEV)
    items = [(read_text_file(f), {"id": f.stem, "published": gold["published"]}) for f in files]
    return list(analyze_many(items))


@pytest.fixture(scope="session")
def by_id(dev_records) -> dict[str, onrecord.Record]:
    return {r.document.id: r for r in dev_records}


def _claims(comparison) -> list[tuple]:
    return [
        (
            c.status,
            c.conflict.kind if c.conflict else None,
            " ".join(LETTER[s.document] + s.attribution[1:] for s in c.statements),
        )
        for c in comparison.claims
    ]


def test_founding_call_told_by_four_sources(by_id):
    """The founding article (P), a Berlin-side readout (B), a Kremlin-side readout (K) and a
    wire report (W). The Berlin condemnation of air strikes and the Kremlin's "not raised" are
    one point in conflict (negation), and "agreed to remain in touch" joins "stay in contact" /
    "keep in touch". Known miss against the dev gold (g11): P19 and B8-B9 (support for
    Ukraine "as long as necessary" / "for as long as it takes") stay apart."""
    comparison = compare([by_id[d] for d in FOUNDING_STORY])
    assert [s.documents for s in comparison.stories] == [FOUNDING_STORY]
    assert _claims(comparison) == [
        ("shared", None, "P1 P7 P8 K1 K4 K5 W6 W7"),  # NATO's aggressive policy
        ("shared", None, "P2 B2 K2 W1"),  # the call on Friday
        ("unique", None, "P3"),
        ("unique", None, "P4"),
        ("shared", None, "P5 K3"),  # initiated by the German side
        ("unique", None, "P6"),
        ("shared", None, "P9 K6 K7"),  # never refused to negotiate
        ("shared", None, "P10 K8 K9"),  # security interests, territorial realities
        ("unique", None, "P11"),
        ("unique", None, "P12"),
        ("unique", None, "P13"),
        ("shared", None, "P14 B11 K12"),  # remain in touch / stay in contact / keep in touch
        ("shared", None, "P15 P16 B4 B5 W2 W3"),  # withdraw the troops
        ("shared", None, "P17 P18 W4 W5"),  # negotiate for a lasting peace
        ("unique", None, "P19"),
        ("unique", None, "B1"),
        ("shared", None, "B3 K11"),  # about an hour
        ("conflicting", "negation", "B6 B7 K10"),  # condemned strikes / strikes not raised
        ("unique", None, "B8 B9"),
        ("unique", None, "B10"),
        ("unique", None, "W8"),
        ("unique", None, "W9"),
    ]
    nato = comparison.claims[0].statements
    assert (nato[1].speaker, nato[1].account) == ("Vladimir Putin", ("Russian government",))
    events = [
        (e.type, e.date, e.status, " ".join(LETTER[r.document] + r.event[1:] for r in e.reports))
        for e in comparison.stories[0].events
        if e.status != "unique"
    ]
    assert events == [
        ("CONSULT", "2024-11-15", "shared", "P1 B1 K1 W1"),
        ("ACCUSE", "2024-11-15", "shared", "P3 K2 W4"),
        ("REJECT", "2024-11-15", "shared", "P4 K3"),
        ("AGREE", "2024-11-15", "shared", "P6 K4"),
        ("AGREE", "2024-11-15", "shared", "P7 B5 K5"),
        ("REQUEST", "2024-11-15", "shared", "P8 B2 W2"),
        ("REQUEST", "2024-11-15", "shared", "P9 W3"),
        ("AGREE", "2024-11-15", "shared", "B4 W6"),
    ]


def test_decoy_with_the_same_actors_on_another_day_is_another_story(by_id):
    names = ["putin-scholz-call", "scholz-zelensky-berlin", "kremlin-readout"]
    comparison = compare([by_id[n] for n in names])
    assert [s.documents for s in comparison.stories] == [
        ["putin-scholz-call", "kremlin-readout"],
        ["scholz-zelensky-berlin"],
    ]


def test_dev_set_meets_the_targets(dev_records):
    gold, _ = read_gold(DEV)
    assert len(gold["stories"]) >= 8 and len(dev_records) >= 25 and len(gold["claims"]) >= 80
    scores = score(gold, dev_records, compare(dev_records))
    assert scores.missing == []
    assert scores.f1 >= 0.95  # measured 0.957 (docs/compare.md); the issue's target is .85
    assert scores.status_accuracy >= 0.94  # measured 0.952 (79 of 83); target .85
    assert scores.bcubed_f1 >= 0.99  # measured 1.000; target .95


def _check(comparison, records, validator) -> None:
    validator.validate(comparison.to_dict())
    seen = [(s.document, s.attribution) for c in comparison.claims for s in c.statements]
    expected = [(r.document.id, a.id) for r in records for a in r.attributions]
    assert sorted(seen) == sorted(expected)  # every attribution in exactly one claim
    assert sorted(d for s in comparison.stories for d in s.documents) == sorted(
        r.document.id for r in records
    )
    story_of = {d: s.id for s in comparison.stories for d in s.documents}
    for claim in comparison.claims:
        assert {story_of[s.document] for s in claim.statements} == {claim.story}
        assert (claim.status == "unique") == (len(claim.documents) == 1)
        assert (claim.status == "conflicting") == (claim.conflict is not None)


def test_dev_comparison_validates_and_covers_every_attribution(dev_records, compare_schema):
    validator = jsonschema.Draft202012Validator(compare_schema)
    comparison = compare(dev_records)
    _check(comparison, dev_records, validator)
    assert comparison.to_dict()["schema"] == "onrecord-compare/1"
    kinds = {c.conflict.kind for c in comparison.claims if c.conflict}
    assert kinds == {"negation", "amount", "duration", "actor-in-role", "stance"}


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), size=st.integers(1, 8))
def test_any_subset_in_any_order_keeps_the_invariants(dev_records, compare_schema, seed, size):
    validator = jsonschema.Draft202012Validator(compare_schema)
    chosen = random.Random(seed).sample(dev_records, size)
    _check(compare(chosen), chosen, validator)


def _two(texts: list[str]) -> list[onrecord.Record]:
    items = [(t, {"id": f"d{n}", "published": "2024-11-15"}) for n, t in enumerate(texts, 1)]
    return list(analyze_many(items))


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        (
            "The Kremlin said the sides discussed prisoner exchanges.",
            "A German government spokesman said prisoner exchanges were not raised.",
            "negation",
        ),
        (
            "The Elysee said the call lasted 40 minutes.",
            "Indian officials said the call lasted more than an hour.",
            "duration",
        ),
        (
            "Tehran said Iran was ready to resume the nuclear talks.",
            "Washington said it ruled out any resumption of the nuclear talks.",
            "stance",
        ),
        (
            "Officials said the two sides signed 37 agreements.",
            "Officials said the two sides signed more than 40 agreements.",
            "amount",
        ),
        (
            "Moscow said the call was initiated by the German side.",
            "Berlin said the call was initiated by the Russian side.",
            "actor-in-role",
        ),
        (
            "Yerevan said Azerbaijani forces opened fire on Armenian positions.",
            "Baku said Armenian units shelled Azerbaijani positions.",
            "actor-in-role",  # the ASSAULT's actor in one is its target in the other
        ),
        (
            "Officials said the ministers met in Geneva on March 3.",
            "Officials said the ministers met in Geneva on March 5.",
            "date",  # the days of a date are not amounts
        ),
        (
            "Cairo said the call lasted about half an hour.",
            "Doha said the call lasted more than an hour.",
            "duration",
        ),
    ],
)
def test_conflict_kinds(first, second, kind):
    """The conflict test on the statements themselves (alignment is scored on the dev set)."""
    a, b = _two([first, second])
    (fa,), (fb,) = (
        [statement_features(r, att, 0) for att in r.attributions if att.via is None] for r in (a, b)
    )
    conflict = pair_conflict(fa, fb)
    assert conflict is not None and conflict.kind == kind
    assert pair_conflict(fa, statement_features(a, a.attributions[0], 0)) is None


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (  # "without delay" asks for it; it negates nothing
            "Cairo said Sisi demanded an immediate halt to the fighting.",
            "The presidency said the leaders called for the war to end without delay.",
        ),
        (  # one place and one person named, not two actors in one role
            "Officials said the envoy called for a ceasefire in Sudan.",
            "A diplomat said Lamamra urged both sides to stop the fighting.",
        ),
        (  # the same call told with the two leaders in either order (CONSULT is symmetric)
            "Berlin said Scholz spoke with Putin by telephone on Friday.",
            "Moscow said Putin and Scholz held a telephone conversation on Friday.",
        ),
    ],
)
def test_no_conflict(first, second):
    a, b = _two([first, second])
    (fa,), (fb,) = (
        [statement_features(r, att, 0) for att in r.attributions if att.via is None] for r in (a, b)
    )
    assert pair_conflict(fa, fb) is None


UN_OFFICE = """UN envoy calls for ceasefire in Sudan
The United Nations envoy for Sudan, Ramtane Lamamra, met army and militia delegates in Jeddah on \
Tuesday, his office said.
Lamamra called for an immediate ceasefire, his spokeswoman said.
The spokeswoman said the envoy was worried about the spread of cholera in the camps.
She said the talks would continue on Wednesday."""
WIRE = """Envoy presses Sudan's rivals in Jeddah
Ramtane Lamamra, the UN's Sudan envoy, held talks with both warring parties in Jeddah on \
Tuesday, diplomats said.
Lamamra urged both sides to stop the fighting at once, a diplomat said.
The diplomat said the army delegation had left the room twice.
Saudi officials said they were ready to host a second round."""


def test_the_issues_ceasefire_paraphrase_is_one_shared_point():
    """ "called for an immediate ceasefire" / "urged both sides to stop the fighting at once":
    no word in common but the name; the embedding gives 0.37, the paraphrase concepts
    (REQUEST, STOP, FIGHTING, NOW) and the mutual best match bring them together, and
    nothing else of the two reports is merged."""
    items = [
        (UN_OFFICE, {"id": "un-office", "published": "2025-05-14"}),
        (WIRE, {"id": "wire", "published": "2025-05-14"}),
    ]
    comparison = compare(list(analyze_many(items)))
    claims = [
        (c.status, " ".join(f"{s.document[0]}{s.attribution[1:]}" for s in c.statements))
        for c in comparison.claims
    ]
    assert claims == [
        ("shared", "u1 u3 u4 w2 w3"),  # the headline, the ceasefire call, its carrier
        ("shared", "u2 w1"),  # met / held talks in Jeddah on Tuesday
        ("unique", "u5"),
        ("unique", "u6"),
        ("unique", "w4"),
        ("unique", "w5"),
    ]
    contents = {(s.document, s.attribution): s.content for s in comparison.claims[0].statements}
    assert contents[("un-office", "a4")] == "Lamamra called for an immediate ceasefire"
    assert contents[("wire", "a3")] == "Lamamra urged both sides to stop the fighting at once"


@pytest.mark.parametrize(
    ("name", "f1", "status"),
    [
        ("check", 0.70, 0.84),  # measured 0.714 and 0.844 (27 of 32)
        ("final", 0.49, 0.73),  # measured 0.500 and 0.733 (11 of 15)
    ],
)
def test_sets_written_apart_from_dev(name, f1, status):
    """The check set (written before this round's changes) and the final set (written after,
    measured once): new actors and wording, see their READMEs. Never tuned on; their floors sit
    just under what was measured, so a change that loses ground off dev shows here."""
    gold, files = read_gold(ROOT / "tests" / "data" / "compare" / name)
    items = [(read_text_file(f), {"id": f.stem, "published": gold["published"]}) for f in files]
    records = list(analyze_many(items))
    scores = score(gold, records, compare(records))
    assert scores.missing == []
    assert scores.f1 >= f1
    assert scores.status_accuracy >= status
    assert scores.bcubed_f1 >= 0.99  # measured 1.000 on both


def test_quantities_are_intervals():
    (call,) = quantities(tokens("a 40-minute call"))
    assert (call.unit, call.low, call.high) == ("minutes", 40.0, 40.0)
    (more,) = quantities(tokens("the call lasted more than an hour"))
    assert (more.unit, more.low, more.high) == ("minutes", math.nextafter(60.0, math.inf), math.inf)
    assert not call.overlaps(more)
    (hour,) = quantities(tokens("the call lasted an hour"))
    assert not hour.overlaps(more)  # "more than an hour" excludes the hour itself
    (half,) = quantities(tokens("the call lasted about half an hour"))
    assert (half.low, half.high, half.text) == (22.5, 37.5, "half an hour")
    (long,) = quantities(tokens("they talked for an hour and a half"))
    assert (long.low, long.text) == (90.0, "an hour and a half")
    (quarter,) = quantities(tokens("a quarter of an hour"))
    assert quarter.low == 15.0
    (troops,) = quantities(tokens("two hundred troops crossed"))
    assert (troops.unit, troops.low) == ("troops", 200.0)
    assert quantities(tokens("in December 2022")) == []


def test_record_round_trips_through_json(by_id):
    record = by_id["putin-scholz-call"]
    assert record_from_dict(json.loads(record.to_json())).to_dict() == record.to_dict()


def test_top_level_compare_is_the_library_function(by_id):
    import onrecord.compare as module  # the subpackage and the function share a name

    records = [by_id["macron-modi-elysee"], by_id["macron-modi-delhi"]]
    assert onrecord.compare(records).to_dict() == module.compare(records).to_dict()
    statuses = {
        (c.status, c.conflict.kind if c.conflict else None)
        for c in onrecord.compare(records).claims
    }
    assert ("conflicting", "duration") in statuses and ("conflicting", "actor-in-role") in statuses
