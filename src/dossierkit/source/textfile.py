"""Reading a project's text files with the limits every source file shares."""

from __future__ import annotations

from pathlib import Path

from dossierkit.errors import fail

# A press kit's largest source (a full credits list) is tens of kilobytes; 10,000
# credits with notes and sources stay under 4 MiB. Anything past it is a mistake or an
# attack, and would only slow the build down. (docs/errors.md lists every limit.)
MAX_SOURCE_BYTES = 4 * 1024 * 1024


def read_text(path: Path, rel: str) -> str:
    """Return a source file's text, or a one-line error naming what is wrong with it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise fail(rel, "file not found") from None
    except OSError as exc:
        raise fail(rel, f"cannot read the file: {exc.strerror}") from None
    if size > MAX_SOURCE_BYTES:
        raise fail(rel, f"file is {size} bytes, over the limit of {MAX_SOURCE_BYTES}",
                   hint="split it into smaller files")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise fail(rel, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line=line,
                   hint="save the file as UTF-8") from None
