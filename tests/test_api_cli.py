"""The Python API surface and the analyze command's formats and errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import onrecord
from conftest import EXAMPLE
from onrecord.cli.commands import main
from onrecord.pipeline import spacy_model as nlp


def test_public_api_is_explicit():
    assert sorted(onrecord.__all__) == sorted(
        ["SCHEMA_VERSION", "AnalysisError", "Attribution", "Cue", "Document", "Entity", "Event",
         "EventDate", "Record", "Section", "Span", "analyze", "analyze_many", "compare", "load"]
    )  # fmt: skip
    for name in onrecord.__all__:
        assert hasattr(onrecord, name)


def test_analyze_returns_typed_record_with_metadata(validate):
    record = onrecord.analyze(
        "The Kremlin said the talks were useful.",
        published="2024-11-15",
        source="RT",
        url="https://example.org/a",
    )
    assert isinstance(record, onrecord.Record)
    assert record.document.source == "RT"
    assert record.document.url == "https://example.org/a"
    [a] = record.attributions
    assert isinstance(a, onrecord.Attribution)
    assert (a.content[0].text, a.cue.lemma, record.entity(a.speaker).name) == (
        "the talks were useful",
        "say",
        "Russian government",
    )
    data = json.loads(record.to_json())
    validate(data)
    assert data == record.to_dict()


def test_analyze_rejects_bytes():
    with pytest.raises(TypeError, match="text must be str"):
        onrecord.analyze(b"bytes")  # type: ignore[arg-type]


def test_model_is_loaded_once():
    assert onrecord.load() is onrecord.load()
    assert nlp.model_package() in nlp.MODEL_PACKAGES
    names = onrecord.load().pipe_names
    assert names.index("onrecord_paragraph_breaks") == names.index("parser") - 1


def test_jsonl_over_a_folder_in_sorted_order(tmp_path, validate):
    (tmp_path / "b.txt").write_text("Putin said the war would end.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Scholz said talks were needed.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["document"]["id"] for line in lines] == ["a", "b"]
    for line in lines:
        validate(line)
    assert lines[1]["attributions"][0]["content"][0]["text"] == "the war would end"


def test_table_output_names_speakers_and_events(tmp_path):
    result = CliRunner().invoke(
        main, ["analyze", str(EXAMPLE), "--format", "table", "--published", "2024-11-15"]
    )
    assert result.exit_code == 0
    assert "who said what" in result.output
    assert "Steffen Hebestreit" in result.output
    assert "According to" in result.output
    assert "what happened" in result.output
    assert "REJECT (meet) (negated)" in result.output


def test_table_output_keeps_square_brackets(tmp_path):
    article = tmp_path / "brackets.txt"
    article.write_text('Obama said "[W]e are reminded of the refugees."', encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(article), "--format", "table"])
    assert result.exit_code == 0
    assert "[W]e are reminded of the refugees" in result.output


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Putin said the war would end.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 said".encode("latin-1"))
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(x)["document"]["id"] for x in result.stdout.splitlines()] == ["good"]
    assert "empty.txt: empty file" in result.stderr
    assert "binary.txt: binary file (contains NUL bytes), not text" in result.stderr
    assert "latin1.txt: not valid UTF-8 (byte 0xe9 at offset 3)" in result.stderr
    assert "3 of 4 document(s) could not be read" in result.stderr


def test_bad_published_date_is_a_usage_error():
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLE), "--published", "15/11/2024"])
    assert result.exit_code == 2
    assert "is not a date in YYYY-MM-DD form" in result.output


def test_plover_format_writes_one_event_per_line():
    result = CliRunner().invoke(
        main, ["analyze", str(EXAMPLE), "--published", "2024-11-15", "--format", "plover"]
    )
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines()]
    first = events[0]
    assert (first["event_type"], first["mode"], first["date"], first["date_basis"]) == (
        "CONSULT", "phone", "2024-11-15", "relative",
    )  # fmt: skip
    assert [a["name"] for a in first["source"]] == ["Olaf Scholz"]
    assert [(a["name"], a["country"], a["sector"]) for a in first["target"]] == [
        ("Vladimir Putin", "RUS", "GOV")
    ]
    assert [e["id"] for e in events] == [f"putin-scholz-call-v{i}" for i in range(1, 11)]


def test_eval_plover_rejects_a_file_that_is_not_plover(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "plover"}', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "plover", str(bad)])
    assert result.exit_code == 1
    assert "not a PLOVER examples file" in result.output


def test_cli_scopes_are_the_pipeline_scopes():
    from onrecord.attribution.cue_model import SCOPES
    from onrecord.cli.options import SCOPES as CLI_SCOPES

    assert CLI_SCOPES == SCOPES
