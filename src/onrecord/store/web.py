"""Inputs that are not files: ``-`` (standard input) and ``http(s)://`` URLs, fetched with
httpx (timeouts, a size limit, an identifying user agent, redirects followed).

Standard input is sniffed: a WARC/ARC (or gzip) stream, JSON Lines, HTML, else plain text. A
fetched page is HTML (trafilatura, as for files) or plain text by its Content-Type.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from onrecord.text.input import InputError, decode_text, mib, printable

MAX_FETCH_BYTES = 16 * 1024 * 1024
TIMEOUT_S = 30.0
URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|article|p)[\s>]", re.IGNORECASE)


def is_url(value: str) -> bool:
    return bool(URL.match(value.strip()))


def user_agent() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        own = version("onrecord")
    except PackageNotFoundError:
        own = "dev"
    return f"onrecord/{own} (news attribution research tool; +https://pypi.org/project/onrecord/)"


def fetch(url: str) -> tuple[bytes, str, str]:
    """(body, content type, final URL) of ``url``, or :class:`InputError` saying why not."""
    import httpx

    try:
        with (
            httpx.Client(
                timeout=httpx.Timeout(TIMEOUT_S),
                follow_redirects=True,
                headers={"User-Agent": user_agent()},
                max_redirects=5,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(f"HTTP status {response.status_code}")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_FETCH_BYTES:
                raise InputError(f"page is {mib(int(declared))}, over the {mib(MAX_FETCH_BYTES)}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_FETCH_BYTES:
                    raise InputError(f"page is over the {mib(MAX_FETCH_BYTES)} limit")
            content_type = response.headers.get("Content-Type", "")
            return bytes(body), content_type, str(response.url)
    except httpx.TimeoutException:
        raise InputError(f"no answer within {TIMEOUT_S:g} s") from None
    except httpx.HTTPError as exc:
        raise InputError(f"could not fetch: {printable(exc, 200)}") from None


def sniff(data: bytes) -> str:
    """``warc``, ``jsonl``, ``html`` or ``text`` for a stream with no file name."""
    head = data[:4096].lstrip()
    if data[:2] == b"\x1f\x8b" or head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if head.startswith(b"{") and b'"text"' in data[:1_000_000]:
        return "jsonl"
    if head.startswith(b"<") and _HTML.search(data[:8192]):
        return "html"
    return "text"


def spooled(data: bytes, suffix: str) -> Path:
    """``data`` in a temporary file (the WARC and JSONL readers read files)."""
    with tempfile.NamedTemporaryFile(prefix="onrecord-", suffix=suffix, delete=False) as handle:
        handle.write(data)
    return Path(handle.name)


def read_stdin(stream: BinaryIO | None = None, limit: int = MAX_FETCH_BYTES * 4) -> bytes:
    source = stream if stream is not None else sys.stdin.buffer
    data = source.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"standard input is over the {mib(limit)} limit")
    return data


def url_lines(data: bytes) -> list[str] | None:
    """The URLs of a file that lists only URLs (one a line, ``#`` comments allowed)."""
    try:
        text = decode_text(data)
    except InputError:
        return None
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if lines and all(is_url(line) for line in lines):
        return lines
    return None


def each_url(urls: list[str]) -> Iterator[str]:
    seen: set[str] = set()
    for url in urls:
        if url not in seen:
            seen.add(url)
            yield url
