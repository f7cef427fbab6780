"""`dossier new`: a complete example dossier, written from templates shipped in the package."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import string
import unicodedata
import uuid
from importlib import resources
from pathlib import Path

from dossierkit.errors import fail
from dossierkit.i18n import Labels

# Files whose text names the new dossier; every other template file is copied as it is
# (chapters are Jinja templates themselves and must reach the dossier untouched).
SUBSTITUTED = {"dossier.toml", "chapters/data/film.yaml", "chapters/data/people.yaml"}
# Stored without the dot so packaging tools never mistake it for their own ignore file.
RENAMED = {"gitignore": ".gitignore"}
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def slugify(text: str) -> str:
    """'Test Film: Part 2' -> 'test-film-part-2'; '' when nothing Latin is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _quoted(value: str) -> str:
    # A JSON string is also a valid TOML basic string and a YAML double-quoted scalar.
    return json.dumps(value, ensure_ascii=False)


def create(target: Path, title: str, *, today: dt.date | None = None,
           language: str = "en") -> list[Path]:
    """Write a new dossier into `target` (absent or empty) and return the files written."""
    title = title.strip()
    if not title:
        raise fail(str(target), "the title is empty", hint='give one with --title "…"')
    if not LANGUAGE_TAG.match(language):
        raise fail(str(target), f"'{language}' is not a language tag",
                   hint="give one like en, ru or pt-BR with --language")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise fail(str(target), "the folder already exists and is not empty",
                   hint="choose a new folder; dossier new never overwrites files")
    slug = slugify(title) or slugify(target.name) or "dossier"
    values = {
        "slug": _quoted(slug),
        "title": _quoted(title),
        # Fresh for every dossier: readers tell editions apart by it.
        "identifier": _quoted(f"urn:uuid:{uuid.uuid4()}"),
        # Written once into the source, so builds stay reproducible.
        "date": (today or dt.date.today()).isoformat(),
        "description": _quoted(f"A press kit for the film {title}."),
        "language": _quoted(language),
        "subtitle": _quoted(Labels(language).gettext("Press kit")),
    }
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(str(target), f"cannot create the folder: {exc.strerror}",
                   hint="choose another place") from None
    written = []
    template = resources.files("dossierkit.scaffold").joinpath("template")
    written += _copy_tree(template, target, values)
    theme_styles = resources.files("dossierkit.theme").joinpath("styles")
    written += _copy_tree(theme_styles, target / "styles", None)
    return sorted(written)


def _copy_tree(source, target: Path, values: dict[str, str] | None, prefix: str = "") -> list[Path]:
    """Copy a resource folder (a real folder, or one inside a zip) file by file."""
    written = []
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__" or entry.name.startswith("."):
            continue
        relative = f"{prefix}{entry.name}"
        destination = target / RENAMED.get(entry.name, entry.name)
        if entry.is_dir():
            written += _copy_tree(entry, destination, values, f"{relative}/")
        elif values is not None and relative in SUBSTITUTED:
            text = string.Template(entry.read_text("utf-8")).substitute(values)
            destination.write_text(text, "utf-8")
            written.append(destination)
        else:
            with entry.open("rb") as src, destination.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            written.append(destination)
    return written
