"""Issue 9, property tests: published dates, JSONL lines and whole ingest batches."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.events.dates import resolve_date
from onrecord.store import ingest, open_store
from onrecord.store.readers import parse_jsonl_line
from onrecord.text.input import InputError, check_published
from store_helpers import fake_analyze

SCHEMA_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
EXPRESSIONS = [
    "last week",
    "next week",
    "next year",
    "last year",
    "on Friday",
    "three days ago",
    "in two weeks",
    "next month",
    "in December",
    "yesterday",
    "tomorrow",
]

date_like = st.one_of(
    st.text(max_size=30),
    st.dates().map(dt.date.isoformat),
    st.datetimes().map(dt.datetime.isoformat),
    st.from_regex(r"\A\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?\Z"),
)


@settings(max_examples=300, deadline=None)
@given(date_like)
def test_published_is_a_schema_date_or_refused(value: str) -> None:
    try:
        checked = check_published(value)
    except InputError:
        return
    if checked is not None:
        assert SCHEMA_DATE.match(checked)
        dt.date.fromisoformat(checked[:10])


@settings(max_examples=300, deadline=None)
@given(st.dates(), st.sampled_from(EXPRESSIONS))
def test_date_arithmetic_never_overflows(published: dt.date, expression: str) -> None:
    resolved = resolve_date(expression, published)
    if resolved.value is not None:
        assert re.match(r"^\d{4}(-\d{2}){0,2}$", resolved.value.split("/")[0])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=12,
)
jsonl_lines = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries(
        {"text": st.text(max_size=200)},
        optional={"published": date_like, "id": json_values, "title": json_values},
    ).map(lambda v: json.dumps(v).encode("utf-8", "surrogatepass")),
)


@settings(max_examples=400, deadline=None)
@given(jsonl_lines)
def test_a_jsonl_line_is_a_document_or_a_reason(line: bytes) -> None:
    try:
        fields = parse_jsonl_line(line)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert fields["text"].strip()
    assert not re.search("[\x00\ud800-\udfff]", fields["text"])
    if fields["published"] is not None:
        assert SCHEMA_DATE.match(fields["published"])


batch_line = st.one_of(
    jsonl_lines,
    st.sampled_from(
        [
            b'{"text": "Vladimir Putin said \\"it was fine\\" to Olaf Scholz."}',
            b'{"text": "Putin met Scholz.", "published": "2024-11-15"}',
            b'{"text": "Putin met Scholz.", "published": "2024-13-45"}',
            b"[" * 5000,
        ]
    ),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(batch_line, min_size=1, max_size=12))
def test_an_ingest_batch_accounts_for_every_line(lines: list[bytes]) -> None:
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_bytes(b"\n".join(lines) + b"\n")
        nonblank = sum(1 for line in feed.read_bytes().split(b"\n") if line.strip())
        with open_store(Path(tmp) / "s.db") as store:
            summary = ingest(store, [feed], analyzer=fake_analyze)
            assert summary.total == max(nonblank, 1)
            assert summary.ignored == 0
            assert store.counts().documents == summary.stored
            assert store.counts().failures == summary.failed
