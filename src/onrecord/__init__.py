"""onrecord: who said what, to whom, when, as whose account; and what happened."""

from onrecord.model import (
    SCHEMA_VERSION,
    Attribution,
    Cue,
    Document,
    Entity,
    Event,
    EventDate,
    Record,
    Section,
    Span,
)

__all__ = [
    "SCHEMA_VERSION",
    "Attribution",
    "Cue",
    "Document",
    "Entity",
    "Event",
    "EventDate",
    "Record",
    "Section",
    "Span",
    "analyze",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # analyze() pulls in spaCy (about a second): load it on first use, so that the command
    # line's --help and the store's query commands start fast.
    if name == "analyze":
        from onrecord.pipeline.records import analyze

        return analyze
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
