"""Run onrecord over a BRAT gold folder and score it, or score an existing prediction file."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from onrecord.evaluation.brat import BratCorpus, GoldDocument, read_gold_dir
from onrecord.evaluation.metrics import EvalResult, score
from onrecord.evaluation.predictions import (
    read_predictions,
    record_to_prediction,
    write_prediction_line,
)
from onrecord.evaluation.spans import ROLES, SpanAttribution

if TYPE_CHECKING:
    from onrecord.model import Record

AnalyzeFn = Callable[..., "Record"]
"""Called as ``analyze(text, doc_id=...)``; returns a Record whose document text is ``text``."""
ProgressFn = Callable[[int, int, str], None]
"""Called as ``progress(done, total, doc_id)`` after each document."""


def _with_corpus_warnings(result: EvalResult, corpus: BratCorpus) -> EvalResult:
    return dataclasses.replace(result, warnings=(*corpus.warnings(), *result.warnings))


def _stderr_progress(done: int, total: int, doc_id: str) -> None:
    print(f"[{done}/{total}] {doc_id}", file=sys.stderr, flush=True)


def _record_attributions(record: Record, doc: GoldDocument) -> list[SpanAttribution]:
    if record.document.text != doc.text:
        raise ValueError(
            f"{doc.id}: analyze() returned a record whose document text differs from the gold "
            "text, so its offsets cannot be scored"
        )
    attributions = []
    for n, item in enumerate(record_to_prediction(record)["attributions"]):
        frags = {role: tuple((s, e) for s, e in item.get(role, ())) for role in (*ROLES, "speaker")}
        for role, spans in frags.items():
            for s, e in spans:
                if not 0 <= s <= e <= len(doc.text):
                    raise ValueError(
                        f"{doc.id}: attribution {n} has {role} span [{s}, {e}] outside the "
                        f"text ({len(doc.text)} characters)"
                    )
        attributions.append(SpanAttribution(**frags))
    return attributions


def evaluate_brat(
    gold_dir: str | Path,
    *,
    analyze: AnalyzeFn | None = None,
    pred_out: str | Path | None = None,
    progress: bool | ProgressFn = False,
    limit: int | None = None,
    scope: str = "speech",
) -> EvalResult:
    """Analyze every gold text with onrecord and score the attributions against the gold.

    By default the texts go through :func:`onrecord.analyze_many` in batches, with ``scope``;
    an ``analyze`` function of your own is called as ``analyze(text, doc_id=doc_id)``.
    ``pred_out`` receives the predictions as JSON Lines (one line per document, written as it
    is analyzed). ``progress`` is ``True`` for one line per document on stderr, or a callable
    ``(done, total, doc_id)``. ``limit`` analyzes and scores only the first ``limit``
    documents (sorted by id).
    """
    corpus = read_gold_dir(gold_dir)
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    docs = list(corpus.documents.values())[:limit]
    records: Iterable[Record]
    if analyze is None:
        from onrecord.pipeline import analyze_many

        records = analyze_many(((d.text, {"id": d.id}) for d in docs), scope=scope)  # type: ignore[assignment]
    else:
        records = (analyze(d.text, doc_id=d.id) for d in docs)
    report = _stderr_progress if progress is True else progress or None

    predictions: dict[str, list[SpanAttribution]] = {}
    out = open(pred_out, "w", encoding="utf-8") if pred_out is not None else None  # noqa: SIM115
    try:
        for done, (doc, record) in enumerate(zip(docs, records, strict=True), 1):
            predictions[doc.id] = _record_attributions(record, doc)
            if out is not None:
                line = record_to_prediction(record)
                line["doc"] = doc.id
                write_prediction_line(out, line)
                out.flush()
            if report is not None:
                report(done, len(docs), doc.id)
    finally:
        if out is not None:
            out.close()
    result = score({doc.id: doc for doc in docs}, predictions)
    return _with_corpus_warnings(result, corpus)


def score_files(gold_dir: str | Path, pred_path: str | Path, *, speech: bool = False) -> EvalResult:
    """Score an existing prediction JSONL file against a BRAT gold folder (``speech``: only
    speech attributions on both sides, see :mod:`.speech`)."""
    corpus = read_gold_dir(gold_dir)
    predictions = read_predictions(pred_path, gold=corpus.documents)
    gold = corpus.documents
    if speech:
        from onrecord.evaluation.speech import speech_only

        gold, predictions = speech_only(gold, predictions)
    return _with_corpus_warnings(score(gold, predictions), corpus)
