"""Who speaks: one case per sentence pattern of issue 11's error classes, in new sentences.

Each case names the cue it is about and asserts the exact speaker (entity name, or None for
no speaker), the cue and the content texts of the attribution that has that cue.
"""

from __future__ import annotations

import pytest

from attribution_helpers import attribution_with_cue
from onrecord import analyze


def attribution(text: str, cue: str) -> tuple[str | None, str | None, list[str]]:
    """(speaker name, cue text, content texts) of the one attribution whose cue is ``cue``."""
    record = analyze(text)
    a = attribution_with_cue(record, cue)
    speaker = record.entity(a.speaker)
    return (speaker.name if speaker else None, cue, [c.text for c in a.content])


# (text, cue, speaker, content texts)
CASES: dict[str, tuple[str, str, str | None, list[str]]] = {
    # -- a person is not the organisation in their title -----------------------------------------
    "org title before a name": (
        'Greenpeace campaign director Ilse Varga said: "We will be back at the port tomorrow."',
        "said", "Ilse Varga", ["We will be back at the port tomorrow"],
    ),
    "company title before a name": (
        "Northwind chief executive Pavel Orlov said the merger would close in spring.",
        "said", "Pavel Orlov", ["the merger would close in spring"],
    ),
    "agency title before a name, quote first": (
        '"The numbers are worse than we feared," Frontex deputy director Ana Sousa told reporters.',
        "told", "Ana Sousa", ["The numbers are worse than we feared"],
    ),
    "the founder named earlier": (
        "Marta Kowal, the Brightway founder, left the board in May. The Brightway founder has "
        "always insisted that the company never sold user data.",
        "has always insisted", "Marta Kowal", ["the company never sold user data"],
    ),
    "the editor named earlier by apposition": (
        "The paper's editor, Jonas Lind, defended the story on Sunday. The editor said the "
        "sources had been checked twice.",
        "said", "Jonas Lind", ["the sources had been checked twice"],
    ),
    # -- descriptions resolve to the person in that role -----------------------------------------
    "the prime minister": (
        "Prime Minister Helen Varga opened the summit in Oslo. Later the prime minister said "
        "the talks had gone well.",
        "said", "Helen Varga", ["the talks had gone well"],
    ),
    "the coach after a title": (
        "Head coach Tomas Berg praised his players. The coach said the team had earned the win.",
        "said", "Tomas Berg", ["the team had earned the win"],
    ),
    "the governor, two persons named": (
        "Governor Rita Hale met Senator Paul Ames in the capital. The governor said the budget "
        "would pass by June.",
        "said", "Rita Hale", ["the budget would pass by June"],
    ),
    "the mayor is the one named last in that role": (
        "Former mayor Olga Brandt attended. Mayor Kevin Stroud spoke first. The mayor said the "
        "new bridge would open in the autumn.",
        "said", "Kevin Stroud", ["the new bridge would open in the autumn"],
    ),
    # -- datelines and bylines are sections ------------------------------------------------------
    "dateline with country and agency": (
        "OSLO, Norway (AP) — Finance Minister Erik Dahl said on Tuesday that taxes would fall.",
        "said", "Erik Dahl", ["taxes would fall"],
    ),
    "dateline with agency only": (
        "NAIROBI (Reuters) - The health minister, Grace Otieno, said the clinics would reopen.",
        "said", "Grace Otieno", ["the clinics would reopen"],
    ),
    "dateline of two words": (
        "NEW DELHI — Officials said the line would reopen on Friday.",
        "said", "unnamed officials", ["the line would reopen on Friday"],
    ),
    # -- the accused and the described are not speakers ------------------------------------------
    "passive accusation has no speaker": (
        "He is accused of selling the files to a foreign buyer.",
        "is accused of", None, ["selling the files to a foreign buyer"],
    ),
    "passive invitation has no speaker": (
        "Local artists will be invited to submit designs for the new square.",
        "will be invited", None, ["to submit designs for the new square"],
    ),
    "passive with an agent: the agent speaks": (
        "The minister was urged by the unions to drop the pension plan.",
        "was urged", "unions", ["to drop the pension plan"],
    ),
    "poll share is not a speaker": (
        "In the new survey, 38 percent said they trusted the courts.",
        "said", "poll respondents", ["they trusted the courts"],
    ),
    "majority of voters is not a speaker": (
        "A majority of voters said the economy was their main worry.",
        "said", "poll respondents", ["the economy was their main worry"],
    ),
    # -- headlines, section labels, titles -------------------------------------------------------
    "headline label of a person who speaks in the body": (
        "Okafor: The port deal is dead\n\nTrade Minister Ada Okafor said on Monday that the "
        "talks had collapsed.",
        ":", "Ada Okafor", ["The port deal is dead"],
    ),
    "transcript in capitals": (
        "REPORTER: Will you run again next year?\nKOVACS: I have not decided yet, to be honest.",
        ":", None, [],
    ),
    # -- pronouns agree --------------------------------------------------------------------------
    "he skips the woman named just before": (
        'Carlos Mendes and Julia Weiss met the press. "We expect a deal by Friday," he said.',
        "said", "Carlos Mendes", ["We expect a deal by Friday"],
    ),
    "she skips the man named just before": (
        'Anna Petrova spoke after Mark Hill. "Nobody told us about the cuts," she said.',
        "said", "Anna Petrova", ["Nobody told us about the cuts"],
    ),
    "split quote keeps the agreeing speaker": (
        'Laura Chen thanked Peter Novak. "This took years," she said. "We are not done yet."',
        "said", "Laura Chen", ["This took years", "We are not done yet"],
    ),
    "honorific decides": (
        'Mr Okoye and Ms Tanaka both spoke. "I will vote against it," she said.',
        "said", "Ms Tanaka", ["I will vote against it"],
    ),
    "it is an organisation, never a person": (
        "Daniel Roth praised the Nordic Investment Bank on Monday. It said the profits would "
        "be shared.",
        "said", "Nordic Investment Bank", ["the profits would be shared"],
    ),
    # -- appositive speakers ---------------------------------------------------------------------
    "lawyer named in apposition": (
        '"The charges are baseless," says Mr Ivanov\'s lawyer, Sara Klein.',
        "says", "Sara Klein", ["The charges are baseless"],
    ),
    "spokesperson named in apposition": (
        "The council's spokesperson, Omar Haddad, said the vote would be held in March.",
        "said", "Omar Haddad", ["the vote would be held in March"],
    ),
    "a possessor is not the speaker": (
        '"My client will appeal," Ms Ruiz\'s lawyer said.',
        "said", "Ms Ruiz's lawyer", ["My client will appeal"],
    ),
    # -- embedded posts --------------------------------------------------------------------------
    "post signed on its own line": (
        "The bridge is closed.\n\nCrews are clearing the road, please avoid the area.\n"
        "— Town of Brookfield (@brookfieldtown) June 2, 2020\n\nIt reopened later.",
        "—", "Town of Brookfield", ["Crews are clearing the road, please avoid the area"],
    ),
    "post signed on the same line": (
        "Thank you to every volunteer who came out today — Lena Fischer (@lenafischer) "
        "May 9, 2021",
        "—", "Lena Fischer", ["Thank you to every volunteer who came out today"],
    ),
    # -- content not cut short -------------------------------------------------------------------
    "adding that takes the whole clause": (
        "The mayor said the budget was balanced, adding that fees would not rise and that the "
        "pools would stay open.",
        "adding", "mayor", ["fees would not rise and that the pools would stay open"],
    ),
    "according to in the middle of a sentence": (
        "The plant, according to court filings, dumped waste into the lake.",
        "according to", "court", ["The plant", "dumped waste into the lake"],
    ),
    "according to first": (
        "According to the auditors, the fund lost money in each of the last three years.",
        "According to", "auditors", ["the fund lost money in each of the last three years"],
    ),
    # -- organisations and unnamed sources -------------------------------------------------------
    "the ministry after its full name": (
        "The Ministry of Transport announced new speed limits. The ministry said the limits "
        "would apply from July.",
        "said", "Ministry of Transport", ["the limits would apply from July"],
    ),
    "the agency after its full name": (
        "The European Space Agency delayed the launch. The agency said the weather was too poor.",
        "said", "European Space Agency", ["the weather was too poor"],
    ),
    "officials alone are unnamed": (
        "Officials said the border crossing would reopen on Sunday.",
        "said", "unnamed officials", ["the border crossing would reopen on Sunday"],
    ),
    "officials at a named company": (
        "Officials at Siemens said the plant would not close.",
        "said", "Siemens", ["the plant would not close"],
    ),
    "a source in a named government": (
        "France rejected the offer. A source in the government told reporters that talks would "
        "resume.",
        "told", "French government", ["talks would resume"],
    ),
    "officials of a country by its name": (
        "Officials in Canada said the rules would change next year.",
        "said", "Canadian government", ["the rules would change next year"],
    ),
    "unnamed spokesman keeps his description": (
        "A hospital spokesman said the patient was stable.",
        "said", "unnamed hospital spokesman", ["the patient was stable"],
    ),
    "a statement saying: its issuer speaks": (
        "The Security Council issued a statement calling the test a clear violation of its "
        "resolutions.",
        "calling", "Security Council", ["the test a clear violation of its resolutions"],
    ),
    "after saying inherits the subject": (
        "The senator left the room after saying that the vote had been rigged.",
        "saying", "senator", ["the vote had been rigged"],
    ),
    "many of a group speak for it": (
        "Many of the protesters said they would return on Sunday.",
        "said", "protesters", ["they would return on Sunday"],
    ),
    "an inference has no speaker": (
        "The campaign seems to believe that the polls are wrong.",
        "seems to believe", None, ["the polls are wrong"],
    ),
    "Kremlin metonym still a government": (
        "The Kremlin said the meeting would take place in Minsk.",
        "said", "Russian government", ["the meeting would take place in Minsk"],
    ),
    # -- a quotation after a sentence end continues the quote before the cue ---------------------
    "split quote across a full stop": (
        '"Is that a threat?" Mr. Haas asked. "It sounds like one."',
        "asked", "Haas", ["Is that a threat?", "It sounds like one"],
    ),
    "the quote after the cue's sentence is not its only content": (
        '"The dam held," engineer Rosa Lind said. "We were lucky this time."',
        "said", "Rosa Lind", ["The dam held", "We were lucky this time"],
    ),
    # -- any verb that frames a quotation is its cue ---------------------------------------------
    "framing verb with a particle before a colon": (
        'Ortega shot back: "That is simply not true."',
        "shot back", "Ortega", ["That is simply not true"],
    ),
    "framing verb after the quotation": (
        '"We will be back next spring," Coach Ilona Berg beamed.',
        "beamed", "Ilona Berg", ["We will be back next spring"],
    ),
    "framing verb with an adverb": (
        'Lindqvist put it bluntly: "The plan is dead."',
        "put it bluntly", "Lindqvist", ["The plan is dead"],
    ),
    "framing verb before a comma": (
        'The mayor, Anton Reyes, continued, "The bridge will open in May."',
        "continued", "Anton Reyes", ["The bridge will open in May"],
    ),
    # -- a quotation no cue claimed is cued by the verb whose clause holds it --------------------
    "verb with a pronoun object and a quoted complement": (
        'Former minister Ida Ruud called it "the worst deal in a generation."',
        "called", "Ida Ruud", ["the worst deal in a generation"],
    ),
    "object and quoted description are one account": (
        'Kemal described the vote as "a disgrace to the chamber."',
        "described", "Kemal", ["the vote", "a disgrace to the chamber"],
    ),
    # -- accounts of someone else inside a quotation stay ----------------------------------------
    "a third party's account inside a quotation": (
        '"Moreau told me the plant would stay open," the union leader Ines Vidal said.',
        "told", "Moreau", ["the plant would stay open"],
    ),
    # -- the subject reaches a cue through an adjective ---------------------------------------
    "more likely to say": (
        "Rural voters are far more likely to say that the economy is getting worse.",
        "to say", "Rural voters", ["the economy is getting worse"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_speaker(name):
    text, cue, speaker, content = CASES[name]
    if cue == ":" and speaker is None:
        pytest.skip("checked in test_capital_transcript_labels")
    assert attribution(text, cue) == (speaker, cue, content)


def test_capital_transcript_labels():
    """Two capitalised labels make a transcript; each line is its label's words."""
    record = analyze(
        "REPORTER: Will you run again next year?\nKOVACS: I have not decided yet, to be honest."
    )
    got = [
        (a.source.text, a.cue.span.text, [c.text for c in a.content]) for a in record.attributions
    ]
    assert got == [
        ("REPORTER", ":", ["Will you run again next year?"]),
        ("KOVACS", ":", ["I have not decided yet, to be honest"]),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "MARKETS: Shares slid in Tokyo as traders weighed the new tariffs.",
        "WATCH: The new ferry leaves the harbour for the first time.",
        "Nadia Petrov: A life in chess\n\nShe learned the game from her grandfather in Kazan.",
    ],
)
def test_labels_that_are_not_speakers(text):
    """A section label, a one-off capitals label and a headline topic are nobody's words."""
    record = analyze(text)
    assert [a for a in record.attributions if a.cue and a.cue.span.text == ":"] == []


def test_titles_in_quote_marks_are_not_quotations():
    record = analyze(
        'The director spent a decade on it. "The Winter of the Long Night" opens in May.'
    )
    assert record.attributions == []
    said = analyze('She said she had read "The History of the Northern Rail" twice.')
    [a] = said.attributions
    assert (a.kind, a.quoted) == ("indirect", [])


def test_dateline_and_byline_are_sections():
    text = (
        "Ferry strike ends\n\nBy Lisa Moreau\n\nMARSEILLE, France (AFP) — Dock workers voted "
        "on Monday to end the strike, the union said."
    )
    record = analyze(text)
    kinds = [(s.kind, text[s.start : s.end]) for s in record.document.sections]
    assert kinds == [
        ("headline", "Ferry strike ends"),
        ("byline", "By Lisa Moreau"),
        ("dateline", "MARSEILLE, France (AFP) — "),
        ("body", "Dock workers voted on Monday to end the strike, the union said."),
    ]
    [a] = record.attributions
    assert (a.source.text, a.cue.span.text, [c.text for c in a.content]) == (
        "the union",
        "said",
        ["Dock workers voted on Monday to end the strike"],
    )
    speaker_names = {record.entity(a.speaker).name for a in record.attributions}
    assert not speaker_names & {"Lisa Moreau", "French government", "AFP", "MARSEILLE"}


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("WASHINGTON (AP) — Lawmakers met.", "WASHINGTON (AP) — "),
        ("DES MOINES, Iowa - Voters lined up.", "DES MOINES, Iowa - "),
        ("WASHINGTON -- The vote failed.", "WASHINGTON -- "),
        ("AFL-CIO to endorse the governor.", None),
        ("COVID-19 cases rose again in May.", None),
        ("The AP — and others — reported it.", None),
    ],
)
def test_dateline_shapes(paragraph, dateline):
    from onrecord.text.sections import dateline_at

    end = dateline_at(paragraph, 0)
    assert (paragraph[:end] if end is not None else None) == dateline


