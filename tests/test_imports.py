"""The package's import structure: no circles, and no module importing a higher stage."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dossierkit"

# The stages from the bottom up; a module may import its own stage or lower ones only.
LAYERS = [
    {"dossierkit", "dossierkit.errors", "dossierkit.catalogue", "dossierkit.options", "dossierkit.markup",
     "dossierkit.atomic", "dossierkit.i18n", "dossierkit.transaction"},
    {"dossierkit.forked", "dossierkit.cache", "dossierkit.source"},
    {"dossierkit.render"},
    {"dossierkit.layout"},
    {"dossierkit.writers"},
    {"dossierkit.build", "dossierkit.jobs", "dossierkit.editions", "dossierkit.verify", "dossierkit.docs",
     "dossierkit.scaffold",
     "dossierkit.theme"},
    {"dossierkit.commands"},
    {"dossierkit.cli", "dossierkit.entry", "dossierkit.__main__"},
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every dossierkit module `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # `from dossierkit.render import figures` imports the module render.figures.
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.split(".")[0] == "dossierkit"}


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {target for target in imports_of(path) if target in modules and target != name}
            for name, path in modules.items()}


def layer(module: str) -> int:
    for rank, group in enumerate(LAYERS):
        if any(module == g or module.startswith(g + ".") for g in group if g != "dossierkit"):
            return rank
    assert module == "dossierkit", f"{module} belongs to no stage: add it to LAYERS"
    return 0


def test_every_module_belongs_to_a_stage():
    for module in graph():
        layer(module)


def test_no_module_imports_a_higher_stage():
    upward = sorted(f"{source} -> {target}" for source, targets in graph().items()
                    for target in targets if layer(target) > layer(source))
    assert upward == []


def test_no_import_circles():
    edges = graph()
    circles = []
    state: dict[str, int] = {}  # 1 while on the path, 2 when done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                circles.append(" -> ".join(path[path.index(target):] + [node, target]
                                           if target in path else [node, target]))
            elif target not in state:
                visit(target, path + [node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    assert circles == []


def test_only_the_layout_stage_imports_weasyprint():
    importers = sorted(module_name(p) for p in PACKAGE.rglob("*.py")
                       if any(isinstance(n, (ast.Import, ast.ImportFrom)) and "weasyprint" in (
                           [a.name.split(".")[0] for a in n.names] if isinstance(n, ast.Import)
                           else [(n.module or "").split(".")[0]])
                           for n in ast.walk(ast.parse(p.read_text("utf-8")))))
    assert importers == ["dossierkit.layout.weasy"]
