"""Reading a project's files: regular files only, each read bounded by a size limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dossierkit.errors import fail

# A press kit's largest source (a full credits list) is tens of kilobytes; 10,000
# credits with notes and sources stay under 4 MiB. Anything past it is a mistake or an
# attack, and would only slow the build down. (docs/errors.md lists every limit.)
MAX_SOURCE_BYTES = 4 * 1024 * 1024
# Images, fonts and the other files a build embeds: a camera original fits.
MAX_RESOURCE_BYTES = 8 * MAX_SOURCE_BYTES
# Control characters that no text of a dossier holds; XML (the EPUB) cannot hold them.
CONTROL = frozenset(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]
                    ) | {"\ufffe", "\uffff"}


def read_bytes(path: Path, rel: str, limit: int = MAX_RESOURCE_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them.

    A FIFO, device or socket is refused before it is opened (opening a FIFO blocks, and
    /dev/zero never ends); the check is repeated on the open file, which cannot change.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise fail(rel, "not a regular file (a folder, device, FIFO or socket)",
                       hint="give the path of an ordinary file")
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise fail(rel, "file not found") from None
    except (OSError, ValueError) as exc:
        raise fail(rel, f"cannot read the file: {getattr(exc, 'strerror', None) or exc}") from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise fail(rel, "not a regular file (a folder, device, FIFO or socket)",
                       hint="give the path of an ordinary file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        size = max(len(data), os.stat(path).st_size)
        raise fail(rel, f"file is {size} bytes, over the limit of {limit}",
                   hint="split it into smaller files" if limit == MAX_SOURCE_BYTES
                   else "make it smaller")
    return data


def read_text(path: Path, rel: str) -> str:
    """Return a source file's text, or a one-line error naming what is wrong with it."""
    raw = read_bytes(path, rel, MAX_SOURCE_BYTES)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise fail(rel, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line=line,
                   hint="save the file as UTF-8") from None


def check_characters(text: str, rel: str) -> None:
    """Refuse a control character in a chapter or template, with its line."""
    if CONTROL.isdisjoint(text):
        return
    index = next(i for i, c in enumerate(text) if c in CONTROL)
    raise fail(rel, f"control character 0x{ord(text[index]):02x} is not allowed",
               line=text.count("\n", 0, index) + 1, hint="remove it")
