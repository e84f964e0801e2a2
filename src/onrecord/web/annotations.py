"""What the article page lists beside the text: statements (as a tree of accounts), events
and the speakers' colour key, each item written out in words, so that a reader without
JavaScript, colour or a mouse gets all of it."""

from __future__ import annotations

from typing import Any

from onrecord.web.article import chains, speaker_colours

KIND_WORDS = {
    "direct": "direct: quoted",
    "mixed": "mixed: quoted in part",
    "indirect": "indirect: reported",
}


def _entity_view(entity: dict[str, Any] | None, actors: dict[str, str]) -> dict[str, Any]:
    if entity is None:
        return {"name": "unknown speaker", "actor": None, "title": None, "country": None}
    return {
        "name": entity["name"],
        "actor": actors.get(entity["id"], entity["name"]),
        "title": entity.get("title"),
        "country": entity.get("country"),
        "kind": entity.get("kind"),
    }


def describe(record: dict[str, Any], actors: dict[str, str] | None = None) -> dict[str, Any]:
    """Statements, events and speakers of ``record``, ready for the page.

    ``actors`` maps entity ids to the names of store-wide actors (for links to speaker pages);
    without it an entity's own name is used."""
    actors = actors or {}
    entities = {e["id"]: e for e in record["entities"]}
    by_id = {a["id"]: a for a in record["attributions"]}
    colours = speaker_colours(record)
    source = record["document"].get("source")
    account_chains = chains(record)

    def as_named(attribution: dict[str, Any]) -> str | None:
        span = attribution.get("source")
        return span["text"] if span else None

    statements: dict[str, dict[str, Any]] = {}
    for a in record["attributions"]:
        speaker = _entity_view(entities.get(a["speaker"]), actors)
        addressee = entities.get(a["addressee"]) if a["addressee"] else None
        steps = []
        for depth, aid in enumerate(account_chains[a["id"]]):
            link = by_id[aid]
            who = _entity_view(entities.get(link["speaker"]), actors)["name"]
            named = as_named(link)
            shown = f"{who} (“{named}”)" if named and named.lower() not in who.lower() else who
            steps.append(shown if depth == 0 else f"as given by {shown}")
        steps.append(f"as reported by {source}" if source else "as reported by this article")
        statements[a["id"]] = {
            "id": a["id"],
            "speaker": speaker,
            "colour": colours[a["speaker"]],
            "kind": a["kind"],
            "kind_words": KIND_WORDS.get(a["kind"], a["kind"]),
            "cue": a["cue"]["text"] if a["cue"] else None,
            "lemma": a["cue"]["lemma"] if a["cue"] else None,
            "source": as_named(a),
            "addressee": addressee["name"] if addressee else None,
            "section": a["section"],
            "via": a["via"],
            "chain": steps,
            "content": [span["text"] for span in a["content"]],
            "children": [],
        }
    roots = []
    for a in record["attributions"]:
        parent = a["via"]
        if parent in statements and parent != a["id"]:
            statements[parent]["children"].append(statements[a["id"]])
        else:
            roots.append(statements[a["id"]])

    def names(ids: list[str]) -> list[str]:
        return [_entity_label(entities.get(i)) for i in ids]

    events = []
    for ev in record["events"]:
        date = ev.get("date") or {}
        flags = [flag for flag in ("negated", "future", "hypothetical") if ev.get(flag)]
        events.append(
            {
                "id": ev["id"],
                "type": ev["type"],
                "mode": ev.get("mode"),
                "actors": names(ev["actors"]),
                "recipients": names(ev["recipients"]),
                "trigger": ev["trigger"]["text"],
                "date": date.get("value"),
                "granularity": date.get("granularity"),
                "basis": date.get("basis"),
                "date_text": (date.get("span") or {}).get("text"),
                "location": ev.get("location"),
                "reported_by": ev.get("reported_by"),
                "flags": flags,
            }
        )
    key = [
        {"colour": colour, **_entity_view(entities.get(entity_id), actors)}
        for entity_id, colour in colours.items()
    ]
    return {"statements": roots, "events": events, "speakers": key, "count": len(statements)}


def _entity_label(entity: dict[str, Any] | None) -> str:
    return entity["name"] if entity else "?"
