"""Markdown to sanitised HTML: CommonMark plus tables, footnotes, attributes and definition lists."""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

# What a chapter may contain. Anything else in raw HTML (scripts, event handlers,
# iframes, forms, embedded objects) is dropped before either writer sees it.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "section", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "aside", "header", "footer",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "lang", "title", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto"}

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
    return (md.use(footnote_plugin, inline=False).use(attrs_block_plugin)
              .use(attrs_plugin).use(deflist_plugin))


def sanitise(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True)


def markdown_to_html(text: str, language: str) -> str:
    """Unsanitised HTML: callers check its resources, then pass it through `sanitise`."""
    return _parser(language).render(text)


def inline_html(text: str, language: str = "en") -> str:
    """One line of inline Markdown (`*Gravity*`, a link) as sanitised HTML, no paragraph."""
    return sanitise(_parser(language).renderInline(text))
