"""Stories and the side-by-side comparison on `onrecord serve`: the REST API (exact JSON,
pagination, errors) and the story page in real headless Chromium, on a real SQLite store of
dev-set texts (tests/data/compare/dev/texts, published 2024-11-15 as tests/test_compare.py has
them) and the hostile article."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import httpx
import jsonschema
import pytest

pytest_plugins = ("store_fixtures", "web_fixtures")

TEXTS = Path(__file__).resolve().parent / "data" / "compare" / "dev" / "texts"
CALL = ["putin-scholz-call", "berlin-readout", "kremlin-readout", "call-wire"]
LETTER = {f"{name}.txt": name[0].upper() for name in CALL} | {"call-wire.txt": "W"}
STORED = [*CALL, "scholz-zelensky-berlin", "macron-modi-elysee", "macron-modi-delhi"]


@pytest.fixture(scope="module")
def stories_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Documents 1-4: the founding call told four ways; 5: the same leaders' decoy of the day
    before; 6-7: a call told two ways that conflict; 8: the hostile article."""
    from web_fixtures import HOSTILE, ingest

    db = str(tmp_path_factory.mktemp("stories") / "stories.db")
    ingest(db, *[TEXTS / f"{name}.txt" for name in STORED], published="2024-11-15")
    ingest(db, HOSTILE)
    return db


@pytest.fixture(scope="module")
def base(stories_db: str, serve) -> Iterator[str]:
    with serve(stories_db) as url:
        yield url


def get(base: str, path: str, **params: object) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=120)  # type: ignore[arg-type]


def _walk(base: str, path: str, **params: object) -> list[dict]:
    """Every row of a paginated list, following ``next`` links."""
    rows, url = [], httpx.URL(base + path, params=params)  # type: ignore[arg-type]
    while url:
        body = httpx.get(url, timeout=120).json()
        rows += body["stories"]
        url = body["next"]
    return rows


def _letters(statements: list[dict]) -> str:
    return " ".join(LETTER[s["document"]] + s["attribution"][1:] for s in statements)


# The API ---------------------------------------------------------------------------------------


def test_stories_list_exactly(base: str) -> None:
    body = get(base, "/api/stories").json()
    assert body["limit"] == 50 and body["offset"] == 0 and body["next"] is None
    assert body["stories"] == [
        {
            "id": "s1",
            "story": 1,
            "documents": [f"{name}.txt" for name in CALL],
            "document_ids": [1, 2, 3, 4],
            "sources": [],
            "first": "2024-11-15",
            "last": "2024-11-15",
            "actors": ["Russian government", "Vladimir Putin", "Olaf Scholz"],
        },
        {
            "id": "s2",
            "story": 2,
            "documents": ["scholz-zelensky-berlin.txt"],
            "document_ids": [5],
            "sources": [],
            "first": "2024-11-14",
            "last": "2024-11-14",
            "actors": ["Olaf Scholz", "Spokesman Steffen Hebestreit", "German government"],
        },
        {
            "id": "s3",
            "story": 3,
            "documents": ["macron-modi-elysee.txt", "macron-modi-delhi.txt"],
            "document_ids": [6, 7],
            "sources": [],
            "first": "2024-11-13",
            "last": "2024-11-13",
            "actors": ["French government", "Narendra Modi", "Emmanuel Macron"],
        },
        {
            "id": "s4",
            "story": 4,
            "documents": ["hostile"],
            "document_ids": [8],
            "sources": ["<b onmouseover=window.__pwned=9>Evil Wire</b>"],
            "first": "2024-11-18",
            "last": "2024-11-18",
            "actors": ["minister", "unnamed spokesman", "Jane Doe"],
        },
    ]
    assert get(base, "/api/stories/s3").json() == body["stories"][2]
    assert get(base, "/api/stories/3").json() == body["stories"][2]


def test_stories_pagination_and_filters(base: str) -> None:
    everything = get(base, "/api/stories").json()["stories"]
    for limit in (1, 3):
        assert _walk(base, "/api/stories", limit=limit) == everything
    first = get(base, "/api/stories", limit=3).json()
    assert first["next"] == base + "/api/stories?limit=3&offset=3"
    assert [s["id"] for s in get(base, "/api/stories", limit=3, offset=3).json()["stories"]] == [
        "s4"
    ]
    assert get(base, "/api/stories", offset=9).json()["stories"] == []

    def ids(**params: object) -> list[str]:
        return [s["id"] for s in _walk(base, "/api/stories", limit=1, **params)]

    assert ids(actor="Peskov") == ["s1"]
    assert ids(actor="Macron") == ["s3"]
    assert ids(since="2024-11-15", about="NATO") == ["s1"]
    assert ids(until="2024-11-14") == ["s2", "s3"]
    assert ids(since="2024-11-16") == ["s4"]


