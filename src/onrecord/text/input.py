"""Reading input text safely: one set of checks for `analyze` and for the store's readers.

Empty, binary, undecodable or oversized input gets an :class:`InputError` whose message says
what is wrong, for the user; callers report it and go on with the rest of a batch.
"""

from __future__ import annotations

from pathlib import Path

MAX_CHARS = 1_000_000  # spaCy's default max_length; no news article comes near it
MAX_TEXT_BYTES = 4 * 1024 * 1024  # the longest articles are ~100 kB; 4 MiB is not an article


class InputError(ValueError):
    """A document could not be read; the message says why, for the user."""


def mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


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


def decode_text(data: bytes) -> str:
    """UTF-8 text from ``data`` (line endings normalised), or an :class:`InputError`."""
    if not data:
        raise InputError("empty file")
    check_binary(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8"
        ) from None
    check_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path) -> str:
    """The text of a .txt article; errors name the file."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(f"file is {mib(size)}, over the {mib(MAX_TEXT_BYTES)} limit")
        return decode_text(path.read_bytes())
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
