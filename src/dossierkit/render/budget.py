"""A time and output budget for rendering one chapter's template.

Jinja's sandbox stops a template reaching outside it, not a template that never ends:
`{% for i in range(100000) %}{% for j in range(100000) %}` loops for hours. The template
renders in a worker thread; past its time it is stopped by an exception raised inside
that thread (CPython checks for one between bytecodes, so a Python loop stops at once),
and the text it yields is counted as it comes.
"""

from __future__ import annotations

import contextvars
import ctypes
import math
import threading
from collections.abc import Callable, Iterable

from jinja2.sandbox import SandboxedEnvironment

from dossierkit.errors import quoted

GRACE = 2.0  # seconds a stopped template gets to unwind


class OverBudget(Exception):
    """args: (what happened, the manifest key that raises the budget)."""


class _Stop(Exception):
    """Raised inside the worker thread when its time is up."""


def within(seconds: float, max_bytes: int, chunks: Callable[[], Iterable[str]]) -> str:
    """Join the text `chunks()` yields, within `seconds` and `max_bytes` (UTF-8)."""
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            parts, size = [], 0
            for chunk in chunks():
                size += len(chunk.encode("utf-8", "surrogatepass"))
                if size > max_bytes:
                    raise OverBudget(f"the chapter's text passed {max_bytes} bytes", "template_bytes")
                parts.append(chunk)
            outcome["text"] = "".join(parts)
        except _Stop as stop:
            outcome["error"] = OverBudget(f"rendering took longer than {seconds:g} seconds",
                                          "template_seconds").with_traceback(stop.__traceback__)
        except BaseException as error:  # noqa: BLE001 — handed to the caller's thread
            outcome["error"] = error

    # The worker sees the caller's context variables (the build cache's record of reads).
    worker = threading.Thread(target=contextvars.copy_context().run, args=(work,),
                              name="dossier-template", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident),
                                                   ctypes.py_object(_Stop))
        worker.join(GRACE)
        if "error" not in outcome:  # stuck in one long C call: it ends on its own, unused
            raise OverBudget(f"rendering took longer than {seconds:g} seconds", "template_seconds")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["text"]


# Numbers a template may compute: far beyond any dossier's sums, far below a hang.
MAX_BITS = 64 * 1024


class TooLarge(ArithmeticError):
    """A computation a template asked for whose result would not fit any budget."""


class BudgetedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with the two operators that can build huge values checked first
    (`9 ** (9 ** 9)` would compute for minutes, `"x" * 10**10` take all memory)."""

    intercepted_binops = frozenset({"**", "*"})
    output_limit = 4 * 1024 * 1024

    def call_binop(self, context, operator, left, right):
        if operator == "**" and _int(left) and _int(right) and abs(left) > 1 and right > 0:
            if right * math.log2(abs(left)) > MAX_BITS:
                raise TooLarge(f"{quoted(left, 20)} ** {quoted(right, 20)} is too large a number")
        if operator == "*":
            sequence, times = (left, right) if _int(right) else (right, left)
            if isinstance(sequence, (str, list, tuple)) and _int(times):
                if len(sequence) * times > self.output_limit:
                    raise TooLarge("a repeated text or list would pass the chapter's output budget")
        return super().call_binop(context, operator, left, right)


def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
