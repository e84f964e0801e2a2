"""The PLOVER lexicon data (src/onrecord/data/plover/) and how onrecord.events.lexicon reads it."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from onrecord.events import lexicon as lex

PLOVER = resources.files("onrecord.data").joinpath("plover")
TRIGGER_TABLES = {
    "verbs": lex.VERBS,
    "phrasal": lex.PHRASAL,
    "prepositional": lex.PREPOSITIONAL,
    "nouns": lex.NOUNS,
    "adjectives": lex.ADJECTIVES,
    "verb_object": lex.VERB_OBJECT,
    "verb_prep_object": lex.VERB_PREP_OBJECT,
}
SECTORS = {"GOV", "MIL", "COP", "REB", "LEG", "JUD", "OPP", "PTY", "CVL", "EDU", "REF", "LAB"}
SECTORS |= {"AGR", "BUS", "JRN", "MED", "SPY", "CRM", "REL"}
LICENCE = "Written for onrecord: original work, MIT licence like the package."


def _files(folder: str, suffix: str) -> list[str]:
    return sorted(f.name for f in PLOVER.joinpath(folder).iterdir() if f.name.endswith(suffix))


def test_every_trigger_file_is_read_and_well_formed() -> None:
    assert _files("triggers", ".json") == sorted(f"{name}.json" for name in TRIGGER_TABLES)
    for name, table in TRIGGER_TABLES.items():
        content = json.loads(PLOVER.joinpath("triggers", f"{name}.json").read_text("utf-8"))
        assert LICENCE in content["about"]
        assert len(content["entries"]) == len(table)
        for trigger in table.values():
            assert trigger.type in lex.EVENT_TYPES
            assert trigger.control in ("subject", "object")
            assert isinstance(trigger.recipient_preps, tuple)
            assert all(p == p.lower() and " " not in p for p in trigger.recipient_preps)


def test_every_word_list_and_table_is_read_and_has_its_header() -> None:
    for name in _files("words", ".txt"):
        value = getattr(lex, name.removesuffix(".txt").upper())
        assert isinstance(value, frozenset | tuple) and value, name
        assert all(word == word.strip().lower() for word in value), name
    for name in _files("tables", ".tsv"):
        assert isinstance(getattr(lex, name.removesuffix(".tsv").upper()), dict), name
    for folder, suffix in (("words", ".txt"), ("tables", ".tsv")):
        for name in _files(folder, suffix):
            text = PLOVER.joinpath(folder, name).read_text("utf-8")
            assert text.startswith("# ") and LICENCE in text, name


def test_table_values() -> None:
    assert set(lex.SECTOR_BY_NOUN.values()) <= SECTORS
    assert all(v is None or (len(v) == 3 and v.isupper()) for v in lex.EXTRA_COUNTRY_WORDS.values())
    assert lex.EXTRA_COUNTRY_WORDS["kurds"] is None
    assert lex.INSTRUMENT_MODES["ied"] == "explosives"
    assert lex.HUMAN_SUFFIXES[:2] == ("ist", "ists")  # a tuple, in file order


def test_keys_and_defaults() -> None:
    assert lex.PHRASAL[("step", "down")] == lex.Trigger("RETREAT", "resign", (), False)
    assert lex.VERB_PREP_OBJECT[("go", "on", "strike")].recipient_preps == ("against",)
    assert lex.VERBS["meet"] == lex.Trigger("CONSULT", None, ("with",), participants=True)
    assert "evacuate_" not in lex.VERBS


def test_a_key_given_twice_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    twice = {"about": "", "key": ["verb"], "entries": [{"verb": "x", "type": "AID"}] * 2}
    monkeypatch.setattr(lex.data, "load_json", lambda name: twice)
    with pytest.raises(ValueError, match="twice"):
        lex._triggers("verbs")
