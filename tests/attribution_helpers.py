"""The one attribution of a record with a given cue: the lookup the speaker, source and
recall tests share (each returns the fields it asserts)."""

from __future__ import annotations

from onrecord import Attribution, Record


def attribution_with_cue(record: Record, cue: str) -> Attribution:
    """The record's only attribution whose cue text is ``cue`` (fails when there are more)."""
    found = [a for a in record.attributions if (a.cue.span.text if a.cue else None) == cue]
    assert len(found) == 1, [(a.cue.span.text if a.cue else None) for a in record.attributions]
    return found[0]
