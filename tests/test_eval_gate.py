"""Evaluation gate: PolNeAR dev accuracy may not fall below the floors pinned in the repo.

Runs the real pipeline over the 84 dev articles (about 35 s on 2 cores). Skips only where the
shared PolNeAR data is absent; CI has it.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import ROOT, SHARED
from onrecord.cli import main

DEV = SHARED / "data" / "polnear" / "dev"
BASELINE = ROOT / "evaluation" / "polnear-dev-baseline.json"


def _figures(scores: dict) -> dict[str, float]:
    by_type = scores["relation_recall_by_gold_type"]
    return {
        "relation.f1": scores["relation"]["f1"],
        "relation.p": scores["relation"]["p"],
        "relation.r": scores["relation"]["r"],
        "relation_content.f1": scores["relation_content"]["f1"],
        "content.token.f1": scores["content"]["token"]["f1"],
        "source.exact.f1": scores["source"]["exact"]["f1"],
        "cue.exact.f1": scores["cue"]["exact"]["f1"],
        "recall.direct": by_type["direct"]["r"],
        "recall.mixed": by_type["mixed"]["r"],
        "recall.indirect": by_type["indirect"]["r"],
    }


@pytest.mark.skipif(not DEV.is_dir(), reason="PolNeAR dev split not present at ../shared")
def test_polnear_dev_does_not_regress(tmp_path):
    baseline = json.loads(BASELINE.read_text())
    pred = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(
        main, ["eval", "brat", str(DEV), "--json", "--no-progress", "--pred-out", str(pred)]
    )
    assert result.exit_code == 0, result.output
    figures = _figures(json.loads(result.stdout))
    assert set(figures) == set(baseline["floors"])
    drops = {
        name: (round(figures[name], 4), floor)
        for name, floor in baseline["floors"].items()
        if figures[name] < floor - baseline["tolerance"]
    }
    assert not drops, f"accuracy fell below the pinned floors: {drops}"
    assert len(pred.read_text().splitlines()) == 84


@pytest.mark.skipif(not DEV.is_dir(), reason="PolNeAR dev split not present at ../shared")
def test_cli_scores_equal_the_reference_scorer(tmp_path):
    """onrecord's numbers and the reference scorer's agree on the same predictions."""
    import subprocess
    import sys

    scorer = SHARED / "tools" / "polnear_score.py"
    if not scorer.exists():
        pytest.skip("reference scorer not present")
    pred = tmp_path / "pred.jsonl"
    ours = CliRunner().invoke(
        main, ["eval", "brat", str(DEV), "--json", "--limit", "5", "--pred-out", str(pred)]
    )
    assert ours.exit_code == 0, ours.output
    small = tmp_path / "gold"
    (small / "text").mkdir(parents=True)
    (small / "attributions").mkdir()
    ids = [json.loads(line)["doc"] for line in pred.read_text().splitlines()]
    for doc in ids:
        (small / "text" / f"{doc}.txt").write_bytes((DEV / "text" / f"{doc}.txt").read_bytes())
        for ann in (DEV / "attributions").glob(f"{doc}_*.ann"):
            (small / "attributions" / ann.name).write_bytes(ann.read_bytes())
    ref = subprocess.run(
        [sys.executable, str(scorer), "--gold-dir", str(small), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert json.loads(ref.stdout) == json.loads(ours.stdout)
