"""Score the event coder on coded sentences (``onrecord eval events``).

Each sentence is analysed on its own. Its predicted main event: of the events in the first
sentence (of the parse) that has one, the one whose trigger is highest in the dependency
tree (the first in the text among equals). Figures, over the gold of
:mod:`onrecord.evaluation.coded_events`:

* main-event type accuracy: on sentences whose gold has an event, the main event's type is
  the gold type (no event predicted is wrong);
* any-match accuracy: some predicted event has the gold type;
* macro-F1: unweighted mean over the gold types of per-type F1 of the main event's type
  (sentences whose gold is no event count as false positives of what was predicted);
* false-event rate: share of the sentences gold says have no event where any is coded;
* coverage: share of the sentences with a gold event where any is coded;
* actor / recipient country P/R: the countries of the main event's actors (recipients)
  against the gold source (target) countries, micro-averaged over the sentences with a gold
  event, with the counts; and the same over only the sentences whose main event has the gold
  type ("where the type is right"), which tells the actors apart from the event decision;
* a confusion table of gold type by main predicted type (``-`` is no event).

The coders are scored the same way, each against the majority of the *other* coders of the
sentence (where there is at least one other): the bar to compare onrecord's figures with.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from onrecord.evaluation.coded_events import CodedSentence, Coding, derive_gold
from onrecord.events.shared import parse_depth

__all__ = ["EventScores", "Prediction", "coder_scores", "predict", "score"]

NONE = "-"


@dataclass
class Prediction:
    main: str | None = None
    mode: str | None = None
    types: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)


def main_event(record: Any, doc: Any) -> Any:
    """The main event of a record (see the module docstring), or None."""
    placed = []
    for event in record.events:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None:
            continue
        depth = min(parse_depth(t) for t in span)
        placed.append((span.sent.start, depth, event.trigger.start, event))
    if not placed:
        return record.events[0] if record.events else None
    first_sentence = min(p[0] for p in placed)
    return min((p for p in placed if p[0] == first_sentence), key=lambda p: p[1:3])[3]


def predict(sentences: list[CodedSentence], *, batch_size: int = 32) -> list[Prediction]:
    """Run the pipeline over the sentences, one document each."""
    from onrecord.pipeline import extensions, load

    nlp = load()
    docs = (
        extensions.set_metadata(nlp.make_doc(s.text), {"id": str(i)})
        for i, s in enumerate(sentences)
    )
    out = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        record = doc._.onrecord
        prediction = Prediction(types={e.type for e in record.events})
        event = main_event(record, doc)
        if event is not None:
            entities = {e.id: e for e in record.entities}
            prediction.main, prediction.mode = event.type, event.mode
            prediction.actors = {c for a in event.actors if (c := entities[a].country)}
            prediction.recipients = {c for r in event.recipients if (c := entities[r].country)}
        out.append(prediction)
    return out


@dataclass
class EventScores:
    sentences: int
    with_event: int
    main_accuracy: float
    any_accuracy: float
    macro_f1: float
    false_event_rate: float
    coverage: float
    per_type: dict[str, dict[str, float]]
    countries: dict[str, dict[str, float]]
    confusion: dict[str, Counter]
    countries_typed: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "with_event": self.with_event,
            "main_type_accuracy": round(self.main_accuracy, 4),
            "any_match_accuracy": round(self.any_accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "false_event_rate": round(self.false_event_rate, 4),
            "coverage": round(self.coverage, 4),
            "per_type": {t: _rounded(s) for t, s in self.per_type.items()},
            "countries": {side: _rounded(s) for side, s in self.countries.items()},
            "countries_where_type_right": {
                side: _rounded(s) for side, s in self.countries_typed.items()
            },
            "confusion": {g: dict(sorted(row.items())) for g, row in self.confusion.items()},
        }

    def headline(self) -> list[str]:
        a, r = self.countries["actor"], self.countries["recipient"]
        return [
            f"main-event type accuracy: {self.main_accuracy:.3f}  "
            f"(any event matches: {self.any_accuracy:.3f})",
            f"macro-F1 over types: {self.macro_f1:.3f}",
            f"false-event rate: {self.false_event_rate:.3f} of "
            f"{self.sentences - self.with_event} sentences with no gold event",
            f"coverage: {self.coverage:.3f} of {self.with_event} sentences with a gold event",
            _country_line("actor", a),
            _country_line("recipient", r),
            *(
                _country_line(f"{side} country where the type is right:", scores, bare=True)
                for side, scores in self.countries_typed.items()
            ),
        ]


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}


def _country_line(side: str, s: dict[str, float], *, bare: bool = False) -> str:
    label = side if bare else f"{side} country:"
    return (
        f"{label} P {s['precision']:.3f}  R {s['recall']:.3f}  "
        f"({int(s['correct'])} right of {int(s['predicted'])} predicted, {int(s['gold'])} gold)"
    )


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _countries(pairs: list[tuple[set[str], set[str]]]) -> dict[str, float]:
    correct = sum(len(p & g) for p, g in pairs)
    predicted = sum(len(p) for p, _ in pairs)
    gold = sum(len(g) for _, g in pairs)
    return {
        "precision": correct / predicted if predicted else 0.0,
        "recall": correct / gold if gold else 0.0,
        "correct": correct,
        "predicted": predicted,
        "gold": gold,
    }


def score(golds: list[CodedSentence], predictions: list[Prediction]) -> EventScores:
    """The figures of the module docstring for predictions aligned with ``golds``."""
    pairs = list(zip(golds, predictions, strict=True))
    evented = [(g, p) for g, p in pairs if g.gold_type is not None]
    empty = [(g, p) for g, p in pairs if g.gold_type is None]
    typed = [(g, p) for g, p in evented if p.main == g.gold_type]
    gold_counts = Counter(g.gold_type for g, _ in evented)
    predicted_counts = Counter(p.main for _, p in pairs if p.main)
    hits = Counter(g.gold_type for g, p in evented if p.main == g.gold_type)
    per_type = {}
    for type_ in sorted(gold_counts):
        precision = hits[type_] / predicted_counts[type_] if predicted_counts[type_] else 0.0
        recall = hits[type_] / gold_counts[type_]
        per_type[type_] = {
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "support": gold_counts[type_],
        }
    confusion: dict[str, Counter] = {}
    for g, p in pairs:
        confusion.setdefault(g.gold_type or NONE, Counter())[p.main or NONE] += 1
    n = len(evented)
    return EventScores(
        sentences=len(pairs),
        with_event=n,
        main_accuracy=sum(p.main == g.gold_type for g, p in evented) / n if n else 0.0,
        any_accuracy=sum(g.gold_type in p.types for g, p in evented) / n if n else 0.0,
        macro_f1=sum(s["f1"] for s in per_type.values()) / len(per_type) if per_type else 0.0,
        false_event_rate=sum(bool(p.types) for _, p in empty) / len(empty) if empty else 0.0,
        coverage=sum(bool(p.types) for _, p in evented) / n if n else 0.0,
        per_type=per_type,
        countries={
            "actor": _countries([(p.actors, g.gold_sources) for g, p in evented]),
            "recipient": _countries([(p.recipients, g.gold_targets) for g, p in evented]),
        },
        confusion=confusion,
        countries_typed={
            "actor": _countries([(p.actors, g.gold_sources) for g, p in typed]),
            "recipient": _countries([(p.recipients, g.gold_targets) for g, p in typed]),
        },
    )


def _as_prediction(coding: Coding) -> Prediction:
    return Prediction(
        main=coding.type,
        types=set(coding.named) if coding.type else set(),
        actors=set(coding.sources),
        recipients=set(coding.targets),
    )


def coder_scores(sentences: list[CodedSentence]) -> tuple[EventScores | None, float | None]:
    """Each coder against the majority of the others, pooled; and the pairwise agreement of
    coders on the event type (``None`` included). (None, None) without several coders."""
    golds: list[CodedSentence] = []
    predictions: list[Prediction] = []
    agree = pairs = 0
    for sentence in sentences:
        codings = sentence.codings
        for i, coding in enumerate(codings):
            others = codings[:i] + codings[i + 1 :]
            if not others:
                continue
            gold = CodedSentence(sentence.id, sentence.text, sentence.round, others)
            derive_gold(gold)
            golds.append(gold)
            predictions.append(_as_prediction(coding))
            agree += sum(coding.type == other.type for other in codings[i + 1 :])
            pairs += len(codings) - i - 1
    if not golds:
        return None, None
    return score(golds, predictions), agree / pairs if pairs else None


def render(ours: EventScores, coders: EventScores | None, agreement: float | None) -> str:
    lines = [f"coded sentences: {ours.sentences} ({ours.with_event} with a gold event)", ""]
    lines += ["onrecord against the majority of the coders:"]
    lines += [f"  {line}" for line in ours.headline()]
    if coders is not None:
        lines += ["", "the coders, each against the majority of the others:"]
        lines += [f"  {line}" for line in coders.headline()]
        if agreement is not None:
            lines.append(
                f"  pairwise agreement on the event type (no event included): {agreement:.3f}"
            )
    lines += ["", f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}"]
    for type_, s in ours.per_type.items():
        lines.append(
            f"{type_:<10} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} "
            f"{int(s['support']):>5}"
        )
    columns = sorted({c for row in ours.confusion.values() for c in row} | set(ours.confusion))
    short = {c: c[:5] for c in columns}
    lines += ["", "confusion (rows gold, columns main predicted event; - is none):"]
    lines.append(f"{'':<10}" + "".join(f"{short[c]:>6}" for c in columns))
    for gold in columns:
        row = ours.confusion.get(gold)
        if row is None:
            continue
        lines.append(f"{gold:<10}" + "".join(f"{row.get(c, 0) or '.':>6}" for c in columns))
    return "\n".join(lines)
