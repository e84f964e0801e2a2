"""Coded news sentences as event gold: the CAMEO_ConfliBERT CSV layout and PLOVER JSON.

CAMEO_ConfliBERT (``round_*/summary*.csv``): one row a sentence (``sentences``), coded by up
to five coders ``k`` who completed it (``anncomplete_k``): relevance (``1_Relevant_k``), the
CAMEO root of up to four actions (``ActionN_CAMEO_k``, e.g. ``4-18 Assualt``) and
Source-N / Action-N / Target-N spans with character offsets (``entities_k``).

* A coder's event type is the PLOVER type of their first action that has one (CAMEO roots
  mapped by the PLOVER manual's table, ``data/plover/cameo_to_plover.tsv``; 01 public
  statement is no event); a coder who judged the sentence not relevant, or coded only
  statements, says it has no event (``None``).
* Gold is the majority of the coders' types, ``None`` included. Ties go to an event type over
  ``None``, then to the type the coders named more often in any action, then alphabetically.
* Gold actor and recipient countries: the countries of the Source-N / Target-N spans of the
  coders who chose the gold type (N their first typed action), kept when at least half of
  them name it. A span's country is the actor dictionary's (``Putin`` is RUS; a dictionary
  actor of two to four words inside the span, ``Boko Haram insurgents`` NGA), or a country
  name, demonym or capital in it (``Syrian troops`` is SYR; ``Kenya's opposition`` is KEN).

PLOVER JSON (``PLOVER_GSR_CAMEO.json``) is read by :func:`onrecord.evaluation.plover.gold_examples`
and becomes one coder per sentence. Rounds are the folder names (``round_8`` -> 8). The same
sentence coded in several rounds (rounds 1-6 are one set of 100 sentences, round 10 half of
round 8's) is one sentence whose coders are pooled across the rounds.
"""

from __future__ import annotations

import ast
import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from onrecord.data import table
from onrecord.entities import gazetteer
from onrecord.entities.actor_dictionary import lookup

__all__ = ["CodedSentence", "Coding", "cameo_to_plover", "majority", "read_coded"]

_ROOT = re.compile(r"^\s*\d+\s*-\s*(\d+)")
_WORD = re.compile(r"[A-Za-z][\w.'-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


@cache
def _cameo_table() -> dict[str, tuple[str | None, str | None]]:
    return {
        code: (None if type_ == "-" else type_, None if mode == "-" else mode)
        for code, type_, mode in table("plover/cameo_to_plover")
    }


def cameo_to_plover(code: str) -> tuple[str | None, str | None]:
    """(PLOVER type, mode) of a CAMEO code ("181" -> ASSAULT abduct; "01" -> None)."""
    code = code.strip()
    mapping = _cameo_table()
    if len(code) >= 3 and code[:3] in mapping:
        return mapping[code[:3]]
    return mapping.get(code[:2].zfill(2), (None, None))


@dataclass
class Coding:
    """What one coder said about a sentence."""

    type: str | None
    action: int | None = None  # which of their actions it is (1-based)
    named: list[str] = field(default_factory=list)  # every PLOVER type of any action
    sources: set[str] = field(default_factory=set)  # countries of the Source-N spans
    targets: set[str] = field(default_factory=set)


@dataclass
class CodedSentence:
    id: str
    text: str
    round: int | None  # the first round that holds the sentence
    codings: list[Coding]
    rounds: tuple[int, ...] = ()  # every round that codes it (rounds repeat sentences)
    gold_type: str | None = None
    gold_sources: set[str] = field(default_factory=set)
    gold_targets: set[str] = field(default_factory=set)


def majority(codings: list[Coding]) -> str | None:
    """The gold type of a set of codings (the module docstring gives the tie rule)."""
    if not codings:
        return None
    votes = Counter(c.type for c in codings)
    top = max(votes.values())
    tied = [t for t, n in votes.items() if n == top]
    if len(tied) == 1:
        return tied[0]
    named = Counter(t for c in codings for t in c.named)
    typed = [t for t in tied if t is not None]
    return min(typed, key=lambda t: (-named[t], t))


def _countries_agreed(codings: list[Coding], side: str) -> set[str]:
    counts = Counter(code for c in codings for code in getattr(c, side))
    return {code for code, n in counts.items() if 2 * n >= len(codings)}


def span_country(text: str) -> str | None:
    """The country a Source/Target span names: the actor dictionary's, else a place word."""
    entry = lookup(text)
    if entry is not None and entry.country:
        return entry.country
    gaz = gazetteer.load()
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(text)]  # "Kenya's party" is KEN
    for size in (4, 3, 2):
        # "Boko Haram insurgents", "Hun Sen's government": a dictionary actor inside the span.
        for i in range(len(words) - size + 1):
            entry = lookup(" ".join(words[i : i + size]))
            if entry is not None and entry.country:
                return entry.country
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            code = (
                gaz.country_of_name(phrase)
                or gaz.country_of_demonym(phrase)
                or gaz.country_of_capital(phrase)
            )
            if code:
                return code
    return None


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


