"""Class 4 and 7: a failed, interrupted or killed build leaves the earlier outputs as they
were (or a state the next build repairs, saying so); one build at a time per folder."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys

import pytest

import dossierkit.atomic
import dossierkit.commands.build
import dossierkit.transaction
from attacks.common import append, contents, invoke, problem_lines
from dossierkit.layout.partcache import FOLDER
from dossierkit.transaction import JOURNAL_NAME, LOCK_NAME

HTML = ["build", "--format", "html"]


@pytest.fixture
def built(minimal):
    """A project built once (the HTML export: several files), then edited, so that a
    second build would change every output."""
    assert invoke([*HTML, str(minimal)]).exit_code == 0
    earlier = contents(minimal / "build")
    append("chapters/two.md", "\nA sentence the earlier build did not have.\n")(minimal)
    return minimal, earlier


def test_a_full_disk_on_the_second_output_changes_nothing(built, monkeypatch):
    project, earlier = built
    real_fsync = os.fsync

    def fsync(descriptor):
        if "print.css" in os.readlink(f"/proc/self/fd/{descriptor}"):
            raise OSError(28, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(dossierkit.atomic.os, "fsync", fsync)
    result = invoke([*HTML, str(project)])
    assert result.exit_code == 1
    assert problem_lines(result.stderr) == [
        f"error[B603]: {project}/build/styles/print.css: cannot write the output: No space left on "
        "device (check free space and permissions; the earlier outputs are kept)"]
    assert contents(project / "build") == earlier


def test_an_output_name_taken_by_a_folder_changes_nothing(minimal):
    assert invoke(["build", str(minimal)]).exit_code == 0
    (minimal / "build/minimal.epub").unlink()
    (minimal / "build/minimal.epub").mkdir()
    (minimal / "build/minimal.epub/keep.txt").write_text("mine")
    earlier = contents(minimal / "build")
    append("chapters/two.md", "\nNew.\n")(minimal)
    result = invoke(["build", str(minimal)])
    assert result.exit_code == 1
    assert problem_lines(result.stderr) == [
        f"error[B620]: {minimal}/build/minimal.epub: a folder or another non-file is in the way of the "
        "output (move it away, or build into another folder with --out)"]
    assert contents(minimal / "build") == earlier


def test_ctrl_c_while_writing_says_nothing_changed_and_nothing_did(built, monkeypatch):
    project, earlier = built
    real = dossierkit.transaction.write_temporary
    calls = []

    def interrupted(path, data, shown):
        calls.append(path)
        if len(calls) == 3:  # the journal, then the first output, then Ctrl-C
            raise KeyboardInterrupt
        real(path, data, shown)

    monkeypatch.setattr(dossierkit.transaction, "write_temporary", interrupted)
    result = invoke([*HTML, str(project)])
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == "interrupted: nothing was changed"
    assert contents(project / "build") == earlier


def test_ctrl_c_at_the_rename_waits_and_says_what_changed(built, monkeypatch):
    project, earlier = built
    real = os.replace
    calls = []

    def replace(source, target):
        calls.append(target)
        if str(target).endswith("minimal.html"):
            os.kill(os.getpid(), signal.SIGINT)
        real(source, target)

    monkeypatch.setattr(dossierkit.transaction.os, "replace", replace)
    result = invoke([*HTML, str(project)])
    monkeypatch.undo()
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == "interrupted: the new outputs were placed before stopping"
    placed = contents(project / "build")
    assert placed != earlier and sorted(placed) == sorted(earlier)
    # The set is whole: the next build finds nothing to do.
    again = invoke([*HTML, str(project)])
    assert again.exit_code == 0 and contents(project / "build") == placed


KILLER = """
import os, signal, sys
import dossierkit.transaction as transaction
real, calls = os.replace, []
def replace(source, target):
    if ".dossier-layout" in str(target):  # the layout cache (the export lays the book out)
        return real(source, target)
    calls.append(target)
    if len(calls) == 3:  # the journal, one output renamed: kill -9 before the next
        os.kill(os.getpid(), signal.SIGKILL)
    real(source, target)