def test_first_name_gender_table():
    from onrecord.entities.agreement import first_name_gender

    assert [first_name_gender(n) for n in ("Maria", "Tom", "Ms", "Mr", "Xq", "lower")] == [
        "female",
        "male",
        "female",
        "male",
        None,
        None,
    ]


def test_the_quoted_speakers_own_thoughts_are_part_of_the_quotation() -> None:
    # "we believe", "you know" and sourceless "is expected" inside a quotation are the quoted
    # speaker's words, not accounts of their own: only the carrier's account is recorded.
    record = analyze(
        '"We believe the vote was fair, and you know the count is expected to finish soon," '
        "the minister, Jonas Aberg, told reporters."
    )
    assert [(a.cue.span.text if a.cue else None) for a in record.attributions] == ["told"]
    speaker = record.entity(record.attributions[0].speaker)
    assert speaker is not None and speaker.name == "Jonas Aberg"


def test_a_sourceless_account_inside_a_report_is_part_of_it() -> None:
    # "are expected to resume" has no source of its own: it is what the ministry reported.
    record = analyze("The ministry said on Monday that talks are expected to resume in March.")
    assert [
        (a.cue.span.text if a.cue else None, [c.text for c in a.content])
        for a in record.attributions
    ] == [("said", ["talks are expected to resume in March"])]
