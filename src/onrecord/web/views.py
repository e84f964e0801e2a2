"""The data behind every endpoint: one function per view, called by the JSON API and by the
HTML page alike (as datasette does), each calling the store's query functions that the CLI
uses. Lists are pages: ``limit`` rows from ``offset`` in the query's stable order, and
``next_offset`` when there are more."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from onrecord.store import Store, page_queries, queries
from onrecord.store.queries import Result

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Window:
    limit: int = DEFAULT_LIMIT
    offset: int = 0


def _page(name: str, window: Window, fetch: Callable[[int, int], Result]) -> dict[str, Any]:
    """One page of a list query: asks for one row more than the page holds, to know whether
    there is a next page without counting."""
    rows = fetch(window.limit + 1, window.offset).rows
    more = len(rows) > window.limit
    return {
        name: rows[: window.limit],
        "limit": window.limit,
        "offset": window.offset,
        "next_offset": window.offset + window.limit if more else None,
    }


def documents(store: Store, window: Window) -> dict[str, Any]:
    return _page(
        "documents",
        window,
        lambda limit, offset: page_queries.document_summaries(store, limit=limit, offset=offset),
    )


def document(store: Store, document_id: int) -> dict[str, Any]:
    """The stored record, and the store-wide actor each of its entities belongs to."""
    return page_queries.document_record(store, document_id)


def statements(
    store: Store,
    window: Window,
    *,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    page = _page(
        "statements",
        window,
        lambda limit, offset: queries.statements(
            store,
            speaker=speaker,
            about=about,
            since=since,
            until=until,
            source=source,
            limit=limit,
            offset=offset,
        ),
    )
    _add_local_ids(store, page["statements"])
    if about:
        _add_matches(store, about, page["statements"])
    page["filters"] = {
        "speaker": speaker,
        "about": about,
        "since": since,
        "until": until,
        "source": source,
    }
    return page


def search(store: Store, window: Window, q: str) -> dict[str, Any]:
    page = _page(
        "statements",
        window,
        lambda limit, offset: queries.search(store, q, limit=limit, offset=offset),
    )
    _add_local_ids(store, page["statements"])
    _add_matches(store, q, page["statements"])
    page["q"] = q
    return page


def _add_local_ids(store: Store, rows: Sequence[dict[str, Any]]) -> None:
    """Each row's ``local_id``: its id in its document (``a7``), the anchor on the article
    page."""
    found = page_queries.statement_local_ids(store, [row["id"] for row in rows])
    for row in rows:
        row["local_id"] = found.get(row["id"])


def _add_matches(store: Store, q: str, rows: Sequence[dict[str, Any]]) -> None:
    """Each row's ``matches``: the [start, end) ranges of its content the query matched."""
    found = page_queries.search_matches(store, q, [row["id"] for row in rows])
    for row in rows:
        row["matches"] = found.get(row["id"], [])


def speakers(store: Store, window: Window) -> dict[str, Any]:
    return _page(
        "speakers",
        window,
        lambda limit, offset: queries.speakers(store, top=limit, offset=offset),
    )


def speaker(store: Store, window: Window, name: str) -> dict[str, Any]:
    """A speaker's profile and (a page of) their statements, oldest first."""
    profile = page_queries.speaker_profile(store, name)
    page = statements(store, window, speaker=name)
    return {"profile": profile, **page}


def timeline(
    store: Store,
    window: Window,
    actors: Sequence[str],
    *,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    page = _page(
        "events",
        window,
        lambda limit, offset: queries.events(
            store, actors=actors, since=since, until=until, limit=limit, offset=offset
        ),
    )
    page["actors"] = list(actors)
    return page
