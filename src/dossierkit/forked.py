"""Writing the PDF in a forked process, from the layout already made, while the parent
writes the other formats: the two halves of a build share one layout and both cores."""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from dossierkit.errors import DossierError

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Linux: a build killed mid-way must not leave its PDF half running on."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


@contextmanager
def pdf_in_child(context, scratch: Path) -> Iterator[Callable[[], dict[str, bytes]]]:
    """Fork; the child writes every PDF variant of `context` and exits. Inside the block
    the parent does its own work; the function it receives waits for the PDF files.

    The result travels through a temporary file in `scratch` (the output folder), named
    like the other temporaries there, so a killed build's leftover is cleaned next time.
    """
    from dossierkit.output import PART_SUFFIX
    from dossierkit.writers import get_writer

    descriptor, result_path = tempfile.mkstemp(prefix=".dossierkit-pdf-", suffix=PART_SUFFIX,
                                               dir=scratch)
    os.close(descriptor)
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 0
        try:
            _die_with_parent()
            try:
                payload = ("ok", get_writer("pdf").write(context))
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

    collected: dict[str, dict[str, bytes]] = {}

    def wait() -> dict[str, bytes]:
        if "files" not in collected:
            _, status = os.waitpid(pid, 0)
            try:
                with open(result_path, "rb") as handle:
                    kind, value = pickle.load(handle)
            except (OSError, EOFError, pickle.UnpicklingError):
                raise RuntimeError(f"the PDF process ended without a result (status {status})") from None
            if kind == "error":
                raise DossierError(*value)
            if kind == "crash":
                raise RuntimeError(f"the PDF process failed: {value}")
            collected["files"] = value
        return collected["files"]

    try:
        yield wait
        wait()
    except BaseException:
        if "files" not in collected:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        raise
    finally:
        Path(result_path).unlink(missing_ok=True)