transaction.os.replace = replace
from dossierkit.cli import main
sys.argv = ["dossier", *sys.argv[1:]]
main()
"""


def test_kill_9_between_two_renames_is_repaired_by_the_next_build(built, expected_warnings):
    project, earlier = built
    killed = subprocess.run([sys.executable, "-c", KILLER, *HTML, str(project)],
                            capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert (project / "build" / JOURNAL_NAME).exists()
    result = invoke([*HTML, str(project)])
    assert result.exit_code == 0, result.output
    assert problem_lines(result.stderr) == [
        f"warning[B626]: {project}/build: the last build was stopped while it replaced its outputs; "
        "the rest of them were put in place now (nothing to do)"]
    placed = contents(project / "build")
    assert sorted(placed) == sorted(earlier) and placed != earlier
    assert not [name for name in os.listdir(project / "build") if name.endswith(".part")]
    assert JOURNAL_NAME not in os.listdir(project / "build")
    assert len(expected_warnings) == 1


def test_a_second_build_of_one_folder_stops_with_one_line(minimal):
    out = minimal / "build"
    out.mkdir()
    (out / "minimal.pdf").write_bytes(b"%PDF- earlier")
    with open(out / LOCK_NAME, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = invoke(["build", str(minimal), "--format", "epub"])
    assert result.exit_code == 1
    assert problem_lines(result.stderr) == [
        f"error[B624]: {out}: another build is writing to this folder (wait for it to finish, or "
        "build into another folder with --out)"]
    assert (out / "minimal.pdf").read_bytes() == b"%PDF- earlier"


def test_two_builds_at_once_never_interleave(minimal):
    command = [sys.executable, "-m", "dossierkit", "build", str(minimal), "--force"]
    first = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    outcomes = []
    for process in (first, second):
        _, stderr = process.communicate(timeout=300)
        outcomes.append((process.returncode, stderr))
    lock_line = (f"error[B624]: {minimal}/build: another build is writing to this folder (wait for it "
                 "to finish, or build into another folder with --out)")
    assert any(code == 0 for code, _ in outcomes), outcomes
    for code, stderr in outcomes:
        errors = [line for line in stderr.splitlines() if line.startswith("error")]
        assert (code, errors) in ((0, []), (1, [lock_line])), stderr
    assert sorted(os.listdir(minimal / "build")) == [".dossier-cache.json", FOLDER, "minimal.epub", "minimal.pdf"]


def test_a_journal_shipped_with_a_project_moves_nothing_out_of_its_folder(minimal, tmp_path,
                                                                         expected_warnings):
    """A hostile project's build/ holding a link out and a journal "placing" a file there."""
    victim = tmp_path / "home"
    victim.mkdir()
    (victim / ".profile").write_text("the user's own")
    out = minimal / "build"
    out.mkdir()
    os.symlink(victim, out / "sub")
    temporary = ".profile.0123456789abcdef.dossierkit.part"
    (out / "sub" / temporary).write_text("the attacker's")
    (out / temporary).write_text("the attacker's")
    pairs = [[f"sub/{temporary}", "sub/.profile"], [temporary, "sub/.profile"],
             [temporary, "../../home/.profile"]]
    (out / JOURNAL_NAME).write_text(json.dumps({"state": "placing", "pairs": pairs}))
    assert invoke(["build", str(minimal), "--format", "epub"]).exit_code == 0
    assert (victim / ".profile").read_text() == "the user's own"
    assert (victim / temporary).read_text() == "the attacker's"
    assert expected_warnings == [
        f"{out}: the last build was stopped while it replaced its outputs; the rest of them were "
        "put in place now (nothing to do)"]


def test_a_lock_that_is_a_link_is_one_line(minimal, tmp_path):
    out = minimal / "build"
    out.mkdir()
    os.symlink(tmp_path / "elsewhere", out / LOCK_NAME)
    result = invoke(["build", str(minimal), "--format", "epub"])
    assert result.exit_code == 1
    assert problem_lines(result.stderr) == [
        f"error[B625]: {out}/{LOCK_NAME}: cannot take the folder's lock: Too many levels of symbolic "
        "links (remove it, or build into another folder with --out)"]
    assert not (tmp_path / "elsewhere").exists()


def test_ctrl_c_after_a_build_says_its_outputs_were_placed(built, monkeypatch):
    """Ctrl-C once the set is in place (printing the table, or a watch waiting) must not
    claim that nothing changed."""
    import dossierkit.commands.report

    project, earlier = built

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(dossierkit.commands.report, "show_outputs", interrupted)
    monkeypatch.setattr(dossierkit.commands.build, "show_outputs", interrupted, raising=False)
    result = invoke([*HTML, str(project)])
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == "interrupted after the outputs were placed"
    assert contents(project / "build") != earlier
