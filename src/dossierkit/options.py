"""Names defined once: formats, variants, papers, folders and output names, plus the records
of what a build is asked for and gives back. Cheap to import, so the command line can ask
the build cache before it loads the heavy pipeline."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

# Output formats, in the order a full build makes them; html only on request.
Format = Literal["pdf", "epub", "html"]
FORMATS: tuple[str, ...] = get_args(Format)
DEFAULT_FORMATS = ("pdf", "epub")
# PDF variants: screen (tagged PDF/UA), press (bleed and crop marks), archive (PDF/A).
Variant = Literal["screen", "press", "archive"]
VARIANTS: tuple[str, ...] = get_args(Variant)
DEFAULT_VARIANT = "screen"
Paper = Literal["a4", "letter"]
PAPERS: tuple[str, ...] = get_args(Paper)
DEFAULT_PAPER = "a4"

MANIFEST = "dossier.toml"
DATA_DIR = "chapters/data"
DEFAULT_OUT_DIR = "build"


def output_name(slug: str, format: str, *, variant: str = DEFAULT_VARIANT,
                paper: str | None = None, language: str | None = None) -> str:
    """The file name of an output: `<slug>.pdf`, `<slug>-press.pdf`, `<slug>.epub`…

    A paper other than the manifest's (`paper`) and an edition in another language than the
    dossier's own (`language`) are part of the name, so that every edition and paper can
    sit side by side: `my-film.letter.pdf`, `my-film.ru.pdf`, `my-film.ru.epub`.
    """
    suffix = "" if format != "pdf" or variant == DEFAULT_VARIANT else f"-{variant}"
    suffix += "".join(f".{part}" for part in (paper, language) if part)
    return f"{slug}{suffix}.{format}"


def source_date_epoch_text(environ: Mapping[str, str] = os.environ) -> str:
    """SOURCE_DATE_EPOCH as set (or ''): the loader parses it, the cache keys on it."""
    return environ.get("SOURCE_DATE_EPOCH", "").strip()


@dataclass(frozen=True)
class BuildOptions:
    """What to build; None means "as the manifest says"."""

    formats: tuple[str, ...] | None = None
    variants: tuple[str, ...] | None = None
    paper: str | None = None
    out_dir: Path | None = None
    strict: bool = False  # warnings (unknown keys…) stop the build
    force: bool = False  # rebuild even when the build cache says nothing changed
    language: str | None = None  # one edition; None: every edition the manifest declares
    workers: int | None = None  # layout worker processes; None: DOSSIER_WORKERS, else one per core


@dataclass(frozen=True)
class Built:
    format: str
    path: Path
    size: int
    reused: bool = False  # True when the build cache kept the previous file
    language: str | None = None  # the edition's language, None for the dossier's own
