"""Score the event coder against PLOVER gold examples (``PLOVER_GSR_CAMEO.json``).

The gold file holds single-sentence examples coded in PLOVER v0.5b1: ``text``, ``event``,
``mode``, and ``source`` / ``target`` lists of actors with a country ``code`` and a
``sector``. Each sentence is run through :func:`onrecord.analyze` on its own and compared with
its gold event:

* Old names are mapped to the current ontology: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE
  (mode disapprove), INVESTIGATE -> ACCUSE (mode investigate), FIGHT -> ASSAULT. The
  DOCUMENT pseudo-event (file documentation) is skipped.
* The predicted event of a sentence is its main one: the event whose trigger stands highest
  in the sentence's dependency tree (the first in the text among equals), since the gold
  codes the event the sentence reports, not those of its subordinate clauses. A sentence the
  gold codes twice, once per event, is scored twice against the same prediction. A sentence
  with no event is a miss. (Finding the main event needs the parse, which the record does
  not keep: the scorer parses each sentence a second time; the product never does.)
* Event-type accuracy: share of examples whose predicted type equals the gold type.
  Macro-F1: the unweighted mean over the gold types of per-type F1, where a prediction of
  type T is a true positive for T when the gold is T and a false positive otherwise.
* Country codes: the ISO 3166 alpha-3 codes of the predicted event's actors and recipients
  against those of the gold source and target actors, as sets per example, micro-averaged
  (precision over predicted codes, recall over gold codes); likewise for source actors only.
  Gold codes that are not countries (IGO, NGO, IMG, ...) are left out, and the gold's few
  non-ISO country codes are normalised (JAP -> JPN, ITL -> ITA, VTN -> VNM).

Use the 322 examples as development data: they are what the lexicon was tuned on, so these
figures describe fit, not performance on unseen text.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from onrecord.events.shared import parse_depth as _depth

__all__ = ["PloverExample", "PloverResult", "evaluate_plover", "gold_examples"]

TYPE_MAP = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


@dataclass
class PloverExample:
    """One gold example and what the coder made of it."""

    id: str
    text: str
    gold_type: str
    gold_mode: str | None
    gold_source: set[str]
    gold_target: set[str]
    predicted_type: str | None = None
    predicted_mode: str | None = None
    predicted_source: set[str] = field(default_factory=set)
    predicted_target: set[str] = field(default_factory=set)
    events: int = 0

    @property
    def correct(self) -> bool:
        return self.predicted_type == self.gold_type

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "gold": {
                "type": self.gold_type,
                "mode": self.gold_mode,
                "source": sorted(self.gold_source),
                "target": sorted(self.gold_target),
            },
            "predicted": {
                "type": self.predicted_type,
                "mode": self.predicted_mode,
                "source": sorted(self.predicted_source),
                "target": sorted(self.predicted_target),
            },
            "events": self.events,
        }


@dataclass
class PloverResult:
    """Scores of one evaluation run; ``str()`` renders them as a small text report."""

    examples: list[PloverExample]
    accuracy: float
    macro_f1: float
    per_type: dict[str, dict[str, float]]
    country_precision: float
    country_recall: float
    source_country_precision: float
    source_country_recall: float
    no_event: int

    def to_dict(self, *, examples: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "examples": len(self.examples),
            "type_accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "country_precision": round(self.country_precision, 4),
            "country_recall": round(self.country_recall, 4),
            "source_country_precision": round(self.source_country_precision, 4),
            "source_country_recall": round(self.source_country_recall, 4),
            "no_event": self.no_event,
            "per_type": {
                t: {k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}
                for t, scores in self.per_type.items()
            },
        }
        if examples:
            data["items"] = [e.to_dict() for e in self.examples]
        return data

    def render(self) -> str:
        lines = [
            f"PLOVER examples: {len(self.examples)} (no event coded: {self.no_event})",
            f"event type accuracy: {self.accuracy:.3f}",
            f"macro-F1 over types: {self.macro_f1:.3f}",
            f"actor country codes: P {self.country_precision:.3f}  R {self.country_recall:.3f}",
            f"source country codes: P {self.source_country_precision:.3f}  "
            f"R {self.source_country_recall:.3f}",
            "",
            f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}",
        ]
        for type_, scores in self.per_type.items():
            lines.append(
                f"{type_:<10} {scores['precision']:>6.3f} {scores['recall']:>6.3f} "
                f"{scores['f1']:>6.3f} {int(scores['support']):>5}"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


def _country_codes(actors: Any) -> set[str]:
    codes: set[str] = set()
    if not isinstance(actors, list):
        return codes
    for actor in actors:
        code = CODE_FIXES.get(str(actor.get("code", "")), str(actor.get("code", "")))
        if pycountry.countries.get(alpha_3=code) is not None:
            codes.add(code)
    return codes


def gold_examples(path: str | Path) -> list[PloverExample]:
    """The scorable examples of a PLOVER gold file, with old event names mapped."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    examples = []
    for item in data:
        event = item.get("event")
        if event == "DOCUMENT" or not item.get("text"):
            continue
        gold_type, gold_mode = TYPE_MAP.get(event, (event, None))
        mode = item.get("mode") or None
        examples.append(
            PloverExample(
                id=item["id"],
                text=" ".join(item["text"].split()).strip("{} "),
                gold_type=gold_type,
                gold_mode=gold_mode or mode,
                gold_source=_country_codes(item.get("source")),
                gold_target=_country_codes(item.get("target")),
            )
        )
    return examples


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_plover(path: str | Path) -> PloverResult:
    """Run the event coder on every gold sentence of ``path`` and score it."""
    from onrecord.pipeline import extensions, load

    examples = gold_examples(path)
    cache: dict[str, Any] = {}
    nlp = load()
    for example in examples:
        if example.text not in cache:
            doc = nlp.make_doc(example.text)
            cache[example.text] = nlp(extensions.set_metadata(doc, {"id": example.id}))
        doc = cache[example.text]
        record = doc._.onrecord
        example.events = len(record.events)
        if not record.events:
            continue
        event = _main_event(record, doc) if len(record.events) > 1 else None
        event = event or record.events[0]
        entities = {e.id: e for e in record.entities}
        example.predicted_type = event.type
        example.predicted_mode = event.mode
        example.predicted_source = {
            c for a in event.actors if (c := entities[a].country) and len(c) == 3
        }
        example.predicted_target = {
            c for r in event.recipients if (c := entities[r].country) and len(c) == 3
        }
    return _score(examples)


