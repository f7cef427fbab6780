"""Jinja2 for chapter templates: strict, autoescaped, and precise about where an error is."""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from dossierkit.errors import fail
from dossierkit.render.citations import Citations, format_source
from dossierkit.resources import ProjectFiles
from dossierkit.source.loader import Dossier


def longdate(value: dt.date) -> str:
    """11 February 1985: the style the dossier uses for every date."""
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


def _lookup(items, what: str):
    by_id = {item.id: item for item in items}

    def find(item_id: str):
        if item_id not in by_id:
            raise LookupError(f"{what}('{item_id}'): no such {what}")
        return by_id[item_id]

    return find


def _still_block(stills):
    """still("id"): a captioned figure of one of the manifest's stills."""
    from markupsafe import Markup, escape

    def still(still_id: str) -> Markup:
        if still_id not in stills:
            raise LookupError(f"still('{still_id}'): the manifest names no such still")
        image = stills[still_id]
        caption = " — ".join(escape(t) for t in (image.caption, image.credit) if t)
        figcaption = f"<figcaption>\n\n{caption}\n\n</figcaption>\n" if caption else ""
        return Markup(f'\n<figure class="still" id="still-{still_id}">\n\n'
                      f"![{escape(image.alt)}]({escape(image.path)})\n\n{figcaption}</figure>\n")

    return still


def _template_line(exc: BaseException, filename: str) -> int | None:
    """The template line an exception was raised at, from Jinja's rewritten traceback."""
    line = None
    tb: types.TracebackType | None = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_template(env: SandboxedEnvironment, dossier: Dossier, name: str,
                    citations: Citations, **extra) -> str:
    """Render one template (a path relative to the project) to text."""
    from dossierkit.render.figures import timeline_block

    filename = str((dossier.root / name).resolve())
    data = dossier.data
    context = {
        "dossier": dossier.manifest,
        **{field: getattr(data, field) for field in type(data).model_fields},
        "cite": citations.cite,
        "review": _lookup(data.reviews, "review"),
        "claim": _lookup(data.claims, "claim"),
        "timeline_figure": lambda: timeline_block(data, citations),
        "still": _still_block(dossier.manifest.stills),
        **extra,
    }
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
