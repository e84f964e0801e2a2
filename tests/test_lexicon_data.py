"""The shipped word lists and tables: clean files, loaded through ``onrecord.data``."""

from __future__ import annotations

from importlib import resources

import pytest

from onrecord import data, lexicon

FOLDERS = ("lexicon", "entities", "compare")
ROOT = resources.files("onrecord.data")


def _files(suffix: str) -> list[str]:
    """Names (folder/stem) of the data files with ``suffix`` in FOLDERS."""
    return sorted(
        f"{folder}/{entry.name.removesuffix(suffix)}"
        for folder in FOLDERS
        for entry in ROOT.joinpath(folder).iterdir()
        if entry.name.endswith(suffix)
    )


def _entries(name: str, suffix: str) -> list[str]:
    raw = ROOT.joinpath(name + suffix).read_text(encoding="utf-8")
    return [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]


def test_every_folder_has_data():
    assert _files(".txt") and _files(".tsv")


@pytest.mark.parametrize("name", _files(".txt"))
def test_word_list_is_clean(name):
    lines = _entries(name, ".txt")
    assert lines, f"{name} is empty"
    assert [line for line in lines if line != line.strip()] == []
    assert [line for line in lines if "  " in line or "\t" in line] == []
    assert len(set(lines)) == len(lines), f"{name} lists an entry twice"
    assert data.words(name) == frozenset(lines)
    assert data.word_list(name) == tuple(lines)


@pytest.mark.parametrize("name", _files(".tsv"))
def test_table_is_clean(name):
    raw = ROOT.joinpath(name + ".tsv").read_text(encoding="utf-8").splitlines()
    header = [line for line in raw if line.startswith("# ") and "\t" in line]
    assert len(header) == 1, f"{name} needs one '#' header line naming the columns"
    columns = len(header[0].split("\t"))
    rows = data.table(name)
    assert rows, f"{name} is empty"
    for row in rows:
        assert len(row) == columns, row
        assert all(cell == cell.strip() and cell for cell in row), row
    keys = [row[0] for row in rows]
    assert len(set(keys)) == len(keys), f"{name} lists a key twice"


def test_lexicon_names_and_values():
    assert "say" in lexicon.CLAUSAL_CUES
    assert "urge" in lexicon.XCOMP_CUES
    assert lexicon.PREPOSITION_CUES["insist"] == frozenset({"on", "upon"})
    assert lexicon.PREPOSITION_CUES["warn"] == frozenset({"of", "against", "about"})
    assert lexicon.SECTOR_BY_TITLE_WORD["gen."] == "MIL"
    assert "sen." in lexicon.TITLE_WORDS
    assert sorted(lexicon.PERSON_PRONOUNS) == ["he", "her", "hers", "him", "his", "she"]
    assert sorted(lexicon.FIRST_PERSON) == ["i", "we"]
    for value in (lexicon.CLAUSAL_CUES, lexicon.TITLE_WORDS, lexicon.GOVERNMENT_TITLE_WORDS):
        assert isinstance(value, frozenset)
    assert all(isinstance(v, frozenset) for v in lexicon.PREPOSITION_CUES.values())


def test_stage_vocabulary():
    from onrecord.attribution import accounts, finder, labels, syntax
    from onrecord.entities import index
    from onrecord.text import sections

    assert "FILE PHOTO" in labels._NOT_LABELS
    assert "we" in accounts._FIRST_SECOND
    assert "decline" in finder._MATRIX_VERBS
    assert "spokesperson" in syntax._ROLE_NOUNS
    assert index._ORG_IGO["u.n."] == "UNO"
    assert sections._CAPTION_START.match("FILE  PHOTO: Leaders meet")
    assert not sections._CAPTION_START.match("Photographers gathered: outside")
    assert sections._CREDIT.search("Leaders meet in Berlin (AP Photo/Jane Doe)")
