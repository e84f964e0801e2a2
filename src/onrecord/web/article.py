"""An article laid out for reading: its text with every attribution and event marked in place.

Spans overlap and nest (a statement inside another one's content, a cue inside a quotation,
an event trigger inside a statement), and HTML elements must nest properly. The text is cut
into paragraphs (one per line, each tagged with its section: headline, caption, credit, ...),
and each paragraph is rendered by one sweep over the span boundaries: an element whose span
ends while elements opened after it are still open closes them, and they reopen as
continuation pieces. Every piece of a statement's content carries ``data-a`` (the
attribution id) and ``data-span`` (which content span), so the pieces of one span read, in
document order, exactly that span's text.

Every character of article text passes through :func:`markupsafe.escape`; markup is only ever
made here, from ids and names that are escaped too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

PALETTE = 10  # speaker colours in the stylesheet: .sp0 ... .sp9

# Which element is outermost when two spans start and end at the same place.
RANK = {"content": 0, "quoted": 1, "source": 2, "cue": 2, "trigger": 3, "date": 3}


@dataclass(slots=True)
class Mark:
    start: int
    end: int
    kind: str
    tag: str
    attrs: dict[str, str]
    first_attrs: dict[str, str] = field(default_factory=dict)
    opened: bool = False

    def open(self) -> str:
        attrs = dict(self.attrs)
        if not self.opened:
            attrs.update(self.first_attrs)
            self.opened = True
        else:
            attrs["class"] = attrs.get("class", "") + " cont"
        rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items())
        return f"<{self.tag}{rendered}>"

    def close(self) -> str:
        return f"</{self.tag}>"


@dataclass(slots=True)
class Block:
    section: str
    start: int
    end: int
    html: Markup


def sweep(text: str, start: int, end: int, marks: Iterable[Mark]) -> Markup:
    """``text[start:end]`` escaped, with ``marks`` (clipped to it) as properly nested
    elements."""
    clipped = []
    for mark in marks:
        s, e = max(mark.start, start), min(mark.end, end)
        if s < e:
            clipped.append((s, e, mark))
    opening = sorted(clipped, key=lambda m: (m[0], -m[1], RANK[m[2].kind]))
    points = sorted({start, end, *(m[0] for m in clipped), *(m[1] for m in clipped)})
    out: list[str] = []
    stack: list[tuple[int, Mark]] = []  # (clipped end, mark)
    position, next_open = start, 0
    for point in points:
        if point > position:
            out.append(str(escape(text[position:point])))
            position = point
        ending = [i for i, (e, _m) in enumerate(stack) if e == point]
        if ending:
            lowest = ending[0]
            reopen = [(e, m) for e, m in stack[lowest:] if e > point]
            out.extend(m.close() for _e, m in reversed(stack[lowest:]))
            del stack[lowest:]
            for e, m in reopen:
                out.append(m.open())
                stack.append((e, m))
        while next_open < len(opening) and opening[next_open][0] == point:
            _s, e, mark = opening[next_open]
            next_open += 1
            out.append(mark.open())
            stack.append((e, mark))
    return Markup("".join(out))


_LINE = re.compile(r"[^\S\n]*(\S(?:[^\n]*\S)?)")


def paragraphs(record: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(section kind, start, end) of every non-empty line of the document, without the
    line's leading and trailing white space."""
    doc = record["document"]
    sections = sorted((s["start"], s["end"], s["kind"]) for s in doc.get("sections") or [])
    starts = [start for start, _end, _kind in sections]

    def section_at(offset: int) -> str:
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < sections[index][1]:
            return sections[index][2]
        return "body"

    return [(section_at(m.start(1)), m.start(1), m.end(1)) for m in _LINE.finditer(doc["text"])]


def headline(record: dict[str, Any]) -> str | None:
    """The text of the document's headline section, if it has one."""
    text = record["document"]["text"]
    for section in record["document"].get("sections") or []:
        if section["kind"] == "headline":
            return text[section["start"] : section["end"]].strip() or None
    return None


