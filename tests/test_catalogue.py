"""The message catalogue: one code per message, found again from the message's text."""

from __future__ import annotations


def _without_hint(line: str) -> str:
    """The line less its closing "(what to do)", which may hold parentheses of its own."""
    if not line.endswith(")"):
        return line
    depth = 0
    for index in range(len(line) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(line[index], 0)
        if depth == 0:
            return line[:index].rstrip()
    return line


def test_catalogue_codes_are_unique_and_every_template_finds_its_own_code():
    from dossierkit.catalogue import BY_CODE, ENTRIES, EXPLICIT_ONLY, code_for

    assert len(BY_CODE) == len(ENTRIES)
    for entry in ENTRIES:
        if entry.code not in EXPLICIT_ONLY:
            sample = entry.template.replace("{", "<").replace("}", ">")
            assert code_for(sample) == entry.code, entry
            # The documented example line finds the same code (past its place, before its hint).
            pieces = entry.example.split(": ")
            tails = [": ".join(pieces[i:]) for i in range(len(pieces))]
            tails += [_without_hint(tail) for tail in tails]
            assert entry.code in {code_for(tail) for tail in tails}, entry
