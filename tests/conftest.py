"""Shared fixtures: the real spaCy model, the founding article, schema validation."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "putin-scholz-call.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def schema() -> dict:
    raw = resources.files("onrecord.schema").joinpath("onrecord-1.schema.json").read_text()
    return json.loads(raw)


@pytest.fixture(scope="session")
def validate(schema):
    validator = jsonschema.Draft202012Validator(schema)

    def check(record: dict) -> None:
        validator.validate(record)
        text = record["document"]["text"]
        spans = [m for e in record["entities"] for m in e["mentions"]]
        for a in record["attributions"]:
            spans += a["content"] + a["quoted"]
            spans += [s for s in (a["cue"], a["source"]) if s]
        for ev in record["events"]:
            spans.append(ev["trigger"])
            if ev["date"] and ev["date"]["span"]:
                spans.append(ev["date"]["span"])
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"], span

    return check


def summarize(record: dict) -> list[tuple]:
    """(speaker name, cue text, kind, content texts, addressee name, via index, section)."""
    names = {e["id"]: e["name"] for e in record["entities"]}
    ids = [a["id"] for a in record["attributions"]]
    out = []
    for a in record["attributions"]:
        out.append(
            (
                names.get(a["speaker"]),
                a["cue"]["text"] if a["cue"] else None,
                a["kind"],
                [c["text"] for c in a["content"]],
                names.get(a["addressee"]),
                ids.index(a["via"]) + 1 if a["via"] else None,
                a["section"],
            )
        )
    return out
