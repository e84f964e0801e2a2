"""The REST API answers names the way the CLI does: metonyms find their actor, a near miss
is a 404 whose JSON carries the suggestions (a real server on the founding article)."""

from __future__ import annotations

import httpx

pytest_plugins = ("store_fixtures", "web_fixtures")


def test_api_matches_metonyms_and_suggests_on_a_near_miss(server: str) -> None:
    found = httpx.get(f"{server}/api/statements", params={"speaker": "Kremlin"}, timeout=30)
    assert found.status_code == 200
    rows = found.json()["statements"]
    assert {row["speaker"] for row in rows} == {"Russian government"}
    assert len(rows) == 8
    missed = httpx.get(f"{server}/api/statements", params={"speaker": "Kremln"}, timeout=30)
    assert missed.status_code == 404
    error = missed.json()
    assert error["error"].startswith("no stored actor matches 'Kremln'; did you mean")
    assert [(s["name"], s["matched"], s["score"]) for s in error["suggestions"]] == [
        ("Russian government", "Kremlin", 92.3)
    ]
