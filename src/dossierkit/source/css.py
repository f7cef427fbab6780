"""The URLs a stylesheet loads, found by tokenising it as CSS (not by searching its text)."""

from __future__ import annotations


def css_references(css: str) -> list[tuple[str, int, bool]]:
    """Every URL a stylesheet loads, with its line and whether @import loads it."""
    import tinycss2

    found: list[tuple[str, int, bool]] = []

    def walk(tokens, in_import: bool = False) -> None:
        for token in tokens or ():
            kind = getattr(token, "type", None)
            if kind == "url" or (kind == "string" and in_import):
                found.append((token.value, token.source_line, in_import))
            elif kind == "function":
                strings = [t for t in token.arguments if getattr(t, "type", None) == "string"]
                if token.lower_name in ("url", "src") and strings:
                    found.append((strings[0].value, token.source_line, in_import))
                else:
                    walk(token.arguments)
            elif kind in ("() block", "[] block", "{} block"):
                walk(token.content)
            elif kind == "at-rule":
                # @namespace names a URL but loads nothing.
                if token.lower_at_keyword != "namespace":
                    walk(token.prelude, in_import=token.lower_at_keyword == "import")
                walk(token.content)
            elif kind == "qualified-rule":
                walk(token.prelude)
                walk(token.content)

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found
