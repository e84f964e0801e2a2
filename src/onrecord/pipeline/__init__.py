"""The spaCy pipeline: onrecord's stages as spaCy components, and the entry points that run it.

``load()`` gives the ready pipeline, ``analyze()`` one record, ``analyze_many()`` a stream of
them through ``nlp.pipe`` in batches bounded by characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onrecord.pipeline.records import AnalysisError, analyze, analyze_many, load

__all__ = ["AnalysisError", "analyze", "analyze_many", "load"]


def __getattr__(name: str) -> object:
    # spaCy loads with the records module; onrecord.pipeline.batching needs none of it.
    if name in __all__:
        from onrecord.pipeline import records

        return getattr(records, name)
    raise AttributeError(f"module 'onrecord.pipeline' has no attribute {name!r}")
