"""Merging and output: later mentions of an event merged into the first, then drafts
finished into :class:`~onrecord.model.Event` (ids, dates with their fallbacks, and
``reported_by``, the innermost attribution whose content holds the trigger).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from onrecord.events.dates import publication_fallback
from onrecord.events.shared import CoderState, _Draft
from onrecord.model import Attribution, Event, EventDate, Span


class Merging(CoderState):
    """Duplicates merged; drafts finished into events."""

    def _merge(self, drafts: list[_Draft]) -> list[_Draft]:
        kept: list[_Draft] = []
        for draft in drafts:
            participants = frozenset(draft.actors) | frozenset(draft.recipients)
            duplicate = None
            for earlier in kept:
                if earlier.type != draft.type or earlier.previous or draft.previous:
                    continue
                if frozenset(earlier.actors) | frozenset(earlier.recipients) != participants:
                    continue
                if (earlier.negated, earlier.hypothetical) != (draft.negated, draft.hypothetical):
                    continue
                mine = draft.own_date.value if draft.own_date else None
                theirs = earlier.own_date.value if earlier.own_date else None
                if mine is None or mine == theirs:
                    duplicate = earlier
                    break
            if duplicate is None:
                if draft.previous and draft.mode is None:
                    # "last spoke in December 2022": the earlier contact of the same kind.
                    for earlier in kept:
                        same = frozenset(earlier.actors) | frozenset(earlier.recipients)
                        if earlier.type == draft.type and same == participants:
                            draft.mode = earlier.mode
                            break
                kept.append(draft)
            elif duplicate.mode is None:
                duplicate.mode = draft.mode
        return kept

    def _finish(self, drafts: list[_Draft]) -> list[Event]:
        text = self.document.text
        main = next((d for d in drafts if d.type == "CONSULT" and not d.previous), None)
        main_people = set(main.actors + main.recipients) if main else set()
        events: list[Event] = []
        for number, draft in enumerate(drafts, start=1):
            start_tok, end_tok = draft.trigger_span
            span = self.doc[start_tok:end_tok]
            trigger = Span.of(text, span.start_char, span.end_char)
            reported_by, speaker = self._reported_by(trigger.start, draft)
            date = draft.own_date
            if date is None and draft.previous:
                date = EventDate(None, None, None, "unresolved")
            if date is None and main is not None and draft is not main and main.own_date:
                people = set(draft.actors) | {speaker, draft.statement_by}
                if people & main_people:
                    date = main.own_date
            if date is None:
                date = publication_fallback(self.published)
            events.append(
                Event(
                    id=f"v{number}",
                    type=draft.type,
                    trigger=trigger,
                    mode=draft.mode,
                    actors=list(draft.actors),
                    recipients=list(draft.recipients),
                    date=date,
                    location=draft.location,
                    reported_by=reported_by,
                    negated=draft.negated,
                    future=draft.future,
                    hypothetical=draft.hypothetical,
                )
            )
        return events

    def _content_map(self) -> tuple[list[int], list[Attribution | None]]:
        """For :meth:`_innermost`: the sorted boundaries of all content spans (outside skipped
        sections) and, for each stretch from one boundary to the next, the smallest
        attribution whose content covers it (the first in document order among equals).

        Attributions are painted over the stretches from the largest to the smallest, so the
        innermost one is painted last.
        """
        kept = [
            (sum(c.end - c.start for c in a.content), order, a)
            for order, a in enumerate(self.attributions)
            if a.section not in self.skip_sections
        ]
        bounds = sorted({x for _, _, a in kept for c in a.content for x in (c.start, c.end)})
        owners: list[Attribution | None] = [None] * len(bounds)
        for _, _, attribution in sorted(kept, key=lambda k: k[:2], reverse=True):
            for c in attribution.content:
                for stretch in range(bisect_left(bounds, c.start), bisect_left(bounds, c.end)):
                    owners[stretch] = attribution
        return bounds, owners

    def _innermost(self, offset: int) -> Attribution | None:
        """The smallest attribution whose content holds character ``offset`` (the first in
        document order among equals)."""
        bounds, owners = self.content_map
        stretch = bisect_right(bounds, offset) - 1
        return owners[stretch] if stretch >= 0 else None

    def _reported_by(self, offset: int, draft: _Draft) -> tuple[str | None, str | None]:
        """(reporting attribution id, speaker of the innermost statement holding the event)."""
        best = self._innermost(offset)
        if best is None:
            return None, None
        speaker = best.speaker
        own = best.speaker in draft.actors or best.speaker == draft.statement_by
        if (draft.speech or draft.type == "SUPPORT") and own:
            return best.via, speaker
        return best.id, speaker
