"""Invariants on arbitrary input: analyze never raises; every span slices the text it claims."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord import analyze
from onrecord.text.quotes import find_quotations

QUOTE_MARKS = list("\"'“”„‟«»‹›「」『』‘’‚")
WORDS = "Putin said the Kremlin told Scholz that war According to he it added , . : Moscow".split()
WORDS += ["\n", " ", "urged", "“", "”", "«", "»"]

texty = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(QUOTE_MARKS),
        st.text(min_size=0, max_size=6),
    ),
    max_size=60,
).map(lambda parts: " ".join(parts))

unicode_text = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from([*QUOTE_MARKS, " ", "\n"])),
    max_size=300,
)


def assert_spans_slice(record) -> None:
    data = record.to_dict()
    text = data["document"]["text"]
    spans = [m for e in data["entities"] for m in e["mentions"]]
    for a in data["attributions"]:
        assert a["content"], a
        spans += a["content"] + a["quoted"] + [s for s in (a["cue"], a["source"]) if s]
    for ev in data["events"]:
        spans.append(ev["trigger"])
    for span in spans:
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texty)
def test_news_like_text_never_crashes(text):
    assert_spans_slice(analyze(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unicode_text)
def test_arbitrary_unicode_never_crashes(text):
    assert_spans_slice(analyze(text))


@settings(max_examples=300, deadline=None)
@given(unicode_text)
def test_quotations_are_well_formed(text):
    for q in find_quotations(text):
        assert 0 <= q.open < q.close < len(text)
        assert "\n" not in text[q.open : q.close]
