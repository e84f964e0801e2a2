"""Quote-mark pairing across conventions, apostrophes and broken input."""

from __future__ import annotations

import pytest

from onrecord.text.quotes import find_quotations


def inner(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will win” today.", ["we will win"]),
        ('He said "we will win" today.', ["we will win"]),
        ("Er sagte „wir gewinnen“ heute.", ["wir gewinnen"]),
        ("Il a dit « nous gagnerons » hier.", [" nous gagnerons "]),
        ("Er sagte ‚ja‘ und ging.", ["ja"]),
        ("He called it ‘silly’ twice.", ["silly"]),
        ("Il a dit ‹ oui › enfin.", [" oui "]),
        ("彼は「はい」と言った。", ["はい"]),
        ("Putin said «a direct result,” the Kremlin said.", ["a direct result,"]),
        ("Russia’s ’90s were the leaders’ worst years.", []),
        ("Don't say 'never' again.", ["never"]),
        ("the ‘so-called “peace” plan’ failed", ["so-called “peace” plan", "peace"]),
    ],
)
def test_conventions(text, expected):
    assert inner(text) == expected


def test_paragraph_continuation_forms_one_group():
    text = "“First part.\n“Second part,” she said."
    quotes = find_quotations(text)
    assert [text[q.inner_start : q.inner_end] for q in quotes] == ["First part.", "Second part,"]
    assert quotes[0].group == quotes[1].group


def test_unbalanced_mark_does_not_swallow_the_article():
    text = "An “unclosed mark here.\nNext paragraph says “ok” and ends."
    assert inner(text) == ["ok"]


def test_lone_closing_marks_are_ignored():
    assert inner("Stray ” and » marks.") == []
