"""The one gate for files a build reads: inside the dossier project, or refused."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from dossierkit.errors import fail


class ProjectFiles:
    """Resolves resource URLs to files of the project, refusing everything else.

    Symlinks are resolved before the check, so a link inside the project that points
    outside it is refused like any other outside path. Network URLs are never opened.
    """

    def __init__(self, root: Path):
        self.root = root.resolve()

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def resolve(self, url: str, *, referrer: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme not in ("", "file"):
            raise fail(referrer, f"refused to load '{url}': only files inside the dossier may be used",
                       hint="copy the resource into the project and link it by a relative path")
        path = Path(unquote(parts.path))
        try:
            path = (path if path.is_absolute() else self.root / path).resolve(strict=True)
        except FileNotFoundError:
            raise fail(referrer, f"resource not found: {url}", hint="check the path") from None
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop
            raise fail(referrer, f"cannot resolve '{url}' (a symlink loop?)", hint="fix the link") from None
        if not path.is_relative_to(self.root):
            raise fail(referrer, f"refused to load '{url}': it is outside the dossier project",
                       hint="copy the resource into the project")
        if not path.is_file():
            raise fail(referrer, f"resource is not a file: {url}", hint="check the path")
        return path

    def read(self, url: str, *, referrer: str) -> bytes:
        return self.resolve(url, referrer=referrer).read_bytes()
