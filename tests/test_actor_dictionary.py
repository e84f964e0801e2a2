"""The Phoenix actor dictionary lookup: names, dated roles, surnames, agents, codes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.entities.actor_dictionary import (
    agent_sector,
    country_of_code,
    lookup,
    normalise,
    sector_of_code,
)


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        ("President Bouteflika", "2015-03-01", ("ABDELAZIZ_BOUTEFLIKA", "DZAGOV", "DZA", "GOV")),
        ("Putin", "2024-11-15", ("VLADIMIR_PUTIN", "RUSGOV", "RUS", "GOV")),
        ("Putin", "1995-01-01", ("VLADIMIR_PUTIN", "RUSELI", "RUS", "ELI")),
        ("Russian President Vladimir Putin", None, ("VLADIMIR_PUTIN", "RUSGOV", "RUS", "GOV")),
        (
            "Prime Minister Benjamin Netanyahu",
            date(2015, 1, 1),
            ("BENJAMIN_NETANYAHU", "ISRGOV", "ISR", "GOV"),
        ),
        (
            "Syrian President Bashar al-Assad",
            "2013-01-01",
            ("BASHAR_AL_ASSAD", "SYRGOV", "SYR", "GOV"),
        ),
        # The supplement (data/actors/supplement.tsv) adds roles since 2014: his chancellorship.
        ("Olaf Scholz", "2024-11-15", ("OLAF_SCHOLZ", "DEUGOV", "DEU", "GOV")),
        ("President Trump", "2018-03-01", ("DONALD_TRUMP", "USAGOV", "USA", "GOV")),
        ("Donald Trump", "2016-05-01", ("DONALD_TRUMP", "USABUS", "USA", "BUS")),
        ("Zelenskyy", "2023-02-24", ("VOLODYMYR_ZELENSKY", "UKRGOV", "UKR", "GOV")),
        ("the U.N.", None, ("THE_UN", "IGOUNO", None, "IGO")),
        ("Taliban", None, ("TALIBAN", "AFGREB", "AFG", "REB")),
        ("Afghan", None, ("AFGHANISTAN", "AFG", "AFG", None)),
        ("Ban Ki-moon", "2010-01-01", ("SECRETARY-GENERAL_BAN_KI-MOON", "IGOUNO", None, "IGO")),
    ],
)
def test_lookup(name, on, expected):
    entry = lookup(name, on)
    assert entry is not None
    assert (entry.id, entry.code, entry.country, entry.sector) == expected


def test_entry_carries_every_dated_role():
    entry = lookup("Vladimir Putin")
    assert entry is not None and entry.name == "Vladimir Putin"
    assert [r.code for r in entry.roles] == ["RUSELI", "RUSGOV", "RUSGOV", "RUSGOV"]
    assert entry.role_on(date(2010, 5, 1)).start == date(2008, 5, 8)
    assert entry.role_on(date(2010, 5, 1)).end is None
    assert entry.role_on(date(1960, 1, 1)) is None


def test_unknown_names_and_bare_titles_match_nothing():
    assert lookup("Zqxv Wlorp") is None
    assert lookup("President") is None
    assert lookup("") is None


def test_agents_give_sectors():
    assert agent_sector("minister") == "GOV"
    assert agent_sector("the Syrian foreign minister") == "GOV"
    assert agent_sector("rebels") == "REB"
    assert agent_sector("riot police") == "COP"
    assert agent_sector("soldiers") == "MIL"
    assert agent_sector("sandwich") is None


def test_codes_split_into_country_and_sector():
    assert (country_of_code("RUSGOVMIL"), sector_of_code("RUSGOVMIL")) == ("RUS", "GOV")
    assert (country_of_code("IGOUNO"), sector_of_code("IGOUNO")) == (None, "IGO")
    assert (country_of_code("AFG"), sector_of_code("AFG")) == ("AFG", None)


def test_normalise_ignores_case_dots_hyphens_possessives():
    assert normalise("U.N.'s") == "un"
    assert normalise("  Ban  Ki-moon ") == "ban ki moon"


@given(st.text(max_size=40), st.one_of(st.none(), st.dates()))
def test_lookup_never_fails(name, on):
    entry = lookup(name, on)
    assert entry is None or (entry.id and (entry.country is None or len(entry.country) == 3))


def test_event_actors_take_the_dictionary_role_for_the_article_date(validate):
    import onrecord

    record = onrecord.analyze(
        "President Bouteflika met the French foreign minister in Algiers on Tuesday.",
        published="2015-03-05",
    )
    validate(record.to_dict())
    got = [(e.name, e.kind, e.country, e.sector, e.actor) for e in record.entities]
    assert got == [
        ("Bouteflika", "person", "DZA", "GOV", "ABDELAZIZ_BOUTEFLIKA"),
        ("Algiers", "place", "DZA", None, None),
        ("French foreign minister", "unknown", "FRA", "GOV", None),
    ]
    assert [(v.type, v.actors) for v in record.events] == [("CONSULT", ["e1", "e3"])]
    assert record.to_dict()["entities"][0]["actor"] == "ABDELAZIZ_BOUTEFLIKA"


def test_shared_country_of_a_name_two_dictionary_people_share():
    from onrecord.entities.actor_dictionary import shared_country

    assert lookup("President Bush") is None  # George Bush and George W. Bush
    assert shared_country("President Bush") == "USA"
    assert shared_country("President Bush", "1990-06-01") == "USA"
    assert shared_country("Bouteflika") is None  # one person: lookup decides
