"""Acceptance: the founding article, through the CLI, asserted attribution by attribution.

Span conventions (docs/architecture.md): content never starts or ends with punctuation, "that"
or spaces, except that a quote mark opened inside the content closes inside it, together with
the punctuation the reporter put inside the marks (so item 15 ends with `troops.”`).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE, summarize
from onrecord.cli.commands import main

CRISIS = (
    "the current crisis was «a direct result of NATO’s long-standing aggressive policy aimed at "
    "creating an anti-Russian bridgehead on Ukrainian territory, while ignoring our country’s "
    "interests in the field of security and trampling on the rights of Russian-speaking "
    "residents,”"
)

EXPECTED = [
    # 1. headline: the Russian President (Putin), cue "saying"
    ("Vladimir Putin", "saying", "indirect",
     ["the conflict was the result of aggressive NATO policies"], None, None, "headline"),
    # 2. the Kremlin has confirmed
    ("Russian government", "has confirmed", "indirect",
     ["Russian President Vladimir Putin and German Chancellor Olaf Scholz spoke by phone on "
      "Friday, their first direct contact in almost two years"], None, None, "body"),
    # 3. ..., saying that
    ("Russian government", "saying", "indirect",
     ["the Ukraine crisis was the primary topic of the conversation"], None, None, "body"),
    # 4. According to the Kremlin statement
    ("Russian government", "According to", "indirect",
     ["Putin and Scholz last spoke directly in December 2022"], None, None, "body"),
    # 5. which Moscow said
    ("Russian government", "said", "indirect",
     ["was initiated by the German side"], None, None, "body"),
    # 6. quotation with no cue: the Kremlin's from context
    ("Russian government", None, "direct",
     ["detailed and frank exchange of views on the situation in Ukraine"], None, None, "body"),
    # 7. Putin told Scholz (carried by 8)
    ("Vladimir Putin", "told", "mixed", [CRISIS], "Olaf Scholz", 8, "body"),
    # 8. ..., the Kremlin said
    ("Russian government", "said", "mixed", ["Putin told Scholz that " + CRISIS], None, None,
     "body"),
    # 9. the Russian president said
    ("Vladimir Putin", "said", "indirect",
     ["Moscow has never refused to hold peace negotiations with Kiev and remains open to "
      "relaunching talks, which had previously been shut down by the Ukrainian side"],
     None, None, "body"),
    # 10. Putin noted
    ("Vladimir Putin", "noted", "mixed",
     ["any potential settlements between Moscow and Kiev should take into account Russia’s "
      "interests in the sphere of security, as well as the new territorial realities, and "
      "“eliminate the root causes of the conflict.”"], None, None, "body"),
    # 11. with Putin saying
    ("Vladimir Putin", "saying", "mixed",
     ["their «unprecedented degradation» was the result of «unfriendly policies» implemented "
      "by Berlin"], None, None, "body"),
    # 12. ..., Putin said
    ("Vladimir Putin", "said", "indirect",
     ["Moscow, meanwhile, has always adhered to both its treaty and contractual obligations in "
      "the energy sector and remains ready for mutually beneficial cooperation"],
     None, None, "body"),
    # 13. ..., the Kremlin said
    ("Russian government", "said", "indirect",
     ["The leaders also discussed tensions in the Middle East and efforts to find peaceful "
      "resolutions to the crisis in the region"], None, None, "body"),
    # 14. ..., it added (it = the Kremlin)
    ("Russian government", "added", "indirect",
     ["Following their conversation, Putin and Scholz agreed to remain in touch"],
     None, None, "body"),
    # 15. German officials ..., reporting that
    ("German government", "reporting", "mixed",
     ["during the phone call, Scholz urged Putin to end the Ukraine conflict and "
      "“withdraw his troops.”"], None, None, "body"),
    # 16. Scholz urged Putin (carried by 15)
    ("Olaf Scholz", "urged", "mixed",
     ["to end the Ukraine conflict and “withdraw his troops.”"], "Vladimir Putin", 15, "body"),
    # 17. According to spokesman Steffen Hebestreit
    ("Steffen Hebestreit", "According to", "mixed",
     ["the Chancellor “insisted on Russia’s readiness to negotiate with Ukraine in order to "
      "achieve a fair and lasting peace” and spoke of Berlin’s “unwavering determination” to "
      "support Kiev “as long as necessary.”"], None, None, "body"),
    # 18a. the Chancellor insisted on (carried by 17); the cue sits inside the quote marks
    ("Olaf Scholz", "insisted on", "direct",
     ["Russia’s readiness to negotiate with Ukraine in order to achieve a fair and lasting "
      "peace"], None, 17, "body"),
    # 18b. and spoke of (carried by 17)
    ("Olaf Scholz", "spoke of", "mixed",
     ["Berlin’s “unwavering determination” to support Kiev “as long as necessary.”"],
     None, 17, "body"),
]  # fmt: skip


@pytest.fixture(scope="module")
def record() -> dict:
    result = CliRunner().invoke(
        main, ["analyze", str(EXAMPLE), "--format", "json", "--published", "2024-11-15"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_output_is_valid_onrecord_1(record, validate):
    validate(record)
    assert record["schema"] == "onrecord/1"
    assert record["document"]["id"] == "putin-scholz-call"
    assert record["document"]["published"] == "2024-11-15"


def test_every_attribution_exactly(record):
    assert summarize(record) == EXPECTED


def test_sources_and_cues_point_at_the_words(record):
    sources = [a["source"]["text"] if a["source"] else None for a in record["attributions"]]
    assert sources == [
        "the Russian President", "the Kremlin", "the Kremlin", "the Kremlin statement",
        "Moscow", "Moscow", "Putin", "the Kremlin", "the Russian president", "Putin", "Putin",
        "Putin", "the Kremlin", "it", "German officials", "Scholz",
        "German government spokesman Steffen Hebestreit", "the Chancellor", "the Chancellor",
    ]  # fmt: skip
    lemmas = [a["cue"]["lemma"] if a["cue"] else None for a in record["attributions"]]
    assert lemmas[:6] == ["say", "confirm", "say", "according to", "say", None]
    assert lemmas[-2:] == ["insist on", "speak of"]


def test_quoted_parts(record):
    quoted = {a["id"]: [q["text"] for q in a["quoted"]] for a in record["attributions"]}
    assert quoted["a11"] == ["unprecedented degradation", "unfriendly policies"]
    assert quoted["a16"] == ["withdraw his troops"]
    assert quoted["a19"] == ["unwavering determination", "as long as necessary"]


def test_entities(record):
    by_name = {e["name"]: e for e in record["entities"]}
    for name, title, country in [
        ("Vladimir Putin", "Russian President", "RUS"),
        ("Olaf Scholz", "German Chancellor", "DEU"),
        ("Steffen Hebestreit", "German government spokesman", "DEU"),
    ]:
        assert by_name[name]["kind"] == "person"
        assert by_name[name]["title"] == title
        assert by_name[name]["country"] == country
    assert by_name["NATO"]["kind"] == "organization"
    assert by_name["Kyiv"]["kind"] == "place"
    assert by_name["Kyiv"]["country"] == "UKR"
    assert {m["text"] for m in by_name["Kyiv"]["mentions"]} == {"Kiev"}
    assert by_name["Russian government"]["kind"] == "government"
    assert {m["text"] for m in by_name["Russian government"]["mentions"]} == {
        "Kremlin", "the Kremlin", "Moscow", "it", "Russia",
    }  # fmt: skip
    assert by_name["Gavriil Grigorov"]["kind"] == "person"
    speakers = {a["speaker"] for a in record["attributions"]}
    assert by_name["Gavriil Grigorov"]["id"] not in speakers
    scholz_mentions = {m["text"] for m in by_name["Olaf Scholz"]["mentions"]}
    assert scholz_mentions == {"Olaf Scholz", "Scholz", "the Chancellor"}


def test_sections(record):
    doc = record["document"]
    kinds = [(s["kind"], doc["text"][s["start"] : s["end"]]) for s in doc["sections"][:4]]
    assert kinds[1:3] == [
        ("caption", "FILE PHOTO: Russian President Vladimir Putin."),
        ("credit", "© Sputnik / Gavriil Grigorov"),
    ]
    assert kinds[0][0] == "headline"
    assert kinds[3][0] == "body"
