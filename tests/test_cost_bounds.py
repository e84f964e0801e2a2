"""Issue 9: bounded cost per document (quote-mark runs, nesting, windows, a time budget) and
date arithmetic that cannot overflow."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from click.testing import CliRunner

import onrecord
from conftest import EXAMPLE
from onrecord.attribution.finder import Candidate
from onrecord.attribution.nesting import MAX_CARRIED, carried_depths
from onrecord.cli import options as cli_options
from onrecord.cli.commands import main
from onrecord.pipeline import AnalysisError, analyze_many
from onrecord.pipeline.budget import DEFAULT_TIME_LIMIT, TimeLimitExceeded, time_limit
from onrecord.pipeline.records import load
from onrecord.pipeline.windows import analyze_windows, lead_in, windows
from onrecord.text.quotes import MAX_DEPTH, find_quotations
from onrecord.text.tokens import LONG_RUN, make_bounded_doc
from onrecord.web import app as web_app


def test_long_runs_become_bounded_tokens_with_exact_offsets() -> None:
    nlp = load()
    text = 'Putin said "yes". ' + '"' * 1000 + " and “" + "x" * 130 + "” then " + "«»" * 40
    doc = make_bounded_doc(nlp, text)
    assert doc.text == text
    assert max(len(t) for t in doc) == LONG_RUN
    assert [t.text for t in doc[:7]] == ["Putin", "said", '"', "yes", '"', ".", '"' * 64]
    ordinary = "Putin said “the crisis” was over.  Two spaces\nand a line."
    assert [t.text for t in make_bounded_doc(nlp, ordinary)] == [t.text for t in nlp(ordinary)]


def test_quote_mark_runs_are_not_quotations() -> None:
    assert find_quotations('"' * 100_000) == []
    assert find_quotations("“”«»‘’" * 10_000) == []
    assert [(q.open, q.close) for q in find_quotations('He said "yes" and ""')] == [(8, 12)]


def test_nesting_is_bounded() -> None:
    depth = 500
    text = "".join("“a ‘b " for _ in range(depth)) + "end" + "’ c” d" * depth
    quotes = find_quotations(text)
    assert quotes  # the outer levels are still quotations
    deepest = max(sum(o.open < q.open and q.close < o.close for o in quotes) for q in quotes)
    assert deepest == MAX_DEPTH - 1


def test_carried_depth_counts_the_contents_holding_each_cue() -> None:
    # cue at 0 carries everything; the cue at 10 sits in one content, the one at 20 in two
    outer = Candidate(0, 4, "say", [(5, 100)])
    middle = Candidate(10, 14, "say", [(15, 90)])
    inner = Candidate(20, 24, "say", [(25, 30)])
    aside = Candidate(95, 99, "say", [(50, 60), (100, 110)])  # its cue inside outer only
    assert carried_depths([outer, middle, inner, aside]) == [0, 1, 2, 1]


def test_nested_accounts_cost_linear_in_the_text() -> None:
    """500 levels of "X said “Y told Z ‘...": contents would sum to n squared characters;
    accounts carried MAX_CARRIED deep or deeper are words of the account around them."""
    names = ["Putin", "Scholz", "Peskov", "Macron", "Biden"]
    for depth in (50, 500):
        text = "".join(
            f"{names[i % 5]} said “the minister told {names[(i + 1) % 5]} ‘" for i in range(depth)
        )
        text += "end" + "’.” " * depth
        record = onrecord.analyze(text, time_limit=None)
        content = sum(c.end - c.start for a in record.attributions for c in a.content)
        assert len(record.attributions) == MAX_CARRIED
        assert content <= MAX_CARRIED * len(text)
        by_id = {a.id: a for a in record.attributions}
        for a in record.attributions:  # no chain of carriers MAX_CARRIED long
            chain, via = 0, a.via
            while via:
                chain, via = chain + 1, by_id[via].via
            assert chain < MAX_CARRIED


def test_pathological_documents_analyse() -> None:
    for text in ('Putin said "' + '"' * 20_000, "Putin said " + "“”«»‘’\"'" * 2_000):
        record = onrecord.analyze(text)
        assert record.document.text == text
        assert record.attributions == []


def test_windows_end_at_paragraphs_and_cover_the_text() -> None:
    text = ("A short paragraph here.\n\n" * 10) + "x " * 40
    ranges = windows(text, 60)
    assert ranges[0] == (0, 50)
    assert all(b - a <= 60 for a, b in ranges)
    assert [a for a, _ in ranges[1:]] == [b for _, b in ranges[:-1]]
    assert ranges[-1][1] == len(text)


def test_windowed_record_is_one_valid_record(validate) -> None:
    nlp = load()
    text = EXAMPLE.read_text(encoding="utf-8")

    def analyse(window: str, _index: int) -> onrecord.Record:
        return nlp(nlp.make_doc(window))._.onrecord

    whole = onrecord.analyze(text).to_dict()
    merged = analyze_windows(text, analyse, size=1500).to_dict()
    validate(merged)
    assert merged["document"]["text"] == text
    names = [e["name"] for e in merged["entities"]]
    assert len(names) == len(set(zip(names, [e["kind"] for e in merged["entities"]], strict=True)))
    assert {"Vladimir Putin", "Olaf Scholz"} <= set(names)
    assert [a["id"] for a in merged["attributions"]] == [
        f"a{i + 1}" for i in range(len(merged["attributions"]))
    ]
    # Most statements are found the same way in windows as in one piece.
    whole_contents = {c["start"] for a in whole["attributions"] for c in a["content"]}
    merged_contents = {c["start"] for a in merged["attributions"] for c in a["content"]}
    assert len(whole_contents & merged_contents) >= 0.8 * len(whole_contents)


def test_a_window_reads_the_paragraphs_before_it_for_its_pronouns() -> None:
    nlp = load()
    before = "The weather in the region was cold and wet for most of the week.\n\n" * 3
    before += "Chancellor Olaf Scholz met union leaders in Berlin on Monday.\n\n"
    text = before + "He said the talks with the unions would continue next month."
    size = len(before) + 5
    assert windows(text, size) == [(0, len(before)), (len(before), len(text))]
    assert lead_in(text, len(before), 0) == text.index("The weather", 1)

    def analyse(window: str, _index: int) -> onrecord.Record:
        return nlp(nlp.make_doc(window))._.onrecord

    whole = onrecord.analyze(text).to_dict()
    merged = analyze_windows(text, analyse, size=size).to_dict()
    assert merged["attributions"] == whole["attributions"]
    assert merged["entities"] == whole["entities"]
    assert merged["document"]["sections"] == whole["document"]["sections"]
    [said] = merged["attributions"]
    assert said["source"]["text"] == "He" and said["speaker"] == "e1"
    assert merged["entities"][0]["name"] == "Olaf Scholz"
    blind = analyze_windows(text, analyse, size=size, overlap=0).to_dict()
    assert blind["attributions"][0]["speaker"] is None  # without a lead-in: nobody


def test_time_budget_turns_slowness_into_a_failure() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    with pytest.raises(TimeLimitExceeded, match=r"time limit of 0\.001 s"):
        onrecord.analyze(text, time_limit=0.001)
    results = list(
        analyze_many([text, "Putin said it was fine."], errors="return", time_limit=0.001)
    )
    assert all(isinstance(r, AnalysisError) for r in results)
    assert (
        results[0].reason
        == "analysis stopped: took longer than the time limit of 0.001 s per document"
    )
    assert onrecord.analyze("Putin said it was fine.", time_limit=60).attributions


def test_time_budget_holds_in_any_thread() -> None:
    """Outside the main thread (a web server's, a caller's pool) there is no SIGALRM."""
    text = EXAMPLE.read_text(encoding="utf-8")
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(onrecord.analyze, text, time_limit=0.001)
        with pytest.raises(TimeLimitExceeded, match=r"time limit of 0\.001 s per document"):
            slow.result()
        fine = pool.submit(onrecord.analyze, "Putin said it was fine.", time_limit=60)
        assert [a.cue.lemma for a in fine.result().attributions] == ["say"]

        def spin() -> None:
            with time_limit(0.05):
                while True:
                    pass

        with pytest.raises(TimeLimitExceeded):
            pool.submit(spin).result()


def test_a_stale_deadline_never_leaves_a_block_unlimited() -> None:
    """A deadline left behind in a thread (an outer budget's exception landing between two
    lines of an inner one) must not stand in for a new budget: the block would run forever."""
    import time

    from onrecord.pipeline import budget

    def spin_after_stale_entry() -> None:
        budget._deadlines.__dict__.setdefault("stack", []).append(time.monotonic() - 1)
        with time_limit(0.05):
            while True:
                pass

    with ThreadPoolExecutor(1) as pool, pytest.raises(TimeLimitExceeded):
        pool.submit(spin_after_stale_entry).result(timeout=30)


def test_every_time_limit_default_is_the_same() -> None:
    assert cli_options.DEFAULT_TIME_LIMIT == DEFAULT_TIME_LIMIT == web_app.TIME_LIMIT


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_extreme_publication_dates_do_not_overflow(published: str, validate) -> None:
    text = (
        "Putin met Scholz last week and will meet him again next year. "
        "He said on Friday that talks three days ago and in two weeks were useful."
    )
    record = onrecord.analyze(text, published=published)
    validate(record.to_dict())
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLE), "--published", published])
    assert result.exit_code == 0, result.output


def test_bad_publication_dates_are_refused() -> None:
    with pytest.raises(ValueError, match="is not an ISO 8601 date"):
        onrecord.analyze("Putin said it.", published="2024-13-45")
    runner = CliRunner()
    for args in (
        ["statements", "--since", "2024-13-45"],
        ["timeline", "Putin", "--until", "2024-02-30"],
        ["ingest", str(EXAMPLE), "--published", "yesterday"],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert "is not a" in result.output