def _main_event(record: Any, doc: Any) -> Any:
    """The event whose trigger is closest to the root of the parse (first among equals)."""
    best = None
    best_depth = 0
    for event in record.events:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None:
            continue
        depth = min(_depth(token) for token in span)
        if best is None or depth < best_depth:
            best, best_depth = event, depth
    return best


def _score(examples: list[PloverExample]) -> PloverResult:
    total = len(examples)
    correct = sum(e.correct for e in examples)
    gold_counts = Counter(e.gold_type for e in examples)
    predicted_counts = Counter(e.predicted_type for e in examples if e.predicted_type)
    hits = Counter(e.gold_type for e in examples if e.correct)
    per_type: dict[str, dict[str, float]] = {}
    for type_ in sorted(gold_counts):
        p = hits[type_] / predicted_counts[type_] if predicted_counts[type_] else 0.0
        r = hits[type_] / gold_counts[type_]
        per_type[type_] = {
            "precision": p,
            "recall": r,
            "f1": _f1(p, r),
            "support": gold_counts[type_],
        }
    macro = sum(s["f1"] for s in per_type.values()) / len(per_type) if per_type else 0.0

    def micro(pairs: list[tuple[set[str], set[str]]]) -> tuple[float, float]:
        tp = sum(len(p & g) for p, g in pairs)
        predicted = sum(len(p) for p, _ in pairs)
        gold = sum(len(g) for _, g in pairs)
        return (tp / predicted if predicted else 0.0, tp / gold if gold else 0.0)

    all_p, all_r = micro(
        [(e.predicted_source | e.predicted_target, e.gold_source | e.gold_target) for e in examples]
    )
    src_p, src_r = micro([(e.predicted_source, e.gold_source) for e in examples])
    return PloverResult(
        examples=examples,
        accuracy=correct / total if total else 0.0,
        macro_f1=macro,
        per_type=per_type,
        country_precision=all_p,
        country_recall=all_r,
        source_country_precision=src_p,
        source_country_recall=src_r,
        no_event=sum(1 for e in examples if e.events == 0),
    )
