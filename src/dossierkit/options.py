"""What a build is asked for and what it gives back: plain records, cheap to import, so the
command line can ask the build cache before it loads the heavy pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    """What to build; None means "as the manifest says"."""

    formats: tuple[str, ...] | None = None
    variants: tuple[str, ...] | None = None
    paper: str | None = None
    out_dir: Path | None = None
    strict: bool = False  # warnings (unknown keys…) stop the build
    force: bool = False  # rebuild even when the build cache says nothing changed


@dataclass(frozen=True)
class Built:
    format: str
    path: Path
    size: int
    reused: bool = False  # True when the build cache kept the previous file
