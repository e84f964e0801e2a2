"""Data files shipped in the package, and the one small loader every stage reads them with.

Word lists are ``.txt`` (one entry a line, ``#`` comments; several words on a line are one
multi-word entry), tables are ``.tsv`` (a ``#`` header line names the columns), structured
lexicons are ``.json``. Paths are relative to this folder: ``words("lexicon/clausal_cues")``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return resources.files("onrecord.data").joinpath(name).read_text(encoding="utf-8")


def _lines(raw: str) -> list[str]:
    return [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """The entries of word list ``name`` (``name.txt``), stripped."""
    return frozenset(" ".join(line.split()) for line in _lines(_read(f"{name}.txt")))


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of word list ``name`` in file order (where order matters, e.g. suffixes)."""
    return tuple(" ".join(line.split()) for line in _lines(_read(f"{name}.txt")))


def table(name: str) -> list[list[str]]:
    """The rows of ``name.tsv`` (``name`` may end in .tsv), each a list of its cells."""
    file = name if name.endswith(".tsv") else f"{name}.tsv"
    return [line.split("\t") for line in _lines(_read(file))]


@cache
def _json(name: str) -> str:
    return _read(name if name.endswith(".json") else f"{name}.json")


def load_json(name: str) -> Any:
    """The parsed content of ``name.json`` (a fresh object each call: callers may keep it)."""
    return json.loads(_json(name))
