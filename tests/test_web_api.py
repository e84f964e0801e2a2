"""The REST API of `onrecord serve`, over HTTP against the real server and real stores."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

from onrecord.model import Document, Record
from onrecord.store import open_store
from store_helpers import CALL_2024, record_call_2022, record_call_2024, record_spokesman

pytest_plugins = ("store_fixtures", "web_fixtures")


def get(base: str, path: str, **params: object) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=60)  # type: ignore[arg-type]


# The founding article -----------------------------------------------------------------------


def test_document_is_the_full_record_exactly(server: str, founding_record: dict) -> None:
    response = get(server, "/api/documents/1")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == founding_record


def test_document_attribution_a7_exactly(server: str) -> None:
    record = get(server, "/api/documents/1").json()
    a7 = next(a for a in record["attributions"] if a["id"] == "a7")
    text = record["document"]["text"]
    content = a7["content"][0]
    assert text[content["start"] : content["end"]] == content["text"]
    assert {k: v for k, v in a7.items() if k not in ("content", "quoted")} == {
        "id": "a7",
        "kind": "mixed",
        "cue": {"start": 715, "end": 719, "text": "told", "lemma": "tell"},
        "source": {"start": 709, "end": 714, "text": "Putin"},
        "speaker": "e3",
        "addressee": "e6",
        "via": "a8",
        "section": "body",
    }
    assert content["text"].startswith("the current crisis was «a direct result of NATO’s")


def test_documents_list(server: str) -> None:
    body = get(server, "/api/documents").json()
    first = body["documents"][0]
    assert first == {
        "id": 1,
        "doc_id": "putin-scholz-call.txt",
        "origin": str(Path(__file__).resolve().parents[1] / "examples" / "putin-scholz-call.txt"),
        "url": None,
        "source": "RT",
        "title": None,
        "published": "2024-11-15",
        "statements": 19,
        "events": 10,
    }
    assert [d["id"] for d in body["documents"]] == [1, 2]
    assert (body["limit"], body["offset"], body["next"]) == (50, 0, None)


def test_statements_by_speaker_exactly(server: str) -> None:
    body = get(server, "/api/statements", speaker="Putin", about="NATO", limit=5).json()
    assert body["next"] is None
    assert body["filters"] == {
        "speaker": "Putin",
        "about": "NATO",
        "since": None,
        "until": None,
        "source": None,
    }
    rows = [
        (r["local_id"], r["speaker"], r["kind"], r["cue"], r["addressee"])
        for r in body["statements"]
    ]
    assert rows == [
        ("a1", "Vladimir Putin", "indirect", "saying", None),
        ("a7", "Vladimir Putin", "mixed", "told", "Olaf Scholz"),
    ]
    first = body["statements"][0]
    assert first["content"] == "the conflict was the result of aggressive NATO policies"
    assert first["matches"] == [[42, 46]]
    assert (first["published"], first["document"], first["section"]) == (
        "2024-11-15",
        1,
        "headline",
    )


def test_statements_filter_by_source_and_dates(server: str) -> None:
    assert len(get(server, "/api/statements", source="RT").json()["statements"]) == 19
    assert get(server, "/api/statements", source="Reuters").json()["statements"] == []
    assert (
        get(server, "/api/statements", source="RT", until="2024-11-14").json()["statements"] == []
    )
    assert (
        len(get(server, "/api/statements", since="2024-11", until="2024").json()["statements"])
        == 19 + 4
    )


def test_search_reports_the_matched_words(server: str) -> None:
    body = get(server, "/api/search", q="negotiations").json()
    found = [
        (r["local_id"], r["content"][s:e]) for r in body["statements"] for s, e in r["matches"]
    ]
    assert sorted(found) == [("a17", "negotiate"), ("a18", "negotiate"), ("a9", "negotiations")]


def test_speakers_and_timeline(server: str) -> None:
    speakers = get(server, "/api/speakers", top=2).json()
    assert [(s["speaker"], s["statements"]) for s in speakers["speakers"]] == [
        ("Russian government", 8),
        ("Vladimir Putin", 6),
    ]
    assert speakers["next"].endswith("/api/speakers?top=2&offset=2")
    timeline = get(server, "/api/timeline", actor=["Putin", "Scholz"]).json()
    assert [(e["date"], e["type"], e["trigger"]) for e in timeline["events"]] == [
        ("2022-12", "CONSULT", "spoke"),
        ("2024-11-15", "CONSULT", "spoke"),
        ("2024-11-15", "AGREE", "agreed"),
        ("2024-11-15", "REQUEST", "urged"),
    ]
    profile = get(server, "/api/speakers/Vladimir Putin").json()["profile"]
    assert profile == {
        "speaker": "Vladimir Putin",
        "kind": "person",
        "titles": ["Russian President"],
        "countries": ["RUS"],
        "statements": 6,
        "documents": 1,
        "by_kind": {"direct": 0, "mixed": 3, "indirect": 3},
        "by_source": [{"source": "RT", "statements": 6}],
        "by_month": [{"month": "2024-11", "statements": 6}],
        "addressees": [{"addressee": "Olaf Scholz", "statements": 1}],
    }


# Analysis without storing -------------------------------------------------------------------


def test_analyze_returns_a_record_and_stores_nothing(server: str, founding_db: str) -> None:
    before = hashlib.sha256(Path(founding_db).read_bytes()).hexdigest()
    text = "Olaf Scholz said Germany would keep supporting Ukraine."
    response = httpx.post(
        server + "/api/analyze", json={"text": text, "published": "2024-11-15"}, timeout=120
    )
    assert response.status_code == 200
    record = response.json()
    assert record["schema"] == "onrecord/1"
    assert record["document"]["text"] == text
    assert [(a["kind"], [c["text"] for c in a["content"]]) for a in record["attributions"]] == [
        ("indirect", ["Germany would keep supporting Ukraine"])
    ]
    assert len(get(server, "/api/documents").json()["documents"]) == 2
    assert hashlib.sha256(Path(founding_db).read_bytes()).hexdigest() == before


def test_analyze_limits_the_body(server: str) -> None:
    big = {"text": "word " * 220_000}  # 1.1 MB of JSON
    response = httpx.post(server + "/api/analyze", json=big, timeout=60)
    assert response.status_code == 413
    assert response.json() == {
        "status": 413,
        "error": "the request body is over the 1 MiB limit; send one article, not a corpus "
        "(a corpus goes into the store with `onrecord ingest`)",
    }

    def chunks():  # no Content-Length: the limit holds for a streamed body too
        yield b'{"text": "'
        for _ in range(120):
            yield b"x" * 10_000
        yield b'"}'

    streamed = httpx.post(
        server + "/api/analyze",
        content=chunks(),
        headers={"content-type": "application/json"},
        timeout=60,
    )
    assert streamed.status_code == 413
    assert streamed.json()["error"].startswith("the request body is over the 1 MiB limit")


def test_analyze_over_the_time_limit_is_a_clear_error(serve, founding_db: str) -> None:
    """The budget holds in the server's analysis thread too (SIGALRM cannot reach it)."""
    text = (Path(__file__).resolve().parents[1] / "examples" / "putin-scholz-call.txt").read_text()
    with serve(founding_db, args=("--time-limit", "0.001")) as base:
        slow = httpx.post(base + "/api/analyze", json={"text": text}, timeout=120)
        page = httpx.post(base + "/analyze", data={"text": text}, timeout=120)
    assert (slow.status_code, slow.json()) == (
        422,
        {
            "status": 422,
            "error": "analysis stopped: took longer than the time limit of 0.001 s per document",
        },
    )
    assert page.status_code == 422
    assert "took longer than the time limit of 0.001 s per document" in page.text


