"""Whose words: source rules from issue 11's third pass (PolNeAR train error analysis), each
on new sentences with exact expected speakers, cues, contents and source texts."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from onrecord import analyze
from onrecord.attribution.finder import AttributionFinder


def accounts(text: str) -> list[tuple[str | None, str | None, str | None, list[str]]]:
    """(cue, source text, speaker name, content texts) of every attribution, in order."""
    record = analyze(text)
    out = []
    for a in record.attributions:
        speaker = record.entity(a.speaker) if a.speaker else None
        out.append(
            (
                a.cue.span.text if a.cue else None,
                a.source.text if a.source else None,
                speaker.name if speaker else None,
                [c.text for c in a.content],
            )
        )
    return out


def test_a_bare_participle_of_an_addressee_verb_has_no_source() -> None:
    # "Asked whether ..., Halvorsen said": Halvorsen was asked; who asked is not said.
    found = accounts(
        "Asked whether the harbour would reopen in June, Mayor Ingrid Halvorsen said the "
        "repairs were on schedule."
    )
    assert found == [
        ("Asked", None, None, ["the harbour would reopen in June"]),
        ("said", "Mayor Ingrid Halvorsen", "Ingrid Halvorsen", ["the repairs were on schedule"]),
    ]


def test_a_participle_with_its_own_agent_keeps_the_agent() -> None:
    found = accounts(
        "Pressed by reporters about the budget, Dario Lentz said the cuts would be modest."
    )
    assert found[-1] == ("said", "Dario Lentz", "Dario Lentz", ["the cuts would be modest"])
    assert all(source != "Dario Lentz" for cue, source, _, _ in found if cue != "said")


def test_a_finite_asked_keeps_its_subject() -> None:
    found = accounts("Senator Mirela Oprea asked whether the treaty covered fishing rights.")
    assert found == [
        ("asked", "Senator Mirela Oprea", "Mirela Oprea", ["the treaty covered fishing rights"]),
    ]


def test_a_participle_after_a_reported_clause_is_the_reporters() -> None:
    # The parser hangs "noting" on the reported clause; the noting is still Okafor's.
    found = accounts(
        "Chidi Okafor said the new tariff had been a mistake, noting that exports fell by a "
        "third within a year."
    )
    assert [(cue, source, speaker) for cue, source, speaker, _ in found] == [
        ("said", "Chidi Okafor", "Chidi Okafor"),
        ("noting", "Chidi Okafor", "Chidi Okafor"),
    ]


def test_a_participle_after_a_quoted_clause_is_the_speakers() -> None:
    found = accounts(
        'Lena Brandt said, "The plan is sound," adding that the council would vote in May.'
    )
    assert [(cue, speaker) for cue, _, speaker, _ in found] == [
        ("said", "Lena Brandt"),
        ("adding", "Lena Brandt"),
    ]


def test_the_name_after_an_inverted_cue_is_the_source() -> None:
    # `"...," said retired engineer Tomas Berglund, asked about ...`, parsed as the model did
    # in such PolNeAR sentences: the name is the subject of "asked", "said" has none.
    words = [
        "“",
        "We",
        "will",
        "stay",
        ",",
        "”",
        "said",
        "retired",
        "engineer",
        "Tomas",
        "Berglund",
        ",",
        "asked",
        "about",
        "the",
        "offer",
        ".",
    ]
    heads = [6, 3, 3, 6, 6, 6, 6, 8, 10, 10, 12, 10, 6, 12, 15, 13, 6]
    deps = [
        "punct",
        "nsubj",
        "aux",
        "ccomp",
        "punct",
        "punct",
        "ROOT",
        "amod",
        "compound",
        "compound",
        "nsubj",
        "punct",
        "ccomp",
        "prep",
        "det",
        "pobj",
        "punct",
    ]
    pos = [
        "PUNCT",
        "PRON",
        "AUX",
        "VERB",
        "PUNCT",
        "PUNCT",
        "VERB",
        "ADJ",
        "NOUN",
        "PROPN",
        "PROPN",
        "PUNCT",
        "VERB",
        "ADP",
        "DET",
        "NOUN",
        "PUNCT",
    ]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    finder = AttributionFinder(doc, [])
    said = doc[6]
    head, (start, end) = finder.name_after(said, (1, said.idx - 3))
    assert (head.text, doc[start:end].text) == ("Berglund", "retired engineer Tomas Berglund")
    # content after the cue: not an inverted cue
    assert finder.name_after(said, (doc[7].idx, doc[10].idx)) is None


def test_a_focus_adverb_is_not_part_of_the_source() -> None:
    found = accounts("Even Senator Rosa Quintero said the bill went too far.")
    assert found == [
        ("said", "Senator Rosa Quintero", "Rosa Quintero", ["the bill went too far"]),
    ]
