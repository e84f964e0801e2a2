"""Statements of one story's documents grouped into claims: one point, in any words.

Two statements of different documents score by their content's sentence embeddings (cosine)
and their shared content words (Dice over six-letter stems), plus what onrecord knows about
them: the same speaker's side, the same addressee, events of the same PLOVER type reported
through them. Claims are grown greedily from the best-scoring pair down (average linkage: a
statement joins a claim only if it matches the claim's members on average). A document
contributes at most one statement to a claim, except a near-verbatim repeat (a headline and
the body sentence it summarises). A carrier ("the Kremlin said Putin told Scholz that …")
joins the claim of the first statement it carries, so every attribution is in exactly one
claim, and the point is matched on the carried words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from onrecord.compare.conflicts import claim_conflict
from onrecord.compare.features import (
    StatementFeatures,
    content_words,
    own_point,
    statement_features,
    tokens,
)
from onrecord.compare.model import Claim
from onrecord.compare.similarity import Embedder
from onrecord.model import Record

#: Weights of the pair score; the embedding carries paraphrase, the stems carry names and
#: numbers that a small embedding model blurs.
EMBEDDING_WEIGHT = 0.7
WORDS_WEIGHT = 0.3
SAME_SIDE_BONUS = 0.04
SAME_ADDRESSEE_BONUS = 0.03
SAME_EVENT_TYPE_BONUS = 0.05
DURATION_BONUS = 0.3
AMOUNT_BONUS = 0.1
#: Added when one statement negates or refuses what the other, on the same topic (word and
#: concept overlap, country names left out, at least CONTRAST_MIN_OVERLAP), asserts.
CONTRAST_BONUS = 0.05
CONTRAST_MIN_OVERLAP = 0.3
#: A pair at or above this score is the same point (chosen on the dev set, see docs/compare.md).
MATCH_THRESHOLD = 0.56
#: Two statements that are each other's best match across their documents join at this bar.
MUTUAL_THRESHOLD = 0.35
MUTUAL_MARGIN = 0.2
#: A headline joins its own article's best-matching body point at this lower bar: headlines
#: restate a body point in fewer words, so their scores run lower (see docs/compare.md).
HEADLINE_THRESHOLD = 0.4
#: Two statements of one document are one point only when they nearly repeat each other.
SAME_DOCUMENT_THRESHOLD = 0.8
#: A carrier of one statement is a point of its own, not part of the point it carries, when
#: the carried statement follows a joining word ("…, while Qatar said …") and the carrier's
#: words before it have at least this many content words.
OWN_POINT_WORDS = 3


@dataclass(slots=True)
class _Unit:
    """One point as one document makes it: an attribution with the carriers that carry it."""

    features: StatementFeatures  # the member matched on: the longest single-point content
    members: list[StatementFeatures]
    event_types: frozenset[str]
    headline: bool


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _units(record: Record, start: int) -> list[_Unit]:
    """Attributions grouped by ``via`` chains: a carrier joins the first attribution it
    carries; a carrier of several points is not matched on (its words hold all of them)."""
    children: dict[str, list[str]] = {}
    for attribution in record.attributions:
        if attribution.via:
            children.setdefault(attribution.via, []).append(attribution.id)
    parent = {a.id: a.id for a in record.attributions}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    by_id = {a.id: a for a in record.attributions}
    own: dict[str, str] = {}  # carriers that make a point of their own: the words of it
    for carrier, carried in children.items():
        if carrier not in parent or carried[0] not in parent:
            continue
        if len(carried) == 1:
            words = own_point(record, by_id[carrier], by_id[carried[0]])
            if words and len(content_words(tokens(words))) >= OWN_POINT_WORDS:
                own[carrier] = words
                continue
        if root(carried[0]) != root(carrier):
            parent[root(carrier)] = root(carried[0])
    types: dict[str, set[str]] = {}
    for event in record.events:
        if event.reported_by:
            types.setdefault(event.reported_by, set()).add(event.type)
    groups: dict[str, list[int]] = {}
    for n, attribution in enumerate(record.attributions):
        groups.setdefault(root(attribution.id), []).append(n)
    units = []
    for indices in groups.values():
        members = [
            statement_features(
                record,
                record.attributions[n],
                start + n,
                own.get(record.attributions[n].id),
            )
            for n in indices
        ]
        single = [
            f
            for f, n in zip(members, indices, strict=True)
            if len(children.get(record.attributions[n].id, ())) <= 1
        ] or members
        units.append(
            _Unit(
                features=max(single, key=lambda f: len(f.words)),
                members=members,
                event_types=frozenset(
                    t for n in indices for t in types.get(record.attributions[n].id, ())
                ),
                headline=any(record.attributions[n].section == "headline" for n in indices),
            )
        )
    return units


def pair_scores(units: list[_Unit], vectors: np.ndarray) -> np.ndarray:
    n = len(units)
    cosine = vectors @ vectors.T if n else np.zeros((0, 0))
    scores = np.zeros((n, n))
    for i in range(n):
        fi = units[i].features
        for j in range(i + 1, n):
            fj = units[j].features
            score = EMBEDDING_WEIGHT * float(cosine[i, j]) + WORDS_WEIGHT * _dice(
                fi.stems, fj.stems
            )
            if fi.side and fi.side == fj.side:
                score += SAME_SIDE_BONUS
            if fi.addressee and fi.addressee == fj.addressee:
                score += SAME_ADDRESSEE_BONUS
            if units[i].event_types & units[j].event_types:
                score += SAME_EVENT_TYPE_BONUS
            score += _measure_bonus(fi, fj)
            if _contrast(fi, fj):
                score += CONTRAST_BONUS
            scores[i, j] = scores[j, i] = score
    return scores


def _contrast(a: StatementFeatures, b: StatementFeatures) -> bool:
    """One of two statements on one topic negates or refuses what the other asserts: a
    denial answers the other side's account ("condemned the strikes on energy facilities" /
    "had not raised the strikes on energy infrastructure"), which the embedding, blind to
    negation, sees only as a topic in common. The topic leaves country names out: "Russia
    and Turkey agreed to coordinate on Syria" and "Turkey opposed sanctions against Russia"
    name the same countries, not the same point."""
    if _dice(a.topic, b.topic) < CONTRAST_MIN_OVERLAP:
        return False
    opposite_stance = a.stance * b.stance < 0
    return opposite_stance or (a.negations % 2) != (b.negations % 2)


def _measure_bonus(a: StatementFeatures, b: StatementFeatures) -> float:
    """Two statements that measure the same kind of thing (a duration, a count of the same
    noun) are likely about one point, whatever the figures: one story's documents rarely
    time two different things."""
    units_a = {q.scale for q in a.quantities}
    units_b = {q.scale for q in b.quantities}
    if units_a & units_b & {"minutes", "days"}:
        return DURATION_BONUS
    if (units_a & units_b) - {""}:
        return AMOUNT_BONUS
    return 0.0


def _mutual_best(units: list[_Unit], scores: np.ndarray) -> set[tuple[int, int]]:
    """Pairs (i, j) of different documents where each is the other's clear best match in the
    other's document (ahead of the runner-up by :data:`MUTUAL_MARGIN`): reports of one event
    tell their points in parallel, so a point's clear counterpart in another report is likely
    the same point even in other words."""
    documents = [u.features.statement.document for u in units]
    ranked: dict[tuple[int, str], list[tuple[float, int]]] = {}
    for i in range(len(units)):
        for j in range(len(units)):
            if documents[i] != documents[j]:
                ranked.setdefault((i, documents[j]), []).append((float(scores[i, j]), j))
    best = {}
    for key, found in ranked.items():
        found.sort(reverse=True)
        if len(found) == 1 or found[0][0] - found[1][0] >= MUTUAL_MARGIN:
            best[key] = found[0][1]
    return {(i, j) for (i, _), j in best.items() if i < j and best.get((j, documents[i])) == i}


def _cluster(units: list[_Unit], scores: np.ndarray) -> list[list[int]]:
    """Greedy average-linkage clustering under the one-point-per-document rule: pairs at
    :data:`MATCH_THRESHOLD`, then mutual best matches at :data:`MUTUAL_THRESHOLD`."""
    cluster_of = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    mutual = _mutual_best(units, scores)
    pairs = sorted(
        ((scores[i, j], i, j) for i in range(len(units)) for j in range(i + 1, len(units))),
        reverse=True,
    )
    for threshold, allowed in ((MATCH_THRESHOLD, None), (MUTUAL_THRESHOLD, mutual)):
        for score, i, j in pairs:
            if score < threshold:
                break
            if allowed is not None and (i, j) not in allowed:
                continue
            ci, cj = cluster_of[i], cluster_of[j]
            if ci == cj:
                continue
            a, b = members[ci], members[cj]
            if np.mean([scores[x, y] for x in a for y in b]) < threshold:
                continue
            if any(_same_document_clash(units[x], units[y], scores[x, y]) for x in a for y in b):
                continue
            members[ci] = a + b
            for y in b:
                cluster_of[y] = ci
            del members[cj]
    return sorted(members.values(), key=min)


def _attach_headlines(
    units: list[_Unit], scores: np.ndarray, groups: list[list[int]]
) -> list[list[int]]:
    """Headline points, left out of the clustering, join a claim afterwards: a headline
    summarises its own article, so it joins the claim of its best-matching body point of the
    same document; failing that, the claim of other documents it matches best on average;
    failing that, a claim of its own."""
    group_of = {i: n for n, group in enumerate(groups) for i in group}
    for i, unit in enumerate(units):
        if not unit.headline:
            continue
        document = unit.features.statement.document
        own = [j for j in group_of if units[j].features.statement.document == document]
        best = max(own, key=lambda j: scores[i, j], default=None)
        if best is not None and scores[i, best] >= HEADLINE_THRESHOLD:
            groups[group_of[best]].append(i)
            continue
        candidates = [
            (float(np.mean([scores[i, k] for k in group])), n)
            for n, group in enumerate(groups)
            if group and all(units[k].features.statement.document != document for k in group)
        ]
        score, n = max(candidates, default=(0.0, -1))
        if score >= MATCH_THRESHOLD:
            groups[n].append(i)
        else:
            groups.append([i])
    return [g for g in groups if g]


def _same_document_clash(a: _Unit, b: _Unit, score: float) -> bool:
    """Two body points of one document share a claim only if they nearly repeat each other."""
    if a.features.statement.document != b.features.statement.document:
        return False
    return score < SAME_DOCUMENT_THRESHOLD


def align_claims(
    story_id: str, records: list[Record], embedder: Embedder, first_claim: int = 1
) -> list[Claim]:
    """The claims of one story: every attribution of every record in exactly one claim."""
    units: list[_Unit] = []
    for record in records:
        units += _units(record, sum(len(u.members) for u in units))
    vectors = embedder.embed([u.features.text for u in units])
    scores = pair_scores(units, vectors)
    body = [i for i, unit in enumerate(units) if not unit.headline]
    clustered = [
        [body[k] for k in group]
        for group in _cluster([units[i] for i in body], scores[np.ix_(body, body)])
    ]
    groups = _attach_headlines(units, scores, clustered)
    order = {
        (r.document.id, a.id): (k, m)
        for k, r in enumerate(records)
        for m, a in enumerate(r.attributions)
    }

    def position(f: StatementFeatures) -> tuple[int, int]:
        return order[(f.statement.document, f.statement.attribution)]

    claims = []
    for group in sorted(
        groups, key=lambda g: min(position(f) for i in g for f in units[i].members)
    ):
        statements = sorted((f for i in group for f in units[i].members), key=position)
        documents = {f.statement.document for f in statements}
        conflict = (
            claim_conflict([units[i].features for i in group]) if len(documents) > 1 else None
        )
        status = "unique" if len(documents) == 1 else ("conflicting" if conflict else "shared")
        claims.append(
            Claim(
                id=f"c{first_claim + len(claims)}",
                story=story_id,
                status=status,
                statements=[f.statement for f in statements],
                conflict=conflict,
            )
        )
    return claims
