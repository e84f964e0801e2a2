"""Reading input text safely: clear errors for binary, empty, undecodable or huge files."""

from __future__ import annotations

from pathlib import Path

# The longest news articles are ~100 kB; 4 MiB is not an article. Same limit as the store's
# readers (onrecord.store.readers.MAX_TEXT_BYTES).
MAX_TEXT_BYTES = 4 * 1024 * 1024


class InputError(ValueError):
    """An input file that cannot be analyzed, with the reason in the message."""


def decode_text(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"{name}: {len(data):,} bytes is larger than the {MAX_TEXT_BYTES:,}-byte limit "
            "for one article"
        )
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte {exc.start})") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from exc
    return decode_text(data, str(path))
