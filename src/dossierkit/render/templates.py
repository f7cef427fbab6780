"""Jinja2 for chapter templates: strict, sandboxed, autoescaped, and precise about where an
error is. What a template can see is assembled by the book (render.book.template_context)."""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from dossierkit.errors import fail
from dossierkit.render.citations import format_source
from dossierkit.source.files import ProjectFiles


def longdate(value: dt.date) -> str:
    """A date written out, day month year: the style the dossier uses for every date."""
    return f"{value.day} {value.strftime('%B')} {value.year}"


def make_environment(root: Path) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        # Not FileSystemLoader: it follows symlinks out of the project.
        loader=ProjectFiles(root).jinja_loader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["longdate"] = longdate
    env.filters["citation"] = format_source
    return env


def _template_line(exc: BaseException, filename: str) -> int | None:
    """The template line an exception was raised at, from Jinja's rewritten traceback."""
    line = None
    tb: types.TracebackType | None = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_template(env: SandboxedEnvironment, name: str, context: dict, filename: str) -> str:
    """Render one template (a path relative to the project, read from `filename`) to text."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise fail(name, f"template syntax error: {exc.message}", line=exc.lineno,
                   hint="check the {{ }} and {% %} tags") from None
    except jinja2.UndefinedError as exc:
        raise fail(name, f"template error: {exc.message}", line=_template_line(exc, filename),
                   hint="use a variable the data defines; see the README's template reference") from None
    except (LookupError, jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
        message = exc.args[0] if exc.args else type(exc).__name__
        raise fail(name, f"template error: {message}", line=_template_line(exc, filename),
                   hint="check the call on that line") from None
