"""The spaCy pipeline: onrecord's stages as spaCy components, and the entry points that run it.

``load()`` gives the ready pipeline, ``analyze()`` one record, ``analyze_many()`` a stream.
"""

from onrecord.pipeline.records import analyze

__all__ = ["analyze"]
