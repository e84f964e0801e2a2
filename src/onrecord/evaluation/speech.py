"""Speech-only scoring: PolNeAR annotates beliefs, intentions and topics too; fact-checkers and
media researchers mostly want statements. This view keeps, on both sides, the attributions
whose cue is a speech word (or a transcript colon), and the uncued quotations onrecord
predicts, so that statements can be scored on their own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence

from onrecord.evaluation.brat import GoldDocument
from onrecord.evaluation.spans import SpanAttribution

# Stems of speech verbs and nouns, matched at the start of any word of the cue.
SPEECH_STEMS = (
    "say", "said", "tell", "told", "add", "accord", "ask", "note", "state", "claim",
    "announc", "explain", "argu", "writ", "wrote", "tweet", "post", "report", "respond",
    "repl", "insist", "warn", "urg", "deni", "deny", "confirm", "acknowledg", "admit", "stress",
    "suggest", "declar", "comment", "remark", "mention", "call", "recall", "quot", "cit",
    "predict", "promis", "pledg", "vow", "told", "testif", "assert", "emphasi", "reiterat",
    "conced", "boast", "complain", "criticiz", "accus", "blast", "slam", "prais", "describ",
    "speak", "spoke", "talk", "interview", "statement", "chant", "shout", "yell", "joke",
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")


def is_speech_cue(cue_text: str) -> bool:
    if cue_text.strip() == ":":
        return True
    words = _WORD.findall(cue_text.lower())
    return any(w.startswith(SPEECH_STEMS) for w in words)


def _cue_text(text: str, attribution: SpanAttribution) -> str:
    return " ".join(text[s:e] for s, e in attribution.cue)


def speech_only(
    gold: Mapping[str, GoldDocument], predictions: Mapping[str, Sequence[SpanAttribution]]
) -> tuple[dict[str, GoldDocument], dict[str, list[SpanAttribution]]]:
    """Gold attributions with a speech cue; predictions with a speech cue or no cue."""
    gold_out = {}
    pred_out: dict[str, list[SpanAttribution]] = {}
    for doc_id, doc in gold.items():
        kept = [a for a in doc.attributions if a.cue and is_speech_cue(_cue_text(doc.text, a))]
        gold_out[doc_id] = dataclasses.replace(doc, attributions=kept)
        pred_out[doc_id] = [
            a
            for a in predictions.get(doc_id, [])
            if not a.cue or is_speech_cue(_cue_text(doc.text, a))
        ]
    return gold_out, pred_out
