"""Scoring a comparison against a gold set: claim alignment, claim status, story grouping.

Gold layout (``onrecord eval compare GOLD``): ``GOLD/texts/*.txt`` and ``GOLD/gold.json`` =
``{"published", "stories": [{"id", "documents"}], "claims": [{"id", "status", "statements":
{document id: substring}}]}``. A gold statement is the attribution of that document whose
content holds the substring (the shortest such, so a carried statement is preferred to its
carrier). Scores:

* pairwise alignment P/R/F1: pairs of gold-named statements from two documents, counted as
  predicted when one predicted claim holds both and as gold when one gold claim does;
  statements gold does not name are not scored, a gold statement not found is a miss;
* status accuracy: a gold claim is right when the predicted claim holding most of its
  statements has its status (and, for ``conflicting``, the predicted claim holds them all);
* story B-cubed F1 over documents.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from onrecord.compare.model import Comparison
from onrecord.model import Record


class GoldError(ValueError):
    """The gold folder is not in the expected layout."""


@dataclass(slots=True)
class CompareScores:
    pairs_gold: int = 0
    pairs_predicted: int = 0
    pairs_correct: int = 0
    claims: int = 0
    status_correct: int = 0
    statuses: Counter[str] = field(default_factory=Counter)  # "gold->predicted"
    bcubed_precision: float = 0.0
    bcubed_recall: float = 0.0
    missing: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.pairs_correct / self.pairs_predicted if self.pairs_predicted else 0.0

    @property
    def recall(self) -> float:
        return self.pairs_correct / self.pairs_gold if self.pairs_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def status_accuracy(self) -> float:
        return self.status_correct / self.claims if self.claims else 0.0

    @property
    def bcubed_f1(self) -> float:
        p, r = self.bcubed_precision, self.bcubed_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": {
                "gold": self.pairs_gold,
                "predicted": self.pairs_predicted,
                "correct": self.pairs_correct,
                "precision": round(self.precision, 4),
                "recall": round(self.recall, 4),
                "f1": round(self.f1, 4),
            },
            "status": {
                "claims": self.claims,
                "correct": self.status_correct,
                "accuracy": round(self.status_accuracy, 4),
                "confusion": dict(sorted(self.statuses.items())),
            },
            "stories": {
                "bcubed_precision": round(self.bcubed_precision, 4),
                "bcubed_recall": round(self.bcubed_recall, 4),
                "bcubed_f1": round(self.bcubed_f1, 4),
            },
            "missing_statements": self.missing,
        }

    def render(self) -> str:
        lines = [
            f"claim pairs    P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"({self.pairs_correct} of {self.pairs_predicted} predicted, {self.pairs_gold} gold)",
            f"claim status   accuracy {self.status_accuracy:.3f}  "
            f"({self.status_correct} of {self.claims} gold claims)",
            f"stories        B-cubed P {self.bcubed_precision:.3f}  R {self.bcubed_recall:.3f}  "
            f"F1 {self.bcubed_f1:.3f}",
        ]
        confusion = ", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items()) if "->" in k)
        if confusion:
            lines.append(f"status (gold->predicted)  {confusion}")
        for miss in self.missing:
            lines.append(f"not found: {miss}")
        return "\n".join(lines)


def read_gold(folder: Path) -> tuple[dict[str, Any], list[Path]]:
    gold_file, texts = folder / "gold.json", folder / "texts"
    if not gold_file.is_file() or not texts.is_dir():
        raise GoldError(f"{folder}: expected gold.json and a texts/ folder")
    try:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for story in gold["stories"]:
            story["id"], list(story["documents"])
        for claim in gold["claims"]:
            claim["id"], claim["status"], dict(claim["statements"])
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise GoldError(f"{gold_file}: not a compare gold file ({exc})") from exc
    files = sorted(texts.glob("*.txt"))
    if not files:
        raise GoldError(f"{texts} holds no .txt files")
    return gold, files


def _locate(record: Record, substring: str) -> str | None:
    """The id of the shortest attribution whose content holds ``substring``."""
    found = [
        (sum(len(s.text) for s in a.content), a.id)
        for a in record.attributions
        if substring in " ".join(s.text for s in a.content)
    ]
    return min(found)[1] if found else None


def _bcubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    docs = sorted(gold)
    if not docs:
        return 0.0, 0.0
    precision = recall = 0.0
    for doc in docs:
        same_pred = {d for d in docs if predicted.get(d) == predicted.get(doc)}
        same_gold = {d for d in docs if gold[d] == gold[doc]}
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    return precision / len(docs), recall / len(docs)


def score(gold: dict[str, Any], records: list[Record], comparison: Comparison) -> CompareScores:
    by_id = {r.document.id: r for r in records}
    claim_of = {(s.document, s.attribution): c for c in comparison.claims for s in c.statements}
    scores = CompareScores()
    located: dict[str, list[tuple[str, str | None]]] = {}
    for claim in gold["claims"]:
        items = []
        for doc, substring in claim["statements"].items():
            attribution = _locate(by_id[doc], substring) if doc in by_id else None
            if attribution is None:
                scores.missing.append(f"{claim['id']} {doc}: {substring!r}")
            items.append((doc, attribution))
        located[claim["id"]] = items
    gold_claim_of = {
        (doc, a): cid for cid, items in located.items() for doc, a in items if a is not None
    }
    for items in located.values():
        scores.pairs_gold += sum(1 for x, y in combinations(items, 2) if x[0] != y[0])
    named = sorted(gold_claim_of)
    for x, y in combinations(named, 2):
        if x[0] == y[0]:
            continue
        if claim_of.get(x) is not None and claim_of.get(x) is claim_of.get(y):
            scores.pairs_predicted += 1
            if gold_claim_of[x] == gold_claim_of[y]:
                scores.pairs_correct += 1
    for claim in gold["claims"]:
        found = [
            claim_of[(d, a)]
            for d, a in located[claim["id"]]
            if a is not None and (d, a) in claim_of
        ]
        scores.claims += 1
        if not found:
            scores.statuses[f"{claim['status']}->missing"] += 1
            continue
        ids = Counter(id(c) for c in found)
        top = next(c for c in found if id(c) == ids.most_common(1)[0][0])
        predicted = top.status
        if claim["status"] == "conflicting" and (
            len(ids) > 1 or len(found) < len(claim["statements"])
        ):
            predicted = f"{predicted}(split)"
        scores.statuses[f"{claim['status']}->{predicted}"] += 1
        if predicted == claim["status"]:
            scores.status_correct += 1
    gold_story = {d: s["id"] for s in gold["stories"] for d in s["documents"]}
    predicted_story = {d: s.id for s in comparison.stories for d in s.documents}
    scores.bcubed_precision, scores.bcubed_recall = _bcubed(gold_story, predicted_story)
    return scores


def evaluate_compare(folder: Path) -> CompareScores:
    """Analyse the gold texts, compare them, and score the comparison."""
    from onrecord.compare import compare
    from onrecord.pipeline import analyze_many
    from onrecord.text.input import read_text_file

    gold, files = read_gold(folder)
    items = [(read_text_file(f), {"id": f.stem, "published": gold.get("published")}) for f in files]
    records = list(analyze_many(items))
    return score(gold, records, compare(records))
