"""House rules the code keeps: small modules and functions, a thin command line, no film baked in."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dossierkit"
SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_300_lines_and_the_cli_under_250():
    lengths = {p.relative_to(PACKAGE).as_posix(): p.read_text("utf-8").count("\n") for p in SOURCES}
    assert {name: n for name, n in lengths.items() if n > 300} == {}
    assert lengths["cli.py"] < 250


def test_no_function_is_over_60_lines():
    long = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.end_lineno - node.lineno + 1 > 60:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}")
    assert long == []


def test_every_module_opens_with_a_line_saying_what_it_is_for():
    assert [p.relative_to(PACKAGE).as_posix() for p in SOURCES
            if p.stat().st_size and not ast.get_docstring(ast.parse(p.read_text("utf-8")))] == []


def test_no_film_year_or_title_is_baked_into_the_package():
    # The default dossier's film, its year and its people belong to the dossier, not the tool.
    baked = re.compile(r"Salyut|Салют|Shipenko|Шипенко|Soyuz|Союз|Dzhanibekov|Savinykh|\b1985\b")
    found = [f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
             for path in PACKAGE.rglob("*") if path.is_file() and path.suffix in (".py", ".html", ".po")
             and "scaffold/template" not in path.as_posix()
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1) if baked.search(line)]
    assert found == []
