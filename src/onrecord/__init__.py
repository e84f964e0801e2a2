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
from onrecord.pipeline import analyze

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
