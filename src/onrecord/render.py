"""Human-readable renderings of a record: the who-said-what table."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from onrecord.model import Record


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        speaker_text = speaker.name if speaker else "?"
        if a.source and speaker and a.source.text != speaker.name:
            speaker_text += f" ({_short(a.source.text, 30)})"
        table.add_row(
            a.id,
            speaker_text,
            a.cue.span.text if a.cue else "—",
            a.kind,
            addressee.name if addressee else "",
            _short(" … ".join(c.text for c in a.content)),
            a.via or "",
        )
    return table


def print_table(record: Record, console: Console | None = None) -> None:
    if console is None:
        # Piped output has no terminal width; 140 columns keeps the content readable in files.
        console = Console() if sys.stdout.isatty() else Console(width=140)
    console.print(attribution_table(record))
