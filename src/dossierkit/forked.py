"""Running a function in a forked process while the parent goes on: a build writes its PDF
there, from the layout already made, while it writes the other formats here."""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from dossierkit.errors import DossierError

PR_SET_PDEATHSIG = 1
T = TypeVar("T")


def _die_with_parent() -> None:
    """Linux: a build killed mid-way must not leave its child running on."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


@contextmanager
def in_child(work: Callable[[], T], scratch: Path, what: str = "child") -> Iterator[Callable[[], T]]:
    """Fork; the child runs `work` and exits. Inside the block the parent does its own
    work; the function it receives waits for the child's result (or raises its error).

    The result travels through a temporary file in `scratch` (the output folder), named
    like the other temporaries there, so a killed build's leftover is cleaned next time.
    """
    from dossierkit.atomic import PART_SUFFIX

    descriptor, result_path = tempfile.mkstemp(prefix=f".dossierkit-{what}-", suffix=PART_SUFFIX,
                                               dir=scratch)
    os.close(descriptor)
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 0
        try:
            _die_with_parent()
            try:
                payload = ("ok", work())
            except DossierError as error:
                payload = ("error", error.problems)
            except BaseException as error:  # noqa: BLE001 — reported by the parent
                payload = ("crash", f"{type(error).__name__}: {error}")
            with open(result_path, "wb") as handle:
                pickle.dump(payload, handle)
        except BaseException:  # noqa: BLE001
            status = 1
        finally:
            os._exit(status)

    collected: dict[str, T] = {}

    def wait() -> T:
        if "result" not in collected:
            _, status = os.waitpid(pid, 0)
            try:
                with open(result_path, "rb") as handle:
                    kind, value = pickle.load(handle)
            except (OSError, EOFError, pickle.UnpicklingError):
                raise RuntimeError(f"the {what} process ended without a result (status {status})") from None
            if kind == "error":
                raise DossierError(*value)
            if kind == "crash":
                raise RuntimeError(f"the {what} process failed: {value}")
            collected["result"] = value
        return collected["result"]

    try:
        yield wait
        wait()
    except BaseException:
        if "result" not in collected:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        raise
    finally:
        Path(result_path).unlink(missing_ok=True)