def test_analyze_rejects_empty_text_and_bad_dates(server: str) -> None:
    empty = httpx.post(server + "/api/analyze", json={"text": "  "}, timeout=60)
    assert (empty.status_code, empty.json()) == (
        422,
        {"status": 422, "error": "no text (empty or only whitespace)"},
    )
    bad = httpx.post(server + "/api/analyze", json={"text": "x", "published": "soon"}, timeout=60)
    assert bad.status_code == 422
    assert bad.json()["error"].startswith("published: String should match pattern")
    impossible = httpx.post(
        server + "/api/analyze", json={"text": "x", "published": "2024-13-45"}, timeout=120
    )
    assert (impossible.status_code, impossible.json()) == (
        422,
        {
            "status": 422,
            "error": "published 2024-13-45 is not an ISO 8601 date (YYYY-MM-DD, optionally "
            "with a time)",
        },
    )


# Errors, headers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "status", "error"),
    [
        ("/api/documents/99", {}, 404, "no stored document has id 99"),
        (
            "/api/statements",
            {"speaker": "Nobody Atall"},
            404,
            "no stored actor matches 'Nobody Atall'",
        ),
        ("/api/search", {"q": "!!"}, 400, "the search query has no words"),
        ("/api/search", {}, 422, "q: Field required"),
        ("/api/statements", {"limit": 0}, 422, "limit: Input should be greater than or equal to 1"),
        ("/api/timeline", {}, 422, "actor: Field required"),
        ("/api/nowhere", {}, 404, "not found: /api/nowhere"),
    ],
)
def test_errors_are_json(server: str, path: str, params: dict, status: int, error: str) -> None:
    response = get(server, path, **params)
    assert response.status_code == status
    assert response.json() == {"status": status, "error": error}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/documents/1",
        "/api/documents",
        "/static/onrecord.css",
        "/docs",
        "/nowhere",
        "/stories",
        "/stories/s1",
        "/api/compare?story=s1",
    ],
)
def test_security_headers(server: str, path: str) -> None:
    headers = get(server, path).headers
    assert headers["x-content-type-options"] == "nosniff"
    csp = headers["content-security-policy"]
    assert "script-src 'self';" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp


def test_docs_and_openapi_are_served_locally(server: str) -> None:
    docs = get(server, "/docs").text
    assert '<script src="/static/swagger/swagger-ui-bundle.js" defer></script>' in docs
    assert "http" not in docs.replace("http-equiv", "")  # nothing from elsewhere
    assert get(server, "/static/swagger/swagger-ui-bundle.js").status_code == 200
    paths = get(server, "/openapi.json").json()["paths"]
    assert sorted(paths) == [
        "/api/analyze",
        "/api/compare",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/search",
        "/api/speakers",
        "/api/speakers/{name}",
        "/api/statements",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/timeline",
    ]


# Pagination over many documents ---------------------------------------------------------------


def _numbered(record: Record, number: int) -> Record:
    """``record`` with a sentence added at the end: another document, the same spans."""
    doc = record.document
    text = doc.text + f" Update {number}."
    return Record(
        Document(f"{doc.id}-{number}", text, doc.url, doc.source, doc.title, doc.published),
        record.entities,
        record.attributions,
        record.events,
    )


def _walk(base: str, path: str, name: str, **params: object) -> list[dict]:
    rows: list[dict] = []
    url: str | None = base + path
    first = True
    while url:
        response = httpx.get(url, params=params if first else None, timeout=60)  # type: ignore[arg-type]
        assert response.status_code == 200, response.text
        body = response.json()
        rows.extend(body[name])
        url, first = body["next"], False
    return rows


@pytest.fixture(scope="module")
def many_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("web-many") / "many.db")
    with open_store(db) as store:
        for number in range(40):
            for make in (record_call_2024, record_call_2022, record_spokesman):
                store.add_record(_numbered(make(), number), origin=f"{make.__name__}-{number}")
    return db


