"""The one gate for files a build reads: inside the dossier project, or refused."""

from __future__ import annotations

import errno
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from dossierkit.errors import DossierError, Problem, fail
from dossierkit.source.textfile import MAX_SOURCE_BYTES, read_text

# What both writers can embed: EPUB core media types that Pillow (or lxml, for SVG) checks.
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif", "WEBP": "webp"}
IMAGE_HINT = "use a PNG, JPEG, GIF, WebP or SVG file"
# Elements that load what they point at; nh3 would drop them silently, so they are
# refused with a message instead (<a href> only links, and is checked on its own).
LOADING_ATTRIBUTES = {
    "link": ("href",), "image": ("href", "{http://www.w3.org/1999/xlink}href", "xlink:href"),
    "use": ("href", "xlink:href"), "object": ("data",), "embed": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "source": ("src", "srcset"),
    "track": ("src",), "input": ("src",), "img": ("srcset",),
}


# The files a build reads, while a build cache is recording them (see dossierkit.cache).
_READS: ContextVar[set[Path] | None] = ContextVar("dossierkit_reads", default=None)


@contextmanager
def recording_reads():
    """Collect every project file resolved through any ProjectFiles inside the block."""
    reads: set[Path] = set()
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)


def remember_absent(path: Path) -> None:
    """Record that the build looked for an optional file and found none: the cache must
    notice when it appears."""
    if (reads := _READS.get()) is not None:
        reads.add(path.absolute())


