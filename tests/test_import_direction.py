"""The arrows of DESIGN.md/STYLE.md, each stated once here with its reason.

Two kinds of rule:

- between the top-level packages, for imports run at module load (a function-level
  import is the sanctioned lazy one: ``tracker.cli.daemon`` starts ``jobs`` that way);
- between the folders inside ``tracker/``, for every import, lazy or not: a lazy
  import is still a dependency a reader has to know about.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

#: Top-level package -> what it must never import at module load, and why.
PACKAGE_RULES: dict[str, tuple[set[str], str]] = {
    "scrapers": (
        {"db", "tracker", "jobs", "sqlalchemy", "alembic"},
        "sources fetch and parse into plain values; they know no database and no domain",
    ),
    "db": (
        {"scrapers", "tracker", "jobs", "requests"},
        "the schema knows no HTTP and no source's format",
    ),
    "tracker": ({"jobs"}, "the daemon wires tracker's parts; tracker never calls up to it"),
    "jobs": (set(), "wiring only: it may use anything below it"),
}

#: Folder inside tracker/ -> folders of tracker/ it must never import (lazily or not), and why.
FACES = {"cli", "web"}
FOLDER_RULES: dict[str, tuple[set[str], str]] = {
    "core": (
        {"vocab", "checking", "people", "mail", "report", "bulk"} | FACES,
        "every part uses core, so core can use none of them",
    ),
    "vocab": (
        {"checking", "people", "mail", "report", "bulk"} | FACES,
        "the shared words of checking, mail and report: it must not take a side",
    ),
    "checking": (
        {"mail", "report", "bulk"} | FACES,
        "a check writes events and outbox rows in one transaction; rendering and sending "
        "mail happen later, elsewhere, so a mail bug can never break a check",
    ),
    "people": (
        {"checking", "mail", "report", "bulk"} | FACES,
        "whom to contact is asked by checking, mail and the faces; it asks none of them",
    ),
    "mail": (
        {"checking", "bulk"} | FACES,
        "mail reads the outbox rows a check wrote; it never runs a check",
    ),
    "report": (
        {"checking", "mail", "bulk"} | FACES,
        "the report reads what is stored; it neither checks nor sends",
    ),
    "bulk": (FACES | {"mail", "report"}, "an import stores bills like a check does, no more"),
    "cli": (set(), "a face: on top of everything"),
    "web": ({"cli"}, "a face: on top of everything but the command line"),
}


def _imports(tree: ast.Module, *, lazy: bool) -> set[str]:
    """Dotted names imported by the module (only at module load unless ``lazy``)."""
    nodes = ast.walk(tree) if lazy else iter(tree.body)
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), str(path))


@pytest.mark.parametrize("package", sorted(PACKAGE_RULES))
def test_packages_import_one_way(package):
    forbidden, _reason = PACKAGE_RULES[package]
    offenders = []
    for path in _modules(REPO / package):
        roots = {name.split(".")[0] for name in _imports(_parse(path), lazy=False)}
        if bad := roots & forbidden:
            offenders.append(f"{path.relative_to(REPO)} imports {sorted(bad)}")
    assert offenders == []


@pytest.mark.parametrize("folder", sorted(FOLDER_RULES))
def test_tracker_folders_import_one_way(folder):
    forbidden, _reason = FOLDER_RULES[folder]
    offenders = []
    for path in _modules(REPO / "tracker" / folder):
        used = {
            name.split(".")[1]
            for name in _imports(_parse(path), lazy=True)
            if name.startswith("tracker.") and name.count(".") >= 1
        }
        if bad := used & forbidden:
            offenders.append(f"{path.relative_to(REPO)} imports tracker.{sorted(bad)}")
    assert offenders == []


def test_only_the_daemon_command_reaches_jobs():
    offenders = []
    for path in _modules(REPO / "tracker"):
        if path == REPO / "tracker" / "cli" / "daemon.py":
            continue
        if any(n.split(".")[0] == "jobs" for n in _imports(_parse(path), lazy=True)):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_every_tracker_folder_has_a_rule_and_only_shared_modules_sit_at_the_top():
    folders = {p.name for p in (REPO / "tracker").iterdir() if (p / "__init__.py").exists()}
    assert folders == set(FOLDER_RULES)
    top = sorted(p.name for p in (REPO / "tracker").glob("*.py"))
    assert top == ["__init__.py"]


@pytest.mark.parametrize("folder", sorted(FOLDER_RULES))
def test_each_folder_says_what_it_is_for(folder):
    doc = ast.get_docstring(_parse(REPO / "tracker" / folder / "__init__.py"))
    assert doc and len(doc.split()) >= 15
