"""The one gate for files a build reads: inside the dossier project, or refused."""

from __future__ import annotations

import errno
import io
import os
import re
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from dossierkit.errors import DossierError, Problem, fail, quoted
from dossierkit.source.css import css_references
from dossierkit.source.textfile import check_characters, read_bytes, read_text

# What both writers can embed: EPUB core media types that Pillow (or lxml, for SVG) checks.
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif", "WEBP": "webp"}
IMAGE_HINT = "use a PNG, JPEG, GIF, WebP or SVG file"
# File names every writer can carry as they are: an EPUB must percent-encode anything
# else in its links, and readers disagree about decoding it.
PORTABLE_NAME = re.compile(r"^[A-Za-z0-9._~+-]+(?:/[A-Za-z0-9._~+-]+)*$")
FONT_MAGIC = {b"\x00\x01\x00\x00": "TrueType", b"true": "TrueType", b"OTTO": "OpenType",
              b"wOFF": "WOFF", b"wOF2": "WOFF2", b"ttcf": "TrueType collection"}
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2", ".ttc")

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


def add_reads(paths) -> None:
    """Record files another process read for this build (a layout worker's)."""
    if (reads := _READS.get()) is not None:
        reads.update(Path(path) for path in paths)


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
        asked = Path(os.path.normpath(path))
        if (reads := _READS.get()) is not None and asked.is_relative_to(self.root):
            # The name asked for, too: the cache must notice it turning into a link.
            reads.add(asked)
        try:
            path = path.resolve(strict=True)
        except FileNotFoundError:
            raise _Unusable("missing") from None
        except RuntimeError:  # Python before 3.13 reports a symlink loop this way
            raise _Unusable("loop") from None
        except OSError as exc:
            raise _Unusable("loop" if exc.errno == errno.ELOOP else exc.strerror) from None
        except ValueError:  # a NUL in the name
            raise _Unusable("missing") from None
        if not path.is_relative_to(self.root):
            raise _Unusable("outside")
        if not path.is_file():
            raise _Unusable("not a file")
        if reads is not None:
            reads.add(path)
        return path

    def resolve(self, url: str, *, referrer: str, line: int | None = None,
                key: str | None = None, base: str = "") -> Path:
        """The project file `url` names (relative to the folder `base`), or an error
        naming the referrer: the chapter, stylesheet or manifest that asked for it."""
        def refuse(message: str, hint: str) -> DossierError:
            return DossierError(Problem(referrer, message, line, key, hint))

        parts = urlsplit(url)
        shown = quoted(url)
        if parts.scheme not in ("", "file") or parts.netloc not in ("", "localhost"):
            raise refuse(f"refused to load '{shown}': only files inside the dossier may be used",
                         "copy the resource into the project and link it by a relative path")
        path = Path(unquote(parts.path))
        try:
            real = self._real(path if path.is_absolute() else self.root / base / path)
        except _Unusable as unusable:
            reason = unusable.args[0]
        else:
            if not PORTABLE_NAME.match(self.relative(real)):
                raise refuse(f"refused to load '{shown}': its name has a space or a character "
                             "an EPUB cannot hold", "rename the file with letters, digits, "
                             "'-', '_' and '.'")
            return real
        url = shown
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
        """What a writer ships for a project file: its bytes, an SVG cleaned."""
        return self.shipped(self.resolve(url, referrer=referrer))

    def shipped(self, path: Path) -> bytes:
        data = read_bytes(path, self.relative(path))
        if path.suffix.lower() == ".svg":
            data, _ = self.svg(path, data)
        return data

    def svg(self, path: Path, data: bytes | None = None) -> tuple[bytes, list[str]]:
        """An SVG file of the project, cleaned (see source.svg), and the project files
        it shows: raster images only, which must pass this gate too."""
        from dossierkit.source import svg

        rel = self.relative(path)
        folder = str(PurePosixPath(rel).parent)

        def picture(href: str, line: int | None) -> str:
            if self.resolve(href, referrer=rel, base=folder, line=line).suffix.lower() == ".svg":
                raise fail(rel, f"'{quoted(href)}' is an SVG: an SVG image may show PNG, "
                           "JPEG, GIF or WebP images only", line=line, hint="convert it")
            return self.relative(self.image(href, referrer=rel, base=folder, line=line))

        return svg.clean(read_bytes(path, rel) if data is None else data, rel, picture)

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
        text = read_text(path, rel)
        if rel != "dossier.toml" and not rel.endswith((".yaml", ".yml")):
            check_characters(text, rel)  # TOML and YAML say it themselves, with their lines
        return text

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
                # Up to date for the one render this environment serves: a self-include
                # recursing a thousand times reads and compiles the file once.
                return text, str((files.root / template).resolve()), lambda: True

        return ProjectLoader()

    def image(self, url: str, *, referrer: str, base: str = "", line: int | None = None) -> Path:
        """A project file that both writers can embed as an image."""
        path = self.resolve(url, referrer=referrer, base=base, line=line)
        data = read_bytes(path, self.relative(path))
        shown = quoted(url)
        if path.suffix.lower() == ".svg":
            self.svg(path, data)
            return path
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise fail(referrer, f"'{shown}' is not an image", line=line, hint=IMAGE_HINT) from None
        except Image.DecompressionBombError:
            raise fail(referrer, f"image '{shown}' has too many pixels", line=line,
                       hint="make it smaller") from None
        if kind not in IMAGE_FORMATS:
            raise fail(referrer, f"'{shown}' is a {kind} image, which an EPUB cannot hold",
                       line=line, hint=IMAGE_HINT)
        return path

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
            if path in seen:
                return
            seen.add(path)
            rel = self.relative(path)
            if not is_stylesheet:
                problems.extend(self._check_loaded(path, referrer, line))
                return
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

    def _check_loaded(self, path: Path, referrer: str, line: int | None) -> list[Problem]:
        """Problems of a file a stylesheet loads: an SVG is checked, a font must be one."""
        try:
            if path.suffix.lower() == ".svg":
                self.svg(path)
            elif path.suffix.lower() in FONT_SUFFIXES:
                head = read_bytes(path, self.relative(path))[:4]
                if head not in FONT_MAGIC:
                    raise fail(referrer, f"'{self.relative(path)}' is not a font file", line=line,
                               hint="use a TTF, OTF, WOFF or WOFF2 file")
        except DossierError as error:
            return error.problems
        return []


class _Unusable(Exception):
    """Why a path cannot be used: "missing", "loop", "outside", "not a file" or an OS error."""
