"""Actors and recipients of events: the coders' Source and Target (who acts, on whom), with
their country and sector, on the real pipeline. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from onrecord import analyze


def _coded(text: str, published: str | None = None) -> list[tuple]:
    record = analyze(text, published=published)
    entities = {e.id: e for e in record.entities}

    def side(ids: list[str]) -> list[tuple]:
        return [(entities[i].name, entities[i].country, entities[i].sector) for i in ids]

    return [(e.type, side(e.actors), side(e.recipients)) for e in record.events]


CASES = [
    # Countries named by more than one word, and by a phrase after the head.
    (
        "Ivory Coast militias turned down a Ghanaian mediation offer on Friday.",
        None,
        [
            (
                "REJECT",
                [("Ivory Coast militias", "CIV", "REB")],
                [("Ghanaian government", "GHA", "GOV")],  # whose offer it was
            )
        ],
    ),
    (
        "The president of Equatorial Guinea promised to shelter the deposed leader.",
        None,
        [("AGREE", [("president", "GNQ", "GOV")], [("deposed leader", None, "GOV")])],
    ),
    # "Ethnic" names a people, not a state: coded where they live.
    (
        "Ethnic Serbs in northern Kosovo demanded more autonomy from Pristina.",
        None,
        [("REQUEST", [("Ethnic Serbs", "XKX", None)], [("Pristina", None, None)])],
    ),
    # Groups take the country of the city they act in (GeoNames); a protest's aim.
    (
        "Hundreds of nurses marched in Mosul to demand the resignation of the health minister.",
        None,
        [
            ("PROTEST", [("nurses", "IRQ", None)], [("health minister", None, "GOV")]),
            ("REQUEST", [("nurses", "IRQ", None)], [("health minister", None, "GOV")]),
        ],
    ),
    (
        "Dozens of farmers staged a sit-in to protest against the Indian government's new tax.",
        None,
        [("PROTEST", [("farmers", None, "AGR")], [("Indian government", "IND", "GOV")])],
    ),
    (
        "Hundreds of protesters in Cairo rallied against the new law.",
        None,
        [("PROTEST", [("protesters", "EGY", "CVL")], [])],
    ),
    # The text's country beats a surname's dictionary guess.
    (
        "Queen Rania of Jordan offered to host a meeting of the aid agencies.",
        None,
        [("AGREE", [("Queen Rania", "JOR", None)], [])],
    ),
    # The requested side of "demanded that X ...", not the date of "on Monday".
    (
        "Brazil on Monday demanded that Paraguay reopen the border crossing.",
        None,
        [
            (
                "REQUEST",
                [("Brazilian government", "BRA", "GOV")],
                [("Paraguay government", "PRY", "GOV")],
            )
        ],
    ),
    # A host is the actor ("X hosted Y", "X received Y").
    (
        "The Kenyan president hosted the Tanzanian president in Nairobi on Sunday.",
        None,
        [
            (
                "CONSULT",
                [("Kenyan president", "KEN", "GOV")],
                [("Tanzanian president", "TZA", "GOV")],
            )
        ],
    ),
    (
        "President Bouteflika received the French foreign minister on Monday.",
        "2015-03-02",
        [("CONSULT", [("Bouteflika", "DZA", "GOV")], [("French foreign minister", "FRA", "GOV")])],
    ),
    # Dictionary actors for the article's date, the supplement's among them.
    (
        "Putin threatened to halt grain exports to Europe.",
        "2024-03-01",
        [("THREATEN", [("Putin", "RUS", "GOV")], [("Europe", None, None)])],
    ),
    (
        "President Trump imposed new duties on Canadian lumber.",
        "2018-03-08",
        [("COERCE", [("Trump", "USA", "GOV")], [("Canadian lumber", "CAN", None)])],
    ),
    (
        "Hungary condemned as unacceptable Romania's treatment of the miners.",
        None,
        [
            (
                "ACCUSE",
                [("Hungarian government", "HUN", "GOV")],
                [("Romanian government", "ROU", "GOV")],
            )
        ],
    ),
    (
        "Rebels ambushed a police convoy near the border.",
        None,
        [("ASSAULT", [("Rebels", None, "REB")], [])],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_actors_and_recipients(text, published, expected):
    assert _coded(text, published) == expected


def test_a_promise_to_hand_over_names_whom_it_is_made_to():
    assert _coded("Tunisia agreed to hand over the two suspects to Italy.") == [
        ("AGREE", [("Tunisia government", "TUN", "GOV")], [("Italian government", "ITA", "GOV")])
    ]


def test_every_named_person_gets_the_dictionary_key_not_only_event_actors():
    record = analyze("Ramaphosa said the talks would resume.", published="2021-06-01")
    speaker = next(e for e in record.entities if e.name == "Ramaphosa")
    assert (speaker.actor, speaker.country, speaker.sector) == ("CYRIL_RAMAPHOSA", "ZAF", "GOV")


def test_a_threat_is_made_to_the_side_its_condition_names():
    assert _coded(
        "Turkey threatened to close its airspace unless Armenia pulled back its troops."
    ) == [
        (
            "THREATEN",
            [("Turkish government", "TUR", "GOV")],
            [("Armenian government", "ARM", "GOV")],
        )
    ]
