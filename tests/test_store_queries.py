"""Query commands through click's CliRunner, with exact expected output, on both backends."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from onrecord.cli.commands import main
from onrecord.store import open_store
from store_helpers import record_call_2022, sample_records

pytest_plugins = ("store_fixtures",)

NATO_QUOTE = "the crisis was \u201ca direct result of NATO\u2019s aggressive policy\u201d"


@pytest.fixture
def db(store_url: str) -> str:
    with open_store(store_url) as store:
        for record in sample_records():
            store.add_record(record, origin=f"/in/{record.document.id}.txt")
    return store_url


def run(db: str, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, [*args, "--db", db])
    assert result.exit_code == code, result.output
    return result.stdout


def test_statements_by_speaker_table(db: str) -> None:
    assert run(db, "statements", "--speaker", "Vladimir Putin") == (
        "published   speaker         kind      content"
        "                                                        title\n"
        "----------  --------------  --------  "
        "-------------------------------------------------------------  "
        "-------------------------------\n"
        "2022-12-02  Vladimir Putin  direct    eliminate the root causes of the conflict"
        "                      Scholz calls Putin\n"
        "2024-11-15  Vladimir Putin  mixed     "
        "the crisis was \u201ca direct result of NATO\u2019s aggressive policy\u201d   "
        "Putin and Scholz speak by phone\n"
        "2024-11-15  Vladimir Putin  indirect  "
        "Moscow has never refused to hold peace negotiations with Kiev  "
        "Putin and Scholz speak by phone\n"
    )


def test_statements_surname_about_and_dates(db: str) -> None:
    rows = json.loads(
        run(db, "statements", "--speaker", "Putin", "--about", "NATO", "--format", "json")
    )
    assert rows == [
        {
            "id": 1,
            "published": "2024-11-15",
            "speaker": "Vladimir Putin",
            "speaker_as_named": "Vladimir Putin",
            "kind": "mixed",
            "content": NATO_QUOTE,
            "cue": "told",
            "cue_lemma": "tell",
            "source": "Putin told",
            "section": "body",
            "addressee": None,
            "document": 1,
            "title": "Putin and Scholz speak by phone",
            "url": "https://example.org/call-2024",
            "spans": [
                {
                    "start": 111,
                    "end": 171,
                    "text": NATO_QUOTE,
                }
            ],
        }
    ]
    since = run(
        db, "statements", "--since", "2024-01-01", "--until", "2024-06", "--format", "jsonl"
    )
    assert [json.loads(line)["speaker"] for line in since.splitlines()] == ["Steffen Hebestreit"]
    in_2024 = run(db, "statements", "--since", "2024", "--until", "2024", "--format", "csv")
    assert [row["id"] for row in csv.DictReader(io.StringIO(in_2024))] == ["5", "1", "2", "3"]


def test_statements_csv_header_and_row(db: str) -> None:
    out = run(db, "statements", "--speaker", "Steffen Hebestreit", "--format", "csv")
    assert out == (
        "id,published,speaker,speaker_as_named,kind,content,cue,cue_lemma,source,section,"
        "addressee,document,title,url,spans\n"
        "5,2024-02-01,Steffen Hebestreit,Steffen Hebestreit,indirect,"
        "the Chancellor insisted on Russia\u2019s readiness to negotiate,said,say,"
        "Steffen Hebestreit said,body,,3,Berlin on talks,,"
        '"[{""start"": 52, ""end"": 110, ""text"": '
        '""the Chancellor insisted on Russia\u2019s readiness to negotiate""}]"\n'
    )


def test_statements_errors(db: str) -> None:
    result = CliRunner().invoke(main, ["statements", "--speaker", "Nobody", "--db", db])
    assert result.exit_code == 1
    assert "Error: no stored actor matches 'Nobody'" in result.output
    result = CliRunner().invoke(main, ["statements", "--since", "last week", "--db", db])
    assert result.exit_code == 2
    assert "use YYYY, YYYY-MM or YYYY-MM-DD" in result.output


def test_search_table(db: str) -> None:
    assert run(db, "search", "root causes") == (
        "speaker         kind    content                                    published   title\n"
        "--------------  ------  -----------------------------------------  ----------  "
        "------------------\n"
        "Vladimir Putin  direct  eliminate the root causes of the conflict  2022-12-02  "
        "Scholz calls Putin\n"
    )


def test_search_stems_phrases_and_no_match(db: str) -> None:
    stemmed = json.loads(run(db, "search", "negotiation", "--format", "json"))
    assert sorted(row["id"] for row in stemmed) == [2, 5]  # negotiations / negotiate
    phrase = json.loads(run(db, "search", '"peace negotiations"', "--format", "json"))
    assert [row["id"] for row in phrase] == [2]
    assert json.loads(run(db, "search", "elephants", "--format", "json")) == []
    result = CliRunner().invoke(main, ["search", "elephants", "--db", db])
    assert result.stdout.endswith("----\n") and "no statements found" in result.stderr


def test_speakers_table_and_jsonl(db: str) -> None:
    assert run(db, "speakers", "--top", "20") == (
        "id  speaker             kind    statements  direct  mixed  indirect  documents\n"
        "--  ------------------  ------  ----------  ------  -----  --------  ---------\n"
        " 1  Vladimir Putin      person           3       1      1         1          2\n"
        " 2  Olaf Scholz         person           1       1      0         0          1\n"
        " 4  Steffen Hebestreit  person           1       0      0         1          1\n"
    )
    assert run(db, "speakers", "--top", "1", "--format", "jsonl") == (
        '{"id": 1, "speaker": "Vladimir Putin", "kind": "person", "statements": 3, "direct": 1, '
        '"mixed": 1, "indirect": 1, "documents": 2}\n'
    )


def test_timeline_table(db: str) -> None:
    assert run(db, "timeline", "Vladimir Putin", "Olaf Scholz") == (
        "date        type         actors                       recipients      trigger"
        "         title\n"
        "----------  -----------  ---------------------------  --------------  --------------"
        "  -------------------------------\n"
        "2022-12     communicate  Olaf Scholz                  Vladimir Putin  called"
        "          Scholz calls Putin\n"
        "2024-11-15  communicate  Vladimir Putin; Olaf Scholz                  spoke by phone"
        "  Putin and Scholz speak by phone\n"
        "2024-11-15  demand       Olaf Scholz                  Vladimir Putin  urged"
        "           Putin and Scholz speak by phone\n"
    )


def test_timeline_csv_with_dates(db: str) -> None:
    assert run(db, "timeline", "Putin", "Scholz", "--since", "2024-01", "--format", "csv") == (
        "id,date,granularity,type,mode,actors,recipients,trigger,location,negated,future,"
        "hypothetical,document,published,title\n"
        "1,2024-11-15,day,communicate,,Vladimir Putin; Olaf Scholz,,spoke by phone,,false,false,"
        "false,1,2024-11-15,Putin and Scholz speak by phone\n"
        "2,2024-11-15,day,demand,,Olaf Scholz,Vladimir Putin,urged,,false,false,false,1,"
        "2024-11-15,Putin and Scholz speak by phone\n"
    )
    until = json.loads(
        run(db, "timeline", "Putin", "Scholz", "--until", "2022", "--format", "json")
    )
    assert [(e["date"], e["granularity"]) for e in until] == [("2022-12", "month")]


def test_export_statements_jsonl_to_stdout(db: str) -> None:
    lines = run(db, "export").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [4, 5, 1, 2, 3]


def test_export_csv_and_parquet_files(db: str, tmp_path: Path) -> None:
    out_csv = tmp_path / "events.csv"
    assert run(db, "export", "--what", "events", "--format", "csv", "-o", str(out_csv)) == ""
    assert len(list(csv.DictReader(out_csv.open(encoding="utf-8")))) == 3

    out_parquet = tmp_path / "statements.parquet"
    run(db, "export", "--format", "parquet", "--output", str(out_parquet))
    table = pq.read_table(out_parquet)
    assert table.num_rows == 5
    span_type = table.schema.field("spans").type.value_type
    assert [(f.name, str(f.type)) for f in span_type] == [
        ("start", "int64"),
        ("end", "int64"),
        ("text", "string"),
    ]
    first = table.to_pylist()[0]
    assert first["speaker"] == "Vladimir Putin" and first["spans"][0]["text"].startswith(
        "eliminate"
    )

    events = tmp_path / "events.parquet"
    run(db, "export", "--what", "events", "--format", "parquet", "-o", str(events))
    assert pq.read_table(events).column("actors").to_pylist()[0] == ["Olaf Scholz"]

    result = CliRunner().invoke(main, ["export", "--format", "parquet", "--db", db])
    assert result.exit_code == 2 and "--format parquet needs --output FILE" in result.output


def test_export_records_round_trip(db: str) -> None:
    lines = run(db, "export", "--what", "records").splitlines()
    assert [json.loads(line) for line in lines] == [r.to_dict() for r in sample_records()]


def test_export_actors_csv(db: str) -> None:
    assert run(db, "export", "--what", "actors", "--format", "csv") == (
        "id,name,kind,key,aliases,entities,document\n"
        "3,NATO,organization,nato,nato,1,\n"
        "2,Olaf Scholz,person,olaf scholz,olaf scholz; scholz,2,\n"
        "4,Steffen Hebestreit,person,steffen hebestreit,steffen hebestreit,1,\n"
        "1,Vladimir Putin,person,vladimir putin,putin; vladimir putin,2,\n"
    )


def test_queries_on_a_missing_store(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.db")
    result = CliRunner().invoke(main, ["speakers", "--db", missing])
    assert result.exit_code == 1
    assert "run `onrecord ingest` first" in result.output
    assert not Path(missing).exists()


def test_db_option_takes_a_plain_path_and_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plain.db"
    with open_store(path) as store:
        store.add_record(record_call_2022(), origin="x")
    assert "Vladimir Putin" not in run(str(path), "speakers")  # only a surname so far
    assert "Putin" in run(str(path), "speakers")
    monkeypatch.setenv("ONRECORD_DB", f"sqlite:///{path}")
    result = CliRunner().invoke(main, ["speakers", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["speaker"] == "Putin"
