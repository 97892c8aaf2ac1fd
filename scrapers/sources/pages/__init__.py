"""Any legislature's bill page, read with a declarative definition file (TOML).

``definition`` reads and checks definition files, ``extract`` applies one to a bill's
pages (BeautifulSoup with lxml), ``stages`` folds a definition's action wording into a
stage, ``source`` fetches the pages. The shipped definitions live in ``definitions/``
(package data); an operator adds more in a directory named by a setting, read by
``tracker`` (this package never reads settings).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from scrapers.sources.pages._load import load_definition_file, load_definitions_dir
from scrapers.sources.pages.definition import Definition, DefinitionError
from scrapers.sources.pages.source import PageSource, page_source_class, ref_from_url

__all__ = [
    "Definition",
    "DefinitionError",
    "PageSource",
    "definitions_in",
    "load_definition_file",
    "load_definitions_dir",
    "page_source_class",
    "ref_from_url",
    "shipped_definitions",
    "shipped_page_sources",
]


@cache
def shipped_definitions() -> tuple[Definition, ...]:
    """The definitions that come with the package (``definitions/*.toml``), by name."""
    folder = resources.files(__name__) / "definitions"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return tuple(load_definition_file(Path(str(f))) for f in files)


def definitions_in(directory: str) -> tuple[Definition, ...]:
    """An operator's directory of definitions, read again only when a file changes."""
    folder = Path(directory)
    stamps = (
        tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.toml")))
        if folder.is_dir()
        else ()
    )
    return _definitions_in(str(folder), stamps)


@cache
def _definitions_in(directory: str, stamps: tuple[tuple[str, int], ...]) -> tuple[Definition, ...]:
    return tuple(load_definitions_dir(Path(directory)))


def shipped_page_sources() -> dict[str, type[PageSource]]:
    """One source class per shipped definition, by definition name."""
    return {d.name: page_source_class(d) for d in shipped_definitions()}
