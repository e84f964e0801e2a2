"""Every Doc extension attribute onrecord sets, registered in one place.

Stage components write the values (``assigns`` in their factories); derived values are
getters, so they never go stale. Values are onrecord's own objects (see :mod:`onrecord.model`),
kept in ``doc.user_data`` as spaCy does for all extensions. Names that other packages might
also use (metadata, document) carry an ``onrecord_`` prefix.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from onrecord.model import Document, Entity, Record

#: What a caller may say about a document: the keys of ``doc._.onrecord_metadata``.
METADATA_KEYS = ("id", "published", "source", "url", "title", "scope")

# name -> what it holds (the component that assigns it is in onrecord.pipeline.components)
VALUES = {
    "onrecord_metadata": "dict: id, published, source, url, title, scope (set by the caller)",
    "onrecord_document": "onrecord.model.Document with its sections (onrecord_sections)",
    "quotations": "list of onrecord.text.quotes.Quotation (onrecord_quotations)",
    "entity_index": "onrecord.entities.index.EntityIndex (onrecord_entities)",
    "attributions": "list of onrecord.model.Attribution (onrecord_attributions)",
    "events": "list of onrecord.model.Event (onrecord_events)",
}


def _record(doc: Doc) -> Record | None:
    """The whole record, once every stage has run (None before)."""
    document: Document | None = doc._.onrecord_document
    if document is None or doc._.events is None or doc._.attributions is None:
        return None
    return Record(
        document=document,
        entities=doc._.entity_index.entities,
        attributions=doc._.attributions,
        events=doc._.events,
    )


def _speakers(doc: Doc) -> list[Entity] | None:
    """Entities that speak in this document, in order of their first attribution."""
    if doc._.attributions is None or doc._.entity_index is None:
        return None
    ids = list(dict.fromkeys(a.speaker for a in doc._.attributions if a.speaker))
    return [doc._.entity_index.get(i) for i in ids]


GETTERS: dict[str, Any] = {
    "onrecord": _record,
    "speakers": _speakers,
}


def register() -> None:
    """Register the extensions (idempotent: safe to call from every factory)."""
    for name in VALUES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name, getter in GETTERS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)


def set_metadata(doc: Doc, metadata: dict[str, Any] | None) -> Doc:
    """Attach a document's metadata, rejecting keys onrecord does not know (typos)."""
    metadata = dict(metadata or {})
    unknown = sorted(set(metadata) - set(METADATA_KEYS))
    if unknown:
        raise ValueError(
            f"unknown metadata key(s) {', '.join(unknown)}; expected {', '.join(METADATA_KEYS)}"
        )
    doc._.onrecord_metadata = metadata
    return doc


register()
