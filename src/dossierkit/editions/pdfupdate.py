"""An incremental update of a PDF (ISO 32000-1, 7.5.6): replacement objects appended after
the file, with a cross-reference stream that points to them and back to the file's own."""

from __future__ import annotations

import hashlib


def _literal(text: str) -> bytes:
    """A PDF literal string of ASCII text, as pikepdf writes one."""
    return b"(" + text.encode("ascii").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _text_string(text: str) -> bytes:
    """A PDF text string of any text: UTF-16BE with its byte-order mark, in hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


class _Update:
    """Collects replacement objects after a template's bytes, then closes the update."""

    def __init__(self, template):
        self.template = template
        self.out = bytearray(template.data)
        if not self.out.endswith(b"\n"):
            self.out += b"\n"
        self.offsets: dict[int, int] = {}

    def object(self, number: int, body: bytes) -> None:
        self.offsets[number] = len(self.out)
        self.out += b"%d 0 obj\n%s\nendobj\n" % (number, body)

    def stream(self, number: int, data: bytes, entries: bytes = b"") -> None:
        self.object(number, b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), entries, data))

    def finish(self) -> bytes:
        """Append the cross-reference stream and the trailer entries it carries; the file's
        second identifier is a digest of the update, so a copy is reproducible."""
        template = self.template
        number = template.size
        self.offsets[number] = len(self.out)
        numbers = sorted(self.offsets)
        rows = b"".join(b"\x01" + self.offsets[n].to_bytes(4, "big") + b"\x00\x00" for n in numbers)
        index = b" ".join(b"%d 1" % n for n in numbers)
        second = hashlib.md5(bytes(self.out[len(template.data):])).hexdigest().encode()
        entries = (b"/Type /XRef /Size %d /W [1 4 2] /Index [%s] /Root %s /ID [<%s> <%s>] /Prev %d"
                   % (number + 1, index, template.root, template.first_id.hex().encode(), second,
                      template.startxref))
        info = template.info[0]
        entries += b" /Info %d 0 R" % info
        self.out += b"%d 0 obj\n<< %s /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
            number, entries, len(rows), rows)
        self.out += b"startxref\n%d\n%%%%EOF\n" % self.offsets[number]
        return bytes(self.out)