def test_compare_founding_story_exactly(base: str, stories_db: str) -> None:
    """The comparison of the stored founding story is the one tests/test_compare.py asserts for
    the same four texts (P, B, K, W), in the onrecord-compare/1 schema."""
    before = hashlib.sha256(Path(stories_db).read_bytes()).hexdigest()
    response = get(base, "/api/compare", story="s1")
    assert response.status_code == 200
    data = response.json()
    schema = resources.files("onrecord.schema").joinpath("onrecord-compare-1.schema.json")
    jsonschema.Draft202012Validator(json.loads(schema.read_text())).validate(data)
    assert data["schema"] == "onrecord-compare/1"
    assert data["documents"] == [
        {"id": f"{name}.txt", "title": None, "source": None, "published": "2024-11-15"}
        for name in CALL
    ]
    assert [(s["id"], s["documents"]) for s in data["stories"]] == [
        ("s1", [f"{name}.txt" for name in CALL])
    ]
    claims = [
        (
            c["id"],
            c["story"],
            c["status"],
            c["conflict"]["kind"] if c["conflict"] else None,
            _letters(c["statements"]),
        )
        for c in data["claims"]
    ]
    expected = [
        ("shared", "P1 P7 P8 K1 K4 K5 W6 W7"),
        ("shared", "P2 B2 K2 W1"),
        ("unique", "P3"),
        ("unique", "P4"),
        ("shared", "P5 K3"),
        ("unique", "P6"),
        ("shared", "P9 K6 K7"),
        ("shared", "P10 K8 K9"),
        ("unique", "P11"),
        ("unique", "P12"),
        ("unique", "P13"),
        ("shared", "P14 B11 K12"),
        ("shared", "P15 P16 B4 B5 W2 W3"),
        ("shared", "P17 P18 W4 W5"),
        ("unique", "P19"),
        ("unique", "B1"),
        ("shared", "B3 K11"),
        ("conflicting", "B6 B7 K10"),
        ("unique", "B8 B9"),
        ("unique", "B10"),
        ("unique", "W8"),
        ("unique", "W9"),
    ]
    assert claims == [
        (f"c{n}", "s1", status, "negation" if status == "conflicting" else None, letters)
        for n, (status, letters) in enumerate(expected, start=1)
    ]
    nato = data["claims"][0]["statements"][1]
    assert (nato["document"], nato["attribution"]) == ("putin-scholz-call.txt", "a7")
    assert (nato["speaker"], nato["account"]) == (
        "Vladimir Putin",
        ["Russian government"],
    )
    events = [
        (e["type"], e["date"], e["status"], _letters_of_reports(e["reports"]))
        for e in data["stories"][0]["events"]
        if e["status"] != "unique"
    ]
    assert events == [
        ("CONSULT", "2024-11-15", "shared", "P1 B1 K1 W1"),
        ("ACCUSE", "2024-11-15", "shared", "P3 K2 W4"),
        ("REJECT", "2024-11-15", "shared", "P4 K3"),
        ("AGREE", "2024-11-15", "shared", "P6 K4"),
        ("AGREE", "2024-11-15", "shared", "P7 B5 K5"),
        ("REQUEST", "2024-11-15", "shared", "P8 B2 W2"),
        ("REQUEST", "2024-11-15", "shared", "P9 W3"),
        ("AGREE", "2024-11-15", "shared", "B4 W6"),
    ]
    assert get(base, "/api/compare", story="1").json() == data
    assert hashlib.sha256(Path(stories_db).read_bytes()).hexdigest() == before


def _letters_of_reports(reports: list[dict]) -> str:
    return " ".join(LETTER[r["document"]] + r["event"][1:] for r in reports)


def test_compare_conflicting_story(base: str) -> None:
    data = get(base, "/api/compare", story="s3").json()
    conflicts = [
        (c["conflict"], [(s["document"], s["attribution"]) for s in c["statements"]])
        for c in data["claims"]
        if c["status"] == "conflicting"
    ]
    assert conflicts == [
        (
            {
                "kind": "actor-in-role",
                "explanation": "macron-modi-elysee.txt names IND where macron-modi-delhi.txt "
                "names FRA",
            },
            [("macron-modi-elysee.txt", "a2"), ("macron-modi-delhi.txt", "a2")],
        ),
        (
            {
                "kind": "duration",
                "explanation": "macron-modi-elysee.txt says “40 minutes”, "
                "macron-modi-delhi.txt says “an hour”",
            },
            [("macron-modi-elysee.txt", "a3"), ("macron-modi-delhi.txt", "a3")],
        ),
    ]


