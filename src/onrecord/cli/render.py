"""Human-readable renderings of a record: the who-said-what table."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from onrecord.model import Record


def _short(text: str, limit: int = 110) -> str:
    """One line of at most ``limit`` characters, safe from rich's [markup]."""
    text = " ".join(text.split())
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def attribution_table(record: Record) -> Table:
    """One row per attribution: speaker, cue, kind, content, and the account carrying it."""
    table = Table(title=f"{record.document.id}: who said what", show_lines=False, expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("speaker", max_width=30)
    table.add_column("cue", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("to")
    table.add_column("content", ratio=3, min_width=40)
    table.add_column("via", no_wrap=True)
    for a in record.attributions:
        speaker = record.entity(a.speaker)
        addressee = record.entity(a.addressee)
        speaker_text = _short(speaker.name, 200) if speaker else "?"
        if a.source and speaker and a.source.text != speaker.name:
            speaker_text += f" ({_short(a.source.text, 30)})"
        table.add_row(
            a.id,
            speaker_text,
            _short(a.cue.span.text, 60) if a.cue else "—",
            a.kind,
            _short(addressee.name, 200) if addressee else "",
            _short(" … ".join(c.text for c in a.content)),
            a.via or "",
        )
    return table


def event_table(record: Record) -> Table:
    """One row per event: type and mode, who to whom, when, the trigger, whose account."""
    table = Table(title=f"{record.document.id}: what happened", expand=True)
    for name, kwargs in (
        ("id", {"no_wrap": True}),
        ("event", {"no_wrap": True}),
        ("actors", {}),
        ("recipients", {}),
        ("date", {"no_wrap": True}),
        ("trigger", {}),
        ("reported by", {"no_wrap": True}),
    ):
        table.add_column(name, **kwargs)

    def names(ids: list[str]) -> str:
        return _short(", ".join(e.name for i in ids if (e := record.entity(i)) is not None), 200)

    for ev in record.events:
        flags = [f for f in ("negated", "future", "hypothetical") if getattr(ev, f)]
        kind = ev.type + (f" ({ev.mode})" if ev.mode else "")
        if flags:
            kind += " (" + ", ".join(flags) + ")"
        date = "—"
        if ev.date and ev.date.value:
            date = f"{ev.date.value} ({ev.date.basis})"
        table.add_row(
            ev.id,
            kind,
            names(ev.actors),
            names(ev.recipients),
            date,
            _short(ev.trigger.text, 40),
            ev.reported_by or "",
        )
    return table


def print_table(record: Record, console: Console | None = None) -> None:
    if console is None:
        # Piped output has no terminal width; 140 columns keeps the content readable in files.
        console = Console() if sys.stdout.isatty() else Console(width=140)
    console.print(attribution_table(record))
    if record.events:
        console.print(event_table(record))
