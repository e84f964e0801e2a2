"""Reading inputs: every format, and every kind of bad input, each with a clear reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.store.readers import Item, read_inputs
from onrecord.text.input import MAX_CHARS
from store_helpers import GOOD, article_html, standard_warc, warc_page, write_warc


def items(*paths: Path | str) -> list[Item]:
    return list(read_inputs(paths))


def errors(*paths: Path | str) -> list[tuple[str, str | None]]:
    return [(Path(i.origin.split("#")[0]).name, i.error) for i in items(*paths)]


def test_text_file() -> None:
    [item] = items(GOOD / "call.txt")
    assert item.origin == str((GOOD / "call.txt").absolute())
    assert item.doc_id == "call.txt"
    assert item.text == (GOOD / "call.txt").read_text(encoding="utf-8")
    assert item.error is None and item.title is None
    assert item.nbytes == (GOOD / "call.txt").stat().st_size


def test_html_file_text_and_metadata() -> None:
    [item] = items(GOOD / "call.html")
    assert item.error is None
    assert item.title == "Putin and Scholz hold first call in two years"
    assert item.published == "2024-11-15"
    assert item.source == "Example News"
    assert item.url == "https://news.example.org/world/putin-scholz-call"
    assert "Olaf Scholz and Russian President Vladimir Putin spoke by phone" in item.text
    assert "Copyright" not in item.text and "Sport" not in item.text


def test_jsonl_documents_with_line_numbers() -> None:
    found = items(GOOD / "feed.jsonl")
    assert [(i.origin.rsplit(":", 1)[1], i.doc_id) for i in found] == [
        ("1", "feed.jsonl:1"),
        ("3", "feed-2"),
    ]
    first, second = found
    assert (first.title, first.url, first.published, first.source) == (
        "Scholz on Ukraine",
        "https://feed.example.org/1",
        "2024-11-16",
        "Feed Wire",
    )
    assert second.published == "2024-11-17T08:00:00Z"
    assert sum(i.nbytes for i in found) == (GOOD / "feed.jsonl").stat().st_size


def test_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    feed = tmp_path / "bad.jsonl"
    feed.write_bytes(
        b'{"text": "Fine document number one."}\n'
        b"{not json\n"
        b'["a list"]\n'
        b'{"title": "no text"}\n'
        b'{"text": "ok", "title": 7}\n'
        b'{"text": "caf\xe9"}\n'
        b'{"text": "   "}\n'
        b'{"text": "Fine document number two."}'
    )
    assert [(i.origin.rsplit(":", 1)[1], i.error) for i in items(feed)] == [
        ("1", None),
        (
            "2",
            "line 2: invalid JSON: Expecting property name enclosed in double quotes at column 2",
        ),
        ("3", "line 3: expected a JSON object, got list"),
        ("4", "line 4: no 'text' string field"),
        ("5", "line 5: field 'title' must be a string, not int"),
        ("6", "line 6: not valid UTF-8 (byte 0xe9)"),
        ("7", "line 7: no text (empty or only whitespace)"),
        ("8", None),
    ]


@pytest.mark.parametrize("name", ["pages.warc", "pages.warc.gz"])
def test_warc_html_responses(tmp_path: Path, name: str) -> None:
    warc = standard_warc(tmp_path / name)
    found = items(warc)
    assert [(i.url, i.title, i.error, i.ignored) for i in found] == [
        ("https://news.example.org/a", "Leaders speak", None, None),
        (
            "https://news.example.org/logo.png",
            None,
            None,
            "not HTML (image/png; charset=utf-8)",
        ),
        ("https://news.example.org/missing", None, None, "HTTP status 404"),
        ("https://news.example.org/b", "Talks resume", None, None),
    ]
    assert found[0].text.startswith("Leaders speak\nVladimir Putin spoke to Olaf Scholz.")
    assert all(i.origin.startswith(f"{warc.absolute()}#") for i in found)
    assert sum(i.nbytes for i in found) == warc.stat().st_size


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_truncated_warc_keeps_what_came_before(tmp_path: Path, name: str) -> None:
    whole = standard_warc(tmp_path / ("whole-" + name)).read_bytes()
    cut = tmp_path / name
    cut.write_bytes(whole[:-100])
    found = items(cut)
    assert [i.title for i in found[:1]] == ["Leaders speak"]
    assert found[0].error is None
    last = found[-1]
    assert last.text is None
    assert "truncated" in (last.error or "")


def test_not_a_warc(tmp_path: Path) -> None:
    fake = tmp_path / "fake.warc"
    fake.write_text("this is not a web archive at all\n" * 5)
    assert errors(fake) == [("fake.warc", "not a WARC or ARC file")]


def test_warc_without_html_is_ignored(tmp_path: Path) -> None:
    warc = write_warc(
        tmp_path / "img.warc",
        [warc_page("https://x.example/i.png", b"\x89PNG", content_type="image/png")],
    )
    assert [i.ignored for i in items(warc)] == [
        "not HTML (image/png; charset=utf-8)",
        "no HTML responses in the WARC",
    ]


def test_warc_page_without_article(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "nav.warc", [warc_page("https://x.example/", b"<nav>Home</nav>")])
    [item] = items(warc)
    assert item.error == "https://x.example/: no article text found in the HTML"


def test_bad_inputs_each_get_a_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Caf\u00e9 Z\u00fcrich".encode("latin-1"))
    with (tmp_path / "huge.txt").open("w") as fh:
        line = "Vladimir Putin spoke to Olaf Scholz by phone on Friday. " * 100 + "\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    (tmp_path / "long.txt").write_text("a" * (MAX_CHARS + 1))
    (tmp_path / "empty.html").write_text("")
    (tmp_path / "nav.html").write_text("<html><body><nav>Home | World</nav></body></html>")
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "blank.jsonl").write_text("\n\n")
    (tmp_path / "empty.warc").write_bytes(b"")
    assert (tmp_path / "huge.txt").stat().st_size > 50 * 1024 * 1024
    assert errors(tmp_path) == [
        ("binary.txt", "binary file (contains NUL bytes), not text"),
        ("blank.jsonl", "no documents (only blank lines)"),
        ("blank.txt", "no text (empty or only whitespace)"),
        ("empty.html", "empty file"),
        ("empty.jsonl", "empty file"),
        ("empty.txt", "empty file"),
        ("empty.warc", "empty file"),
        ("huge.txt", "file is 50.0 MiB, over the 4.0 MiB limit for .txt files"),
        ("latin1.txt", "not valid UTF-8 (byte 0xe9 at offset 3); convert the file to UTF-8"),
        ("long.txt", "document has 1,000,001 characters, over the limit of 1,000,000"),
        ("nav.html", "no article text found in the HTML (only 3 words of page text)"),
    ]


def test_control_characters_are_binary(tmp_path: Path) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 100 + b"text")
    assert errors(blob) == [("blob.txt", "binary file (mostly control characters), not text")]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfOlaf Scholz spoke.")
    assert items(bom)[0].text == "Olaf Scholz spoke."


def test_folders_are_walked_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.")
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden too.")
    (tmp_path / "notes.md").write_text("Not a supported type.")
    found = items(tmp_path)
    assert [(Path(i.origin).name, i.text, i.ignored) for i in found] == [
        ("a.txt", "One.", None),
        ("notes.md", None, "unsupported file type"),
        ("two.txt", "Two.", None),
    ]


def test_explicit_unsupported_or_missing_paths_fail(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x")
    assert errors(tmp_path / "notes.md", tmp_path / "missing.txt", tmp_path / "gone.md") == [
        (
            "notes.md",
            "unsupported file type (expected .txt, .html, .htm, .jsonl, .warc, .warc.gz, .arc, "
            ".arc.gz)",
        ),
        ("missing.txt", "No such file or directory"),
        ("gone.md", "no such file or directory"),
    ]


def test_html_in_other_encodings_is_read(tmp_path: Path) -> None:
    page = tmp_path / "latin.html"
    html = article_html("Z\u00fcrich talks", "Caf\u00e9 diplomacy " * 20).decode()
    page.write_bytes(html.replace("utf-8", "iso-8859-1").encode("latin-1"))
    [item] = items(page)
    assert item.error is None and "Caf\u00e9 diplomacy" in item.text
