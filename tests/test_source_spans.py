"""Which words are the source: the edges of a source phrase, in new sentences.

The source is the phrase that names who speaks (issue 11, second pass). A dateline the
parser ran into the subject, a focus particle ("even") before it and a time phrase hung on
its noun ("on Monday") date or frame the statement; they are not part of who speaks. A
passive subject, a relative pronoun included, is spoken about: it is never the source. Each
case asserts the exact source words, speaker, cue and content of the attribution with that cue.
"""

from __future__ import annotations

import pytest

from attribution_helpers import attribution_with_cue
from onrecord import analyze


def attribution(text: str, cue: str) -> tuple[str | None, str | None, list[str]]:
    """(source words, speaker name, content texts) of the one attribution whose cue is ``cue``."""
    record = analyze(text)
    a = attribution_with_cue(record, cue)
    speaker = record.entity(a.speaker)
    return (
        a.source.text if a.source else None,
        speaker.name if speaker else None,
        [c.text for c in a.content],
    )


# (text, cue, source words, speaker, content texts)
CASES: dict[str, tuple[str, str, str | None, str | None, list[str]]] = {
    # -- a dateline the parser ran into the subject -----------------------------------------------
    "dateline with agency, place as parsed subject": (
        "Oslo (AFP) – Norwegian Prime Minister Ingrid Dahl said the pipeline deal was final.",
        "said", "Norwegian Prime Minister Ingrid Dahl", "Ingrid Dahl",
        ["the pipeline deal was final"],
    ),
    "dateline with date and agency": (
        "LISBON, March 3 (Reuters) – The Portuguese central bank said on Thursday that the "
        "deficit would shrink.",
        "said", "The Portuguese central bank", "Portuguese central bank",
        ["the deficit would shrink"],
    ),
    # -- a focus particle is not part of who speaks ------------------------------------------------
    "even before an apposition": (
        "Even the harbour master, Lena Kruse, admitted that the pier was unsafe.",
        "admitted", "the harbour master, Lena Kruse", "Lena Kruse", ["the pier was unsafe"],
    ),
    "even before a group": (
        "Even critics of the plan concede that the old bridge must go.",
        "concede", "critics of the plan", "critics", ["the old bridge must go"],
    ),
    "even before a possessive group": (
        "Even the company's own engineers warned that the dam could fail.",
        "warned", "the company's own engineers", "company's own engineers",
        ["the dam could fail"],
    ),
    # -- a time phrase hung on the subject's noun dates the statement -----------------------------
    "on a weekday": (
        "The ministry on Wednesday said the border would reopen.",
        "said", "The ministry", "ministry", ["the border would reopen"],
    ),
    "on a weekday night, a named person": (
        "Senator Alma Reyes on Friday night told supporters that she would run again.",
        "told", "Senator Alma Reyes", "Alma Reyes", ["she would run again"],
    ),
    "last month": (
        "The airline last month announced that it would cut 300 jobs.",
        "announced", "The airline", "airline", ["it would cut 300 jobs"],
    ),
    "a time inside a participle stays": (
        "A poll released Thursday showed that most voters backed the tax.",
        "showed", "A poll released Thursday", "poll", ["most voters backed the tax"],
    ),
    "a time inside a relative clause stays": (
        "Jonas Weber, a lawyer who worked on the case in 2019, said the ruling was wrong.",
        "said", "Jonas Weber, a lawyer who worked on the case in 2019", "Jonas Weber",
        ["the ruling was wrong"],
    ),
    # -- a relative pronoun that is a passive subject is spoken about ------------------------------
    "who is expected to": (
        "Marta Olsen, who is expected to announce her candidacy this week, visited the harbour.",
        "is expected", None, None, ["to announce her candidacy this week"],
    ),
    "which is expected to": (
        "The bridge, which is expected to cost 2 billion euros, will open in 2030.",
        "is expected", None, None, ["to cost 2 billion euros"],
    ),
    "who was accused of, no agent": (
        "The minister, who was accused of lying to parliament, resigned on Friday.",
        "was accused of", None, None, ["lying to parliament"],
    ),
    "who was accused of, the agent speaks": (
        "Tom Reeves, who was accused of fraud by the regulator, denied everything.",
        "was accused of", "the regulator", "regulator", ["fraud by the regulator"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_source_span(name):
    text, cue, source, speaker, content = CASES[name]
    assert attribution(text, cue) == (source, speaker, content)
