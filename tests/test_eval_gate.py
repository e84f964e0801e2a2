"""Evaluation gate: PolNeAR dev accuracy may not fall below the floors pinned in the repo.

Runs the real pipeline over the 84 dev articles in both scopes (about 80 s on 2 cores) and
scores the default scope's predictions on speech attributions too. Skips only where the shared
PolNeAR data is absent; CI has it. Raising floors is a deliberate commit
(``python tests/test_eval_gate.py --write`` prints the current figures as a baseline).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "polnear" / "dev"
BASELINE = ROOT / "evaluation" / "polnear-dev-baseline.json"
VIEWS = ("speech", "all", "speech-only")


def figures(result) -> dict[str, float]:
    scores = result.to_dict()
    by_type = scores["relation_recall_by_gold_type"]
    return {
        "speaker.accuracy": result.speaker_accuracy.accuracy,
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


def measure(tmp: Path) -> dict[str, dict[str, float]]:
    """The figures of every view: scope speech, scope all, and speech attributions only."""
    from onrecord.evaluation import evaluate_brat, score_files

    out = {}
    for scope in ("speech", "all"):
        pred = tmp / f"{scope}.jsonl"
        result = evaluate_brat(DEV, pred_out=pred, scope=scope)
        out[scope] = figures(result)
        if scope == "speech":
            out["speech-only"] = figures(score_files(DEV, pred, speech=True))
    return out


needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="PolNeAR dev not present at ../shared")


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> dict[str, dict[str, float]]:
    return measure(tmp_path_factory.mktemp("gate"))


@needs_dev
@pytest.mark.parametrize("view", VIEWS)
def test_polnear_dev_does_not_regress(measured, view):
    baseline = json.loads(BASELINE.read_text())
    floors = baseline["floors"][view]
    got = measured[view]
    assert set(got) == set(floors)
    drops = {
        name: (round(got[name], 4), floor)
        for name, floor in floors.items()
        if got[name] < floor - baseline["tolerance"]
    }
    assert not drops, f"{view}: accuracy fell below the pinned floors: {drops}"


@needs_dev
def test_cli_scores_equal_the_reference_scorer(tmp_path):
    """onrecord's numbers and the reference scorer's agree on the same predictions."""
    from click.testing import CliRunner

    from onrecord.cli.commands import main

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
    ours_scores = json.loads(ours.stdout)
    assert 0 <= ours_scores.pop("speaker_accuracy")["accuracy"] <= 1  # onrecord's own figure
    assert json.loads(ref.stdout) == ours_scores


if __name__ == "__main__" and "--write" in sys.argv:
    import math
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        now = measure(Path(tmp))
    baseline = {
        "_comment": "Floors for PolNeAR dev, per view (onrecord eval brat "
        "../shared/data/polnear/dev [--scope all] [--speech-only]). The gate fails when a "
        "figure drops more than `tolerance` below its floor. Raise floors deliberately.",
        "tolerance": 0.005,
        "floors": {
            view: {k: math.floor(v * 1000) / 1000 for k, v in vals.items()}
            for view, vals in now.items()
        },
    }
    BASELINE.write_text(json.dumps(baseline, indent=2) + "\n")
    print(json.dumps(baseline["floors"], indent=2))


EVENTS = SHARED / "data" / "events" / "cameo_conflibert"
EVENTS_BASELINE = ROOT / "evaluation" / "events-dev-baseline.json"


@pytest.mark.skipif(not EVENTS.is_dir(), reason="CAMEO_ConfliBERT not present at ../shared")
def test_event_dev_does_not_regress():
    """The event coder on the CAMEO_ConfliBERT dev rounds (8 and 10): about 20 s."""
    from onrecord.evaluation.event_run import evaluate_events

    baseline = json.loads(EVENTS_BASELINE.read_text())
    got = evaluate_events(EVENTS, rounds={8, 10}).ours.to_dict()
    assert got["sentences"] == 100 and got["with_event"] == 34
    tolerance = baseline["tolerance"]
    drops = {k: got[k] for k, floor in baseline["floors"].items() if got[k] < floor - tolerance}
    rises = {k: got[k] for k, cap in baseline["ceilings"].items() if got[k] > cap + tolerance}
    assert not drops and not rises, f"events dev regressed: {drops} {rises}"


@pytest.mark.skipif(not EVENTS.is_dir(), reason="CAMEO_ConfliBERT not present at ../shared")
def test_event_dev_actor_countries_do_not_regress():
    """Actor and recipient countries on the dev rounds (``country_floors``, dotted paths into
    the figures of ``onrecord eval events --json``): about 10 s."""
    from onrecord.evaluation.event_run import evaluate_events

    baseline = json.loads(EVENTS_BASELINE.read_text())
    got = evaluate_events(EVENTS, rounds={8, 10}).ours.to_dict()
    drops = {}
    for path, floor in baseline["country_floors"].items():
        value = got
        for part in path.split("."):
            value = value[part]
        if value < floor - baseline["tolerance"]:
            drops[path] = value
    assert not drops, f"event actor countries on dev regressed: {drops}"
