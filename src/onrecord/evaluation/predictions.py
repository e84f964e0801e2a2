"""The prediction file: JSON Lines, one line per article, as the PolNeAR reference scorer reads.

Each line is::

    {"doc": "<text file name without .txt>",
     "attributions": [{"source": [[s, e]] or [], "cue": [[s, e]] or [],
                       "content": [[s, e], ...]}, ...]}

with character offsets (Python ``str`` indices) into the article text read as UTF-8.
Several lines for the same document are concatenated; ``"doc"`` may end in ``.txt``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from onrecord.evaluation.brat import GoldDocument
from onrecord.evaluation.metrics import normalize_mention
from onrecord.evaluation.spans import ROLES, EvalInputError, Fragment, SpanAttribution

if TYPE_CHECKING:
    from onrecord.model import Record


class PredictionFormatError(EvalInputError):
    """A prediction file line that is not valid; the message gives file and line."""


def record_to_prediction(record: Record) -> dict[str, Any]:
    """One prediction-file line (as a dict) for an onrecord record.

    Source and cue are one span each when present; every content span of the attribution
    becomes one content fragment. ``quoted`` spans are not scored separately. ``speaker``
    (ignored by the reference scorer) lists the mentions of the speaker entity, for the
    speaker-accuracy figure.
    """
    attributions = []
    for a in record.attributions:
        item: dict[str, Any] = {
            "source": [[a.source.start, a.source.end]] if a.source else [],
            "cue": [[a.cue.span.start, a.cue.span.end]] if a.cue else [],
            "content": [[s.start, s.end] for s in a.content],
        }
        speaker = record.entity(a.speaker) if a.speaker else None
        if speaker is not None and speaker.mentions:
            item["speaker"] = [[m.start, m.end] for m in speaker.mentions]
        attributions.append(item)
    return {"doc": record.document.id, "attributions": attributions}


def prediction_line(doc_id: str, attributions: Iterable[SpanAttribution]) -> dict[str, Any]:
    """One prediction-file line (as a dict) for span attributions."""
    return {"doc": doc_id, "attributions": [a.to_dict() for a in attributions]}


def write_prediction_line(out: TextIO, line: Mapping[str, Any]) -> None:
    out.write(json.dumps(line) + "\n")


def write_predictions(
    path: str | Path, predictions: Mapping[str, Sequence[SpanAttribution]]
) -> None:
    """Write predictions (by document id) as JSON Lines, documents in sorted order."""
    with open(path, "w", encoding="utf-8") as out:
        for doc_id in sorted(predictions):
            write_prediction_line(out, prediction_line(doc_id, predictions[doc_id]))


def gold_as_predictions(gold: Mapping[str, GoldDocument]) -> dict[str, list[SpanAttribution]]:
    """Gold attributions in prediction form (those with content), e.g. to check the scorer."""
    return {
        doc_id: [a for a in doc.attributions if normalize_mention(doc.text, a.content)]
        for doc_id, doc in gold.items()
    }


def _fragments(value: Any, where: str, role: str) -> tuple[Fragment, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise PredictionFormatError(f"{where}: {role} must be a list of [start, end] pairs")
    frags = []
    for item in value:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in item)
        ):
            raise PredictionFormatError(
                f"{where}: bad {role} span {item!r} (want [[start, end], ...] of integers)"
            )
        start, end = item
        if not 0 <= start <= end:
            raise PredictionFormatError(
                f"{where}: bad {role} span {item!r} (want 0 <= start <= end)"
            )
        frags.append((start, end))
    return tuple(frags)


def parse_prediction_line(
    line: str, where: str = "<prediction>"
) -> tuple[str, list[SpanAttribution]]:
    """``(doc_id, attributions)`` of one JSONL line; ``where`` prefixes error messages."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise PredictionFormatError(f"{where}: not JSON ({exc.msg})") from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("doc"), str):
        raise PredictionFormatError(f'{where}: want an object with a "doc" string')
    doc_id = obj["doc"].removesuffix(".txt")
    items = obj.get("attributions", [])
    if not isinstance(items, list):
        raise PredictionFormatError(f'{where}: "attributions" must be a list')
    attributions = []
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise PredictionFormatError(f"{where}: attribution {n} is not an object")
        frags = {
            role: _fragments(item.get(role), f"{where}: attribution {n}", role)
            for role in (*ROLES, "speaker")
        }
        attributions.append(SpanAttribution(**frags))
    return doc_id, attributions


def read_predictions(
    path: str | Path, *, gold: Mapping[str, GoldDocument] | None = None
) -> dict[str, list[SpanAttribution]]:
    """Read a prediction JSONL file into ``{doc_id: [SpanAttribution, ...]}``.

    With ``gold``, spans of documents in it are checked against their text length (documents
    not in it are kept; the scorer ignores them with a warning). Errors name file and line.
    """
    path = Path(path)
    if not path.is_file():
        raise PredictionFormatError(f"prediction file not found: {path}")
    predictions: dict[str, list[SpanAttribution]] = {}
    try:
        with open(path, encoding="utf-8") as f:
            lines = list(enumerate(f, 1))
    except UnicodeDecodeError as exc:
        raise PredictionFormatError(f"{path}: not valid UTF-8 ({exc.reason})") from exc
    for lineno, line in lines:
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        doc_id, attributions = parse_prediction_line(line, where)
        if gold is not None and doc_id in gold:
            size = len(gold[doc_id].text)
            for a in attributions:
                for role in ROLES:
                    for start, end in a.role(role):
                        if end > size:
                            raise PredictionFormatError(
                                f"{where}: {role} span [{start}, {end}] is out of range "
                                f"for {doc_id} ({size} characters)"
                            )
        predictions.setdefault(doc_id, []).extend(attributions)
    return predictions