def _entity_label(entity: dict[str, Any] | None) -> str:
    return entity["name"] if entity else "unknown speaker"


def chains(record: dict[str, Any]) -> dict[str, list[str]]:
    """For each attribution, the ids of the accounts it is given through: [itself, via, ...]."""
    by_id = {a["id"]: a for a in record["attributions"]}
    out = {}
    for a in record["attributions"]:
        chain, seen = [a["id"]], {a["id"]}
        while (via := by_id[chain[-1]].get("via")) and via in by_id and via not in seen:
            chain.append(via)
            seen.add(via)
        out[a["id"]] = chain
    return out


def speaker_colours(record: dict[str, Any]) -> dict[str | None, int]:
    """A colour index per speaker entity, in order of first statement."""
    colours: dict[str | None, int] = {}
    for a in sorted(record["attributions"], key=lambda a: a["content"][0]["start"]):
        if a["speaker"] not in colours:
            colours[a["speaker"]] = len(colours) % PALETTE
    return colours


def _marks(record: dict[str, Any], colours: dict[str | None, int]) -> list[Mark]:
    entities = {e["id"]: e for e in record["entities"]}
    depth = {aid: len(chain) - 1 for aid, chain in chains(record).items()}
    marks: list[Mark] = []
    for a in record["attributions"]:
        aid = a["id"]
        speaker = _entity_label(entities.get(a["speaker"]))
        label = f"{aid} · {speaker} · {a['kind']}"
        for index, span in enumerate(a["content"]):
            attrs = {
                "class": f"st st-{a['kind']} sp{colours[a['speaker']]} depth{min(depth[aid], 3)}",
                "data-a": aid,
                "data-span": str(index),
            }
            first = {"data-label": label, "title": f"{speaker} ({a['kind']}): see {aid}"}
            if index == 0:
                first |= {"id": aid, "tabindex": "0", "aria-describedby": f"info-{aid}"}
            marks.append(Mark(span["start"], span["end"], "content", "mark", attrs, first))
        for span in a["quoted"]:
            marks.append(Mark(span["start"], span["end"], "quoted", "span", {"class": "q"}))
        for kind, span in (("cue", a["cue"]), ("source", a["source"])):
            if span:
                css = "cue" if kind == "cue" else "src"
                marks.append(
                    Mark(span["start"], span["end"], kind, "span", {"class": css, "data-a": aid})
                )
    for ev in record["events"]:
        vid, trigger = ev["id"], ev["trigger"]
        label = f"{vid} {ev['type']}"
        marks.append(
            Mark(
                trigger["start"],
                trigger["end"],
                "trigger",
                "span",
                {"class": "ev", "data-v": vid},
                {"id": f"{vid}-trigger", "data-label": label, "title": label},
            )
        )
        date_span = (ev.get("date") or {}).get("span")
        if date_span:
            marks.append(
                Mark(
                    date_span["start"],
                    date_span["end"],
                    "date",
                    "span",
                    {"class": "when", "data-v": vid},
                )
            )
    return marks


def layout(record: dict[str, Any]) -> list[Block]:
    """The article's paragraphs, each with its marks in place."""
    text = record["document"]["text"]
    marks = _marks(record, speaker_colours(record))
    lines = paragraphs(record)
    line_starts = [start for _section, start, _end in lines]
    inside: list[list[Mark]] = [[] for _ in lines]
    for mark in marks:  # each mark goes to the lines it overlaps
        index = max(bisect_right(line_starts, mark.start) - 1, 0)
        while index < len(lines) and lines[index][1] < mark.end:
            if lines[index][2] > mark.start:
                inside[index].append(mark)
            index += 1
    return [
        Block(section, start, end, sweep(text, start, end, inside[i]))
        for i, (section, start, end) in enumerate(lines)
    ]
