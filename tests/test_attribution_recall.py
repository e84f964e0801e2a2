"""Cues and content boundaries of issue 11's third pass, in new sentences (scope "all").

Each case asserts the exact speaker (entity name), cue and content texts of the attribution
with that cue: prepositions of "talk"/"speak" and those hung on the person addressed; verbs
coordinated to the cue stay out of its content; what an object cue says of its object ("as",
"for") stays in; a pronoun object with a predicative complement is an account; a cue in
mid-sentence ("The aim, he said, is ...") reports the words on both sides of it.
"""

from __future__ import annotations

import pytest

from attribution_helpers import attribution_with_cue
from onrecord import analyze


def attribution(text: str, cue: str) -> tuple[str | None, list[str]]:
    """(speaker name, content texts) of the one attribution whose cue is ``cue``."""
    record = analyze(text, scope="all")
    a = attribution_with_cue(record, cue)
    speaker = record.entity(a.speaker)
    return (speaker.name if speaker else None, [c.text for c in a.content])


# (text, cue, speaker, content texts)
CASES: dict[str, tuple[str, str, str | None, list[str]]] = {
    # -- talk / speak about, and "about" hung on the person addressed ---------------------------
    "talked about": (
        "The mayor talked about the new bridge at the town meeting.",
        "talked about",
        "mayor",
        ["the new bridge at the town meeting"],
    ),
    "spoke about": (
        "The council chair spoke about the flood barrier for twenty minutes.",
        "spoke about",
        "council chair",
        ["the flood barrier for twenty minutes"],
    ),
    "spoke to someone about": (
        "Ana Ruiz spoke to farmers about the drought relief bill.",
        "spoke",
        "Ana Ruiz",
        ["the drought relief bill"],
    ),
    "talked with someone about": (
        "Marco Bell has talked with reporters about his plan to cut bus fares.",
        "has talked",
        "Marco Bell",
        ["his plan to cut bus fares"],
    ),
    # -- a verb coordinated to the cue is a further clause of the narrative ---------------------
    "said X, and a new clause": (
        "Lena Ortiz said the budget was balanced, and the council approved it an hour later.",
        "said",
        "Lena Ortiz",
        ["the budget was balanced"],
    ),
    "two reported clauses stay one content": (
        "Tom Price said the harbour would reopen and the ferries would run again.",
        "said",
        "Tom Price",
        ["the harbour would reopen and the ferries would run again"],
    ),
    # -- what an object cue says of its object ---------------------------------------------------
    "described X as Y": (
        "The union described the new contract as a betrayal of its members.",
        "described",
        "union",
        ["the new contract as a betrayal of its members"],
    ),
    "praised X for Y": (
        "Mayor Ines Roth praised the volunteers for their work during the storm.",
        "praised",
        "Ines Roth",
        ["the volunteers for their work"],
    ),
    # -- a pronoun object with a predicative complement -------------------------------------------
    "called it Y, and 'for' is not 'call for'": (
        "The senator called it a shameful day for the state.",
        "called",
        "senator",
        ["it a shameful day for the state"],
    ),
    "calls herself Y": (
        "Reyes calls herself a moderate.",
        "calls",
        "Reyes",
        ["herself a moderate"],
    ),
    # -- a cue in mid-sentence reports the words on both sides of it -----------------------------
    "X, he said, Y": (
        "Paul Okafor toured the port on Monday. The aim, he said, is to cut waiting times.",
        "said",
        "Paul Okafor",
        ["The aim", "is to cut waiting times"],
    ),
    "X, the title and name said, Y": (
        "Our priority, Defence Minister Paul Okafor said, is to keep the border open.",
        "said",
        "Paul Okafor",
        ["Our priority", "is to keep the border open"],
    ),
    "X, the office said, Y": (
        "The city will not raise fares this year, the mayor said, because the subsidy was renewed.",
        "said",
        "mayor",
        ["The city will not raise fares this year", "because the subsidy was renewed"],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_cue_and_content(name: str) -> None:
    text, cue, speaker, content = CASES[name]
    assert attribution(text, cue) == (speaker, content)


def test_said_alone_is_not_an_account() -> None:
    """ "said it" has no content: a pronoun object without a complement says nothing of it."""
    record = analyze("Asked about the vote, Ms. Dunn said it twice.", scope="all")
    assert [a.cue.span.text for a in record.attributions if a.cue] == []
