"""Analyzers for the worker tests: module-level, so that spawned workers can import them."""

from __future__ import annotations

import os

from onrecord.model import Record
from store_helpers import fake_analyze

KILLER = "KILL-THE-WORKER"


def killing_analyze(text: str, **kwargs: object) -> Record:
    """fake_analyze, except that a text holding :data:`KILLER` kills the process analysing it
    (as a segfault in a native library would)."""
    if KILLER in text:
        os._exit(9)
    return fake_analyze(text, **kwargs)  # type: ignore[arg-type]
