"""``onrecord eval events``: read coded sentences, run the coder, score it and the coders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.evaluation.coded_events import CodedSentence, read_coded
from onrecord.evaluation.events import EventScores, Prediction, coder_scores, predict, render, score

__all__ = ["EventReport", "evaluate_events"]


@dataclass
class EventReport:
    sentences: list[CodedSentence]
    predictions: list[Prediction]
    ours: EventScores
    coders: EventScores | None
    coder_agreement: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "onrecord": self.ours.to_dict(),
            "coders": self.coders.to_dict() if self.coders else None,
            "coder_pairwise_agreement": (
                round(self.coder_agreement, 4) if self.coder_agreement is not None else None
            ),
        }

    def render(self) -> str:
        return render(self.ours, self.coders, self.coder_agreement)


def evaluate_events(path: str | Path, rounds: set[int] | None = None) -> EventReport:
    """Score the event coder on the coded sentences at ``path`` (see ``coded_events``)."""
    sentences = read_coded(path, rounds)
    if not sentences:
        raise ValueError("no coded sentences" + (f" in rounds {sorted(rounds)}" if rounds else ""))
    predictions = predict(sentences)
    coders, agreement = coder_scores(sentences)
    return EventReport(sentences, predictions, score(sentences, predictions), coders, agreement)
