"""Reading input text safely: one set of checks for `analyze` and for the store's readers.

Empty, binary, undecodable or oversized input gets an :class:`InputError` whose message says
what is wrong, for the user; callers report it and go on with the rest of a batch.

Text hygiene is the same for every input and both stores: a NUL or a lone surrogate (which no
UTF-8 store can hold) becomes U+FFFD, one character for one, so every offset is unchanged.
Other control characters are kept (they are valid text on SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path

MAX_CHARS = 1_000_000  # spaCy's default max_length; no news article comes near it
MAX_TEXT_BYTES = 4 * 1024 * 1024  # the longest articles are ~100 kB; 4 MiB is not an article

#: Characters no store can keep: NUL (PostgreSQL text) and lone surrogates (not UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Byte order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


class InputError(ValueError):
    """A document could not be read; the message says why, for the user."""


def mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


def printable(value: object, limit: int = 200) -> str:
    """``value`` for a one-line message: control characters, raw bytes and lone surrogates
    escaped (so a file name with an escape character cannot drive the terminal), and cut to
    ``limit`` characters."""
    if isinstance(value, bytes | bytearray):
        value = bytes(value).decode("utf-8", "backslashreplace")
    text = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_text(text: str) -> str:
    """``text`` with NUL and lone surrogates replaced by U+FFFD (offsets unchanged)."""
    return _UNSTORABLE.sub("\ufffd", text)


def check_binary(data: bytes) -> None:
    head = data[:8192]
    if b"\x00" in head:
        raise InputError("binary file (contains NUL bytes), not text")
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\v\x1b")
    if head and controls / len(head) > 0.1:
        raise InputError("binary file (mostly control characters), not text")


def check_text(text: str) -> None:
    if not text.strip():
        raise InputError("no text (empty or only whitespace)")
    if len(text) > MAX_CHARS:
        raise InputError(f"document has {len(text):,} characters, over the limit of {MAX_CHARS:,}")


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_text(data: bytes) -> str:
    """Text from ``data``: UTF-8, or UTF-16/UTF-32 with a byte order mark; line endings
    normalised to ``\\n``, NUL and lone surrogates replaced (:func:`clean_text`). Raises
    :class:`InputError` for anything else."""
    if not data:
        raise InputError("empty file")
    encoding = _bom_encoding(data)
    if encoding is None or encoding == "utf-8-sig":
        check_binary(data)
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
        raise InputError(
            f"not valid {name} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8"
        ) from None
    check_text(text)
    return clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def check_published(value: str | None) -> str | None:
    """``value`` if it is an ISO 8601 date or date-time (``2024-11-15``,
    ``2024-11-15T08:00:00Z``) on a real calendar day, None for an empty value; otherwise an
    :class:`InputError` that says so."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"published must be a string, not {type(value).__name__}")
    stripped = value.strip()
    if not stripped:
        return None
    bad = InputError(
        f"published {printable(value, 60)!s} is not an ISO 8601 date (YYYY-MM-DD, "
        "optionally with a time)"
    )
    if not re.match(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])", stripped):
        raise bad
    try:
        dt.date.fromisoformat(stripped[:10])
        if len(stripped) > 10:
            dt.datetime.fromisoformat(stripped.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise bad from None
    return stripped


def read_text_file(path: Path) -> str:
    """The text of a .txt article; errors name the file."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(f"file is {mib(size)}, over the {mib(MAX_TEXT_BYTES)} limit")
        return decode_text(path.read_bytes())
    except InputError as exc:
        raise InputError(f"{printable(path)}: {exc}") from None
    except OSError as exc:
        raise InputError(f"{printable(path)}: {exc.strerror or exc}") from None