def _coding(row: dict[str, str], k: int) -> Coding:
    named: list[tuple[int, str]] = []
    for n in range(1, 5):
        match = _ROOT.match(row.get(f"Action{n}_CAMEO_{k}") or "")
        if match:
            type_, _mode = cameo_to_plover(match.group(1))
            if type_:
                named.append((n, type_))
    relevant = row.get(f"1_Relevant_{k}", "")
    if not named or (relevant.strip() and not _true(relevant)):
        return Coding(None, named=[t for _, t in named])
    action, type_ = named[0]
    coding = Coding(type_, action, [t for _, t in named])
    try:
        spans = ast.literal_eval(row.get(f"entities_{k}") or "[]")
    except (ValueError, SyntaxError):
        spans = []
    for item in spans:
        if not isinstance(item, tuple) or len(item) < 2:
            continue
        label, text = str(item[0]), str(item[1])
        role, _, number = label.partition("-")
        if number != str(action) or role not in ("Source", "Target"):
            continue
        country = span_country(text)
        if country:
            (coding.sources if role == "Source" else coding.targets).add(country)
    return coding


def _round_of(path: Path) -> int | None:
    match = re.search(r"round_(\d+)", str(path))
    return int(match.group(1)) if match else None


def read_csv(path: Path) -> list[CodedSentence]:
    """The sentences of one CAMEO_ConfliBERT summary file, with gold derived."""
    sentences = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = (row.get("sentences") or "").strip()
            if not text:
                continue
            codings = [_coding(row, k) for k in range(1, 6) if _true(row.get(f"anncomplete_{k}"))]
            if not codings:
                continue
            sentence = CodedSentence(row.get("ids") or text[:40], text, _round_of(path), codings)
            derive_gold(sentence)
            sentences.append(sentence)
    return sentences


def derive_gold(sentence: CodedSentence) -> None:
    sentence.gold_type = majority(sentence.codings)
    agreeing = [c for c in sentence.codings if c.type == sentence.gold_type]
    if sentence.gold_type is not None:
        sentence.gold_sources = _countries_agreed(agreeing, "sources")
        sentence.gold_targets = _countries_agreed(agreeing, "targets")


def read_plover(path: Path) -> list[CodedSentence]:
    from onrecord.evaluation.plover import gold_examples

    out = []
    for example in gold_examples(path):
        coding = Coding(example.gold_type, 1, [example.gold_type])
        coding.sources, coding.targets = set(example.gold_source), set(example.gold_target)
        sentence = CodedSentence(example.id, example.text, None, [coding])
        derive_gold(sentence)
        out.append(sentence)
    return out


def read_coded(path: str | Path, rounds: set[int] | None = None) -> list[CodedSentence]:
    """Coded sentences from a summary CSV, a PLOVER JSON, or a folder of ``round_*`` CSVs,
    keeping only ``rounds`` when given."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("round_*/summary*.csv")) or sorted(path.glob("*.csv"))
        if not files:
            raise ValueError(f"{path}: no round_*/summary*.csv or *.csv files")
        sentences = [s for f in files for s in read_csv(f)]
    elif path.suffix.lower() == ".json":
        sentences = read_plover(path)
    else:
        sentences = read_csv(path)
    sentences = _pooled(sentences)
    if rounds is not None:
        sentences = [s for s in sentences if set(s.rounds) & rounds]
    return sentences


def _pooled(sentences: list[CodedSentence]) -> list[CodedSentence]:
    """One sentence per text: the rounds repeat sentences (rounds 1-6 code the same 100, 8
    and 10 share 50), so their coders are pooled and the majority taken over all of them."""
    by_text: dict[str, CodedSentence] = {}
    for sentence in sentences:
        key = " ".join(sentence.text.split())
        first = by_text.get(key)
        rounds = (sentence.round,) if sentence.round is not None else ()
        if first is None:
            sentence.rounds = rounds
            by_text[key] = sentence
            continue
        first.codings += sentence.codings
        first.rounds = tuple(sorted({*first.rounds, *rounds}))
    pooled = list(by_text.values())
    for sentence in pooled:
        derive_gold(sentence)
    return pooled
