"""Train the cue model (src/onrecord/data/cue_model.json) on PolNeAR's train split.

    .venv/bin/python scripts/train_cue_model.py [--polnear ../shared/data/polnear]

Reproducible: fixed seed, fixed epochs, sorted inputs; about 10 minutes on 2 CPU cores (most
of it spaCy parsing the 840 train articles). Thresholds are chosen on the dev split (84
articles), never on test. Only train and dev are read.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from onrecord.attribution.accounts import _quote_mask
from onrecord.attribution.cue_model import MODEL_FILE, features, rule_decision
from onrecord.attribution.finder import AttributionFinder
from onrecord.evaluation import read_gold_dir
from onrecord.pipeline import load
from onrecord.pipeline.components import STAGES
from onrecord.text.quotes import find_quotations

WORD = re.compile(r"\w+")
ROOT = Path(__file__).resolve().parents[1]


def word_starts(text: str, spans) -> set[int]:
    return {s + m.start() for s, e in spans for m in WORD.finditer(text[s:e])}


def dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def examples(split_dir: Path, limit: int | None = None):
    """(doc id, features, label) for every candidate, and the gold count per document."""
    corpus = read_gold_dir(split_dir)
    ids = sorted(corpus.documents)[:limit]
    pipeline = load()
    texts = [corpus.documents[i].text for i in ids]
    rows, gold_total = [], 0
    parse_only = pipeline.select_pipes(disable=[*STAGES, "onrecord"])
    for doc_id, doc in zip(ids, pipeline.pipe(texts, batch_size=16), strict=True):
        text = doc.text
        quotations = find_quotations(text)
        mask = _quote_mask(text, quotations)
        gold = corpus.documents[doc_id].attributions
        gold_total += len(gold)
        gold_words = [(word_starts(text, g.content), g.cue) for g in gold]
        for cand in AttributionFinder(doc, quotations, text).find(open_vocabulary=True):
            cw = word_starts(text, cand.content)
            label = 0
            for gw, gcue in gold_words:
                cue_ok = not gcue or any(s < cand.cue_end and cand.cue_start < e for s, e in gcue)
                if cue_ok and dice(cw, gw) >= 0.5:
                    label = 1
                    break
            is_open = bool(cand.extra.get("open"))
            topic = is_open and cand.extra.get("rule") == "dobj"
            decided = rule_decision(cand, "all")
            rows.append((doc_id, features(cand, text, mask), label, topic, decided, is_open))
    parse_only.restore()
    return rows, gold_total


def train(rows, epochs: int = 12, l2: float = 1e-5, rate: float = 0.2, seed: int = 13):
    weights: dict[str, float] = defaultdict(float)
    grad_sq: dict[str, float] = defaultdict(lambda: 1e-8)
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            _, feats, label, _, _, _ = rows[i]
            z = sum(weights[f] for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - label
            for f in feats:
                grad = g + l2 * weights[f]
                grad_sq[f] += grad * grad
                weights[f] -= rate * grad / math.sqrt(grad_sq[f])
    return {f: round(w, 3) for f, w in weights.items() if abs(w) >= 0.01}


def prob(weights, feats):
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _f1(kept: list[int], gold_total: int) -> float:
    tp = sum(kept)
    if not tp:
        return 0.0
    precision, recall = tp / len(kept), tp / gold_total
    return 2 * precision * recall / (precision + recall)


def choose_thresholds(weights, rows, gold_total):
    """Thresholds maximising candidate-level F1 on dev (a proxy for relation F1): lexicon and
    open-vocabulary thresholds in scope "speech" (topic candidates left out), then the topic
    threshold in scope "all" with those two fixed."""
    scored = [
        (2.0 if decided else -1.0 if decided is False else prob(weights, f), y, topic, is_open)
        for _, f, y, topic, decided, is_open in rows
    ]
    grid = [x / 20 for x in range(2, 19)]
    best = (0.0, 0.5, 0.5)
    for t_lex in grid:
        for t_open in grid:
            kept = [y for p, y, t, o in scored if not t and p >= (t_open if o else t_lex)]
            f1 = _f1(kept, gold_total)
            if f1 > best[0]:
                best = (f1, t_lex, t_open)
    f1, t_lex, t_open = best
    best_topic = (0.0, 0.5)
    for t_topic in grid:
        kept = [y for p, y, t, o in scored if p >= (t_topic if t else t_open if o else t_lex)]
        f1_all = _f1(kept, gold_total)
        if f1_all > best_topic[0]:
            best_topic = (f1_all, t_topic)
    return f1, t_lex, t_open, best_topic[0], best_topic[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared/data/polnear")
    parser.add_argument("--out", type=Path, default=ROOT / "src/onrecord/data" / MODEL_FILE)
    parser.add_argument("--limit", type=int, help="only the first N train articles")
    args = parser.parse_args()
    started = time.perf_counter()
    train_rows, _ = examples(args.polnear / "train", args.limit)
    print(
        f"train candidates: {len(train_rows)}, positive: {sum(r[2] for r in train_rows)}",
        file=sys.stderr,
    )
    counts: dict[str, int] = defaultdict(int)
    for _, feats, *_ in train_rows:
        for f in feats:
            counts[f] += 1
    weights = train(train_rows)
    # Features seen once carry noise, not knowledge: leave them out of the shipped model.
    weights = {f: w for f, w in weights.items() if counts[f] >= 2 or f == "bias"}
    dev_rows, dev_gold = examples(args.polnear / "dev")
    f1, t_lex, t_open, f1_all, t_topic = choose_thresholds(weights, dev_rows, dev_gold)
    print(
        f"dev candidate-level F1 {f1:.3f} (speech) at thresholds lexicon {t_lex}, open "
        f"{t_open}; {f1_all:.3f} (all) with topic threshold {t_topic}",
        file=sys.stderr,
    )
    model = {
        "description": "onrecord cue model: logistic regression over candidate features, "
        "trained on PolNeAR train by scripts/train_cue_model.py; thresholds chosen on dev.",
        "threshold_lexicon": t_lex,
        "threshold_open": t_open,
        "threshold_topic": t_topic,
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(model, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(
        f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(weights)} weights) "
        f"in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
