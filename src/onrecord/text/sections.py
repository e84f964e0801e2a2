"""Split an article into headline, standfirst, caption, credit, byline and body sections.

Plain-text news keeps its furniture as lines: a headline without final punctuation, a photo
caption ("FILE PHOTO: ..."), a credit ("© Agency / Photographer"), a byline ("By ...").
Knowing which is which keeps photographers out of the speakers and headlines out of the body.
"""

from __future__ import annotations

import re

from onrecord import data
from onrecord.model import Section


def _alternatives(name: str) -> str:
    """Regex alternation of the entries of word list ``name``, in file order; the words of one
    entry may be separated by any whitespace."""
    entries = data.word_list(f"lexicon/{name}")
    return "|".join(r"\s+".join(re.escape(word) for word in entry.split()) for entry in entries)


# Caption markers ("FILE PHOTO: ...") and credit agencies ("(AP Photo/...)") are word lists in
# onrecord/data/lexicon; the patterns around them are the shape of the line.
_CAPTION_START = re.compile(
    rf"^\s*(?:{_alternatives('caption_markers')})\s*[:\-–—]",
    re.ASCII,
)
_CREDIT = re.compile(
    r"(?:©|\(c\)\s|Copyright\s|\bPhoto(?:graph)?\s*(?:by|:)\s|\bCredit:\s|\bImage:\s|"
    rf"\((?:{_alternatives('credit_agencies')})[^)]*\)\s*$)",
)
_BYLINE = re.compile(
    r"^\s*(?:By|BY)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4}(?:\s*(?:,|and)\s.*)?$"
)
_SPEAKER_LABEL = re.compile(r"^[A-Z][A-Z.'’ -]{1,40}:\s")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)]*\s*$")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _title_case(text: str) -> bool:
    """Headline style: most content words capitalised (many sites end headlines with a period)."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) > 3]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.75


def detect_sections(text: str) -> list[Section]:
    """Sections of ``text`` in order; every paragraph belongs to exactly one or more pieces."""
    paragraphs = _paragraphs(text)
    sections: list[Section] = []
    seen_body = False
    for index, (start, end) in enumerate(paragraphs):
        para = text[start:end]
        is_first = index == 0
        if _CAPTION_START.match(para) or (not seen_body and _CREDIT.search(para)):
            credit = _CREDIT.search(para)
            if credit and credit.start() > 0:
                cut = credit.start()
                caption_end = start + cut
                while caption_end > start and text[caption_end - 1].isspace():
                    caption_end -= 1
                sections.append(Section("caption", start, caption_end))
                sections.append(Section("credit", start + cut, end))
            elif credit:
                sections.append(Section("credit", start, end))
            else:
                sections.append(Section("caption", start, end))
            continue
        if not seen_body and _BYLINE.match(para) and _word_count(para) <= 12:
            sections.append(Section("byline", start, end))
            continue
        headline_like = (
            len(paragraphs) > 1 and not _TERMINAL.search(para) and _word_count(para) <= 40
        )
        short_first = (
            len(paragraphs) > 2 and _word_count(para) <= 20 and not _SPEAKER_LABEL.match(para)
        )
        if is_first and (headline_like or short_first or _title_case(para)):
            sections.append(Section("headline", start, end))
            continue
        if not seen_body and headline_like and sections and sections[-1].kind == "headline":
            sections.append(Section("standfirst", start, end))
            continue
        seen_body = True
        sections.append(Section("body", start, end))
    return sections
