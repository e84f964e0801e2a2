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
    "AnalysisError",
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
    "analyze_many",
    "compare",
    "load",
]
__version__ = "0.1.0"
_PIPELINE = frozenset({"AnalysisError", "analyze", "analyze_many", "load"})


def __getattr__(name: str) -> object:
    # The pipeline pulls in spaCy (about a second): import it on first use, so that the
    # command line's --help and the store's query commands start fast.
    if name in _PIPELINE:
        from onrecord import pipeline

        return getattr(pipeline, name)
    if name == "compare":
        # onrecord.compare is also the subpackage: import it, then answer with its function
        # (the import binds the module to this attribute, so bind the function over it).
        import importlib

        function = importlib.import_module("onrecord.compare").compare
        globals()["compare"] = function
        return function
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
