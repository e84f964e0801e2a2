"""Canonical actor keys."""

from __future__ import annotations

import pytest

from onrecord.store.names import canonical_key


@pytest.mark.parametrize(
    ("name", "kind", "key"),
    [
        ("Vladimir Putin", "person", "vladimir putin"),
        ("  VLADIMIR   PUTIN ", "person", "vladimir putin"),
        ("President Vladimir Putin", "person", "vladimir putin"),
        ("Mr. Putin", "person", "putin"),
        ("Putin's", "person", "putin"),
        ("Putin\u2019s", "person", "putin"),
        ("Prime Minister Narendra Modi", "person", "narendra modi"),
        ("Recep Tayyip Erdo\u011fan", "person", "recep tayyip erdogan"),
        ("Emmanuel Macron,", "person", "emmanuel macron"),
        ("Beto O\u2019Rourke", "person", "beto o'rourke"),
        ("Alexandria Ocasio-Cortez", "person", "alexandria ocasio-cortez"),
        ("President", "person", "president"),
        ("General Motors", "organization", "general motors"),
        ("U.S.", "country", "us"),
        ("N.A.T.O.", "organization", "nato"),
        ("\u2014", "unknown", ""),
    ],
)
def test_canonical_key(name: str, kind: str, key: str) -> None:
    assert canonical_key(name, kind) == key
