"""PLOVER-style event records: one flat JSON object per event, for JSON Lines output.

:func:`plover_records` turns a :class:`~onrecord.model.Record` into the records that
``onrecord analyze --format plover`` writes, one per line. The record's own ``events`` are
already coded in PLOVER terms (types, modes, conventions); this module only flattens them and
spells out the actors, so a record can be read without the rest of the document:

``id``
    ``<story_id>-<event id>``, unique across a corpus of documents with distinct ids.
``event_id``, ``story_id``
    The event's id in the onrecord record and the document's id.
``event_type``, ``mode``
    PLOVER event type and mode (``null`` where PLOVER defines none or none was found).
``source``, ``target``
    Lists of actors (compound actors stay lists): ``name``, ``country`` (ISO 3166 alpha-3),
    ``sector`` (PLOVER sector code: GOV, MIL, ..., IGO / EUR / UNO / NGO for organizations
    that are not states), ``kind`` and ``entity`` (the entity id in the onrecord record).
``date``, ``date_granularity``, ``date_basis``, ``date_text``
    The event date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), its granularity, how it was
    found (explicit, relative to publication, the publication date as fallback, unresolved)
    and the expression it came from.
``location``
    ``{name, country, entity}`` or ``null``.
``trigger``, ``trigger_start``, ``trigger_end``
    The trigger text and its character offsets into the document text.
``negated``, ``future``, ``hypothetical``
    The event's flags.
``reported_by``
    The attribution that reports the event: ``{attribution, kind, speaker, speaker_entity,
    cue}``, or ``null`` when the article states it in its own voice.
``url``, ``publisher``, ``published``, ``language``
    From the document.
"""

from __future__ import annotations

import json
from typing import Any

from onrecord.model import Entity, Record

__all__ = ["plover_jsonl", "plover_records"]


def _actor(entity: Entity | None, entity_id: str) -> dict[str, Any]:
    if entity is None:
        return {"name": None, "country": None, "sector": None, "kind": None, "entity": entity_id}
    return {
        "name": entity.name,
        "country": entity.country,
        "sector": entity.sector,
        "kind": entity.kind,
        "entity": entity.id,
    }


def plover_records(record: Record) -> list[dict[str, Any]]:
    """One PLOVER-style record per event of ``record``, in the record's event order."""
    document = record.document
    entities = {entity.id: entity for entity in record.entities}
    attributions = {attribution.id: attribution for attribution in record.attributions}
    out: list[dict[str, Any]] = []
    for event in record.events:
        date = event.date
        location = entities.get(event.location) if event.location else None
        reported_by = None
        if event.reported_by and event.reported_by in attributions:
            attribution = attributions[event.reported_by]
            speaker = entities.get(attribution.speaker) if attribution.speaker else None
            reported_by = {
                "attribution": attribution.id,
                "kind": attribution.kind,
                "speaker": speaker.name if speaker else None,
                "speaker_entity": attribution.speaker,
                "cue": attribution.cue.span.text if attribution.cue else None,
            }
        out.append(
            {
                "id": f"{document.id}-{event.id}",
                "event_id": event.id,
                "story_id": document.id,
                "event_type": event.type,
                "mode": event.mode,
                "source": [_actor(entities.get(a), a) for a in event.actors],
                "target": [_actor(entities.get(r), r) for r in event.recipients],
                "date": date.value if date else None,
                "date_granularity": date.granularity if date else None,
                "date_basis": date.basis if date else "unresolved",
                "date_text": date.span.text if date and date.span else None,
                "location": (
                    {"name": location.name, "country": location.country, "entity": location.id}
                    if location
                    else None
                ),
                "trigger": event.trigger.text,
                "trigger_start": event.trigger.start,
                "trigger_end": event.trigger.end,
                "negated": event.negated,
                "future": event.future,
                "hypothetical": event.hypothetical,
                "reported_by": reported_by,
                "url": document.url,
                "publisher": document.source,
                "published": document.published,
                "language": document.language,
            }
        )
    return out


def plover_jsonl(record: Record) -> str:
    """The records of :func:`plover_records` as JSON Lines (one object per line)."""
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in plover_records(record))
