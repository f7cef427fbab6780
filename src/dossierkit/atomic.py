"""Placing finished outputs on disk atomically: a file is whole under its name, or absent."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dossierkit.errors import fail

PART_SUFFIX = ".part"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot sync a folder, which is fine."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def prepare_out_dir(out_dir: Path, shown: str) -> None:
    """Create the folder and prove it is writable. (Leftovers of a killed build are the
    journal's to remove: see dossierkit.transaction.)"""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(shown, f"cannot create the output folder: {exc.strerror}",
                   hint="choose another folder with --out") from None
    if not out_dir.is_dir() or not os.access(out_dir, os.W_OK | os.X_OK):
        raise fail(shown, "the output folder is not writable",
                   hint="fix its permissions or choose another folder with --out")


def write_atomically(path: Path, data: bytes, shown: str) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=PART_SUFFIX)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
        sync_folder(path.parent)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise fail(shown, f"cannot write the output: {exc.strerror}",
                   hint="check free space and permissions") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_temporary(path: Path, data: bytes, shown: str) -> None:
    """Create `path` (it must not exist) with `data`, flushed to disk; on failure it is
    removed again and one line says why."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise fail(shown, f"cannot write the output: {exc.strerror}",
                   hint="check free space and permissions; the earlier outputs are kept") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise fail(shown, f"cannot write the output: {exc.strerror}",
                   hint="check free space and permissions; the earlier outputs are kept") from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
