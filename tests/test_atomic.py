"""Atomic outputs: a build killed at any moment leaves every earlier output whole."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossierkit.atomic import PART_SUFFIX, prepare_out_dir, write_atomically
from dossierkit.errors import DossierError
from dossierkit.layout.partcache import FOLDER
from dossierkit.transaction import JOURNAL_NAME, LOCK_NAME, OutFolder

KILLS = 20


def _start(project: Path) -> subprocess.Popen:
    # --force: the build cache would otherwise answer at once and nothing would be killed.
    return subprocess.Popen([sys.executable, "-m", "dossierkit", "build", str(project), "--force"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _finals(out: Path) -> dict[str, str]:
    """What sits under a final name (not a temporary file, the lock or the journal a
    killed build leaves for the next), by content hash."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in out.iterdir() if not p.name.endswith(PART_SUFFIX)
            and p.name not in (LOCK_NAME, JOURNAL_NAME, FOLDER)}


@pytest.mark.slow
def test_killing_a_build_at_random_moments_never_leaves_a_partial_output(minimal):
    out = minimal / "build"
    started = time.monotonic()
    assert _start(minimal).wait(timeout=120) == 0
    duration = time.monotonic() - started
    previous = _finals(out)
    assert sorted(previous) == [".dossier-cache.json", "minimal.epub", "minimal.pdf"]  # (outputs)

    seed = random.randrange(1 << 30)
    moments = random.Random(seed).sample(range(1000), KILLS)
    for index, moment in enumerate(sorted(moments)):
        # Spread over the whole build, from interpreter start-up to the last rename.
        delay = duration * 1.1 * moment / 1000
        process = _start(minimal)
        time.sleep(delay)
        how = signal.SIGKILL if index % 2 else signal.SIGINT
        process.send_signal(how)
        process.wait(timeout=60)
        # Builds are reproducible, so a finished rename puts the very same bytes in place.
        assert _finals(out) == previous, f"seed {seed}, {how.name} after {delay:.2f}s"

    assert _start(minimal).wait(timeout=120) == 0
    assert _finals(out) == previous
    assert sorted(p.name for p in out.iterdir()) == [
        ".dossier-cache.json", FOLDER, "minimal.epub", "minimal.pdf"]
    # Nor does the layout cache keep what a killed build was writing into it.
    assert not [p.name for p in (out / FOLDER).iterdir() if p.name.endswith(PART_SUFFIX)]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "book.pdf"
    target.write_bytes(b"old and whole")

    def crash(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new", "book.pdf")
    assert target.read_bytes() == b"old and whole"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf"]


def test_a_full_disk_is_one_error_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "book.pdf"
    target.write_bytes(b"old and whole")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DossierError) as error:
        write_atomically(target, b"new", "build/book.pdf")
    assert str(error.value) == ("build/book.pdf: cannot write the output: No space left on "
                                "device (check free space and permissions)")
    assert target.read_bytes() == b"old and whole"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf"]


def test_only_the_temporaries_a_journal_names_are_removed(tmp_path):
    """A killed build's temporaries are named in its journal; nothing else is deleted,
    not even a file that looks like one (the tool's own or a user's `.draft.part`)."""
    ours = ".book.pdf.0123456789abcdef.dossierkit.part"
    (tmp_path / ours).write_bytes(b"half a PDF")
    (tmp_path / JOURNAL_NAME).write_text(f'{{"state": "writing", "pairs": [["{ours}", "book.pdf"]]}}')
    for name in ("book.pdf", "notes.txt", ".draft.part", ".book.pdf.fedcba9876543210.dossierkit.part"):
        (tmp_path / name).write_bytes(b"not the journal's")
    with OutFolder(tmp_path, "build", warn=lambda problem: None):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".book.pdf.fedcba9876543210.dossierkit.part", ".draft.part", "book.pdf", "notes.txt"]


def test_a_write_puts_the_whole_file_in_place_with_the_usual_permissions(tmp_path):
    target = tmp_path / "book.pdf"
    target.write_bytes(b"old")
    previous = os.umask(0o022)
    try:
        write_atomically(target, b"new and whole", "build/book.pdf")
    finally:
        os.umask(previous)
    assert target.read_bytes() == b"new and whole"
    assert target.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf"]


def test_the_out_folder_is_created_with_its_parents(tmp_path):
    out = tmp_path / "a" / "b" / "build"
    prepare_out_dir(out, "a/b/build")
    assert out.is_dir() and list(out.iterdir()) == []


def test_a_file_in_the_way_of_the_out_folder_is_one_error(tmp_path):
    (tmp_path / "build").write_text("not a folder")
    with pytest.raises(DossierError) as error:
        prepare_out_dir(tmp_path / "build", "build")
    assert str(error.value) == ("build: cannot create the output folder: File exists "
                                "(choose another folder with --out)")


def test_a_read_only_out_folder_is_one_error(tmp_path, monkeypatch):
    out = tmp_path / "build"
    out.mkdir()
    # As a user without write permission sees it (root may write anywhere).
    monkeypatch.setattr(os, "access", lambda path, mode: not mode & os.W_OK)
    with pytest.raises(DossierError) as error:
        prepare_out_dir(out, "build")
    assert str(error.value) == ("build: the output folder is not writable (fix its permissions "
                                "or choose another folder with --out)")
