"""Attribution scores with the PolNeAR reference scorer's definitions.

All counts are micro-averaged over articles.

Span level, for each role (source, cue, content):

* **exact** -- a *mention* is one role span of one attribution (its list of fragments). Each
  fragment is trimmed at both ends of whitespace, punctuation (Unicode categories ``P*``) and
  the characters `````` and ``^``; empty fragments are dropped and fragments separated only by
  such characters are merged. Mentions are de-duplicated per article and role;
  P = |pred & gold| / |pred|, R = |pred & gold| / |gold|.
* **overlap** -- a predicted mention is correct if it shares a character (after trimming) with
  some gold mention of the same role; a gold mention is found if some predicted mention
  overlaps it.
* **token** -- word tokens (``\\w+`` runs) carry a role's label if they overlap any (untrimmed)
  fragment of that role; P/R over (article, token) pairs.

Relation level: a predicted attribution matches a gold one if the token Dice of their trimmed
contents is >= 0.5 (character Dice over non-space characters when either has no word token),
the contents overlap, and their sources overlap or both have none. Pairs are matched
one-to-one by maximum bipartite matching per article; P = matched / predicted,
R = matched / gold. ``relation_content`` ignores the source. Recall of the relation match is
also broken down by the gold content's quote type (direct / mixed / indirect, judged from
double quotation marks in or just around the content).

Speaker accuracy (onrecord's own figure; the reference scorer has no speakers): over the
matched relations whose gold attribution has a source, the share where the predicted speaker
entity has a mention overlapping the gold source span. Sources resolved through coreference
count when the resolver added the pronoun ("he") to the entity's mentions. It tells a right
source phrase with a wrong person ("Wikileaks" for its editor) from a right one only as far
as the entity's mentions do; it is kept out of ``to_dict()`` so that stays the reference shape.

Gold attributions whose content is empty after trimming are dropped (and counted).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from onrecord.evaluation.brat import GoldDocument
from onrecord.evaluation.spans import ROLES, Fragment, Role, SpanAttribution

QuoteType = Literal["direct", "mixed", "indirect"]
QUOTE_TYPES: tuple[QuoteType, ...] = ("direct", "mixed", "indirect")
SPAN_METRICS = ("exact", "overlap", "token")

_WORD = re.compile(r"\w+")
_DOUBLE_QUOTES = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02')
_SENTENCE_PUNCT = ".,;:!?"

Mention = tuple[Fragment, ...]


# -- span primitives ---------------------------------------------------------------------------


def is_trim_char(ch: str) -> bool:
    """Whitespace, Unicode punctuation (P*), backtick and caret: trimmed off span ends."""
    return ch.isspace() or ch in "`^" or unicodedata.category(ch).startswith("P")


def normalize_mention(text: str, fragments: Iterable[Fragment]) -> Mention:
    """Trim fragments, drop empty ones, sort, and merge those separated only by trim chars."""
    trimmed = []
    for start, end in fragments:
        start, end = max(0, start), min(len(text), end)
        while start < end and is_trim_char(text[start]):
            start += 1
        while end > start and is_trim_char(text[end - 1]):
            end -= 1
        if start < end:
            trimmed.append((start, end))
    trimmed.sort()
    merged: list[Fragment] = []
    for start, end in trimmed:
        if merged:
            prev_start, prev_end = merged[-1]
            if start <= prev_end or all(is_trim_char(c) for c in text[prev_end:start]):
                merged[-1] = (prev_start, max(prev_end, end))
                continue
        merged.append((start, end))
    return tuple(merged)


def mentions_overlap(a: Sequence[Fragment], b: Sequence[Fragment]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


class WordTokens:
    """The word tokens (``\\w+`` runs) of one text, for looking up which a span touches."""

    __slots__ = ("ends", "starts")

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in _WORD.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())

    def touched_by(self, fragments: Iterable[Fragment]) -> set[int]:
        """Indices of the tokens that share a character with any fragment."""
        out: set[int] = set()
        for start, end in fragments:
            if start >= end:
                continue
            i = bisect_right(self.ends, start)  # first token ending after `start`
            while i < len(self.starts) and self.starts[i] < end:
                out.add(i)
                i += 1
        return out


def quote_type(text: str, fragments: Iterable[Fragment]) -> QuoteType:
    """direct / mixed / indirect, from double quotation marks in or around the content.

    direct: the content opens with a double quote (or one stands within 3 characters before
    it) and closes with one (ignoring trailing sentence punctuation, or one within 3
    characters after it). mixed: a quote mark at one end only, or anywhere inside.
    """
    frags = sorted(f for f in fragments if f[0] < f[1])
    if not frags:
        return "indirect"
    first, last = frags[0][0], frags[-1][1]
    inner = "".join(text[s:e] for s, e in frags)
    before = text[max(0, first - 3) : first].rstrip()
    after = text[last : last + 3].lstrip().lstrip(_SENTENCE_PUNCT)
    opens = inner.lstrip()[:1] in _DOUBLE_QUOTES or before[-1:] in _DOUBLE_QUOTES
    closes = (
        inner.rstrip().rstrip(_SENTENCE_PUNCT)[-1:] in _DOUBLE_QUOTES or after[:1] in _DOUBLE_QUOTES
    )
    if opens and closes:
        return "direct"
    if opens or closes or any(c in _DOUBLE_QUOTES for c in inner):
        return "mixed"
    return "indirect"


def max_bipartite_matching(n_left: int, edges: Mapping[int, Sequence[int]]) -> dict[int, int]:
    """Maximum matching by augmenting paths (Kuhn), left vertices tried in order.

    Returns ``{right: left}``. Deterministic: which right vertices end up matched (this feeds
    the recall-by-quote-type breakdown) follows from trying left vertices in order and their
    edges in list order, depth first. Iterative, so long articles cannot hit the recursion
    limit.
    """
    owner: dict[int, int] = {}
    for root in range(n_left):
        if not edges.get(root):
            continue
        seen: set[int] = set()
        # stack of (left vertex, position in its edge list); chosen[k] = right vertex through
        # which stack[k + 1] was reached (currently owned by stack[k + 1]'s left vertex)
        stack: list[list[int]] = [[root, 0]]
        chosen: list[int] = []
        while stack:
            frame = stack[-1]
            left, options = frame[0], edges.get(frame[0], ())
            descended = False
            while frame[1] < len(options):
                right = options[frame[1]]
                frame[1] += 1
                if right in seen:
                    continue
                seen.add(right)
                if right not in owner:
                    # augmenting path found: shift every right vertex on it to its new owner
                    owner[right] = left
                    for (path_left, _), path_right in zip(stack[:-1], chosen, strict=True):
                        owner[path_right] = path_left
                    stack.clear()
                    descended = True
                    break
                chosen.append(right)
                stack.append([owner[right], 0])
                descended = True
                break
            if not descended:
                stack.pop()
                if chosen:
                    chosen.pop()
    return owner


# -- results -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    p: float
    r: float
    f1: float
    pred_correct: int
    pred: int
    gold_found: int
    gold: int

    @classmethod
    def from_counts(cls, pred_correct: int, pred: int, gold_found: int, gold: int) -> PRF:
        p = pred_correct / pred if pred else 0.0
        r = gold_found / gold if gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return cls(p, r, f1, pred_correct, pred, gold_found, gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "p": self.p,
            "r": self.r,
            "f1": self.f1,
            "pred_correct": self.pred_correct,
            "pred": self.pred,
            "gold_found": self.gold_found,
            "gold": self.gold,
        }


@dataclass(frozen=True, slots=True)
class RoleScores:
    exact: PRF
    overlap: PRF
    token: PRF

    def to_dict(self) -> dict[str, Any]:
        return {m: getattr(self, m).to_dict() for m in SPAN_METRICS}


@dataclass(frozen=True, slots=True)
class TypeRecall:
    r: float
    found: int
    gold: int

    def to_dict(self) -> dict[str, Any]:
        return {"r": self.r, "found": self.found, "gold": self.gold}


@dataclass(frozen=True, slots=True)
class SpeakerAccuracy:
    """Matched relations with a gold source whose predicted speaker has a mention in it."""

    accuracy: float
    correct: int
    scored: int

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": self.accuracy, "correct": self.correct, "scored": self.scored}


@dataclass(frozen=True, slots=True)
class EvalResult:
    """Scores of one prediction set against one gold set.

    ``to_dict()`` has exactly the shape of the reference scorer's ``--json`` output;
    ``warnings`` (not part of it) lists what a user should know about the inputs.
    """

    docs: int
    docs_without_prediction_line: int
    gold_attributions_dropped_no_content: int
    source: RoleScores
    cue: RoleScores
    content: RoleScores
    relation: PRF
    relation_content: PRF
    relation_recall_by_gold_type: dict[str, TypeRecall]
    speaker_accuracy: SpeakerAccuracy = SpeakerAccuracy(0.0, 0, 0)
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def role(self, role: Role) -> RoleScores:
        return getattr(self, role)

    def report(self) -> dict[str, Any]:
        """What ``onrecord eval brat --json`` prints: the reference shape plus speaker accuracy."""
        return {**self.to_dict(), "speaker_accuracy": self.speaker_accuracy.to_dict()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "docs_without_prediction_line": self.docs_without_prediction_line,
            "gold_attributions_dropped_no_content": self.gold_attributions_dropped_no_content,
            **{role: self.role(role).to_dict() for role in ROLES},
            "relation": self.relation.to_dict(),
            "relation_content": self.relation_content.to_dict(),
            "relation_recall_by_gold_type": {
                t: self.relation_recall_by_gold_type[t].to_dict() for t in QUOTE_TYPES
            },
        }


# -- scoring -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Counts:
    pred_correct: int = 0
    pred: int = 0
    gold_found: int = 0
    gold: int = 0

    def add(self, pred_correct: int, pred: int, gold_found: int, gold: int) -> None:
        self.pred_correct += pred_correct
        self.pred += pred
        self.gold_found += gold_found
        self.gold += gold

    def prf(self) -> PRF:
        return PRF.from_counts(self.pred_correct, self.pred, self.gold_found, self.gold)


@dataclass(slots=True)
class _RelationView:
    content: Mention
    tokens: set[int]
    chars: set[int]
    source: Mention
    speaker: Mention


def _relation_view(text: str, words: WordTokens, attribution: SpanAttribution) -> _RelationView:
    content = normalize_mention(text, attribution.content)
    chars = {i for s, e in content for i in range(s, e) if not text[i].isspace()}
    return _RelationView(
        content=content,
        tokens=words.touched_by(content),
        chars=chars,
        source=normalize_mention(text, attribution.source),
        speaker=normalize_mention(text, attribution.speaker),
    )


def _contents_match(pred: _RelationView, gold: _RelationView) -> bool:
    if not pred.content or not mentions_overlap(pred.content, gold.content):
        return False
    a, b = (pred.tokens, gold.tokens) if pred.tokens and gold.tokens else (pred.chars, gold.chars)
    total = len(a) + len(b)
    # Dice = 2|a&b| / (|a|+|b|) >= 0.5, in integers
    return total > 0 and 4 * len(a & b) >= total


def _sources_agree(pred: _RelationView, gold: _RelationView) -> bool:
    if pred.source and gold.source:
        return mentions_overlap(pred.source, gold.source)
    return not pred.source and not gold.source


def score(
    gold: Mapping[str, GoldDocument],
    predictions: Mapping[str, Sequence[SpanAttribution]],
) -> EvalResult:
    """Score predictions (by document id) against gold documents (by id).

    A gold document with no entry in ``predictions`` counts as predicting nothing; entries
    for ids not in ``gold`` are ignored. Both produce a warning in the result.
    """
    warnings: list[str] = []
    unknown = sorted(set(predictions) - set(gold))
    if unknown:
        warnings.append(
            f"{len(unknown)} predicted document(s) not in gold, ignored: "
            + ", ".join(unknown[:5])
            + (" ..." if len(unknown) > 5 else "")
        )
    span_counts = {(role, m): _Counts() for role in ROLES for m in SPAN_METRICS}
    relation, relation_content = _Counts(), _Counts()
    by_type = {t: [0, 0] for t in QUOTE_TYPES}  # found, gold
    speakers = [0, 0]  # correct, scored
    dropped = 0
    missing = 0
    for doc_id in sorted(gold):
        doc = gold[doc_id]
        text = doc.text
        words = WordTokens(text)
        if doc_id not in predictions:
            missing += 1
        preds = list(predictions.get(doc_id, ()))
        golds = [a for a in doc.attributions if normalize_mention(text, a.content)]
        dropped += len(doc.attributions) - len(golds)

        for role in ROLES:
            gold_mentions = {normalize_mention(text, a.role(role)) for a in golds} - {()}
            pred_mentions = {normalize_mention(text, a.role(role)) for a in preds} - {()}
            both = len(gold_mentions & pred_mentions)
            span_counts[role, "exact"].add(both, len(pred_mentions), both, len(gold_mentions))
            span_counts[role, "overlap"].add(
                sum(any(mentions_overlap(p, g) for g in gold_mentions) for p in pred_mentions),
                len(pred_mentions),
                sum(any(mentions_overlap(p, g) for p in pred_mentions) for g in gold_mentions),
                len(gold_mentions),
            )
            gold_tokens = set().union(*(words.touched_by(a.role(role)) for a in golds))
            pred_tokens = set().union(*(words.touched_by(a.role(role)) for a in preds))
            both = len(gold_tokens & pred_tokens)
            span_counts[role, "token"].add(both, len(pred_tokens), both, len(gold_tokens))

        gold_views = [_relation_view(text, words, a) for a in golds]
        pred_views = [_relation_view(text, words, a) for a in preds]
        edges: dict[int, list[int]] = {}
        content_edges: dict[int, list[int]] = {}
        for i, p in enumerate(pred_views):
            for j, g in enumerate(gold_views):
                if _contents_match(p, g):
                    content_edges.setdefault(i, []).append(j)
                    if _sources_agree(p, g):
                        edges.setdefault(i, []).append(j)
        matched = max_bipartite_matching(len(pred_views), edges)
        matched_content = max_bipartite_matching(len(pred_views), content_edges)
        relation.add(len(matched), len(preds), len(matched), len(golds))
        for j, i in matched.items():
            if gold_views[j].source:
                speakers[1] += 1
                speakers[0] += mentions_overlap(pred_views[i].speaker, gold_views[j].source)
        relation_content.add(len(matched_content), len(preds), len(matched_content), len(golds))
        for j, a in enumerate(golds):
            counts = by_type[quote_type(text, a.content)]
            counts[1] += 1
            counts[0] += j in matched

    if missing:
        warnings.append(f"{missing} gold document(s) have no predictions (scored as empty)")
    return EvalResult(
        docs=len(gold),
        docs_without_prediction_line=missing,
        gold_attributions_dropped_no_content=dropped,
        source=_role_scores(span_counts, "source"),
        cue=_role_scores(span_counts, "cue"),
        content=_role_scores(span_counts, "content"),
        relation=relation.prf(),
        relation_content=relation_content.prf(),
        relation_recall_by_gold_type={
            t: TypeRecall(found / n if n else 0.0, found, n) for t, (found, n) in by_type.items()
        },
        speaker_accuracy=SpeakerAccuracy(
            speakers[0] / speakers[1] if speakers[1] else 0.0, speakers[0], speakers[1]
        ),
        warnings=tuple(warnings),
    )


def _role_scores(counts: Mapping[tuple[Role, str], _Counts], role: Role) -> RoleScores:
    return RoleScores(*(counts[role, m].prf() for m in SPAN_METRICS))


# -- rendering ---------------------------------------------------------------------------------


def format_table(result: EvalResult) -> str:
    """A plain-text table of all scores, for terminals and logs."""
    dropped = result.gold_attributions_dropped_no_content
    lines = [
        f"{result.docs} documents ({result.docs_without_prediction_line} without predictions); "
        f"{dropped} gold attribution{'s' if dropped != 1 else ''} dropped (no content)",
        "",
        f"{'':<17} {'P':>6} {'R':>6} {'F1':>6}   {'pred ok/pred':>13} {'gold found/gold':>16}",
    ]

    def row(label: str, v: PRF) -> str:
        return (
            f"{label:<17} {v.p:6.3f} {v.r:6.3f} {v.f1:6.3f}   "
            f"{f'{v.pred_correct}/{v.pred}':>13} {f'{v.gold_found}/{v.gold}':>16}"
        )

    for role in ROLES:
        scores = result.role(role)
        for m in SPAN_METRICS:
            lines.append(row(f"{role} {m}", getattr(scores, m)))
    lines.append(row("relation", result.relation))
    lines.append(row("relation_content", result.relation_content))
    lines.append("")
    lines.append(
        "relation recall by gold quote type: "
        + ", ".join(
            f"{t} {v.r:.3f} ({v.found}/{v.gold})"
            for t, v in ((t, result.relation_recall_by_gold_type[t]) for t in QUOTE_TYPES)
        )
    )
    speaker = result.speaker_accuracy
    lines.append(
        f"speaker accuracy: {speaker.accuracy:.3f} ({speaker.correct}/{speaker.scored} matched "
        "relations with a gold source)"
    )
    return "\n".join(lines)
