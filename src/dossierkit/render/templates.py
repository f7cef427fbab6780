"""Jinja2 for chapter templates: strict, sandboxed, autoescaped, and precise about where an
error is. What a template can see is assembled in render.context."""

from __future__ import annotations

import datetime as dt
import functools
import types
from pathlib import Path

import jinja2
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment
from pydantic import BaseModel

from dossierkit.errors import fail, quoted
from dossierkit.i18n import Labels, translations
from dossierkit.render.budget import BudgetedSandbox, OverBudget, within
from dossierkit.render.citations import format_source
from dossierkit.source.files import ProjectFiles


def longdate(value: dt.date) -> str:
    """A date written out, day month year, in the dossier's language."""
    return Labels("en").date(value)


def partialdate(value: str) -> str:
    """`2017-09` as September 2017, `2017` as 2017: a date as precise as the data gives it."""
    return Labels("en").partial(value)


def number(value) -> str:
    """12,345 or 12 345: a number written the language's way."""
    return Labels("en").number(value)


def inline_html(text: str):
    """Inline Markdown of a data field (`*Gravity*`) as sanitised HTML, for HTML templates."""
    from markupsafe import Markup

    from dossierkit.render.sanitise import inline_html

    return Markup(inline_html(str(text)))


def _in_language(function, documented):
    # The filter works in the edition's language; the README shows the documented one's text.
    function = functools.partial(function)
    function.__doc__ = documented.__doc__
    return function


def _attributes(value) -> list[str]:
    """What a template can read of a value, as the reader of the data knows it."""
    if isinstance(value, BaseModel):
        properties = [name for name, member in vars(type(value)).items()
                      if isinstance(member, property) and not name.startswith("_")]
        return list(type(value).model_fields) + properties
    if isinstance(value, dict):
        return [str(key) for key in value]
    return []


class _Undefined(jinja2.StrictUndefined):
    """Strict, and when an attribute is missing says which exist, with the data's names for
    things rather than Python's class paths."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        target = self._undefined_obj
        if target is jinja2.utils.missing or self._undefined_hint:
            return super()._undefined_message
        kind = type(target).__name__ if isinstance(target, BaseModel) else {
            dict: "this mapping", list: "a list"}.get(type(target), type(target).__name__)
        names = _attributes(target)
        has = f" (it has: {', '.join(names)})" if names else ""
        return f"{kind} has no attribute '{self._undefined_name}'{has}"


def make_environment(root: Path, language: str = "en") -> SandboxedEnvironment:
    """The environment of one edition: its filters and `_()` speak the edition's language."""
    labels = Labels(language)
    env = BudgetedSandbox(
        extensions=["jinja2.ext.i18n"],
        # Not FileSystemLoader: it follows symlinks out of the project.
        loader=ProjectFiles(root).jinja_loader(),
        autoescape=True,
        undefined=_Undefined,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations(language), newstyle=True)
    env.filters["longdate"] = _in_language(labels.date, longdate)
    env.filters["partialdate"] = _in_language(labels.partial, partialdate)
    env.filters["number"] = _in_language(labels.number, number)
    env.filters["citation"] = format_source
    env.filters["inline"] = inline_html
    env.globals["plural"] = labels.plural
    env.globals["labels"] = labels
    return env


def _template_line(exc: BaseException, filename: str) -> int | None:
    """The template line an exception was raised at, from Jinja's rewritten traceback;
    for endless recursion, the line that calls again (the one most often on the stack)."""
    lines = []
    tb: types.TracebackType | None = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            lines.append(tb.tb_lineno)
        tb = tb.tb_next
    if not lines:
        return None
    if isinstance(exc, RecursionError):
        return max(set(lines), key=lines.count)
    return lines[-1]


def render_template(env: SandboxedEnvironment, name: str, context: dict, filename: str, *,
                    seconds: float = 10, max_bytes: int = 4 * 1024 * 1024) -> str:
    """Render one template (a path relative to the project, read from `filename`) to
    text, within a time and output budget (the manifest's template_seconds and _bytes)."""
    env.output_limit = max_bytes
    try:
        template = env.get_template(name)
        return within(seconds, max_bytes, lambda: template.generate(context))
    except jinja2.TemplateSyntaxError as exc:
        raise fail(name, f"template syntax error: {quoted(exc.message, 200)}", line=exc.lineno,
                   hint="check the {{ }} and {% %} tags") from None
    except jinja2.UndefinedError as exc:
        raise fail(name, f"template error: {quoted(exc.message, 200)}",
                   line=_template_line(exc, filename),
                   hint="use a variable the data defines; see the README's template reference") from None
    except OverBudget as exc:
        raise fail(name, f"template error: {exc.args[0]}", line=_template_line(exc, filename),
                   hint=f"simplify the template, or raise output.{exc.args[1]} in dossier.toml") from None
    except RecursionError as exc:
        raise fail(name, "template error: a macro or an include calls itself without end",
                   line=_template_line(exc, filename), hint="give the recursion a way to stop") from None
    except MemoryError as exc:
        raise fail(name, "template error: out of memory", line=_template_line(exc, filename),
                   hint="simplify the template") from None
    except OverflowError as exc:
        message = (f"range() too big: at most {MAX_RANGE} items" if "MAX_RANGE" in str(exc)
                   else quoted(exc.args[0] if exc.args else "a number too large", 200))
        raise fail(name, f"template error: {message}", line=_template_line(exc, filename),
                   hint="use smaller numbers") from None
    except (LookupError, jinja2.TemplateError, TypeError, ValueError, AttributeError,
            ArithmeticError) as exc:
        message = exc.args[0] if exc.args else type(exc).__name__
        raise fail(name, f"template error: {quoted(message, 200)}", line=_template_line(exc, filename),
                   hint="check the call on that line") from None
