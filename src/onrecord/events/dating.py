"""Event dates: the date expressions of the document by token, and the date attached to
an event's trigger or clause. Finding and resolving expressions is :mod:`onrecord.events.dates`.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from onrecord.events.dates import find_date_expressions, resolve_date
from onrecord.events.shared import CoderState
from onrecord.model import EventDate, Span


class Dating(CoderState):
    """Date expressions by token, and an event's own date."""

    def _date_tokens(self) -> dict[int, tuple[Span, EventDate]]:
        """Token index -> (expression, resolved date), for the root token of each expression."""
        out: dict[int, tuple[Span, EventDate]] = {}
        self.date_token_set = set()
        for expression in find_date_expressions(self.document.text):
            span = self.doc.char_span(expression.start, expression.end, alignment_mode="expand")
            if span is None:
                continue
            self.date_token_set.update(range(span.start, span.end))
            resolved = resolve_date(expression.text, self.published, span=expression)
            out[span.root.i] = (expression, resolved)
        return out

    def _own_date(self, tok: Token, anchor: Token) -> EventDate | None:
        """A date expression attached to the trigger or its verb, not to a nested clause."""
        best: EventDate | None = None
        for index, (_, resolved) in self.date_of_token.items():
            node = self.doc[index]
            for _ in range(5):
                head = node.head
                if head.i == node.i:
                    break
                if head.i in (anchor.i, tok.i):
                    best = best or resolved
                    break
                if head.pos_ in ("VERB", "AUX") and head.dep_ != "aux":
                    break
                node = head
        return best


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
