"""Plain span data shared by the gold reader, the prediction reader and the scorer.

A *fragment* is a half-open character range ``(start, end)`` into an article's text, counted
in Python ``str`` indices of the text read as UTF-8 without newline translation. An
attribution, for scoring, is just three lists of fragments: its source, its cue and its
content (a discontinuous span or several content spans are simply several fragments). A
prediction may also carry its speaker: the mentions of the entity it resolved the source to,
for the speaker-accuracy figure (gold has no speakers, only sources).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Fragment = tuple[int, int]
Role = Literal["source", "cue", "content"]
ROLES: tuple[Role, ...] = ("source", "cue", "content")


class EvalInputError(ValueError):
    """Gold or prediction data that cannot be read; the message says which file and line."""


@dataclass(frozen=True, slots=True)
class SpanAttribution:
    """One attribution reduced to the fragments of its source, cue and content."""

    source: tuple[Fragment, ...] = ()
    cue: tuple[Fragment, ...] = ()
    content: tuple[Fragment, ...] = ()
    speaker: tuple[Fragment, ...] = ()  # mentions of the predicted speaker entity

    def role(self, role: Role) -> tuple[Fragment, ...]:
        return getattr(self, role)

    def to_dict(self) -> dict[str, Any]:
        """The prediction-file form: ``{"source": [[s, e], ...], "cue": [...], "content": ...}``."""
        out = {role: [[s, e] for s, e in self.role(role)] for role in ROLES}
        if self.speaker:
            out["speaker"] = [[s, e] for s, e in self.speaker]
        return out
