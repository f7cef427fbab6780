"""Running a function in a forked process while the parent goes on: a build writes its PDF
there, from the layout already made, while it writes the other formats here."""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
def in_child(work: Callable[[], T], what: str = "child") -> Iterator[Callable[[], T]]:
    """Fork; the child runs `work` and exits. Inside the block the parent does its own
    work; the function it receives waits for the child's result (or raises its error).

    The result travels through a pipe: no file of the output folder is involved, so
    nothing another build does there can take it away.
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 0
        try:
            os.close(reader)
            _die_with_parent()
            try:
                payload = ("ok", work())
            except DossierError as error:
                payload = ("error", error.problems)
            except BaseException as error:  # noqa: BLE001 — reported by the parent
                payload = ("crash", f"{type(error).__name__}: {error}")
            with os.fdopen(writer, "wb") as handle:
                pickle.dump(payload, handle)
        except BaseException:  # noqa: BLE001
            status = 1
        finally:
            os._exit(status)

    os.close(writer)
    collected: dict[str, T] = {}

    def wait() -> T:
        if "result" not in collected:
            with os.fdopen(os.dup(reader), "rb") as handle:
                data = handle.read()  # until the child closes its end
            _, status = os.waitpid(pid, 0)
            collected["waited"] = True
            try:
                kind, value = pickle.loads(data)
            except (EOFError, pickle.UnpicklingError, ValueError):
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
        if "waited" not in collected:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        raise
    finally:
        os.close(reader)