def test_pagination_is_complete_and_stable(many_db: str, serve) -> None:
    with serve(many_db) as base:
        documents = _walk(base, "/api/documents", "documents", limit=7)
        assert [d["id"] for d in documents] == list(range(1, 121))
        everything = get(base, "/api/statements", limit=500).json()
        assert everything["next"] is None and len(everything["statements"]) == 200
        paged = _walk(base, "/api/statements", "statements", limit=9)
        assert [r["id"] for r in paged] == [r["id"] for r in everything["statements"]]
        dates = [r["published"] for r in paged]
        assert dates == sorted(dates)
        found = _walk(base, "/api/search", "statements", q="troops", limit=6)
        assert len(found) == 40 and len({r["id"] for r in found}) == 40
        assert all(r["content"] == "withdraw his troops" for r in found)
        assert all(r["matches"] == [[13, 19]] for r in found)
        by_putin = _walk(base, "/api/statements", "statements", speaker="Putin", limit=25)
        assert len(by_putin) == 120
        events = _walk(base, "/api/timeline", "events", actor=["Putin", "Scholz"], limit=11)
        assert len(events) == 120 and len({e["id"] for e in events}) == 120
        last = get(base, "/api/documents", limit=7, offset=119).json()
        assert ([d["id"] for d in last["documents"]], last["next"]) == ([120], None)


def test_the_server_cannot_write(many_db: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from onrecord.web import open_read_only

    store = open_read_only(many_db)
    try:
        with store.connect() as conn, pytest.raises(OperationalError, match="readonly"):
            conn.execute(text("DELETE FROM failures"))
    finally:
        store.close()


def test_postgresql_store(pg_url: str, serve) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import InternalError

    from onrecord.web import open_read_only

    with open_store(pg_url) as store:
        for make in (record_call_2024, record_call_2022, record_spokesman):
            store.add_record(make(), origin=make.__name__)
        from onrecord.compare.store import list_stories, rebuild

        rebuild(store)  # places the three records in stories, as ingest does
        stories = list_stories(store)
    ro = open_read_only(pg_url)
    try:
        with ro.connect() as conn, pytest.raises(InternalError, match="read-only transaction"):
            conn.execute(text("DELETE FROM failures"))
    finally:
        ro.close()
    with serve(pg_url) as base:
        body = get(base, "/api/statements", speaker="Putin").json()
        assert [(r["published"], r["content"]) for r in body["statements"]] == [
            ("2022-12-02", "eliminate the root causes of the conflict"),
            ("2024-11-15", "the crisis was “a direct result of NATO’s aggressive policy”"),
            ("2024-11-15", "Moscow has never refused to hold peace negotiations with Kiev"),
        ]
        found = get(base, "/api/search", q="troops").json()["statements"]
        assert [(r["content"], r["matches"]) for r in found] == [
            ("withdraw his troops", [[13, 19]])
        ]
        nato = get(base, "/api/search", q="NATO").json()["statements"]
        content = nato[0]["content"]
        assert [content[s:e] for s, e in nato[0]["matches"]] == ["NATO"]
        page = httpx.get(base + "/documents/1", timeout=60).text
        assert CALL_2024[:20] in page
        assert '<mark class="hit">troops</mark>' in httpx.get(base + "/search?q=troops").text
        listed = get(base, "/api/stories", limit=1)
        assert listed.json()["stories"][0] == {"id": f"s{stories[0]['story']}", **stories[0]}
        assert [s["story"] for s in _walk(base, "/api/stories", "stories", limit=1)] == [
            s["story"] for s in stories
        ]
        compared = get(base, "/api/compare", story=f"s{stories[0]['story']}").json()
        assert [d["id"] for d in compared["documents"]] == stories[0]["documents"]
        told = [
            (s["document"], s["attribution"]) for c in compared["claims"] for s in c["statements"]
        ]
        assert len(told) == len(set(told)) > 0
        assert "Claims side by side" in httpx.get(base + f"/stories/s{stories[0]['story']}").text
