"""Batches bounded by characters as well as by count, so that memory stays flat on any corpus.

spaCy's ``nlp.pipe`` batches by document count only: 1,000 long articles in one batch hold
every parse at once. Here a batch closes when it reaches ``max_docs`` documents or
``max_chars`` characters, and a document longer than ``max_chars`` is a batch of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from typing import TypeVar

T = TypeVar("T", bound=Sized)

#: Chosen on PolNeAR dev (docs/benchmarks.md): peak memory 309 MiB at these bounds against 513
#: at 64 documents / 100,000 characters, with no speed difference that rises above the noise.
MAX_DOCS = 16
MAX_CHARS = 40_000


def char_batches(
    items: Iterable[T], *, max_docs: int = MAX_DOCS, max_chars: int = MAX_CHARS
) -> Iterator[list[T]]:
    """Consecutive groups of ``items`` (sized by ``len``), order kept, none of them empty."""
    if max_docs < 1 or max_chars < 1:
        raise ValueError("max_docs and max_chars must be at least 1")
    batch: list[T] = []
    chars = 0
    for item in items:
        size = len(item)
        if batch and (len(batch) >= max_docs or chars + size > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += size
    if batch:
        yield batch
