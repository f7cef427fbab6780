"""Markdown to HTML: CommonMark plus tables, footnotes, attributes and definition lists."""

from __future__ import annotations

import secrets
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

# markdown-it's footnote markup carries these classes, each with a token drawn afresh by
# every process: raw HTML cannot know it, so it cannot pass itself off as notes.
NOTE_CLASSES = ("footnote-ref", "footnotes-sep", "footnotes", "footnotes-list", "footnote-item",
                "footnote-backref")
NOTE_TOKEN = secrets.token_hex(8)
# The classes of the source notes cite() writes as raw HTML, marked the same way and
# unmarked once the chapter is clean (render.xhtml.restructure_notes).
CITATION_CLASSES = ("noteref", "notes", "notes-title", "notes-list", "note", "note-back")


def note_class(name: str) -> str:
    return f"{name}-{NOTE_TOKEN}"


def _marked(rule):
    def render(self, tokens, idx, options, env):
        html = rule(tokens, idx, options, env)
        for name in NOTE_CLASSES:
            html = html.replace(f'class="{name}"', f'class="{note_class(name)}"')
        return html
    return render


# Typographic quotes per language, for markdown-it's smartquotes.
QUOTES = {"en": "“”‘’", "ru": "«»„“", "de": "„“‚‘", "fr": ["«\u202f", "\u202f»", "‹\u202f", "\u202f›"],
          "es": "«»“”"}


@lru_cache(maxsize=8)
def _parser(language: str) -> MarkdownIt:
    primary = language.split("-")[0]
    md = MarkdownIt("commonmark", {"typographer": True, "html": True,
                                   "quotes": QUOTES.get(primary, QUOTES["en"])})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    # A link's text shows the address as written: decoding percent-escapes would turn bytes
    # of another encoding into U+FFFD and change what the reader copies.
    md.normalizeLinkText = lambda url: url
    md = (md.use(footnote_plugin, inline=False).use(attrs_block_plugin)
            .use(attrs_plugin).use(deflist_plugin))
    for name in ("footnote_ref", "footnote_block_open", "footnote_open", "footnote_anchor"):
        md.add_render_rule(name, _marked(md.renderer.rules[name]))
    return md


def markdown_to_html(text: str, language: str) -> str:
    """Unsanitised HTML: render.sanitise parses it into the tree the writers read."""
    return _parser(language).render(text)



def inline_markdown(text: str, language: str = "en") -> str:
    """One line of inline Markdown, unsanitised (render.sanitise.inline_html cleans it)."""
    return _parser(language).renderInline(text)
