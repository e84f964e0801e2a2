"""The event coder's innermost-attribution look-up (onrecord.events.merging) against the
plain definition: the attribution with the smallest content that holds the offset, the first
in document order among equals, skipped sections left out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.events.merging import Merging
from onrecord.model import Attribution, Span


def _plain_innermost(
    attributions: list[Attribution], skip: frozenset[str], offset: int
) -> Attribution | None:
    best: Attribution | None = None
    best_size = 0
    for attribution in attributions:
        if attribution.section in skip:
            continue
        if any(c.start <= offset < c.end for c in attribution.content):
            size = sum(c.end - c.start for c in attribution.content)
            if best is None or size < best_size:
                best, best_size = attribution, size
    return best


def _merging(attributions: list[Attribution], skip: frozenset[str]) -> Merging:
    coder = Merging()
    coder.attributions = attributions
    coder.skip_sections = skip
    coder.content_map = coder._content_map()
    return coder


spans = st.tuples(st.integers(0, 60), st.sampled_from([0, 1, 2, 3, 5, 10, 30])).map(
    lambda s: Span(s[0], s[0] + s[1], "")
)
attributions = st.lists(
    st.tuples(st.lists(spans, max_size=3), st.sampled_from(["body", "headline"])),
    max_size=8,
).map(
    lambda items: [
        Attribution(id=f"a{i}", kind="indirect", content=content, section=section)
        for i, (content, section) in enumerate(items)
    ]
)


@settings(max_examples=300, deadline=None)
@given(attributions, st.sampled_from([frozenset(), frozenset({"headline"})]))
def test_innermost_matches_the_plain_definition(
    attributions: list[Attribution], skip: frozenset[str]
) -> None:
    coder = _merging(attributions, skip)
    for offset in range(-1, 95):
        assert coder._innermost(offset) is _plain_innermost(attributions, skip, offset)


def test_nested_and_tied_contents() -> None:
    outer = Attribution("a1", "indirect", [Span(0, 50, "")])
    inner = Attribution("a2", "direct", [Span(10, 20, ""), Span(30, 35, "")])
    tie = Attribution("a3", "direct", [Span(12, 27, "")])  # same size as inner, later
    headline = Attribution("a4", "direct", [Span(14, 15, "")], section="headline")
    coder = _merging([outer, inner, tie, headline], frozenset({"headline"}))
    assert coder._innermost(5) is outer
    assert coder._innermost(14) is inner  # inner and tie both 15 characters: the first
    assert coder._innermost(22) is tie
    assert coder._innermost(32) is inner
    assert coder._innermost(50) is None
    assert _merging([outer, headline], frozenset())._innermost(14) is headline