class ProjectFiles:
    """Resolves resource URLs to files of the project, refusing everything else.

    Symlinks are resolved before the check, so a link inside the project that points
    outside it is refused like any other outside path. Network URLs are never opened,
    and a refused file is never read.
    """

    def __init__(self, root: Path):
        self.root = root.resolve()

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _real(self, path: Path) -> Path:
        """The file behind `path` once symlinks are followed; raises _Unusable if there is
        none or it lies outside the project (checked before anything is read)."""
        try:
            path = path.resolve(strict=True)
        except FileNotFoundError:
            raise _Unusable("missing") from None
        except RuntimeError:  # Python before 3.13 reports a symlink loop this way
            raise _Unusable("loop") from None
        except OSError as exc:
            raise _Unusable("loop" if exc.errno == errno.ELOOP else exc.strerror) from None
        if not path.is_relative_to(self.root):
            raise _Unusable("outside")
        if not path.is_file():
            raise _Unusable("not a file")
        if (reads := _READS.get()) is not None:
            reads.add(path)
        return path

    def resolve(self, url: str, *, referrer: str, line: int | None = None,
                key: str | None = None, base: str = "") -> Path:
        """The project file `url` names (relative to the folder `base`), or an error
        naming the referrer: the chapter, stylesheet or manifest that asked for it."""
        def refuse(message: str, hint: str) -> DossierError:
            return DossierError(Problem(referrer, message, line, key, hint))

        parts = urlsplit(url)
        if parts.scheme not in ("", "file") or parts.netloc not in ("", "localhost"):
            raise refuse(f"refused to load '{url}': only files inside the dossier may be used",
                         "copy the resource into the project and link it by a relative path")
        path = Path(unquote(parts.path))
        try:
            return self._real(path if path.is_absolute() else self.root / base / path)
        except _Unusable as unusable:
            reason = unusable.args[0]
        if reason == "outside":
            raise refuse(f"refused to load '{url}': it is outside the dossier project",
                         "copy the resource into the project")
        if reason == "missing":
            raise refuse(f"resource not found: {url}", "check the path")
        if reason == "loop":
            raise refuse(f"'{url}' is a symlink loop", "make the link point at a real file")
        if reason == "not a file":
            raise refuse(f"resource is not a file: {url}", "check the path")
        raise refuse(f"cannot open '{url}': {reason}", "check the path")

    def read(self, url: str, *, referrer: str) -> bytes:
        return self.resolve(url, referrer=referrer).read_bytes()

    def text(self, rel: str) -> str:
        """A source file of the project (manifest, data, chapter), read with its limits."""
        try:
            path = self._real(self.root / rel)
        except _Unusable as unusable:
            reason = unusable.args[0]
            messages = {
                "missing": ("file not found", None),
                "loop": ("the file is a symlink loop", "make the link point at a real file"),
                "outside": ("the file is a link to outside the dossier project",
                            "copy the file into the project"),
                "not a file": ("not a file", "check the path"),
            }
            message, hint = messages.get(reason, (f"cannot read the file: {reason}", None))
            raise fail(rel, message, hint=hint) from None
        return read_text(path, rel)

    def jinja_loader(self):
        """A Jinja loader for chapters and whatever they `{% include %}`, through this gate."""
        import jinja2

        files = self

        class Refused(jinja2.TemplateNotFound):
            def __init__(self, name: str, message: str):
                super().__init__(name, message)
                self.args = (message,)  # what the chapter's error line shows

        class ProjectLoader(jinja2.BaseLoader):
            def get_source(self, environment, template):
                try:
                    text = files.text(template)
                except DossierError as error:
                    problem = error.problems[0]
                    raise Refused(template, f"cannot include '{template}': {problem.message}") from None
                # The same file name Jinja's own loader gives, so errors find their line.
                return text, str((files.root / template).resolve()), lambda: False

        return ProjectLoader()

    def image(self, url: str, *, referrer: str, base: str = "") -> Path:
        """A project file that both writers can embed as an image."""
        path = self.resolve(url, referrer=referrer, base=base)
        if path.stat().st_size > MAX_SOURCE_BYTES * 8:
            raise fail(referrer, f"image '{url}' is over the limit of {MAX_SOURCE_BYTES * 8} bytes",
                       hint="make it smaller")
        if path.suffix.lower() == ".svg":
            if not _is_svg(path):
                raise fail(referrer, f"'{url}' is not an SVG image", hint=IMAGE_HINT)
            return path
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as image:
                kind = image.format
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise fail(referrer, f"'{url}' is not an image", hint=IMAGE_HINT) from None
        except Image.DecompressionBombError:
            raise fail(referrer, f"image '{url}' has too many pixels", hint="make it smaller") from None
        if kind not in IMAGE_FORMATS:
            raise fail(referrer, f"'{url}' is a {kind} image, which an EPUB cannot hold",
                       hint=IMAGE_HINT)
        return path

    def check_chapter(self, fragment, chapter: str) -> dict[str, str]:
        """Check every resource a chapter's HTML names; map each image src to its project
        path. Raises one error listing every problem of the chapter."""
        images: dict[str, str] = {}
        problems: list[Problem] = []
        for element in fragment.iter():
            if not isinstance(element.tag, str):
                continue
            tag = element.tag.rsplit("}", 1)[-1].lower()
            try:
                if tag == "img":
                    src = element.get("src") or ""
                    if not src:
                        raise fail(chapter, "an image has no source", hint="give the image a path")
                    images[src] = self.relative(self.image(src, referrer=chapter))
                if tag == "a":
                    href = element.get("href") or ""
                    if href and not href.startswith(("#", "http://", "https://", "mailto:")):
                        raise fail(chapter, f"link to '{href}' cannot work in a PDF or EPUB",
                                   hint="link to a web address or to an #id in the dossier")
                for attribute in LOADING_ATTRIBUTES.get(tag, ()):
                    if element.get(attribute):
                        raise fail(chapter, f"refused to load '{element.get(attribute)}': "
                                   f"a chapter cannot load resources with <{tag}>",
                                   hint="use an image given by a relative path")
            except DossierError as error:
                problems += error.problems
        if problems:
            raise DossierError(*problems)
        return images

    def check_stylesheet(self, url: str, *, referrer: str, line: int | None = None,
                         key: str | None = None) -> list[Problem]:
        """Problems of a stylesheet and of every @import and url() in it, recursively.

        The same rules WeasyPrint's fetcher applies at layout time, checked up front so
        that `dossier check` reports them with the stylesheet's own line.
        """
        problems: list[Problem] = []
        seen: set[Path] = set()

        def visit(url: str, referrer: str, line, key, base: str, is_stylesheet=True) -> None:
            try:
                path = self.resolve(url, referrer=referrer, line=line, key=key, base=base)
            except DossierError as error:
                problems.extend(error.problems)
                return
            if not is_stylesheet or path in seen:
                return
            seen.add(path)
            rel = self.relative(path)
            try:
                css = read_text(path, rel)
            except DossierError as error:
                problems.extend(error.problems)
                return
            folder = str(PurePosixPath(rel).parent)
            for target, target_line, imported in css_references(css):
                if target.startswith("data:") or target.startswith("#"):
                    continue
                visit(target, rel, target_line, None, folder, imported)

        visit(url, referrer, line, key, "")
        return problems


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


class _Unusable(Exception):
    """Why a path cannot be used: "missing", "loop", "outside", "not a file" or an OS error."""


def _is_svg(path: Path) -> bool:
    from lxml import etree

    from dossierkit.markup import safe_parser

    # No entities, no network: an SVG is only parsed here, never fetched from.
    parser = safe_parser()
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError:
        return False
    return root is not None and etree.QName(root).localname == "svg"
