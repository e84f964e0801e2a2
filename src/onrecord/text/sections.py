"""Split an article into headline, standfirst, caption, credit, byline, dateline and body.

Plain-text news keeps its furniture as lines: a headline without final punctuation, a photo
caption ("FILE PHOTO: ..."), a credit ("© Agency / Photographer"), a byline ("By ..."), and a
dateline opening a paragraph ("HANOI, Vietnam (AP) — ..."). Knowing which is which keeps
photographers out of the speakers, headlines out of the body, and the dateline's place and
agency out of the sentence that follows it (the parser is told the sentence starts after it).
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
# A dateline: a place in capitals ("HANOI", "NEW YORK", "ST. JOHN'S"), optionally a region or
# country ("Vietnam", "Ont.", "N.S.") and an agency in brackets, then a dash.
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:[ \t][A-Z][A-Z.'’-]+){0,3})"
    r"(?:,[ \t]+[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,2})?"
    r"(?:[ \t]*\([A-Z][\w .&/-]{0,30}\))?"
    r"(?:[ \t]*[—–]|[ \t]+--?[ \t])[ \t]*(?=\S)"  # a hyphen needs spaces: not "AFL-CIO"
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


def dateline_at(text: str, start: int) -> int | None:
    """End of the dateline opening the paragraph at ``start`` (after the dash), if any."""
    match = _DATELINE.match(text, start)
    if match is None or len(re.sub(r"\W", "", match.group("place"))) < 2:
        return None
    return match.end()


def datelines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph-opening dateline; ``end`` is where the sentence begins."""
    found = []
    for start, _ in _paragraphs(text):
        end = dateline_at(text, start)
        if end is not None:
            found.append((start, end))
    return found


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
        dateline_end = dateline_at(text, start)
        if dateline_end is not None and dateline_end < end:
            sections.append(Section("dateline", start, dateline_end))
            start = dateline_end
        sections.append(Section("body", start, end))
    return sections
