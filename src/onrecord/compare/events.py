"""A story's events aligned across its documents, as claims are: one event, many reports.

Two reports are one event when they have the same PLOVER type, compatible dates (equal, or
one within the other: 2024-11 holds 2024-11-15) and share an actor, or give the same two
participants in swapped roles. Each document gives
at most one report of an event. Reports that disagree on who acted (the caller of a CONSULT,
the one who accused) are an actor-in-role conflict; one negated against one not, a negation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from onrecord.compare.model import Conflict, EventReport, StoryEvent
from onrecord.model import Event, Record


def _names(record: Record, ids: list[str]) -> tuple[str, ...]:
    out = []
    for entity_id in ids:
        entity = record.entity(entity_id)
        out.append(entity.name if entity else entity_id)
    return tuple(out)


def _report(record: Record, event: Event) -> EventReport:
    return EventReport(
        document=record.document.id,
        event=event.id,
        type=event.type,
        mode=event.mode,
        actors=_names(record, event.actors),
        recipients=_names(record, event.recipients),
        date=event.date.value if event.date else None,
        trigger=event.trigger.text,
        negated=event.negated,
    )


def _key(record: Record, entity_id: str) -> str:
    """What two documents' names for one participant share: a government's or country's
    country, a person's surname ("Macron" = "Emmanuel Macron"), else the name."""
    entity = record.entity(entity_id)
    if entity is None:
        return entity_id
    if entity.kind in ("government", "country") and entity.country:
        return entity.country
    if entity.kind == "person":
        return entity.name.split()[-1].lower()
    return entity.name.lower()


@dataclass(frozen=True, slots=True)
class _Roles:
    actors: frozenset[str]
    recipients: frozenset[str]

    def same_event(self, other: _Roles) -> bool:
        """The same actor, or the roles swapped (who called whom told both ways)."""
        if self.actors & other.actors:
            return True
        return bool(
            self.actors
            and other.actors
            and self.actors <= other.recipients
            and other.actors <= self.recipients
        )


def _dates_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _score(a: EventReport, b: EventReport, ra: _Roles, rb: _Roles) -> float:
    if a.type != b.type or not _dates_compatible(a.date, b.date) or not ra.same_event(rb):
        return 0.0
    pa, pb = ra.actors | ra.recipients, rb.actors | rb.recipients
    score = len(pa & pb) / len(pa | pb)
    if a.date and a.date == b.date:
        score += 0.5
    if a.mode and a.mode == b.mode:
        score += 0.25
    return score


def _conflict(reports: list[EventReport], role: Callable[[EventReport], _Roles]) -> Conflict | None:
    for i, a in enumerate(reports):
        for b in reports[i + 1 :]:
            if a.document == b.document:
                continue
            if a.negated != b.negated:
                negated, plain = (a, b) if a.negated else (b, a)
                return Conflict(
                    "negation",
                    f"{negated.document} negates the {a.type} that {plain.document} reports",
                )
            if a.actors and b.actors and not role(a).actors & role(b).actors:
                return Conflict(
                    "actor-in-role",
                    f"{a.document} has {', '.join(a.actors)} as actor, "
                    f"{b.document} has {', '.join(b.actors)}",
                )
    return None


def align_events(records: list[Record], first_event: int = 1) -> list[StoryEvent]:
    reports = [_report(record, event) for record in records for event in record.events]
    roles = {
        (record.document.id, event.id): _Roles(
            frozenset(_key(record, x) for x in event.actors),
            frozenset(_key(record, x) for x in event.recipients),
        )
        for record in records
        for event in record.events
    }

    def role(report: EventReport) -> _Roles:
        return roles[(report.document, report.event)]

    groups: list[list[EventReport]] = []
    for report in reports:
        best, best_score = None, 0.0
        for group in groups:
            if any(r.document == report.document for r in group):
                continue
            score = max(_score(report, r, role(report), role(r)) for r in group)
            if score > best_score:
                best, best_score = group, score
        if best is None:
            groups.append([report])
        else:
            best.append(report)
    events = []
    for group in groups:
        documents = {r.document for r in group}
        conflict = _conflict(group, role) if len(documents) > 1 else None
        dated = [r.date for r in group if r.date]
        events.append(
            StoryEvent(
                id=f"v{first_event + len(events)}",
                type=group[0].type,
                date=max(dated, key=len) if dated else None,
                status="unique"
                if len(documents) == 1
                else ("conflicting" if conflict else "shared"),
                reports=group,
                conflict=conflict,
            )
        )
    return events
