"""Template helpers. Each one escapes the text it is given and builds markup only around it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape


def highlight(content: str, matches: Sequence[Sequence[int]]) -> Markup:
    """``content`` with the [start, end) ranges in ``matches`` as <mark class="hit">."""
    out, position = [], 0
    for start, end in sorted(matches):
        if start < position or end > len(content):
            continue
        out.append(str(escape(content[position:start])))
        out.append(f'<mark class="hit">{escape(content[start:end])}</mark>')
        position = end
    out.append(str(escape(content[position:])))
    return Markup("".join(out))


def segment(value: Any) -> str:
    """A value as one URL path segment (names with spaces or slashes)."""
    return quote(str(value), safe="")


def speaker_url(name: str | None) -> str | None:
    return f"/speakers/{segment(name)}" if name else None


def page_url(base: str, params: dict[str, Any], offset: int) -> str:
    """``base`` with the query ``params`` and ``offset``; list values repeat the name."""
    from urllib.parse import urlencode

    pairs: list[tuple[str, str]] = []
    for name, value in params.items():
        if name == "offset" or value in (None, "", []):
            continue
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, str(item)))
    pairs.append(("offset", str(offset)))
    return f"{base}?{urlencode(pairs)}"


def web_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None: a stored URL is shown as a link only
    when following it cannot run script (``javascript:``, ``data:``)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


FILTERS = {"highlight": highlight, "segment": segment, "web_link": web_link}
GLOBALS = {"speaker_url": speaker_url}
