"""A chapter's raw HTML, parsed once, becomes the one tree every later check and writer reads.

The HTML is parsed by the rules of HTML5 (tinyhtml5, the parser WeasyPrint itself uses),
and a new tree is built from the allowed parts of it only: the link and image checks run
on that tree, and the writers serialise it. No input can look one way to a check and
another way to an output, because there is no second parse to disagree with the first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from lxml import etree

from dossierkit.errors import DossierError, Problem, quoted
from dossierkit.render.markdown import NOTE_CLASSES

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
# Dropped with everything inside them: code, styles, embedded documents, form controls,
# foreign markup (inline SVG and MathML), and what only a scripting browser would show.
DROPPED_WITH_CONTENT = {
    "script", "style", "noscript", "template", "textarea", "title", "xmp", "iframe",
    "noembed", "noframes", "plaintext", "object", "embed", "applet", "svg", "math",
    "select", "head", "frameset", "frame", "audio", "video", "canvas", "map", "link",
    "meta", "base", "picture", "source", "track", "input", "button",
}
# Elements that load what they point at: refused with a message rather than dropped in
# silence (an <a href> only links, and is checked on its own). Scripts and frames are
# dropped whatever they name: nothing of them could ever run or show.
LOADING_ATTRIBUTES = {
    "link": ("href",), "image": ("href", "{http://www.w3.org/1999/xlink}href"),
    "use": ("href", "{http://www.w3.org/1999/xlink}href"), "feimage": ("href",),
    "object": ("data",), "embed": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "source": ("src", "srcset"),
    "track": ("src",), "input": ("src",), "img": ("srcset",),
}
WEB_LINK = ("#", "http://", "https://", "mailto:")
# Classes the notes machinery gives its own markup, and markdown-it's own (whose real
# ones carry a token, see render.markdown): raw HTML that used them would pass for notes.
RESERVED_CLASSES = {"noteref", "noteref-sep", "notes", "note", "note-back", "notes-title",
                    "footnote", *NOTE_CLASSES}
# What XML 1.0 cannot hold, even as a character reference: control characters and the
# two non-characters. HTML5 keeps &#7; as a character; an XHTML writer cannot.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str | None) -> str | None:
    return NOT_XML.sub("\ufffd", text) if text else text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


class _Cleaner:
    """Copies the allowed parts of a parsed fragment into a new lxml tree, collecting
    the problems of whatever a chapter may not do."""

    def __init__(self, chapter: str, image):
        self.chapter = chapter
        self.image = image  # url -> the project path an allowed image stands at; None: no images
        self.problems: list[Problem] = []

    def refuse(self, message: str, hint: str) -> None:
        problem = Problem(self.chapter, message, hint=hint)
        if problem not in self.problems:
            self.problems.append(problem)

    def check_loading(self, node: ElementTree.Element) -> None:
        """Refuse every loading element of a subtree that is dropped: a refused resource
        is said, not silently left out."""
        for element in node.iter():
            if isinstance(element.tag, str):
                self.check_own(element)

    def check_own(self, element: ElementTree.Element) -> None:
        tag = _local(element.tag)
        for attribute in LOADING_ATTRIBUTES.get(tag, ()):
            if element.get(attribute):
                self.refuse(f"refused to load '{quoted(element.get(attribute))}': a chapter "
                            f"cannot load resources with <{tag}>",
                            "use an image given by a relative path")

    def copy_children(self, source: ElementTree.Element, target: etree._Element) -> None:
        _append_text(target, source.text)
        for child in source:
            self.copy(child, target)

    def copy(self, source: ElementTree.Element, parent: etree._Element) -> None:
        if not isinstance(source.tag, str):  # a comment or processing instruction
            _append_text(parent, source.tail)
            return
        tag = _local(source.tag)
        html = "}" not in source.tag
        if tag in DROPPED_WITH_CONTENT or not html or (tag == "img" and self.image is None):
            self.check_loading(source)
            _append_text(parent, source.tail)
            return
        self.check_own(source)
        if tag in ALLOWED_TAGS:
            element = etree.SubElement(parent, tag)
            for name, value in source.attrib.items():
                kept = self.attribute(tag, name, value)
                if kept is not None:
                    element.set(name, _xml_safe(kept))
            self.copy_children(source, element)
            _append_text(parent, source.tail, after=element)
        else:  # an element outside the list: its text and allowed children stay
            holder = etree.Element("span")
            self.copy_children(source, holder)
            _adopt(parent, holder)
            _append_text(parent, source.tail)

    def attribute(self, tag: str, name: str, value: str) -> str | None:
        """The value an attribute keeps, or None when it goes."""
        if name not in ALLOWED_ATTRIBUTES["*"] and name not in ALLOWED_ATTRIBUTES.get(tag, ()):
            return None
        if name == "href":
            if not value.startswith(WEB_LINK):
                self.refuse(f"link to '{quoted(value)}' cannot work in a PDF or EPUB",
                            "link to a web address or to an #id in the dossier")
                return None
        elif name == "cite":
            return value if value.startswith(WEB_LINK[1:]) else None
        elif name == "src":
            if not value:
                self.refuse("an image has no source", "give the image a path")
                return None
            try:
                return self.image(value)
            except DossierError as error:
                self.problems += [p for p in error.problems if p not in self.problems]
                return None
        elif name == "class":
            kept = [c for c in value.split() if c not in RESERVED_CLASSES]
            return " ".join(kept) or None
        return value


def _append_text(parent: etree._Element, text: str | None, after: etree._Element | None = None) -> None:
    """Add text after the last child of `parent` (or after `after`)."""
    text = _xml_safe(text)
    if not text:
        return
    last = after if after is not None else (parent[-1] if len(parent) else None)
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _adopt(parent: etree._Element, holder: etree._Element) -> None:
    """Move the content of `holder` (an unwrapped element) to the end of `parent`."""
    _append_text(parent, holder.text)
    for child in list(holder):
        tail = child.tail
        child.tail = None
        parent.append(child)
        _append_text(parent, tail)


def clean_fragment(html: str, chapter: str, image) -> etree._Element:
    """The chapter's HTML as a <section> of allowed markup only. `image(url)` gives the
    project path of an image (or raises); every problem found is raised at once."""
    fragment = _parse(html)
    cleaner = _Cleaner(chapter, image)
    section = etree.Element("section")
    cleaner.copy_children(fragment, section)
    if cleaner.problems:
        raise DossierError(*cleaner.problems)
    return section


def inline_html(text: str, language: str = "en") -> str:
    """One line of inline Markdown from the data (`*Gravity*`, a link) as clean HTML, no
    paragraph: through the same parse and allow-list, with images and unusable links
    left out rather than refused (a data field names no file to refuse)."""
    from dossierkit.render.markdown import inline_markdown

    cleaner = _Cleaner("data", None)
    section = etree.Element("span")
    fragment = _parse(inline_markdown(text, language))
    cleaner.copy_children(fragment, section)
    for link in section.iter("a"):  # a refused link lost its href: keep its text only
        if link.get("href") is None:
            link.tag = "span"
    inner = (etree.tostring(child, encoding="unicode", method="html") for child in section)
    from html import escape

    return escape(section.text or "", quote=False) + "".join(inner)


def _parse(html: str):
    from tinyhtml5.parser import HTMLParser

    return HTMLParser(namespace_html_elements=False).parse_fragment(html, container="section")
