"""The article layout (onrecord.web.article): overlapping spans become properly nested,
escaped HTML whose pieces read back exactly the spans' text. Pure functions, no server."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.web.annotations import describe
from onrecord.web.article import Mark, layout, sweep


class Pieces(HTMLParser):
    """Collects, per mark id, the text inside its pieces; checks that tags nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: dict[str, str] = {}
        self.plain = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append((tag, dict(attrs).get("data-a")))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, (tag, self.stack)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.plain += data
        for _tag, mark_id in self.stack:
            if mark_id is not None:
                self.texts[mark_id] = self.texts.get(mark_id, "") + data


ALPHABET = st.sampled_from([*"ab <>&\"'“”\n", "</mark>", "<script>"])


@st.composite
def texts_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = "".join(draw(st.lists(ALPHABET, min_size=1, max_size=40)))
    spans = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append((start, end, draw(st.sampled_from(["content", "quoted", "cue", "trigger"]))))
    return text, spans


@settings(max_examples=300, deadline=None)
@given(texts_and_spans())
def test_sweep_nests_escapes_and_reads_back_each_span(case) -> None:
    text, spans = case
    marks = [
        Mark(start, end, kind, "mark" if kind == "content" else "span", {"data-a": f"m{i}"})
        for i, (start, end, kind) in enumerate(spans)
    ]
    html = sweep(text, 0, len(text), marks)
    parser = Pieces()
    parser.feed(str(html))
    parser.close()
    assert parser.stack == []
    assert parser.plain == text  # every character once, as text: nothing became markup
    for i, (start, end, _kind) in enumerate(spans):
        assert parser.texts[f"m{i}"] == text[start:end]


def _record(text: str, attributions: list[dict], events: list[dict] | None = None) -> dict:
    return {
        "schema": "onrecord/1",
        "document": {"id": "d", "text": text, "source": "Wire", "sections": []},
        "entities": [
            {"id": "e1", "name": "Ann Lee", "kind": "person", "title": "Minister", "country": "X"},
            {"id": "e2", "name": "The Ministry", "kind": "government"},
        ],
        "attributions": attributions,
        "events": events or [],
    }


def _span(text: str, fragment: str) -> dict:
    start = text.index(fragment)
    return {"start": start, "end": start + len(fragment), "text": fragment}


def test_nested_account_chain_and_blocks() -> None:
    text = "Headline here\nThe ministry said Lee told aides “no deal” on Monday.\n\nSecond line."
    outer = {
        "id": "a1",
        "kind": "indirect",
        "content": [_span(text, "Lee told aides “no deal” on Monday")],
        "quoted": [],
        "cue": {**_span(text, "said"), "lemma": "say"},
        "source": _span(text, "The ministry"),
        "speaker": "e2",
        "addressee": None,
        "via": None,
        "section": "body",
    }
    inner = {
        **outer,
        "id": "a2",
        "kind": "direct",
        "content": [_span(text, "no deal")],
        "quoted": [_span(text, "no deal")],
        "cue": {**_span(text, "told"), "lemma": "tell"},
        "source": _span(text, "Lee"),
        "speaker": "e1",
        "via": "a1",
    }
    record = _record(text, [outer, inner])
    blocks = layout(record)
    assert [(b.section, text[b.start : b.end]) for b in blocks] == [
        ("body", "Headline here"),
        ("body", "The ministry said Lee told aides “no deal” on Monday."),
        ("body", "Second line."),
    ]
    html = str(blocks[1].html)
    assert html.index('data-a="a1"') < html.index('data-a="a2"')  # a2 drawn inside a1
    side = describe(record, {"e1": "Ann Lee", "e2": "The Ministry"})
    assert [s["id"] for s in side["statements"]] == ["a1"]
    nested = side["statements"][0]["children"][0]
    assert nested["chain"] == ["Ann Lee", "as given by The Ministry", "as reported by Wire"]
    assert (nested["kind_words"], nested["speaker"]["title"]) == ("direct: quoted", "Minister")
