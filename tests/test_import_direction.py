"""The arrows of DESIGN.md/STYLE.md: scrapers and db never import each other, and so on."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO

FORBIDDEN = {
    "scrapers": {"db", "tracker", "jobs", "sqlalchemy", "alembic"},
    "db": {"scrapers", "tracker", "jobs", "requests"},
    "tracker": {"jobs"},
    "jobs": set(),
}


def _top_level_imports(tree: ast.AST) -> set[str]:
    """Imports executed at module load (function-level imports are the sanctioned lazy ones)."""
    names: set[str] = set()
    body = tree.body if isinstance(tree, ast.Module) else []
    for node in body:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_go_one_way(package):
    offenders = []
    for path in sorted((REPO / package).rglob("*.py")):
        imported = _top_level_imports(ast.parse(path.read_text(), str(path)))
        bad = imported & FORBIDDEN[package]
        if bad:
            offenders.append(f"{path.relative_to(REPO)} imports {sorted(bad)}")
    assert offenders == []
