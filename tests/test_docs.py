"""The generated references: the README's from the models, docs/errors.md from the catalogue."""

from __future__ import annotations

from dossierkit import docs
from helpers import REPO


def test_readme_reference_is_generated_from_the_models():
    readme = (REPO / "README.md").read_text("utf-8")
    assert docs.rewrite(readme) == readme, "run: python -m dossierkit.docs"


def test_errors_md_is_generated_from_the_catalogue():
    text = (REPO / "docs" / "errors.md").read_text("utf-8")
    rewritten = docs.rewrite(text, markers=(docs.ERRORS_BEGIN, docs.ERRORS_END), generate=docs.errors_reference)
    assert rewritten == text, "run: python -m dossierkit.docs"


def test_reference_names_every_model_field():
    from dossierkit.source import models

    text = docs.reference()
    for model in (models.Manifest, models.Output, models.Review, models.Claim):
        for name in model.model_fields:
            assert f"`{name}`" in text or f"`[{name}]`" in text


def test_template_variables_in_the_reference_exist(minimal):
    """Each name the reference lists is really in a chapter template's context."""
    from dossierkit.render.book import render_chapter_template
    from dossierkit.render.citations import Citations
    from dossierkit.render.templates import make_environment
    from dossierkit.source.loader import load_dossier
    from dossierkit.source.models import Data

    names = [n.split("(")[0] for n in docs.HELPERS] + list(Data.model_fields)
    probe = "".join(f"{{{{ {n} is defined }}}} " for n in names)
    (minimal / "chapters" / "probe.md").write_text(probe, "utf-8")
    dossier = load_dossier(minimal)
    text = render_chapter_template(make_environment(dossier.root), dossier, "chapters/probe.md",
                                   Citations(dossier.data.sources))
    assert text.split() == ["True"] * len(names)


def test_docs_check_mode(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{docs.BEGIN}\nstale\n{docs.END}\n", "utf-8")
    assert docs.main([str(readme), "--check"]) == 1
    assert docs.main([str(readme)]) == 0
    assert docs.main([str(readme), "--check"]) == 0
    assert "### The manifest" in readme.read_text("utf-8")
