"""Shared helpers for the store tests: records built by hand and a fake analyzer."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from onrecord.model import (
    Attribution,
    Cue,
    Document,
    Entity,
    Event,
    EventDate,
    Record,
    Span,
)

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


# Building records --------------------------------------------------------------------------


def span(text: str, fragment: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``fragment`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(fragment, start + 1)
    return Span.of(text, start, start + len(fragment))


def entity(text: str, entity_id: str, name: str, kind: str = "person", *forms: str) -> Entity:
    """An entity mentioned wherever ``name`` (or one of ``forms``) occurs."""
    spans: list[Span] = []
    for form in forms or (name,):
        for match in re.finditer(re.escape(form), text):
            if not any(s.start <= match.start() < s.end for s in spans):
                spans.append(Span.of(text, match.start(), match.end()))
    return Entity(entity_id, name, kind, mentions=sorted(spans, key=lambda s: s.start))  # type: ignore[arg-type]


def attribution(
    text: str,
    attribution_id: str,
    kind: str,
    speaker: str | None,
    content: str,
    cue: str | Span,
    lemma: str,
    source: str,
) -> Attribution:
    return Attribution(
        attribution_id,
        kind,  # type: ignore[arg-type]
        content=[span(text, content)],
        cue=Cue(cue if isinstance(cue, Span) else span(text, cue), lemma),
        source=span(text, source),
        speaker=speaker,
    )


def event(
    text: str,
    event_id: str,
    type_: str,
    trigger: str,
    actors: list[str],
    recipients: list[str],
    date: str | None,
    granularity: str | None = "day",
) -> Event:
    return Event(
        event_id,
        type_,
        span(text, trigger),
        actors=actors,
        recipients=recipients,
        date=EventDate(date, granularity, None, "explicit") if date else None,  # type: ignore[arg-type]
    )


CALL_2024 = (
    "Russian President Vladimir Putin and German Chancellor Olaf Scholz spoke by phone on "
    "Friday. Putin told Scholz the crisis was \u201ca direct result of NATO\u2019s aggressive "
    "policy\u201d, the Kremlin said. Putin said Moscow has never refused to hold peace "
    "negotiations with Kiev. Scholz urged Putin to \u201cwithdraw his troops\u201d, Scholz "
    "said."
)

CALL_2022 = (
    "Scholz called Putin in December. Putin said the talks must \u201celiminate the root "
    "causes of the conflict\u201d."
)

SPOKESMAN = (
    "German government spokesman Steffen Hebestreit said the Chancellor insisted on "
    "Russia\u2019s readiness to negotiate."
)


def record_call_2024() -> Record:
    t = CALL_2024
    return Record(
        Document(
            "call-2024",
            t,
            url="https://example.org/call-2024",
            source="Example News",
            title="Putin and Scholz speak by phone",
            published="2024-11-15",
        ),
        entities=[
            entity(t, "e1", "Vladimir Putin", "person", "Vladimir Putin", "Putin"),
            entity(t, "e2", "Olaf Scholz", "person", "Olaf Scholz", "Scholz"),
            entity(t, "e3", "NATO", "organization"),
        ],
        attributions=[
            attribution(
                t,
                "a1",
                "mixed",
                "e1",
                "the crisis was \u201ca direct result of NATO\u2019s aggressive policy\u201d",
                "told",
                "tell",
                "Putin told",
            ),
            attribution(
                t,
                "a2",
                "indirect",
                "e1",
                "Moscow has never refused to hold peace negotiations with Kiev",
                span(t, "said", 1),
                "say",
                "Putin said",
            ),
            attribution(
                t,
                "a3",
                "direct",
                "e2",
                "withdraw his troops",
                "urged",
                "urge",
                "Scholz urged",
            ),
        ],
        events=[
            event(t, "v1", "communicate", "spoke by phone", ["e1", "e2"], [], "2024-11-15"),
            event(t, "v2", "demand", "urged", ["e2"], ["e1"], "2024-11-15"),
        ],
    )


def record_call_2022() -> Record:
    t = CALL_2022
    return Record(
        Document(
            "call-2022",
            t,
            url="https://example.org/call-2022",
            source="Example News",
            title="Scholz calls Putin",
            published="2022-12-02T09:30:00+00:00",
        ),
        entities=[
            entity(t, "e1", "Scholz", "person", "Scholz"),
            entity(t, "e2", "Putin", "person"),
        ],
        attributions=[
            attribution(
                t,
                "a1",
                "direct",
                "e2",
                "eliminate the root causes of the conflict",
                "said",
                "say",
                "Putin said",
            )
        ],
        events=[event(t, "v1", "communicate", "called", ["e1"], ["e2"], "2022-12", "month")],
    )


def record_spokesman() -> Record:
    t = SPOKESMAN
    return Record(
        Document(
            "spokesman",
            t,
            source="Example Wire",
            title="Berlin on talks",
            published="2024-02-01",
        ),
        entities=[entity(t, "e1", "Steffen Hebestreit", "person")],
        attributions=[
            attribution(
                t,
                "a1",
                "indirect",
                "e1",
                "the Chancellor insisted on Russia\u2019s readiness to negotiate",
                "said",
                "say",
                "Steffen Hebestreit said",
            )
        ],
    )


def sample_records() -> list[Record]:
    return [record_call_2024(), record_call_2022(), record_spokesman()]


# A fake analyzer, for ingest tests that need entities (the real one is still a stub) ----------

_NAMES = {"Vladimir Putin": "person", "Olaf Scholz": "person", "NATO": "organization"}
_QUOTE = re.compile(r"(?P<who>Vladimir Putin|Olaf Scholz|Putin|Scholz) said \"(?P<what>[^\"]+)\"")


def fake_analyze(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    doc_id: str = "document",
) -> Record:
    """Finds Putin, Scholz and NATO, `X said "..."` quotes and `X met Y on DATE` events."""
    doc = Document(doc_id, text, url=url, source=source, title=title, published=published)
    entities: list[Entity] = []
    by_name: dict[str, str] = {}
    for name, kind in _NAMES.items():
        short = name.split()[-1]
        found = [m.start() for m in re.finditer(re.escape(name), text)]
        label = name
        if not found and kind == "person":
            found = [m.start() for m in re.finditer(rf"\b{short}\b", text)]
            label = short
        if found:
            entity_id = f"e{len(entities) + 1}"
            entities.append(
                Entity(
                    entity_id,
                    label,
                    kind,  # type: ignore[arg-type]
                    mentions=[Span.of(text, i, i + len(label)) for i in found],
                )
            )
            by_name[name] = by_name[short] = entity_id
    attributions = [
        Attribution(
            f"a{i + 1}",
            "direct",
            [Span.of(text, m.start("what"), m.end("what"))],
            speaker=by_name.get(m.group("who")),
        )
        for i, m in enumerate(_QUOTE.finditer(text))
    ]
    events = [
        Event(
            f"v{i + 1}",
            "meet",
            Span.of(text, m.start("verb"), m.end("verb")),
            actors=[by_name[m.group("a")]],
            recipients=[by_name[m.group("b")]],
            date=EventDate(m.group("date"), "day", None, "explicit"),
        )
        for i, m in enumerate(
            re.finditer(
                r"(?P<a>Putin|Scholz) (?P<verb>met) (?P<b>Putin|Scholz) on "
                r"(?P<date>\d{4}-\d{2}-\d{2})",
                text,
            )
        )
        if m.group("a") in by_name and m.group("b") in by_name
    ]
    return Record(doc, entities, attributions, events)


# Input files ---------------------------------------------------------------------------------

DATA = ROOT / "tests" / "data"
GOOD = DATA / "ingest"


def warc_page(uri: str, html: bytes, status: str = "200 OK", content_type: str = "text/html"):
    return uri, html, status, content_type


def write_warc(path: Path, pages: list[tuple[str, bytes, str, str]]) -> Path:
    """A WARC (gzipped when ``path`` ends in .gz) with a warcinfo record, then a request and a
    response record per page."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for uri, body, status, content_type in pages:
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True
            )
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            headers = StatusAndHeaders(
                status, [("Content-Type", f"{content_type}; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    return path


def article_html(title: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright</footer></body></html>"
    ).encode()


PARAGRAPH = (
    "Officials in Berlin and Moscow confirmed on Friday that the two leaders had spoken by "
    "telephone for about an hour, their first conversation in almost two years."
)


def standard_warc(path: Path) -> Path:
    """Two article pages, one image, one 404 page."""
    return write_warc(
        path,
        [
            warc_page(
                "https://news.example.org/a",
                article_html("Leaders speak", "Vladimir Putin spoke to Olaf Scholz.", PARAGRAPH),
            ),
            warc_page(
                "https://news.example.org/logo.png", b"\x89PNG\r\n", content_type="image/png"
            ),
            warc_page("https://news.example.org/missing", b"<html>gone</html>", "404 Not Found"),
            warc_page(
                "https://news.example.org/b",
                article_html("Talks resume", "Olaf Scholz urged talks.", PARAGRAPH, PARAGRAPH),
            ),
        ],
    )
