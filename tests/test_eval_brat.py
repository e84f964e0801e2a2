"""Tests of onrecord.evaluation: BRAT gold reading, the PolNeAR-style scorer, prediction files.

The fixture corpus (three invented articles) is small enough to score by hand; the expected
numbers below are worked out in the comments. Where the PolNeAR reference scorer is present
(/work/shared/tools/polnear_score.py, as in CI) its --json output must equal ours exactly.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from onrecord.evaluation import (
    BratFormatError,
    EvalResult,
    GoldDocument,
    PredictionFormatError,
    SpanAttribution,
    evaluate_brat,
    format_table,
    gold_as_predictions,
    quote_type,
    read_gold_dir,
    read_predictions,
    record_to_prediction,
    score,
    score_files,
    write_predictions,
)
from onrecord.evaluation.metrics import max_bipartite_matching, normalize_mention
from onrecord.model import Attribution, Cue, Document, Record, Span

SHARED = Path("/work/shared")
REFERENCE = SHARED / "tools" / "polnear_score.py"
POLNEAR_DEV = SHARED / "data" / "polnear" / "dev"
DEV_ARTICLES = (
    "breitbart_2016-09-12_stealth-over-health-hillary-clin",  # one annotator
    "politico_2016-09-08_flynn-says-trump-absolutely-righ",  # six annotators
    "wash-post_2016-09-26_charlotte-struggles-to-return-to",  # six annotators
)
needs_reference = pytest.mark.skipif(
    not REFERENCE.is_file(), reason=f"PolNeAR reference scorer not present at {REFERENCE}"
)
needs_polnear = pytest.mark.skipif(
    not (REFERENCE.is_file() and POLNEAR_DEV.is_dir()),
    reason=f"PolNeAR dev data or reference scorer not present under {SHARED}",
)

# -- fixture corpus ----------------------------------------------------------------------------

ALPHA = (
    'The mayor said "the bridge will open in May." '
    "Officials, however, warned that costs had risen sharply."
)
BETA = (
    "Costs, the council admitted, were too high. "
    'It was reported that noise and "endless delays" plagued the site. '
    "The plan is dead, one critic wrote. It will never work."
)
GAMMA = "\u201cWe are ready,\u201d the coach told reporters. The team declined to comment."


def at(text: str, piece: str) -> tuple[int, int]:
    """The (start, end) of the only occurrence of ``piece`` in ``text``."""
    start = text.index(piece)
    assert text.find(piece, start + 1) == -1, f"{piece!r} is not unique"
    return start, start + len(piece)


def t_line(tid: str, kind: str, text: str, *pieces: str) -> str:
    frags = [at(text, p) for p in pieces]
    offsets = ";".join(f"{s} {e}" for s, e in frags)
    return f"{tid}\t{kind} {offsets}\t{' '.join(text[s:e] for s, e in frags)}"


ALPHA_ANN1 = [  # the annotator file used: "news_alpha_ann1.ann" < "news_alpha_ann2.ann"
    t_line("T1", "Source", ALPHA, "The mayor"),
    t_line("T2", "Cue", ALPHA, "said"),
    t_line("T3", "Content", ALPHA, '"the bridge will open in May."'),  # quotes + period
    t_line("T4", "Attribution", ALPHA, "said"),
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
    t_line("T5", "Source", ALPHA, "Officials"),
    t_line("T6", "Cue", ALPHA, "warned"),
    t_line("T7", "Content", ALPHA, "that costs had risen sharply"),
    t_line("T8", "Attribution", ALPHA, "warned"),
    "E2\tAttribution:T8 Cue:T6 Content:T7 Source:T5",
]
ALPHA_ANN2 = [  # a second annotator, ignored; would change every score if it were used
    t_line("T1", "Source", ALPHA, "mayor"),
    t_line("T2", "Cue", ALPHA, "said"),
    t_line("T3", "Content", ALPHA, "bridge will open"),
    "E1\tSource:T1 Cue:T2 Content:T3",
]
BETA_ANN = [
    t_line("T1", "Source", BETA, "the council"),
    t_line("T2", "Cue", BETA, "admitted"),
    t_line("T3", "Content", BETA, "Costs", "were too high."),  # discontinuous
    t_line("T4", "Attribution", BETA, "admitted"),
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
    t_line("T5", "Cue", BETA, "was reported"),
    t_line("T6", "Content", BETA, 'that noise and "endless delays" plagued the site'),
    t_line("T7", "Attribution-no-source", BETA, "was reported"),
    "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",  # no source
    t_line("T8", "Source", BETA, "one critic"),
    t_line("T9", "Cue", BETA, "wrote"),
    t_line("T10", "Content", BETA, "The plan is dead"),
    t_line("T11", "Content", BETA, "It will never work"),
    t_line("T12", "Attribution", BETA, "wrote"),
    "E3\tAttribution:T12 Source:T8 Cue:T9 Content:T10 Content2:T11",  # two contents
]
GAMMA_ANN = [
    t_line("T1", "Source", GAMMA, "the coach"),
    t_line("T2", "Cue", GAMMA, "told"),
    t_line("T3", "Content", GAMMA, "\u201cWe are ready,\u201d"),
    t_line("T4", "Attribution", GAMMA, "told"),
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
    "#1\tAnnotatorNotes T3\tAddressee: reporters",
    t_line("T5", "Source", GAMMA, "The team"),
    t_line("T6", "Cue", GAMMA, "declined to comment"),
    t_line("T7", "Attribution", GAMMA, "declined"),
    "E2\tAttribution:T7 Source:T5 Cue:T6",  # no content: dropped by the scorer
]


def write_corpus(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in (("news_alpha", ALPHA), ("news_beta", BETA), ("news_gamma", GAMMA)):
        (root / "text" / f"{name}.txt").write_bytes(text.encode("utf-8"))
    for name, lines, newline in (
        ("news_alpha_ann1", ALPHA_ANN1, "\n"),
        ("news_alpha_ann2", ALPHA_ANN2, "\n"),
        ("news_beta_ann1", BETA_ANN, "\r\n"),  # CRLF line ends
        ("news_gamma_ann1", GAMMA_ANN, "\n"),
    ):
        data = newline.join(lines) + newline
        (root / "attributions" / f"{name}.ann").write_bytes(data.encode("utf-8"))
    return root


def spans(text: str, *pieces: str) -> list[list[int]]:
    return [list(at(text, p)) for p in pieces]


PREDICTION_LINES = [
    {
        "doc": "news_alpha",
        "attributions": [
            {  # all exact once quote marks and the period are trimmed from the gold content
                "source": spans(ALPHA, "The mayor"),
                "cue": spans(ALPHA, "said"),
                "content": spans(ALPHA, "the bridge will open in May"),
            },
            {  # source overlaps but is not exact; content is 3 of the 5 gold words
                "source": spans(ALPHA, "Officials, however"),
                "cue": spans(ALPHA, "warned"),
                "content": spans(ALPHA, "costs had risen"),
            },
        ],
    },
    {
        "doc": "news_beta.txt",  # a .txt suffix is allowed
        "attributions": [
            {  # the discontinuous content, exact
                "source": spans(BETA, "the council"),
                "cue": spans(BETA, "admitted"),
                "content": spans(BETA, "Costs", "were too high."),
            },
            {  # no source, as in the gold; content without "that"
                "source": [],
                "cue": spans(BETA, "was reported"),
                "content": spans(BETA, 'noise and "endless delays" plagued the site'),
            },
            {  # source missed; half of the two-part content
                "source": [],
                "cue": spans(BETA, "wrote"),
                "content": spans(BETA, "The plan is dead"),
            },
            {  # the other half, content only
                "source": [],
                "cue": [],
                "content": spans(BETA, "It will never work"),
            },
        ],
    },
    {"doc": "news_delta", "attributions": []},  # not in the gold: ignored
    # news_gamma has no line: scored as predicting nothing
]


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "gold")


@pytest.fixture
def pred_file(tmp_path: Path) -> Path:
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in PREDICTION_LINES), "utf-8")
    return path


def run_reference(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REFERENCE), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )


def reference_json(gold: Path, pred: Path) -> dict:
    return json.loads(run_reference("--gold-dir", gold, "--pred", pred, "--json").stdout)


# -- gold reading ------------------------------------------------------------------------------


def test_read_gold_dir(gold_dir: Path) -> None:
    corpus = read_gold_dir(gold_dir)
    assert list(corpus.documents) == ["news_alpha", "news_beta", "news_gamma"]
    alpha = corpus.documents["news_alpha"]
    assert alpha.ann_path == gold_dir / "attributions" / "news_alpha_ann1.ann"
    assert alpha.other_ann_paths == [gold_dir / "attributions" / "news_alpha_ann2.ann"]
    assert alpha.attributions[1] == SpanAttribution(
        source=(at(ALPHA, "Officials"),),
        cue=(at(ALPHA, "warned"),),
        content=(at(ALPHA, "that costs had risen sharply"),),
    )
    beta = corpus.documents["news_beta"].attributions
    assert beta[0].content == (at(BETA, "Costs"), at(BETA, "were too high."))
    assert beta[1].source == ()
    assert beta[2].content == (at(BETA, "The plan is dead"), at(BETA, "It will never work"))
    gamma = corpus.documents["news_gamma"].attributions
    assert [a.content == () for a in gamma] == [False, True]
    assert corpus.texts_without_ann == [] and corpus.anns_without_text == []


def test_unpaired_files_are_reported(gold_dir: Path, pred_file: Path) -> None:
    (gold_dir / "text" / "news_epsilon.txt").write_text("Nothing was said.", "utf-8")
    (gold_dir / "attributions" / "orphan_ann1.ann").write_text("", "utf-8")
    (gold_dir / "attributions" / "noannotator.ann").write_text("", "utf-8")
    corpus = read_gold_dir(gold_dir)
    assert corpus.texts_without_ann == ["news_epsilon"]
    assert [p.name for p in corpus.anns_without_text] == ["noannotator.ann", "orphan_ann1.ann"]
    warnings = score_files(gold_dir, pred_file).warnings
    assert any("news_epsilon" in w for w in warnings)
    assert any("orphan_ann1.ann: no matching text" in w for w in warnings)


def test_trimming_and_merging() -> None:
    text = 'He said: "Yes -- really," and left.'
    # quotes, comma and spaces trimmed; the two parts join across the dash gap
    frags = [(text.index('"'), text.index("really") - 1), (text.index("really"), 25)]
    assert normalize_mention(text, frags) == (
        (text.index("Yes"), text.index("really") + len("really")),
    )
    assert normalize_mention(text, [(7, 10)]) == ()  # ': "' is only trim characters
    assert normalize_mention("`^x^`", [(0, 5)]) == ((2, 3),)  # backtick and caret too
    assert normalize_mention("$5 +", [(0, 4)]) == ((0, 4),)  # symbols (S*) are not trimmed


def test_relation_needs_content_dice_of_one_half() -> None:
    text = "Alpha beta gamma delta. Zeta said so."
    gold = {
        "three": GoldDocument(
            "three", text, [SpanAttribution(content=(at(text, "Alpha beta gamma"),))]
        ),
        "four": GoldDocument(
            "four", text, [SpanAttribution(content=(at(text, "Alpha beta gamma delta"),))]
        ),
    }
    pred = [SpanAttribution(content=(at(text, "beta"),))]
    result = score(gold, {"three": pred, "four": pred})
    # Dice 2*1/(1+3) = 0.5 matches; 2*1/(1+4) = 0.4 does not. Neither has a source.
    assert (result.relation.pred_correct, result.relation.pred) == (1, 2)


def test_quote_types() -> None:
    assert quote_type(GAMMA, [at(GAMMA, "\u201cWe are ready,\u201d")]) == "direct"
    assert quote_type(GAMMA, [at(GAMMA, "We are ready")]) == "direct"  # marks just outside
    assert quote_type(BETA, [at(BETA, 'that noise and "endless delays" plagued the site')]) == (
        "mixed"
    )
    assert quote_type(BETA, [at(BETA, "The plan is dead")]) == "indirect"
    assert quote_type(BETA, []) == "indirect"


def test_matching_is_maximum_and_one_to_one() -> None:
    # a greedy pass would give pred 0 gold 0 and leave pred 1 unmatched
    assert max_bipartite_matching(2, {0: [0, 1], 1: [0]}) == {0: 1, 1: 0}
    assert max_bipartite_matching(3, {0: [0], 1: [0], 2: []}) == {0: 0}


# -- scores ------------------------------------------------------------------------------------


def check(
    result: EvalResult, name: str, pred_correct: int, pred: int, gold_found: int, gold: int
) -> None:
    role, _, metric = name.partition(" ")
    v = getattr(result.role(role), metric) if metric else getattr(result, role)
    assert (v.pred_correct, v.pred, v.gold_found, v.gold) == (pred_correct, pred, gold_found, gold)
    p = Fraction(pred_correct, pred)
    r = Fraction(gold_found, gold)
    assert v.p == pytest.approx(p, rel=1e-12)
    assert v.r == pytest.approx(r, rel=1e-12)
    assert v.f1 == pytest.approx(2 * p * r / (p + r), rel=1e-12)


def test_hand_computed_scores(gold_dir: Path, pred_file: Path) -> None:
    result = score_files(gold_dir, pred_file)
    assert result.docs == 3
    assert result.docs_without_prediction_line == 1  # news_gamma
    assert result.gold_attributions_dropped_no_content == 1  # news_gamma E2
    # 6 gold attributions: alpha 2, beta 3, gamma 1; 6 predicted: alpha 2, beta 4.

    # source mentions. gold: The mayor, Officials | the council, one critic | the coach (5);
    # pred: The mayor, "Officials, however" | the council (3). Exact: The mayor, the council.
    check(result, "source exact", 2, 3, 2, 5)  # P 2/3 R 2/5 F1 1/2
    # "Officials, however" overlaps Officials, so 3/3 predicted are right and 3/5 gold found.
    check(result, "source overlap", 3, 3, 3, 5)
    # words. gold The mayor Officials | the council one critic | the coach = 9;
    # pred The mayor Officials however | the council = 6, of which 5 are gold.
    check(result, "source token", 5, 6, 5, 9)  # F1 2/3

    # cues. gold said, warned | admitted, was reported, wrote | told (6; "declined to
    # comment" belongs to the dropped attribution); all 5 predicted are exact.
    check(result, "cue exact", 5, 5, 5, 6)
    check(result, "cue overlap", 5, 5, 5, 6)
    check(result, "cue token", 6, 6, 6, 7)  # words: was + reported count twice

    # contents. Exact: the trimmed quote "the bridge will open in May" and the discontinuous
    # "Costs ... were too high"; the other 4 predicted contents are partial.
    check(result, "content exact", 2, 6, 2, 6)
    # every prediction overlaps a gold content; all gold but gamma's quote is overlapped.
    check(result, "content overlap", 6, 6, 5, 6)
    # gold words: 6 + 5 | 4 + 8 + 8 | 3 = 34; predicted 6 + 3 | 4 + 7 + 4 + 4 = 28, all gold.
    check(result, "content token", 28, 28, 28, 34)  # F1 28/31

    # relations: alpha both match (Dice 1 and 2*3/8 with overlapping sources); beta: the
    # discontinuous one (Dice 1), the source-less one (Dice 2*7/15, both without source);
    # "The plan is dead" and "It will never work" each reach Dice 2*4/12 with E3 but have no
    # source while E3 has one, so they match it only when the source is ignored, and then
    # only one of them can (one-to-one).
    check(result, "relation", 4, 6, 4, 6)
    check(result, "relation_content", 5, 6, 5, 6)

    by_type = {t: (v.found, v.gold) for t, v in result.relation_recall_by_gold_type.items()}
    # direct: alpha E1 (found), gamma E1 (not); mixed: beta E2 (found);
    # indirect: alpha E2, beta E1 (found), beta E3 (not).
    assert by_type == {"direct": (1, 2), "mixed": (1, 1), "indirect": (2, 3)}
    assert result.relation_recall_by_gold_type["indirect"].r == pytest.approx(2 / 3)

    assert any("news_delta" in w for w in result.warnings)
    assert any("1 gold document" in w for w in result.warnings)


@needs_reference
def test_scores_equal_reference_scorer(gold_dir: Path, pred_file: Path) -> None:
    assert score_files(gold_dir, pred_file).to_dict() == reference_json(gold_dir, pred_file)


@needs_reference
def test_random_predictions_equal_reference_scorer(gold_dir: Path, tmp_path: Path) -> None:
    """Jittered, dropped, duplicated and invented spans: every number equals the reference."""
    golds = [gold_dir]
    if POLNEAR_DEV.is_dir():
        golds.append(copy_dev_articles(tmp_path / "dev3"))
    for gold in golds:
        corpus = read_gold_dir(gold)
        for seed in range(3):
            rng = random.Random(seed)
            path = tmp_path / f"random{seed}.jsonl"
            lines = [
                {"doc": doc_id, "attributions": jitter(rng, doc.text, doc.attributions)}
                for doc_id, doc in corpus.documents.items()
            ]
            path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
            assert score_files(gold, path).to_dict() == reference_json(gold, path)


def jitter(rng: random.Random, text: str, gold: list[SpanAttribution]) -> list[dict]:
    n = len(text)
    out = []
    for a in gold:
        if rng.random() < 0.15:
            continue
        item = a.to_dict()
        for role, frags in item.items():
            roll = rng.random()
            if roll < 0.15:
                item[role] = []
            elif roll < 0.5:
                moved = []
                for s, e in frags:
                    s = min(max(0, s + rng.randint(-6, 6)), n)
                    moved.append([s, min(max(s, e + rng.randint(-6, 6)), n)])
                item[role] = moved
        out.append(item)
        if rng.random() < 0.1:
            out.append(json.loads(json.dumps(item)))
    for _ in range(rng.randint(0, 3)):
        s = rng.randrange(n + 1)
        out.append({"source": [], "cue": [], "content": [[s, min(n, s + rng.randint(0, 80))]]})
    rng.shuffle(out)
    return out


def copy_dev_articles(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name in DEV_ARTICLES:
        shutil.copy(POLNEAR_DEV / "text" / f"{name}.txt", root / "text")
        for ann in (POLNEAR_DEV / "attributions").glob(f"{name}_*.ann"):
            shutil.copy(ann, root / "attributions")
    return root


@needs_polnear
def test_dev_articles_gold_against_itself(tmp_path: Path) -> None:
    gold = copy_dev_articles(tmp_path / "dev3")
    dump = tmp_path / "gold.jsonl"
    run_reference("--gold-dir", gold, "--dump-gold", dump)

    corpus = read_gold_dir(gold)
    flynn = corpus.documents["politico_2016-09-08_flynn-says-trump-absolutely-righ"]
    assert len(flynn.other_ann_paths) == 5  # six annotators: the first file is used
    # our reading of the gold is the reference's, down to the dumped bytes
    ours = tmp_path / "ours.jsonl"
    write_predictions(ours, gold_as_predictions(corpus.documents))
    assert ours.read_bytes() == dump.read_bytes()

    result = score_files(gold, dump)
    assert result.to_dict() == reference_json(gold, dump)
    for role in ("source", "cue", "content"):
        for metric in ("exact", "overlap", "token"):
            assert getattr(result.role(role), metric).f1 == 1.0
    assert result.relation.f1 == 1.0 and result.relation_content.f1 == 1.0
    assert result.relation.gold > 30


def test_format_table(gold_dir: Path, pred_file: Path) -> None:
    table = format_table(score_files(gold_dir, pred_file))
    assert "3 documents (1 without predictions); 1 gold attribution dropped" in table
    assert "source exact       0.667  0.400  0.500" in table
    assert "relation_content   0.833  0.833  0.833" in table
    assert "direct 0.500 (1/2), mixed 1.000 (1/1), indirect 0.667 (2/3)" in table


# -- prediction files and running onrecord -----------------------------------------------------


def record_from(doc_id: str, text: str, gold: list[SpanAttribution]) -> Record:
    attributions = []
    for n, a in enumerate(gold):
        if not a.content:
            continue
        attributions.append(
            Attribution(
                id=f"a{n}",
                kind="indirect",
                content=[Span.of(text, s, e) for s, e in a.content],
                cue=Cue(Span.of(text, *a.cue[0]), "say") if a.cue else None,
                source=Span.of(text, *a.source[0]) if a.source else None,
            )
        )
    return Record(document=Document(id=doc_id, text=text), attributions=attributions)


def test_record_to_prediction(gold_dir: Path) -> None:
    beta = read_gold_dir(gold_dir).documents["news_beta"]
    line = record_to_prediction(record_from("news_beta", BETA, beta.attributions))
    assert line["doc"] == "news_beta"
    assert line["attributions"][0] == {
        "source": spans(BETA, "the council"),
        "cue": spans(BETA, "admitted"),
        "content": spans(BETA, "Costs", "were too high."),
    }
    assert line["attributions"][1]["source"] == []
    assert line["attributions"][2]["content"] == spans(
        BETA, "The plan is dead", "It will never work"
    )
    assert json.loads(json.dumps(line)) == line


def test_prediction_file_round_trip(gold_dir: Path, pred_file: Path, tmp_path: Path) -> None:
    corpus = read_gold_dir(gold_dir)
    preds = read_predictions(pred_file, gold=corpus.documents)
    assert set(preds) == {"news_alpha", "news_beta", "news_delta"}
    assert preds["news_beta"][0].content == (at(BETA, "Costs"), at(BETA, "were too high."))
    again = tmp_path / "again.jsonl"
    write_predictions(again, preds)
    assert read_predictions(again) == preds


def test_evaluate_brat_with_perfect_analyzer(gold_dir: Path, tmp_path: Path) -> None:
    corpus = read_gold_dir(gold_dir)
    calls: list[tuple[int, int, str]] = []

    def analyze(text: str, *, doc_id: str) -> Record:
        return record_from(doc_id, text, corpus.documents[doc_id].attributions)

    out = tmp_path / "pred.jsonl"
    result = evaluate_brat(
        gold_dir, analyze=analyze, pred_out=out, progress=lambda *a: calls.append(a)
    )
    assert calls == [(1, 3, "news_alpha"), (2, 3, "news_beta"), (3, 3, "news_gamma")]
    assert result.docs_without_prediction_line == 0
    assert result.relation.f1 == result.content.exact.f1 == result.source.token.f1 == 1.0
    assert [json.loads(x)["doc"] for x in out.read_text("utf-8").splitlines()] == [
        "news_alpha",
        "news_beta",
        "news_gamma",
    ]
    assert score_files(gold_dir, out).to_dict() == result.to_dict()

    limited = evaluate_brat(gold_dir, analyze=analyze, limit=1)
    assert limited.docs == 1 and limited.relation.gold == 2


def test_evaluate_brat_rejects_changed_text(gold_dir: Path) -> None:
    def analyze(text: str, *, doc_id: str) -> Record:
        return Record(document=Document(id=doc_id, text=text.strip() + " "))

    with pytest.raises(ValueError, match="news_alpha: analyze\\(\\) returned a record"):
        evaluate_brat(gold_dir, analyze=analyze)


# -- errors ------------------------------------------------------------------------------------


def test_missing_gold_folder(tmp_path: Path) -> None:
    with pytest.raises(BratFormatError, match="gold folder not found"):
        read_gold_dir(tmp_path / "nope")
    (tmp_path / "g" / "text").mkdir(parents=True)
    with pytest.raises(BratFormatError, match="no attributions/ folder"):
        read_gold_dir(tmp_path / "g")
    (tmp_path / "g" / "attributions").mkdir()
    with pytest.raises(BratFormatError, match=r"no \.txt files"):
        read_gold_dir(tmp_path / "g")
    (tmp_path / "g" / "text" / "a.txt").write_text("Hello.", "utf-8")
    with pytest.raises(BratFormatError, match=r"no \.ann file matches any of the 1 texts"):
        read_gold_dir(tmp_path / "g")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("T9\tSource 3 x\tfoo", r"news_gamma_ann1\.ann:11: malformed text-bound annotation"),
        ("E9\tSource T1 Cue:T2", r"news_gamma_ann1\.ann:11: malformed event argument 'Source'"),
        ("E9\tSource:T1 Content:T99", r"news_gamma_ann1\.ann:11: argument Content:T99 refers"),
    ],
)
def test_malformed_ann_line(gold_dir: Path, line: str, message: str) -> None:
    ann = gold_dir / "attributions" / "news_gamma_ann1.ann"
    ann.write_text(ann.read_text("utf-8") + line + "\n", "utf-8")
    with pytest.raises(BratFormatError, match=message):
        read_gold_dir(gold_dir)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"pred\.jsonl:2: not JSON"),
        ('{"attributions": []}', r'pred\.jsonl:2: want an object with a "doc" string'),
        ('{"doc": "news_beta", "attributions": [{"content": [[1, 2, 3]]}]}', "bad content span"),
        ('{"doc": "news_beta", "attributions": [{"cue": [[5, 2]]}]}', "start <= end"),
        ('{"doc": "news_beta", "attributions": [{"content": [[0, 999]]}]}', "out of range"),
    ],
)
def test_malformed_prediction_line(gold_dir: Path, tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text('{"doc": "news_alpha", "attributions": []}\n' + line + "\n", "utf-8")
    with pytest.raises(PredictionFormatError, match=message):
        score_files(gold_dir, path)


def test_speech_only_view_keeps_speech_cues_and_uncued_predictions():
    from onrecord.evaluation.brat import GoldDocument
    from onrecord.evaluation.spans import SpanAttribution
    from onrecord.evaluation.speech import is_speech_cue, speech_only

    assert is_speech_cue("has said") and is_speech_cue("According to") and is_speech_cue(":")
    assert not is_speech_cue("believes") and not is_speech_cue("wants")
    text = "Putin said war ends. Scholz believes peace comes."
    said = SpanAttribution(source=((0, 5),), cue=((6, 10),), content=((11, 19),))
    believes = SpanAttribution(source=((21, 27),), cue=((28, 36),), content=((37, 48),))
    quote = SpanAttribution(content=((11, 19),))
    gold = {"d": GoldDocument("d", text, [said, believes])}
    kept_gold, kept_pred = speech_only(gold, {"d": [said, believes, quote]})
    assert kept_gold["d"].attributions == [said]
    assert kept_pred["d"] == [said, quote]


def test_cli_scores_a_prediction_file_whole_and_speech_only(
    gold_dir: Path, pred_file: Path
) -> None:
    from click.testing import CliRunner

    from onrecord.cli.commands import main
    from onrecord.evaluation import score_files

    runner = CliRunner()
    whole = runner.invoke(main, ["eval", "brat", str(gold_dir), "--pred", str(pred_file), "--json"])
    speech = runner.invoke(
        main,
        ["eval", "brat", str(gold_dir), "--pred", str(pred_file), "--json", "--speech-only"],
    )
    assert whole.exit_code == 0 and speech.exit_code == 0, whole.output + speech.output
    assert json.loads(whole.stdout) == score_files(gold_dir, pred_file).report()
    assert json.loads(speech.stdout) == score_files(gold_dir, pred_file, speech=True).report()
    refused = runner.invoke(
        main, ["eval", "brat", str(gold_dir), "--speech-only", "--limit", "1", "--no-progress"]
    )
    assert refused.exit_code == 2
    assert "--speech-only cannot be combined with --limit" in refused.output
