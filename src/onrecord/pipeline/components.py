"""onrecord's stages as spaCy pipeline components, registered with factories.

Order (what ``nlp.add_pipe("onrecord")`` sets up on a pipeline with a parser and NER)::

    onrecord_paragraph_breaks  (before the parser)  token.is_sent_start at line breaks
    onrecord_sections          doc._.onrecord_document (text, metadata, sections)
    onrecord_quotations        doc._.quotations
    onrecord_entities          doc._.entity_index
    onrecord_attributions      doc._.attributions
    onrecord_events            doc._.events
    onrecord                   the end of the stages: doc._.onrecord (a getter) is the Record

Each component reads only the doc and what earlier ones assigned, so a component can be
tested on its own, and ``nlp.pipe`` batches the spaCy model under all of them.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.attribution.accounts import build_attributions
from onrecord.attribution.cue_model import SCOPES
from onrecord.entities.index import build_entities
from onrecord.events import code_events
from onrecord.model import Document
from onrecord.pipeline import extensions
from onrecord.text.quotes import find_quotations
from onrecord.text.sections import datelines, detect_sections

#: The stage components in pipeline order (after the spaCy model's own components).
STAGES = (
    "onrecord_sections",
    "onrecord_quotations",
    "onrecord_entities",
    "onrecord_attributions",
    "onrecord_events",
)


@Language.component("onrecord_paragraph_breaks", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and paragraphs never run together.

    The token after one whose text or trailing space holds a line break starts a sentence;
    found from the positions of the line breaks, not by visiting every token. So does the
    token after a paragraph's dateline ("HANOI (AP) —"), which is no part of the sentence.
    """
    text = doc.text
    starts = doc.to_array(IDX).tolist()
    previous = -1
    at = text.find("\n")
    while at != -1:
        owner = bisect_right(starts, at) - 1  # the token whose text or space holds the break
        if owner != previous and 0 <= owner < len(starts) - 1:
            doc[owner + 1].is_sent_start = True
        previous = owner
        at = text.find("\n", at + 1)
    for _, end in datelines(text):  # "HANOI, Vietnam (AP) — Mark Esper said": Esper's sentence
        owner = bisect_right(starts, end) - 1
        if 0 < owner < len(starts) and starts[owner] == end:
            doc[owner].is_sent_start = True
    return doc


def _metadata(doc: Doc) -> dict[str, Any]:
    return doc._.onrecord_metadata or {}


class Sections:
    """The Document: the text, the caller's metadata, and headline/caption/credit/body sections."""

    def __call__(self, doc: Doc) -> Doc:
        meta = _metadata(doc)
        doc._.onrecord_document = Document(
            id=meta.get("id") or "document",
            text=doc.text,
            url=meta.get("url"),
            source=meta.get("source"),
            title=meta.get("title"),
            published=meta.get("published"),
            sections=detect_sections(doc.text),
        )
        return doc


class Quotations:
    """Quote marks paired into quotations (character level, independent of the parse)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotations = find_quotations(doc.text)
        return doc


class Entities:
    """Mentions made into document-level entities (people, governments, organizations...)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.entity_index = build_entities(doc)
        return doc


class Attributions:
    """Who said what: cues, content, sources and speakers; ``scope`` unless metadata says."""

    def __init__(self, scope: str) -> None:
        check_scope(scope)
        self.scope = scope

    def __call__(self, doc: Doc) -> Doc:
        scope = _metadata(doc).get("scope") or self.scope
        check_scope(scope)
        doc._.attributions = build_attributions(
            doc, doc._.onrecord_document, doc._.quotations, doc._.entity_index, scope
        )
        return doc


class Events:
    """PLOVER events with actors, recipients, dates and the attribution that reports each."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = code_events(
            doc, doc._.onrecord_document, doc._.entity_index, doc._.attributions
        )
        return doc


class Onrecord:
    """The last of onrecord's components: after it, ``doc._.onrecord`` is the whole Record."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.events is None:
            raise ValueError("onrecord_events did not run before onrecord")
        return doc


def check_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")


# token.pos is read too, but the model's attribute ruler sets it without declaring it, so
# listing it would make nlp.analyze_pipes() report a problem that is not there.
_PARSED = ["token.dep", "token.head", "token.lemma", "token.tag"]


@Language.factory("onrecord_sections", assigns=["doc._.onrecord_document"])
def make_sections(nlp: Language, name: str) -> Sections:
    return Sections()


@Language.factory("onrecord_quotations", assigns=["doc._.quotations"])
def make_quotations(nlp: Language, name: str) -> Quotations:
    return Quotations()


@Language.factory(
    "onrecord_entities",
    assigns=["doc._.entity_index"],
    requires=["doc.ents", "token.ent_iob", "token.ent_type", *_PARSED],
)
def make_entities(nlp: Language, name: str) -> Entities:
    return Entities()


@Language.factory(
    "onrecord_attributions",
    default_config={"scope": "speech"},
    assigns=["doc._.attributions"],
    requires=[
        *_PARSED,
        "doc._.onrecord_document",
        "doc._.quotations",
        "doc._.entity_index",
    ],
)
def make_attributions(nlp: Language, name: str, scope: str) -> Attributions:
    return Attributions(scope)


@Language.factory(
    "onrecord_events",
    assigns=["doc._.events"],
    requires=[*_PARSED, "doc._.attributions", "doc._.entity_index"],
)
def make_events(nlp: Language, name: str) -> Events:
    return Events()


@Language.factory(
    "onrecord",
    default_config={"scope": "speech"},
    requires=["doc._.events"],
)
def make_onrecord(nlp: Language, name: str, scope: str) -> Onrecord:
    """Add every onrecord stage that ``nlp`` lacks, in order, and end with this component.

    The line-break rule must act before the parse, so it goes in front of the parser (when
    there is one); the stages go at the end, where this component is being added.
    """
    names = nlp.pipe_names
    if "onrecord_paragraph_breaks" not in names:
        if "parser" in names:
            nlp.add_pipe("onrecord_paragraph_breaks", before="parser")
        else:
            nlp.add_pipe("onrecord_paragraph_breaks")
    for stage in STAGES:
        if stage not in nlp.pipe_names:
            config = {"scope": scope} if stage == "onrecord_attributions" else {}
            nlp.add_pipe(stage, config=config)
    return Onrecord()


extensions.register()
