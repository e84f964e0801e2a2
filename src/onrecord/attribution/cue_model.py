"""The learned cue filter: which candidate attributions are real.

The rules in ``attribution.py`` propose candidates: every lexicon cue, and (open vocabulary)
every verb with a clausal, infinitival, prepositional or object complement. A logistic
regression over sparse features of the candidate (lemma, rule, subject, content shape), trained
on PolNeAR's train split by ``scripts/train_cue_model.py``, decides which to keep. Reporters
attribute with far more words than any lexicon lists ("has learned", "is raising questions
about"); the data knows them. Weights ship in ``onrecord/data/cue_model.json`` (a few hundred
kB, readable JSON); nothing is downloaded.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from onrecord import lexicon
from onrecord.attribution.finder import Candidate

MODEL_FILE = "cue_model.json"


def _bucket(n: int) -> str:
    for limit, name in ((1, "1"), (3, "2-3"), (7, "4-7"), (15, "8-15"), (30, "16-30")):
        if n <= limit:
            return name
    return "31+"


def _lexicons(lemma: str) -> list[str]:
    names = []
    for name, words in (
        ("clausal", lexicon.CLAUSAL_CUES),
        ("xcomp", lexicon.XCOMP_CUES),
        ("intention", lexicon.INTENTION_CUES),
        ("object", lexicon.OBJECT_CUES),
    ):
        if lemma in words:
            names.append(name)
    if lemma in lexicon.PREPOSITION_CUES:
        names.append("preposition")
    return names or ["none"]


def features(cand: Candidate, text: str, mask: bytearray) -> list[str]:
    """Sparse binary features of one candidate (``text`` is the document text)."""
    rule = str(cand.extra.get("rule", ""))
    verb = cand.cue_token
    lemma = cand.cue_lemma.split()[0] if cand.cue_lemma else ""
    feats = [
        "bias",
        f"rule={rule}",
        f"lemma={lemma}",
        f"cue={cand.cue_lemma}",
        f"rule|lemma={rule}|{lemma}",
        f"open={cand.extra.get('open', False)}",
    ]
    feats += [f"lex={name}" for name in _lexicons(lemma)]
    start, end = cand.content[0]
    words = text[start:end].split()
    feats.append(f"len={_bucket(sum(len(text[s:e].split()) for s, e in cand.content))}")
    if words:
        feats.append(f"first={words[0].lower()}")
    quoted = sum(mask[s:e].count(1) for s, e in cand.content)
    total = sum(e - s for s, e in cand.content)
    feats.append("quoted=" + ("none" if not quoted else "all" if quoted >= 0.9 * total else "some"))
    feats.append("content=" + ("before" if start < cand.cue_start else "after"))
    if verb is not None:
        feats += [
            f"tag={verb.tag_}",
            f"dep={verb.dep_}",
            f"dep|lemma={verb.dep_}|{lemma}",
            f"inquote={bool(mask[verb.idx])}",
        ]
        if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl", "pcomp"):
            feats.append(f"head={verb.head.lemma_.lower()}")
        for child in verb.children:
            if child.dep_ in ("neg", "aux", "auxpass"):
                feats.append(f"{child.dep_}={child.lower_}")
            if child.dep_ == "dobj" and rule == "dobj":
                feats.append(f"dobj={child.lemma_.lower()}")
                feats.append(f"lemma|dobj={lemma}|{child.lemma_.lower()}")
            if child.dep_ == "prep" and rule == "prep":
                feats.append(f"prep={child.lower_}")
    subject = cand.source_token
    if subject is None:
        feats.append("subj=none")
    else:
        feats += [f"subj={subject.pos_}", f"subjent={subject.ent_type_ or '-'}"]
        if subject.pos_ in ("PRON", "NOUN"):
            feats.append(f"subjlemma={subject.lemma_.lower()}")
        feats.append(f"subj|lemma={subject.pos_}|{lemma}")
    return feats


@dataclass(frozen=True)
class CueModel:
    weights: dict[str, float]
    threshold_lexicon: float
    threshold_open: float
    threshold_topic: float

    def probability(self, feats: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def keep(self, cand: Candidate, feats: list[str], scope: str = "speech") -> bool:
        decided = rule_decision(cand, scope)
        if decided is not None:
            return decided
        if not cand.extra.get("open"):
            threshold = self.threshold_lexicon
        elif cand.extra.get("rule") == "dobj":
            threshold = self.threshold_topic
        else:
            threshold = self.threshold_open
        return self.probability(feats) >= threshold


# Reporting verbs from the lexicon with a reported clause, a quotation or "according to" are
# attributions whatever the model says: the product's own guarantees (and the founding
# article) rest on them. Open-vocabulary verbs with only a direct object ("discussed the
# crisis") report a topic, not what was said: they are taken only in scope "all". The model
# judges the rest: lexicon object and intention cues, open-vocabulary clauses and
# prepositions (and, in scope "all", open-vocabulary objects).
_ALWAYS_KEPT_RULES = frozenset(
    {
        "ccomp",
        "according",
        "quote-after",
        "colon-or-quote",
        "parenthetical",
        "prep",
        "raising",
        "framed-quote",
    }
)


SCOPES = ("speech", "all")


def rule_decision(cand: Candidate, scope: str = "speech") -> bool | None:
    """True or False where policy decides without the model; None where the model decides.

    Scope "speech" (the default) records what was said, believed or intended; scope "all"
    also records topic accounts whose content is a bare object ("the leaders discussed the
    crisis", "German officials confirmed the talks"), as PolNeAR annotates them.
    """
    rule = cand.extra.get("rule")
    if cand.extra.get("open"):
        return False if rule == "dobj" and scope != "all" else None
    if rule in _ALWAYS_KEPT_RULES:
        return True
    if rule == "xcomp" and cand.cue_lemma in lexicon.XCOMP_CUES:
        return True  # "urged Putin to end the conflict": a request is something said
    return None


@lru_cache(maxsize=1)
def load() -> CueModel | None:
    """The shipped model, or None when the package carries none (rules alone then)."""
    path = resources.files("onrecord.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return CueModel(
        data["weights"],
        data["threshold_lexicon"],
        data["threshold_open"],
        data.get("threshold_topic", data["threshold_open"]),
    )
