"""The compare, stories and eval compare commands, and stories in the store (both backends)."""

from __future__ import annotations

import json
import shutil
from importlib import resources

import jsonschema
from click.testing import CliRunner

from conftest import ROOT
from onrecord.cli.commands import main
from onrecord.store import ingest, open_store

pytest_plugins = ("store_fixtures",)

TEXTS = ROOT / "tests" / "data" / "compare" / "dev" / "texts"
CALL = ["putin-scholz-call", "kremlin-readout"]
DECOY = "scholz-zelensky-berlin"


def _schema_validator() -> jsonschema.Draft202012Validator:
    raw = resources.files("onrecord.schema").joinpath("onrecord-compare-1.schema.json")
    return jsonschema.Draft202012Validator(json.loads(raw.read_text()))


def test_compare_files_json_and_table(tmp_path):
    files = [str(TEXTS / f"{name}.txt") for name in [*CALL, DECOY]]
    result = CliRunner().invoke(main, ["compare", *files, "--published", "2024-11-15"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    _schema_validator().validate(data)
    assert [d["id"] for d in data["documents"]] == [*CALL, DECOY]
    assert [s["documents"] for s in data["stories"]] == [CALL, [DECOY]]
    initiated = next(c for c in data["claims"] if "initiat" in c["statements"][0]["content"])
    assert initiated["status"] == "shared"
    assert [(s["document"], s["attribution"]) for s in initiated["statements"]] == [
        ("putin-scholz-call", "a5"),
        ("kremlin-readout", "a3"),
    ]
    table = CliRunner().invoke(main, ["compare", *files[:2], "--published", "2024-11-15",
                                      "--format", "table"])  # fmt: skip
    assert table.exit_code == 0, table.output
    assert "story s1: what each source says" in table.output
    assert "putin-scholz-call" in table.output and "kremlin-readout" in table.output


def test_compare_jsonl_documents_and_records(tmp_path):
    lines = [
        {"id": "kremlin", "source": "Kremlin", "published": "2024-11-15",
         "text": (TEXTS / "kremlin-readout.txt").read_text()},
        {"id": "berlin", "source": "Bundesregierung", "published": "2024-11-15",
         "text": (TEXTS / "berlin-readout.txt").read_text()},
    ]  # fmt: skip
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = CliRunner().invoke(main, ["compare", str(feed), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(d["id"], d["source"]) for d in data["documents"]] == [
        ("kremlin", "Kremlin"),
        ("berlin", "Bundesregierung"),
    ]
    duration = next(c for c in data["claims"] if "about an hour" in c["statements"][0]["content"])
    assert (duration["status"], sorted(s["document"] for s in duration["statements"])) == (
        "shared",
        ["berlin", "kremlin"],
    )
    # The same documents as onrecord/1 records are compared without analysis, identically.
    kremlin = str(TEXTS / "kremlin-readout.txt")
    analysed = CliRunner().invoke(
        main, ["analyze", kremlin, "--published", "2024-11-15", "--format", "jsonl"]
    )
    record = json.loads(analysed.output)
    record["document"]["id"] = "kremlin"
    record["document"]["source"] = "Kremlin"
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(record) + "\n" + json.dumps(lines[1]) + "\n")
    again = CliRunner().invoke(main, ["compare", str(records), "--format", "json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["claims"] == data["claims"]


def test_compare_errors(tmp_path):
    runner = CliRunner()
    assert "give FILES" in runner.invoke(main, ["compare"]).output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    result = runner.invoke(main, ["compare", str(bad)])
    assert result.exit_code == 1 and "invalid JSON" in result.output
    one = TEXTS / "kremlin-readout.txt"
    twice = runner.invoke(main, ["compare", str(one), str(one)])
    assert twice.exit_code == 1 and "document ids must be unique: kremlin-readout" in twice.output


def test_eval_compare_prints_the_three_scores(tmp_path):
    (tmp_path / "texts").mkdir()
    for name in [*CALL, DECOY]:
        shutil.copy(TEXTS / f"{name}.txt", tmp_path / "texts")
    gold = {
        "published": "2024-11-15",
        "stories": [{"id": "call", "documents": CALL}, {"id": "decoy", "documents": [DECOY]}],
        "claims": [
            {"id": "g1", "status": "shared", "statements": {
                "putin-scholz-call": "was initiated by the German side",
                "kremlin-readout": "at the initiative of the German side"}},
            {"id": "g2", "status": "shared", "statements": {
                "putin-scholz-call": "has never refused to hold peace negotiations",
                "kremlin-readout": "never refused to negotiate and remained open"}},
            {"id": "g3", "status": "unique", "statements": {
                "scholz-zelensky-berlin": "no decision about Ukraine would be taken"}},
        ],
    }  # fmt: skip
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    result = CliRunner().invoke(main, ["eval", "compare", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        "claim pairs    P 1.000  R 1.000  F1 1.000  (2 of 2 predicted, 2 gold)",
        "claim status   accuracy 1.000  (3 of 3 gold claims)",
        "stories        B-cubed P 1.000  R 1.000  F1 1.000",
    ]
    as_json = CliRunner().invoke(main, ["eval", "compare", str(tmp_path), "--json"])
    assert json.loads(as_json.output)["pairs"]["f1"] == 1.0
    missing = CliRunner().invoke(main, ["eval", "compare", str(tmp_path / "texts")])
    assert missing.exit_code == 1 and "expected gold.json and a texts/ folder" in missing.output


def test_ingest_places_documents_in_stories(store_url):
    paths = [TEXTS / f"{name}.txt" for name in [*CALL, DECOY, "berlin-readout"]]
    with open_store(store_url) as store:
        summary = ingest(store, paths[:3], published="2024-11-15")
        assert summary.stored == 3
    runner = CliRunner()
    listed = runner.invoke(main, ["stories", "--db", store_url, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert [(r["documents"], r["first"]) for r in rows] == [
        (["putin-scholz-call.txt", "kremlin-readout.txt"], "2024-11-15"),
        (["scholz-zelensky-berlin.txt"], "2024-11-14"),
    ]
    call_story = rows[0]["story"]
    # Adding a document places it without moving the others.
    with open_store(store_url) as store:
        ingest(store, paths[3:], published="2024-11-15")
    rows = json.loads(
        runner.invoke(main, ["stories", "--db", store_url, "--format", "json"]).output
    )
    assert rows[0]["story"] == call_story and rows[0]["documents"][-1] == "berlin-readout.txt"
    assert rows[1]["documents"] == ["scholz-zelensky-berlin.txt"]
    by_actor = runner.invoke(main, ["stories", "--db", store_url, "--actor", "Zelensky",
                                    "--format", "json"])  # fmt: skip
    assert len(json.loads(by_actor.output)) == 2  # the Berlin readout names Zelensky too
    by_actor = runner.invoke(main, ["stories", "--db", store_url, "--actor", "Peskov",
                                    "--format", "json"])  # fmt: skip
    assert [r["story"] for r in json.loads(by_actor.output)] == [call_story]
    since = runner.invoke(main, ["stories", "--db", store_url, "--since", "2024-11-15",
                                 "--about", "NATO", "--format", "json"])  # fmt: skip
    assert [r["story"] for r in json.loads(since.output)] == [call_story]
    rebuilt = runner.invoke(main, ["stories", "--db", store_url, "--rebuild", "--format", "json"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert [r["documents"] for r in json.loads(rebuilt.stdout)] == [
        ["putin-scholz-call.txt", "kremlin-readout.txt", "berlin-readout.txt"],
        ["scholz-zelensky-berlin.txt"],
    ]
    story = json.loads(rebuilt.stdout)[0]["story"]
    compared = runner.invoke(main, ["compare", "--story", f"s{story}", "--db", store_url])
    assert compared.exit_code == 0, compared.output
    data = json.loads(compared.output)
    _schema_validator().validate(data)
    assert data["stories"][0]["documents"] == [
        "putin-scholz-call.txt", "kremlin-readout.txt", "berlin-readout.txt"]  # fmt: skip
    pair = "kremlin-readout.txt,berlin-readout.txt"
    chosen = runner.invoke(main, ["compare", "--documents", pair, "--db", store_url])
    assert [d["id"] for d in json.loads(chosen.output)["documents"]] == [
        "kremlin-readout.txt", "berlin-readout.txt"]  # fmt: skip
    unknown = runner.invoke(main, ["compare", "--documents", "nope", "--db", store_url])
    assert unknown.exit_code == 1 and "no stored documents" in unknown.output
