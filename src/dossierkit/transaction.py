"""Placing a build's outputs as one set: every earlier output is replaced, or none is.

A build into a folder holds its lock, so two builds never interleave. It writes a
journal naming the temporary files it is about to create, writes and flushes each of
them, marks the journal "placing", then renames them over the earlier outputs (Ctrl-C
waits for the renames) and removes the journal. A build killed before "placing" changed
nothing: the next build deletes the temporaries the journal names, and only those. A
build killed while placing left a mixed set: the next build finishes the renames from
the journal, and says so.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import signal
import threading
from collections.abc import Callable
from pathlib import Path

from dossierkit.atomic import sync_folder, write_temporary
from dossierkit.errors import Problem, fail

LOCK_NAME = ".dossier-build.lock"
JOURNAL_NAME = ".dossier-journal.json"
JOURNAL_TEMPORARY = ".dossier-journal.json.dossierkit.part"
# Temporaries are named .<output>.<random>.dossierkit.part, and deleted only when a
# journal of this folder names them.
TEMPORARY = re.compile(r"^(?:.*/)?\.[^/]+\.[0-9a-f]{16}\.dossierkit\.part$")

# Out folders whose outputs this process has placed: a later Ctrl-C must not say
# "nothing was changed" of them.
placed: set[Path] = set()


class Interrupted(KeyboardInterrupt):
    """Ctrl-C that arrived while the outputs were being placed, and waited for it."""


def interrupted(interrupt: KeyboardInterrupt) -> str:
    """What to say of the outputs when Ctrl-C stops a command: the truth."""
    if isinstance(interrupt, Interrupted):
        return "interrupted: the new outputs were placed before stopping"
    return "interrupted after the outputs were placed" if placed else "interrupted: nothing was changed"


def _temporary_name(name: str) -> str:
    folder, _, base = name.rpartition("/")
    return f"{folder + '/' if folder else ''}.{base}.{secrets.token_hex(8)}.dossierkit.part"


class OutFolder:
    """The output folder of one build, locked while the build works in it."""

    def __init__(self, path: Path, shown: str, warn: Callable[[Problem], None]):
        self.path = path
        self.shown = shown
        self.warn = warn
        self._lock: int | None = None

    def __enter__(self) -> OutFolder:
        from dossierkit.atomic import prepare_out_dir

        prepare_out_dir(self.path, self.shown)
        self._take_lock()
        placed.clear()  # what a Ctrl-C now interrupts is this build
        try:
            self.recover()
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._release()

    def _take_lock(self) -> None:
        import fcntl

        lock = self.path / LOCK_NAME
        while True:
            try:
                descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
            except OSError as exc:  # a link or a folder where the lock goes: not ours to use
                raise fail(f"{self.shown}/{LOCK_NAME}", f"cannot take the folder's lock: "
                           f"{exc.strerror}", hint="remove it, or build into another folder "
                           "with --out") from None
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                raise fail(self.shown, "another build is writing to this folder",
                           hint="wait for it to finish, or build into another folder with --out") from None
            # The holder before us may have removed the file as it let go: lock the new one.
            try:
                same = os.stat(lock, follow_symlinks=False).st_ino == os.fstat(descriptor).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._lock = descriptor
                return
            os.close(descriptor)

    def _release(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path / LOCK_NAME)
            os.close(self._lock)
            self._lock = None

    # --- the journal ----------------------------------------------------------------

    def _journal(self) -> dict | None:
        path = self.path / JOURNAL_NAME
        if not path.is_file() or path.is_symlink():
            return None
        try:
            journal = json.loads(path.read_bytes()[:1_000_000])
            pairs = [(str(t), str(f)) for t, f in journal["pairs"]]
            state = journal["state"]
        except (OSError, ValueError, KeyError, TypeError):
            return {"state": "unreadable", "pairs": []}
        # Only names this tool gives its temporaries, both inside this folder (links
        # followed): a journal shipped with a project must not move files anywhere else.
        pairs = [(t, f) for t, f in pairs if TEMPORARY.match(t) and self._inside(t)
                 and self._inside(f) and not (self.path / t).is_symlink()]
        return {"state": state, "pairs": pairs}

    def _inside(self, name: str) -> bool:
        if not name or name.startswith("/") or ".." in name.split("/") or not name.isprintable():
            return False
        return (self.path / name).parent.resolve().is_relative_to(self.path.resolve())

    def _write_journal(self, state: str, pairs: list[tuple[str, str]]) -> None:
        """Replace the journal whole; its temporary has one fixed name (the lock is
        ours), so a kill while it is written leaves nothing the next build cannot name."""
        data = json.dumps({"state": state, "pairs": pairs}, indent=1).encode()
        temporary = self.path / JOURNAL_TEMPORARY
        temporary.unlink(missing_ok=True)
        write_temporary(temporary, data, f"{self.shown}/{JOURNAL_NAME}")
        os.replace(temporary, self.path / JOURNAL_NAME)
        sync_folder(self.path)

    def recover(self) -> None:
        """Repair what a killed build left, as its journal says."""
        (self.path / JOURNAL_TEMPORARY).unlink(missing_ok=True)
        journal = self._journal()
        if journal is None:
            return
        if journal["state"] == "placing":
            for temporary, final in journal["pairs"]:
                if (self.path / temporary).is_file():
                    os.replace(self.path / temporary, self.path / final)
            sync_folder(self.path)
            self.warn(Problem(self.shown, "the last build was stopped while it replaced its "
                              "outputs; the rest of them were put in place now",
                              hint="nothing to do", severity="warning"))
        else:  # stopped before placing anything: only its temporaries to remove
            for temporary, _final in journal["pairs"]:
                (self.path / temporary).unlink(missing_ok=True)
        (self.path / JOURNAL_NAME).unlink(missing_ok=True)

    # --- placing ----------------------------------------------------------------------

    def place(self, files: dict[str, bytes],
              replaceable: Callable[[str, Path], bool | None]) -> None:
        """Put every file in place, all or none. `replaceable(name, path)` says whether
        an existing file under an output's name may be replaced: True, False (only by
        the very same bytes) or None (never: it is a source of the dossier)."""
        pairs = []
        for name, data in files.items():
            target = self._target(name)
            shown = f"{self.shown}/{name}"
            if target.is_dir() or (target.exists() and not target.is_file()):
                raise fail(shown, "a folder or another non-file is in the way of the output",
                           hint="move it away, or build into another folder with --out")
            allowed = replaceable(name, target) if target.exists() else True
            if allowed is None:
                raise fail(shown, "the output would replace a source file of the dossier",
                           hint="build into a folder of its own with --out")
            if not allowed and not target.is_symlink():
                if target.stat().st_size != len(data) or target.read_bytes() != data:
                    raise fail(f"{self.shown}/{name}", "a file the build did not write is in "
                               "the way of the output", hint="move it away, or build into "
                               "another folder with --out")
            pairs.append((_temporary_name(name), name))
        self._write_journal("writing", pairs)
        try:
            for (temporary, name), data in zip(pairs, files.values()):
                write_temporary(self.path / temporary, data, f"{self.shown}/{name}")
        except BaseException:
            for temporary, _name in pairs:
                (self.path / temporary).unlink(missing_ok=True)
            (self.path / JOURNAL_NAME).unlink(missing_ok=True)
            raise
        self._write_journal("placing", pairs)
        with _ctrl_c_waits():
            for temporary, name in pairs:
                os.replace(self.path / temporary, self.path / name)
            sync_folder(self.path)
            (self.path / JOURNAL_NAME).unlink(missing_ok=True)
            placed.add(self.path)

    def _target(self, name: str) -> Path:
        """The path of an output, which must stay inside the folder (symlinks followed)."""
        target = self.path / name
        parent = target.parent
        parent.mkdir(parents=True, exist_ok=True)
        if ".." in name.split("/") or not parent.resolve().is_relative_to(self.path.resolve()):
            raise fail(f"{self.shown}/{name}", "the output would be written outside the output "
                       "folder (through a link)", hint="remove the link, or build into another "
                       "folder with --out")
        return target


@contextlib.contextmanager
def _ctrl_c_waits():
    """Hold Ctrl-C (and SIGTERM) while the renames run; raise it when they are done."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda number, frame: caught.append(number))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if caught:
        raise Interrupted()


def journal_pending(out_dir: Path) -> bool:
    """True when a build was stopped in this folder: the cache must not answer."""
    return (out_dir / JOURNAL_NAME).exists()

