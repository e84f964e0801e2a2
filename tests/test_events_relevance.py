"""Tests for onrecord.events.relevance: the political-participant test, the CAMEO dictionary's
candidates where the rules code nothing, and the type conventions of coded news. Every
sentence is written for these tests."""

from __future__ import annotations

import pytest

from onrecord import analyze

Coded = list[tuple[str, str | None, str, list[str], list[str]]]


def _coded(text: str) -> Coded:
    """(type, mode, trigger, actor names, recipient names) of each event of ``text``."""
    record = analyze(text)
    out = []
    for event in record.events:
        actors = [record.entity(a).name for a in event.actors]  # type: ignore[union-attr]
        recipients = [record.entity(r).name for r in event.recipients]  # type: ignore[union-attr]
        out.append((event.type, event.mode, event.trigger.text, actors, recipients))
    return out


@pytest.mark.parametrize(
    "text",
    [
        # ordinary crime: a driver has no political role
        "A driver was arrested after a crash on the motorway, police said.",
        # a disaster kills; no attack is named
        "Six people were killed when a storm hit the coast on Sunday.",
        # a statement of experts is no agreement between parties
        "Experts agree that the plan is flawed.",
        # arriving at one's own assembly is no visit: a visit needs a host
        "The party leader arrives for a session at the national assembly.",
        # "take" is a light verb: its dictionary code (seize) says nothing alone
        "The minister took a holiday in Spain.",
    ],
)
def test_no_political_event(text: str) -> None:
    assert _coded(text) == []


def test_victims_of_a_named_attack_keep_their_assault() -> None:
    assert _coded("Seven villagers were killed in a rocket attack on Sunday.") == [
        ("ASSAULT", "heavy-weapons", "killed", [], ["villagers"])
    ]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        (
            "Gunmen kidnapped three aid workers in northern Mali on Monday.",
            [("ASSAULT", "abduct", "kidnapped", ["Gunmen"], ["aid workers"])],
        ),
        (
            "Prosecutors charged the former mayor with fraud.",
            [("COERCE", "arrest", "charged", ["Prosecutors"], ["former mayor"])],
        ),
        (
            "Turkish troops set up an observation post near the town.",
            [("MOBILIZE", "troops", "set up", ["Turkish troops"], [])],
        ),
        (
            "The French and Egyptian navies held war games off Alexandria.",
            [("COOPERATE", None, "war games", ["French navies", "Egyptian navies"], [])],
        ),
        (
            "Protesters defied a police ban in the capital on Sunday.",
            [("PROTEST", "demo", "defied", ["Protesters"], [])],
        ),
        (
            "Rioters clashed with police in the city centre.",
            [("PROTEST", "riot", "clashed", ["Rioters"], ["police"])],
        ),
        (
            "The opposition leader took a swipe at the ruling party.",
            [("ACCUSE", "disapprove", "took", ["opposition leader"], ["ruling party"])],
        ),
    ],
)
def test_types_of_coded_news(text: str, coded: Coded) -> None:
    assert _coded(text) == coded


def test_dictionary_candidate_where_the_rules_code_nothing() -> None:
    # "ridicule" is in no hand rule; the CAMEO verb dictionary codes it 111 (criticise).
    assert _coded("The Kenyan president ridiculed the opposition leader on Monday.") == [
        ("ACCUSE", None, "ridiculed", ["Kenyan president"], ["opposition leader"])
    ]


def test_pattern_code_takes_the_longest_pattern_word_a_governed_word_starts_with() -> None:
    from onrecord.events.learned import pattern_code

    # the table's words are stems: "ceasefire" (196) matches "ceasefires"
    assert pattern_code("abandon", ["ceasefires"]) == "196"
    assert pattern_code("abandon", ["stronghold"]) == "0874"
    assert pattern_code("abandon", ["holiday"]) is None
    # from five letters on, a stem matches a longer word; below, only the whole word does
    assert pattern_code("abandon", ["strongholds"], min_stem=5) == "0874"
    assert pattern_code("abandon", ["fires"], min_stem=5) is None
    assert pattern_code("abandon", ["fire"], min_stem=5) == "196"


# Events told through nouns, by a group meeting among itself, and under a statement
# (issue 10's event-noun pass). Every sentence is written for these tests.
@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # an event noun as the subject of an aspectual verb bears its own arguments
        (
            "The trial of the former Egyptian president Hosni Mubarak began in Cairo.",
            [("ACCUSE", None, "trial", [], ["Hosni Mubarak"])],
        ),
        # "between X and Y" names the sides of a meeting told through its noun
        (
            "Talks between Iran and the United States took place in Vienna on Monday.",
            [("CONSULT", None, "Talks", ["Iranian government", "American government"], [])],
        ),
        (
            "Heavy fighting between Armenian and Azerbaijani forces erupted on Sunday.",
            [("ASSAULT", None, "fighting", ["Armenian forces", "Azerbaijani forces"], [])],
        ),
        # the "in" phrase of engage: the one engaged fights
        (
            "The Chadian army is engaged in a fierce battle with the rebels.",
            [("ASSAULT", None, "battle", ["Chadian army"], ["rebels"])],
        ),
        # officials meeting among themselves: one side, a multilateral meeting
        (
            "European finance ministers are discussing the budget in Brussels.",
            [("CONSULT", "multilateral", "discussing", ["European finance ministers"], [])],
        ),
    ],
)
def test_events_told_through_nouns_and_groups(text: str, coded: Coded) -> None:
    assert _coded(text) == coded


@pytest.mark.parametrize(
    "text",
    [
        # one person discussing is no meeting: a single side needs to be a group of officials
        "The mayor is discussing the budget.",
        # an aspectual verb with an object is no event noun's happening
        "The talks began a new chapter in the book.",
        # the rules know "fire" and drop a dismissal; the dictionary must not code it
        "The spokesman says the president is not discussing firing the auditor.",
    ],
)
def test_no_event_from_the_new_noun_rules(text: str) -> None:
    assert _coded(text) == []
