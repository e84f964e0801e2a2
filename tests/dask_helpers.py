"""Functions the Dask test workers import (tests/ is on their PYTHONPATH)."""

from __future__ import annotations

import os
from typing import Any

from onrecord.model import Record

MARKER = "CRASH THE WORKER"


def crash_on_marker(text: str, **kwargs: Any) -> Record:
    """onrecord's analysis, except that a text with :data:`MARKER` kills the process, as a
    segfault or the kernel's OOM killer would."""
    if MARKER in text:
        os._exit(1)
    from onrecord.pipeline import analyze

    return analyze(text, **kwargs)