@pytest.mark.parametrize(
    ("path", "params", "status", "error"),
    [
        ("/api/stories/s99", {}, 404, "no story s99 in the store (see /api/stories)"),
        ("/api/stories/nope", {}, 404, "no story 'nope': story ids are s1, s2, ... "
         "(see /api/stories)"),
        ("/api/compare", {"story": "s99"}, 404, "no story s99 in the store (see /api/stories)"),
        ("/api/compare", {}, 422, "story: Field required"),
        ("/api/stories", {"since": "soon"}, 422, "since: String should match pattern "
         "'^\\d{4}(-\\d{2}(-\\d{2})?)?$'"),
        ("/api/stories", {"actor": "Nobody Atall"}, 404, None),
    ],
)  # fmt: skip
def test_story_errors_are_json(base: str, path: str, params: dict, status: int, error) -> None:
    response = get(base, path, **params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["status"] == status
    if error is not None:
        assert body["error"] == error


# The pages, in real headless Chromium -----------------------------------------------------------

ROWS = """(table) => [...document.querySelectorAll(table + " tbody tr")].map(tr => ({
  id: tr.id,
  status: tr.querySelector(".status-word").textContent.trim(),
  coloured: tr.classList.contains("status-" + tr.querySelector(".status-word").textContent.trim()),
  kind: tr.querySelector(".conflict-kind")?.textContent.trim() ?? null,
  explanation: tr.querySelector(".explanation")?.textContent.trim() ?? null,
  cells: [...tr.querySelectorAll("td")].map(
    td => [...td.querySelectorAll(".stmt .who a:first-child")].map(a => a.textContent.trim())),
}))"""


def _expected_rows(data: dict, items: str, key: str) -> list[dict]:
    documents = [d["id"] for d in data["documents"]]
    rows = []
    for item in data["claims"] if items == "claims" else data["stories"][0]["events"]:
        parts = item["statements"] if items == "claims" else item["reports"]
        conflict = item["conflict"]
        rows.append(
            {
                "id": item["id"],
                "status": item["status"],
                "coloured": True,
                "kind": f"conflict: {conflict['kind']}" if conflict else None,
                "explanation": conflict["explanation"] if conflict else None,
                "cells": [[p[key] for p in parts if p["document"] == d] for d in documents],
            }
        )
    return rows


@pytest.mark.parametrize("story", ["s1", "s3"])
def test_story_page_rows_are_the_api_claims(page, base: str, story: str) -> None:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    data = get(base, "/api/compare", story=story).json()
    page.goto(base + f"/stories/{story}")
    headers = page.locator("table.claims thead th a").all_inner_texts()
    assert headers == [d["id"] for d in data["documents"]]
    assert page.evaluate(ROWS, "table.claims") == _expected_rows(data, "claims", "attribution")
    assert page.evaluate(ROWS, "table.events-table") == _expected_rows(data, "events", "event")
    first = data["claims"][0]["statements"][0]
    stored = data["documents"].index(
        next(d for d in data["documents"] if d["id"] == first["document"])
    )
    link = page.locator(f"#c1 td:nth-of-type({stored + 1}) .stmt .who a").first
    story_row = get(base, f"/api/stories/{story}").json()
    assert link.get_attribute("href") == (
        f"/documents/{story_row['document_ids'][stored]}#{first['attribution']}"
    )
    assert errors == []


def test_keyboard_focus_reaches_every_claim(page, base: str) -> None:
    data = get(base, "/api/compare", story="s3").json()
    page.goto(base + "/stories/s3")
    reached = []
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const el = document.activeElement;"
            " return el && el.classList.contains('claim-id') ? el.closest('tr').id : el.tagName }"
        )
        if focused == "BODY":
            break
        reached.append(focused)
    claim_ids = [c["id"] for c in data["claims"]]
    assert [r for r in reached if r in claim_ids] == claim_ids


def test_links_between_articles_and_stories(browser, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "/documents/7")
        assert page.locator("a.story-link").get_attribute("href") == "/stories/s3"
        page.locator("a.story-link").click()
        assert page.locator("h1").inner_text() == "Story s3"
        assert page.locator("table.claims tbody tr").count() == len(
            get(base, "/api/compare", story="s3").json()["claims"]
        )
        page.goto(base + "/stories")
        assert page.locator(".story-name").all_inner_texts() == [
            "Story s1", "Story s2", "Story s3", "Story s4"]  # fmt: skip
        hrefs = page.locator(".story-docs a").evaluate_all(
            "(els) => els.map(a => a.getAttribute('href'))"
        )
        assert hrefs == [f"/documents/{n}" for n in range(1, 9)]
        page.goto(base + "/stories?actor=Macron")
        assert page.locator(".story-name").all_inner_texts() == ["Story s3"]
    finally:
        context.close()


def test_a_hostile_story_runs_nothing(page, base: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/stories/s4", "/stories"):
        page.goto(base + path)
        for cell in page.locator("main table td, main .story-row").all()[:20]:
            cell.hover()
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.locator("main script, main img, main b, main i, main textarea").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        shown = page.locator("main").inner_text()
        assert "<b onmouseover=window.__pwned=9>Evil Wire</b>" in shown
    page.goto(base + "/stories/s4")
    shown = page.locator("main").inner_text()
    # The claim's text is the escaped markup (the content ends inside the quotation, whose
    # curly marks the quotation finder does not pair around the nested straight quotes).
    assert '<img src=x onerror="window.__pwned = 2; alert(2)"' in shown
    assert "<script>window.__pwned = 7</script>Hostile <i>title</i>" in shown  # its column
    assert dialogs == []


def test_story_pages_work_at_360_pixels(browser, base: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        for path in ("/stories", "/stories/s1", "/stories/s3", "/stories/s4"):
            page.goto(base + path)
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, path
    finally:
        context.close()
