"""Offices the article does not fill: "the Syrian president" is who held the office on the
article's date, from the Phoenix actor dictionary (issue 11), unless the article names someone
in that role. Sentences written for these tests."""

from __future__ import annotations

import pytest

from onrecord import analyze
from onrecord.entities.actor_dictionary import office_holder


def speaker_of(text: str, cue: str, published: str | None) -> tuple[str, str | None, list[str]]:
    """(speaker name, speaker's dictionary id, content texts) of the attribution cued ``cue``."""
    record = analyze(text, published=published)
    found = [a for a in record.attributions if a.cue is not None and a.cue.span.text == cue]
    assert len(found) == 1
    speaker = record.entity(found[0].speaker)
    assert speaker is not None
    return speaker.name, speaker.actor, [c.text for c in found[0].content]


@pytest.mark.parametrize(
    ("country", "office", "on", "expected"),
    [
        ("RUS", "president", "2024-03-05", "VLADIMIR_PUTIN"),
        ("SYR", "president", "2016-05-02", "BASHAR_AL_ASSAD"),
        ("SYR", "President", None, "BASHAR_AL_ASSAD"),
        ("RUS", "prime minister", "2016-05-02", "DMITRY_MEDVEDEV"),
        ("IRN", "president", "2016-01-01", "HASSAN_ROUHANI"),
        ("IRN", "supreme leader", "2016-01-01", "HOJATOLISLAM_SAYYED_ALI_KHAMENEI"),
        ("DEU", "chancellor", "2016-01-01", "ANGELA_MERKEL"),
        ("USA", "president", "2016-01-01", "BARACK_OBAMA"),
        ("USA", "president", "2005-01-01", "GEORGE_W._BUSH"),
        ("RUS", "foreign minister", "2016-01-01", None),  # not an office of offices.tsv
        ("GBR", "prime minister", "2016-01-01", None),  # no holder the dictionary names so
    ],
)
def test_office_holder(country: str, office: str, on: str | None, expected: str | None) -> None:
    entry = office_holder(country, office, on)
    assert (entry.id if entry else None) == expected


def test_russian_president_in_2024() -> None:
    assert speaker_of(
        "The Russian President said on Tuesday that the talks had failed.", "said", "2024-03-05"
    ) == ("Vladimir Putin", "VLADIMIR_PUTIN", ["the talks had failed"])


def test_syrian_president_for_the_article_date() -> None:
    assert speaker_of(
        "The Syrian president told reporters that the army would advance.", "told", "2016-05-02"
    ) == ("Bashar Al Assad", "BASHAR_AL_ASSAD", ["the army would advance"])


def test_the_article_names_the_office_holder() -> None:
    # The article's own president wins over the dictionary's.
    assert speaker_of(
        "Syrian President Ali Haddad said the army would advance. The Syrian president added "
        "that talks were over.",
        "added",
        "2016-05-02",
    ) == ("Ali Haddad", None, ["talks were over"])


def test_the_dictionary_holder_named_earlier_is_the_same_entity() -> None:
    record = analyze(
        "Bashar al-Assad spoke in Damascus on Monday. The Syrian president said that the army "
        "would advance.",
        published="2016-05-02",
    )
    (said,) = [a for a in record.attributions if a.cue and a.cue.span.text == "said"]
    speaker = record.entity(said.speaker)
    assert speaker is not None
    assert (speaker.name, [m.text for m in speaker.mentions]) == (
        "Bashar al-Assad",
        ["Bashar al-Assad", "The Syrian president"],
    )


def test_an_office_outside_the_table_stays_a_description() -> None:
    assert speaker_of(
        "The Russian foreign minister said that prices would fall.", "said", "2016-05-02"
    ) == ("Russian foreign minister", None, ["prices would fall"])
