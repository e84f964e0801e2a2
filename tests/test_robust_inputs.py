"""Issue 9: no single input aborts a batch, every input is accounted for, input text hygiene."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from onrecord.store import ingest, open_store, queries
from onrecord.store.readers import read_inputs
from onrecord.text.input import InputError, check_published, decode_text, printable
from store_helpers import ROOT, fake_analyze

pytest_plugins = ("store_fixtures",)

GOOD_TEXT = "Vladimir Putin said the talks were useful. Olaf Scholz said nothing at all."


def _line(**fields: object) -> str:
    return json.dumps(fields)


def test_one_bad_jsonl_line_never_ends_the_batch(store_url: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        '{"id": "surrogate", "text": "Putin said \\ud800 it was fine, a lone surrogate."}',
        "[" * 200_000,
        '{"id": "deep", "text": "x", "more": ' + "[" * 200 + "]" * 200 + "}",
        _line(id="bad-date", text=GOOD_TEXT + " one", published="2024-13-45"),
        _line(id="good", text=GOOD_TEXT, published="2024-11-15"),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_store(store_url) as store:
        summary = ingest(store, [feed], analyzer=fake_analyze)
        assert (summary.stored, summary.failed, summary.total) == (3, 2, 5)
        reasons = dict(summary.failures)
        assert reasons[f"{feed}:2"] == "line 2: invalid JSON: nested too deeply"
        assert reasons[f"{feed}:4"] == (
            "line 4: published 2024-13-45 is not an ISO 8601 date (YYYY-MM-DD, optionally with "
            "a time)"
        )
        texts = {d["doc_id"]: d for d in queries.documents(store).rows}
        assert sorted(texts) == ["deep", "good", "surrogate"]
        stored = next(r for r in queries.records(store) if r["document"]["id"] == "surrogate")
        assert stored["document"]["text"] == "Putin said \ufffd it was fine, a lone surrogate."
        # Run again: the same outcomes, nothing new, nothing lost.
        again = ingest(store, [feed], analyzer=fake_analyze)
        assert (again.stored, again.duplicates, again.failed) == (0, 3, 2)


def test_nul_characters_are_stored_alike_on_both_stores(store_url: str, tmp_path: Path) -> None:
    text = GOOD_TEXT + " " + "filler words here. " * 600 + "Putin said \x00 that\x00."
    path = tmp_path / "nul.txt"
    path.write_bytes(text.encode("utf-8"))
    with open_store(store_url) as store:
        summary = ingest(store, [path], analyzer=fake_analyze)
        assert (summary.stored, summary.failed) == (1, 0)
        (record,) = list(queries.records(store))
    assert record["document"]["text"] == text.replace("\x00", "\ufffd")
    assert len(record["document"]["text"]) == len(text)


def _run_without_root_powers(code: str, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT / 'tests'}"}
    command = [sys.executable, "-c", code, str(folder)]
    if os.geteuid() == 0:  # root reads every folder: drop the capabilities that let it
        drop = "-dac_override,-dac_read_search"
        command = ["setpriv", "--bounding-set", drop, "--inh-caps", drop, *command]
    return subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_files_in_an_unreadable_folder_are_counted() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        base.chmod(0o755)
        (base / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
        locked = base / "locked"
        locked.mkdir()
        (locked / "b.txt").write_text(GOOD_TEXT + " two", encoding="utf-8")
        locked.chmod(0o000)
        code = (
            "import sys; from onrecord.store.readers import read_inputs\n"
            "for i in read_inputs([sys.argv[1]]): print(i.origin, i.error, sep='|')\n"
        )
        try:
            done = _run_without_root_powers(code, base)
        finally:
            locked.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{base / 'a.txt'}|None",
        f"{locked}|cannot read the folder: Permission denied",
    ]


def test_utf16_and_utf32_with_a_bom_are_text() -> None:
    text = "Putin said “peace” — Scholz agreed."
    for bom, encoding in (
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ):
        assert decode_text(bom + text.encode(encoding)) == text
    with pytest.raises(InputError, match="binary file"):
        decode_text(text.encode("utf-16-le"))  # no BOM: NUL bytes, not text


def test_published_values_are_checked() -> None:
    assert check_published("2024-11-15") == "2024-11-15"
    assert check_published("2024-11-17T08:00:00Z") == "2024-11-17T08:00:00Z"
    assert check_published(" ") is None
    for bad in ("2024-13-45", "2024-02-30", "yesterday", "15/11/2024", "2024-11-15Tnoon"):
        with pytest.raises(InputError, match="is not an ISO 8601 date"):
            check_published(bad)


def test_messages_never_carry_raw_control_characters(tmp_path: Path) -> None:
    assert printable("evil\x1b[31mname\x07.txt") == "evil\\x1b[31mname\\x07.txt"
    assert printable(b"\xff\xfeWARC") == "\\xff\\xfeWARC"
    path = tmp_path / "evil\x1b[2J.bin"
    path.write_bytes(os.urandom(3000))
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"\xff\x1b[31m" + os.urandom(4000))
    items = list(read_inputs([path, garbage]))
    assert [i.error for i in items] == [
        "unsupported file type (expected .txt, .html, .htm, .jsonl, .warc, .warc.gz, .arc, "
        ".arc.gz)",
        "not a WARC or ARC file",
    ]


def test_first_use_of_a_new_sqlite_store_by_three_processes(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom onrecord.store import open_store\n"
        "with open_store(sys.argv[1]) as store:\n    print(store.counts().documents)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for attempt in range(4):
        db = tmp_path / f"new-{attempt}.db"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(db)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for _ in range(3)
        ]
        results = [(p.wait(timeout=120), p.communicate()) for p in procs]
        assert [(rc, out) for rc, (out, _err) in results] == [(0, "0\n")] * 3, results
