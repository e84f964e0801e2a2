"""HTML pages: the article text and metadata through trafilatura; a page with fewer than
:data:`MIN_ARTICLE_WORDS` words of text has no article (trafilatura's fallbacks return
navigation text for such pages)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from onrecord.store.readers.item import MAX_MARKUP_BYTES, Item, file_item
from onrecord.text.input import InputError, check_published, check_text, clean_text

MIN_ARTICLE_WORDS = 20
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_html(content_type: str | None) -> bool:
    if not content_type:
        return False
    return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


def _quiet_extractors() -> None:
    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
            logger.propagate = False


def extract_html(data: bytes, url: str | None = None) -> dict[str, Any]:
    """The article in an HTML page: text, title, published date, site name, url."""
    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not HTML")
    import trafilatura

    _quiet_extractors()
    try:
        result = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura's failures are not part of its API
        raise InputError(f"HTML extraction failed: {type(exc).__name__}: {exc}") from None
    fields = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    text = (fields.get("text") or "").strip()
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        detail = f" (only {words} words of page text)" if words else ""
        raise InputError(f"no article text found in the HTML{detail}")
    check_text(text)
    try:  # a guess from the page's metadata: dropped, not fatal, when it is not a date
        published = check_published(fields.get("date") or None)
    except InputError:
        published = None
    return {
        "text": clean_text(text),
        "title": fields.get("title") or None,
        "published": published,
        "source": fields.get("sitename") or fields.get("hostname") or None,
        "url": fields.get("url") or url,
    }


def read_html_file(path: Path, origin: str) -> Item:
    item = file_item(path, origin, MAX_MARKUP_BYTES, ".html")
    if item.error:
        return item
    try:
        found = extract_html(path.read_bytes())
    except InputError as exc:
        item.error = str(exc)
        return item
    item.text = found["text"]
    item.title, item.published = found["title"], found["published"]
    item.source, item.url = found["source"], found["url"]
    return item
