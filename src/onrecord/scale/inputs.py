"""Input paths as given on a command line or in code, with glob patterns expanded lazily."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

_GLOB_CHARS = frozenset("*?[")


def expand_globs(paths: Iterable[str | Path]) -> Iterator[str | Path]:
    """Each path, or for a pattern that names no existing file (``feeds/*.jsonl``,
    ``crawl/**/*.warc.gz``) the files it matches, sorted. A pattern that matches nothing is
    passed on as it is, so the reader reports it as missing."""
    for path in paths:
        raw = str(path)
        if _GLOB_CHARS.isdisjoint(raw) or Path(raw).exists():
            yield path
            continue
        matches = sorted(glob.iglob(raw, recursive=True))
        yield from matches or [path]
