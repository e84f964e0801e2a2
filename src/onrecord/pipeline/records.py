"""analyze(): one document through every stage, on one spaCy parse."""

from __future__ import annotations

import re

from onrecord.attribution.accounts import build_attributions
from onrecord.attribution.cue_model import SCOPES
from onrecord.entities.index import build_entities
from onrecord.events.coder import code_events
from onrecord.model import Document, Record
from onrecord.pipeline import spacy_model as nlp
from onrecord.text.quotes import find_quotations
from onrecord.text.sections import detect_sections

_SURROGATE = re.compile("[\ud800-\udfff]")


def analyze(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    doc_id: str = "document",
    scope: str = "speech",
) -> Record:
    """Analyze one article and return its record (document, entities, attributions, events).

    ``scope`` is "speech" (what was said, believed or intended) or "all" (also topic accounts
    such as "the leaders discussed the crisis", as PolNeAR annotates them).
    """
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    # Lone surrogates cannot be encoded (spaCy fails on them); U+FFFD keeps every offset.
    text = _SURROGATE.sub("\ufffd", text)
    sections = detect_sections(text)
    document = Document(
        id=doc_id,
        text=text,
        url=url,
        source=source,
        title=title,
        published=published,
        sections=sections,
    )
    doc = nlp.load()(text)
    quotations = find_quotations(text)
    index = build_entities(doc)
    attributions = build_attributions(doc, document, quotations, index, scope)
    events = code_events(doc, document, index, attributions)
    return Record(
        document=document, entities=index.entities, attributions=attributions, events=events
    )
