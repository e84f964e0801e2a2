"""Attributions marked by layout rather than by a verb: transcript labels (`PESKOV: ...`),
dash signatures (`"..." ― Esther Tapia`) and embedded social posts (`... — City of Halifax
(@hfxgov) March 3, 2019`).

A colon after a name is also a headline device (`Julian Assange: Sweden drops rape
investigation` is about Assange) and a section label (`MARKETS:`, `WATCH:`). A label is taken
as a speaker when a reader would: in a headline, only a label the body reports as speaking;
in the body, a person the article names, or capitals in a transcript (two or more labelled
paragraphs).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from onrecord import data
from onrecord.attribution.finder import Candidate
from onrecord.model import Document

_LABEL = re.compile(
    r"^[\"“]?(?P<label>(?:[A-Z][A-Za-z.'’-]+|[A-Z]{2,}[.']?)(?:\s+(?:[A-Z][A-Za-z.'’-]+|[A-Z]{2,}))"
    r"{0,3}):\s+(?=\S)",
    re.M,
)
_NOT_LABELS = data.words("lexicon/not_speaker_labels")
_SIGNATURE = re.compile(
    r"^(?P<quote>[\"“«].*[\"”»])\s*(?P<dash>[―—–]|--)\s*"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})(?:,[^\n]*)?[ \t]*$",
    re.M,
)
# "— City of Halifax (@hfxgov) March 3, 2019": the signature line of an embedded post.
_POST_SIGNATURE = re.compile(
    r"(?P<dash>[—–―]|--)[ \t]*(?P<name>[^\n()@—–]{1,80}?)[ \t]*\(@\w{1,30}\)[ \t]*"
    r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},[ \t]+\d{4}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{4})"
    r"[ \t]*$",
    re.M,
)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _last_word(name: str) -> str:
    words = name.replace("’s", "").split()
    return words[-1].strip(".,").lower() if words else ""


def transcript_labels(
    doc: Doc, text: str, document: Document, known_people: set[str], speaking: set[str]
) -> list[Candidate]:
    """A paragraph opening with `NAME:` is NAME's words, when NAME is a speaker (see above).

    ``known_people`` holds the person mentions of the document, ``speaking`` the lowercased
    last words of the sources the body's cues report.
    """
    surnames = {_last_word(name) for name in known_people}
    matches = []
    for match in _LABEL.finditer(text):
        label = match.group("label")
        section = document.section_at(match.start())
        if label.upper() in _NOT_LABELS or len(label) < 2 or section in ("caption", "credit"):
            continue
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        if _words(text[match.end() : line_end]) < 3:
            continue
        matches.append((match, label, section, line_end))
    capital_labels = sum(1 for _, label, section, _ in matches if label.isupper())
    found = []
    for match, label, section, line_end in matches:
        person = label in known_people or (label.isupper() and _last_word(label) in surnames)
        if section == "headline":
            if _last_word(label) not in speaking:
                continue  # a headline's topic, not its speaker
        elif not (person or (label.isupper() and capital_labels >= 2)):
            continue  # "MARKETS:", "WATCH:", "Poll: ..." label a section or a device
        start, end = match.start("label"), match.end("label")
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        cand = Candidate(end, end + 1, ":", [(match.end(), line_end)], (span.start, span.end))
        cand.extra["label"] = True
        found.append(cand)
    return found


def signed_quotes(doc: Doc, text: str) -> list[Candidate]:
    """A quotation signed with a dash: `“…” ― Esther Tapia` (vox pops, epigraphs)."""
    found = []
    for match in _SIGNATURE.finditer(text):
        span = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        if span is None:
            continue
        cand = Candidate(
            match.start("dash"),
            match.end("dash"),
            match.group("dash"),
            [(match.start("quote"), match.end("quote"))],
            (span.start, span.end),
        )
        cand.extra["label"] = True
        found.append(cand)
    return found


def embedded_posts(doc: Doc, text: str) -> list[Candidate]:
    """An embedded post: its text, then `— Name (@handle) Date`, on the same line or the
    line before (how tweets read once a page is reduced to text). The post's words are the
    account holder's, direct."""
    found = []
    for match in _POST_SIGNATURE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        start = line_start
        if not text[line_start : match.start()].strip():
            # the signature opens its own line: the post is the paragraph before it
            end = line_start - 1
            while end > 0 and text[end - 1] == "\n":
                end -= 1
            start = text.rfind("\n", 0, end) + 1
        else:
            end = match.start()
        if _words(text[start:end]) < 3:
            continue
        span = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        if span is None:
            continue
        cand = Candidate(
            match.start("dash"),
            match.end("dash"),
            match.group("dash"),
            [(start, end)],
            (span.start, span.end),
        )
        cand.extra["label"] = True
        found.append(cand)
    return found
