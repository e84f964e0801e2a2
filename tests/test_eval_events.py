"""``onrecord eval events``: gold from coders (CAMEO_ConfliBERT layout), scoring, the CLI, and
the learned event decision's wiring. The sentences are written for these tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli.commands import main
from onrecord.evaluation.coded_events import cameo_to_plover, read_coded
from onrecord.evaluation.events import coder_scores
from onrecord.events import learned

HEADER = ["ids", "plain_text", "sentences"]
for k in (1, 2, 3):
    HEADER += [f"anncomplete_{k}", f"entities_{k}", f"relations_{k}", f"1_Relevant_{k}"]
    HEADER += [f"Action1_CAMEO_{k}", f"Action2_CAMEO_{k}"]

ATTACK = "Rebels attacked an army base in Syria on Monday."
STORM = "The storm flooded hundreds of homes near the coast."
MEETING = "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing."


def coder(k, relevant, actions=(), spans=()):
    row = {f"anncomplete_{k}": "True", f"1_Relevant_{k}": relevant, f"relations_{k}": "[]"}
    row[f"entities_{k}"] = repr(list(spans))
    for n, action in enumerate(actions, start=1):
        row[f"Action{n}_CAMEO_{k}"] = action
    return row


def write_round(folder: Path) -> Path:
    rows = [
        {
            "ids": "attack",
            "sentences": ATTACK,
            **coder(1, "True", ["0-1 Make Public Statement", "4-18 Assualt"],
                    [("Source-2", "Rebels", 0), ("Target-2", "army base", 20)]),
            **coder(2, "True", ["4-18 Assualt"], [("Source-1", "Rebels", 0)]),
            **coder(3, "False"),
        },
        {
            "ids": "storm",
            "sentences": STORM,
            **coder(1, "False"),
            **coder(2, "False"),
            **coder(3, "True", ["4-18 Assualt"]),
        },
        {
            "ids": "meeting",
            "sentences": MEETING,
            **coder(1, "True", ["1-4 Consult"],
                    [("Source-1", "Russian President Vladimir Putin", 0),
                     ("Target-1", "Chinese President Xi Jinping", 42)]),
            **coder(2, "True", ["1-4 Consult"], [("Source-1", "Vladimir Putin", 17)]),
            **coder(3, "True", ["1-5 Engage in Dip Coop"]),
        },
    ]  # fmt: skip
    path = folder / "round_7" / "summary.csv"
    path.parent.mkdir(parents=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in HEADER})
    return folder


def test_cameo_roots_map_by_the_plover_table():
    assert cameo_to_plover("18") == ("ASSAULT", None)
    assert cameo_to_plover("181") == ("ASSAULT", "abduct")
    assert cameo_to_plover("163") == ("COERCE", None)
    assert cameo_to_plover("084") == ("RETREAT", None)
    assert cameo_to_plover("08") == ("CONCEDE", None)
    assert cameo_to_plover("01") == (None, None)
    assert cameo_to_plover("11") == ("ACCUSE", "disapprove")


def test_gold_is_the_coders_majority(tmp_path):
    sentences = read_coded(write_round(tmp_path))
    got = [(s.id, s.round, s.gold_type, s.gold_sources, s.gold_targets) for s in sentences]
    assert got == [
        ("attack", 7, "ASSAULT", set(), set()),  # "Rebels" names no country
        ("storm", 7, None, set(), set()),
        ("meeting", 7, "CONSULT", {"RUS"}, {"CHN"}),  # half the coders suffice
    ]
    assert [c.type for c in sentences[0].codings] == ["ASSAULT", "ASSAULT", None]
    assert sentences[0].codings[0].action == 2
    assert read_coded(tmp_path, rounds={8}) == []


def test_coders_are_scored_against_the_others(tmp_path):
    scores, agreement = coder_scores(read_coded(write_round(tmp_path)))
    assert agreement == pytest.approx(3 / 9)  # one agreeing pair of three in each sentence
    assert scores is not None and (scores.sentences, scores.with_event) == (9, 8)
    # Ties go to the event ("storm": the others split None / ASSAULT), then CONSULT before
    # COOPERATE alphabetically ("meeting"): 4 of 8 right, and the one empty gold is coded.
    assert (scores.main_accuracy, scores.false_event_rate) == (0.5, 1.0)


def test_cli_prints_every_figure(tmp_path):
    result = CliRunner().invoke(main, ["eval", "events", str(write_round(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:9] == [
        "coded sentences: 3 (2 with a gold event)",
        "",
        "onrecord against the majority of the coders:",
        "  main-event type accuracy: 1.000  (any event matches: 1.000)",
        "  macro-F1 over types: 1.000",
        "  false-event rate: 0.000 of 1 sentences with no gold event",
        "  coverage: 1.000 of 2 sentences with a gold event",
        "  actor country: P 1.000  R 1.000  (1 right of 1 predicted, 1 gold)",
        "  recipient country: P 1.000  R 1.000  (1 right of 1 predicted, 1 gold)",
    ]
    assert "  pairwise agreement on the event type (no event included): 0.333" in lines
    assert lines[-4:] == [
        "               - ASSAU CONSU",
        "-              1     .     .",
        "ASSAULT        .     1     .",
        "CONSULT        .     .     1",
    ]


def test_the_shipped_model_is_wired():
    model = learned.model()
    assert model is not None
    assert model.labels[0] == learned.NONE and len(model.labels) == 17
    assert 0 < model.drop <= 1 and 0 <= model.add <= 1.1
    probabilities = model.probabilities(["bias", "rule_main=NONE", "rule=NONE"])
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert (
        learned.decide({**dict.fromkeys(model.labels, 0.0), "NONE": 1.0}, "ASSAULT", model).action
        == "drop"
    )
    assert (
        learned.decide({**dict.fromkeys(model.labels, 0.0), "CONSULT": 1.0}, "ASSAULT", model).type
        == "CONSULT"
    )
    assert (
        learned.decide({**dict.fromkeys(model.labels, 0.0), "AGREE": 1.0}, None, model).action
        == "add"
    )
    assert (
        learned.decide({**dict.fromkeys(model.labels, 0.0), "NONE": 1.0}, None, model).action
        == "keep"
    )
