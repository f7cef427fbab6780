"""The layout cache: each part of the book laid out and written once, found again by what
decides its pages (its print HTML with the page it starts on, paper, variant, the tool's
own code and WeasyPrint's version) and kept only while the files its layout read are
unchanged. Entries are read as untrusted input: anything unexpected is a miss.

Also kept per book, paper and variant: how many pages each part took last time, which
decides where the next layout starts each part (see dossierkit.layout).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path

from dossierkit.atomic import write_atomically
from dossierkit.cache.record import digest
from dossierkit.errors import DossierError
from dossierkit.layout.pages import PageStart
from dossierkit.layout.parts import Fit, LaidPart, Plan

FOLDER = ".dossier-layout"
_ENTRY = re.compile(r"^([0-9a-f]{12})-([0-9a-f]{64})\.(json|pdf)$")
# What a write this cache began leaves when the build is killed during it (atomic.py's names).
_TEMPORARY = re.compile(r"^\.([0-9a-f]{12})-(?:[0-9a-f]{64}\.(?:json|pdf)|plan\.json)\.[A-Za-z0-9_]+\.part$")
MAX_ENTRY_BYTES = 64 * 1024 * 1024


@cache
def tool_digest() -> str:
    """The tool's own code and WeasyPrint's version: a change to either lays out again."""
    from importlib.metadata import version

    import dossierkit

    package = Path(dossierkit.__file__).parent
    sha = hashlib.sha256(version("weasyprint").encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".css", ".html", ".po", ".svg") and path.is_file():
            sha.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def part_key(html: str, paper: str, variant: str) -> str:
    return hashlib.sha256("\0".join((tool_digest(), paper, variant, html)).encode()).hexdigest()


class LayoutCache:
    """The cache folder of one output folder, for one book, paper and variant."""

    def __init__(self, out_dir: Path, root: Path, namespace: str, *, read: bool = True):
        self.folder = out_dir / FOLDER
        self.root = root.resolve()
        self.space = hashlib.sha256(namespace.encode()).hexdigest()[:12]
        self.read = read
        self.used: set[str] = set()
        self.previous: frozenset[str] = frozenset()  # the entries the last layout used

    def _usable(self) -> bool:
        # Never through a link: the cache must not write outside the output folder.
        return not self.folder.is_symlink() and (self.folder.is_dir() or not self.folder.exists())

    def _load(self, name: str) -> bytes | None:
        path = self.folder / name
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_ENTRY_BYTES:
                return None
            return path.read_bytes()
        except OSError:
            return None

    def get(self, key: str) -> LaidPart | None:
        self.used.add(key)
        if not (self.read and self._usable()):
            return None
        meta, pdf = self._load(f"{self.space}-{key}.json"), self._load(f"{self.space}-{key}.pdf")
        if meta is None or pdf is None:
            return None
        try:
            part = _part_of(json.loads(meta), key, pdf, self.root)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return part

    def put(self, part: LaidPart) -> None:
        self.used.add(part.key)
        if not self._usable():
            return
        reads = {}
        for path in part.reads:
            rel = Path(path)
            if not rel.is_relative_to(self.root):
                return  # read something outside the project: never cached
            rel = rel.relative_to(self.root).as_posix()
            reads[rel] = digest(self.root, rel)
        meta = {"name": part.name, "first_page": part.first_page, "pages": part.pages,
                "padded": part.padded, "ids": part.ids, "reads": reads,
                "starts": [[s.index, s.label, s.part, s.anchor, [list(p) for p in s.path]] for s in part.starts],
                "pdf": hashlib.sha256(part.pdf).hexdigest(), "fill": part.fill,
                "fit": _fit_json(Fit(part.fit, part.shared, part.rescued))}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.folder / f"{self.space}-{part.key}.pdf", part.pdf, FOLDER)
            write_atomically(self.folder / f"{self.space}-{part.key}.json",
                             json.dumps(meta, sort_keys=True).encode(), FOLDER)
        except (OSError, DossierError):
            pass  # a cache that cannot be written costs time, never the build

    def plan(self) -> Plan:
        """What the last layout found (empty when unknown)."""
        data = self._load(f"{self.space}-plan.json") if self._usable() else None
        try:
            plan = json.loads(data) if data else {}
            found = Plan({str(k): int(v) for k, v in plan.get("pages", {}).items() if int(v) > 0},
                         {str(k): str(v) for k, v in plan.get("folios", {}).items()},
                         frozenset(str(k) for k in plan.get("keys", ())),
                         {str(k): _fit_of(v) for k, v in plan.get("fits", {}).items()})
        except (ValueError, TypeError, AttributeError, KeyError):
            return Plan()
        self.previous = found.keys
        return found

    def finish(self, plan: Plan) -> None:
        """Keep the plan; remove this namespace's entries neither this layout nor the one
        before used (so that undoing an edit finds its parts still laid out)."""
        if not self._usable():
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.folder / f"{self.space}-plan.json",
                             json.dumps({"pages": plan.pages, "folios": plan.folios, "keys": sorted(self.used),
                                         "fits": {k: _fit_json(v) for k, v in plan.fits.items()}},
                                        sort_keys=True).encode(),
                             FOLDER)
            for path in self.folder.iterdir():
                match = _ENTRY.match(path.name)
                unused = match and match[1] == self.space and match[2] not in self.used | self.previous
                left = (match := _TEMPORARY.match(path.name)) and match[1] == self.space
                if (unused or left) and not path.is_symlink():
                    path.unlink(missing_ok=True)
        except (OSError, DossierError):
            pass


def _part_of(meta: dict, key: str, pdf: bytes, root: Path) -> LaidPart | None:
    if hashlib.sha256(pdf).hexdigest() != meta["pdf"]:
        return None
    for rel, recorded in dict(meta["reads"]).items():
        if digest(root, str(rel)) != recorded:
            return None  # a stylesheet, font or picture changed since
    starts = tuple(PageStart(int(i), str(label), str(part), str(anchor), tuple((int(n), str(t)) for n, t in path))
                   for i, label, part, anchor, path in meta["starts"])
    ids = {str(k): int(v) for k, v in dict(meta["ids"]).items()}
    fit = _fit_of(meta["fit"])
    return LaidPart(str(meta["name"]), key, int(meta["first_page"]), int(meta["pages"]), bool(meta["padded"]),
                    ids, starts, pdf, tuple(str(root / rel) for rel in meta["reads"]),
                    fit.fit, fit.shared, fit.rescued, float(meta["fill"]))


def _fit_json(fit: Fit) -> dict:
    return {"fit": fit.fit, "shared": sorted(fit.shared), "rescued": sorted(fit.rescued)}


def _fit_of(data: dict) -> Fit:
    fit = data["fit"]
    return Fit(None if fit is None else str(fit), frozenset(str(s) for s in data["shared"]),
               frozenset(str(s) for s in data["rescued"]))
