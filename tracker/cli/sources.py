"""``tracker sources list`` and ``tracker sources test``: the sources, and trying a page
definition on a bill page (a URL or a saved file) while writing it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from scrapers.registry import SOURCES
from scrapers.sources.pages import (
    Definition,
    DefinitionError,
    PageSource,
    load_definition_file,
    page_source_class,
    ref_from_url,
)
from scrapers.sources.pages.extract import Extraction
from scrapers.sources.pages.source import PagesFetched
from tracker.checking.sources import make_client, page_source_classes
from tracker.cli._common import cli, echo_json, json_option, settings_from
from tracker.core.errors import InvalidInput
from tracker.vocab.serialize import snapshot_to_dict


@cli.group(
    help=(
        "The sources bills are read from: the APIs and bulk data, and every bill page "
        "definition (shipped, and yours in TRACKER_PAGE_DEFINITIONS_DIR)."
    )
)
def sources() -> None:
    pass


@sources.command("list", help="Every source and page definition: name, kind, what it covers.")
@json_option
@click.pass_context
def sources_list(ctx: click.Context, as_json: bool) -> None:
    settings = settings_from(ctx)
    rows: dict[str, type[Any]] = dict(SOURCES) | dict(page_source_classes(settings))
    listed: list[dict[str, str]] = [
        {
            "name": name,
            "kind": getattr(cls, "kind", "source"),
            "covers": getattr(cls, "covers", ""),
            "definition": cls.definition.path if issubclass(cls, PageSource) else "",
        }
        for name, cls in rows.items()
    ]
    if as_json:
        echo_json({"sources": listed})
        return
    width = max(len(r["name"]) for r in listed)
    kinds = max(len(r["kind"]) for r in listed)
    for r in listed:
        click.echo(f"{r['name']:<{width}}  {r['kind']:<{kinds}}  {r['covers']}")


@sources.command(
    "test",
    help=(
        "Read a bill page with a definition and print what it extracts, and which "
        "selectors matched nothing (exit 1 when a required one did). DEFINITION is a "
        "definition's name (see `tracker sources list`) or the path of a .toml file you "
        "are writing; PAGE is the bill page's URL or a saved file. A definition whose "
        "actions (or co-sponsors) sit on another page reads them from --page ROLE=URL|FILE, "
        "or, for a URL, fetches them as a check would. With --json the snapshot is printed "
        "with the keys of `tracker parse --json`."
    ),
)
@click.argument("definition")
@click.argument("page")
@click.option(
    "--page",
    "extra",
    multiple=True,
    metavar="ROLE=URL|FILE",
    help="Another page of the bill, e.g. actions=saved-actions.html (repeatable).",
)
@click.option("--session", help="The session, when the page does not show it (e.g. 2011).")
@json_option
@click.pass_context
def sources_test(
    ctx: click.Context,
    definition: str,
    page: str,
    extra: tuple[str, ...],
    session: str | None,
    as_json: bool,
) -> None:
    settings = settings_from(ctx)
    cls = _definition_class(definition, page_source_classes(settings))
    defn = cls.definition
    others = dict(_role_and_place(defn, item) for item in extra)
    with make_client(settings) as client:
        # A page URL on another host (a mirror, a test server): its other pages come
        # from there too.
        origin = urlsplit(page)
        source = cls(
            client, base_url=f"{origin.scheme}://{origin.netloc}" if _is_url(page) else None
        )
        doc = _document(source, page, others, session)
        result = source.parse_pages(doc, session=session, strict=False)
    if as_json:
        echo_json(snapshot_to_dict(result.snapshot))
        _print_misses(result, err=True)
    else:
        _print_extraction(defn, result)
        _print_misses(result, err=False)
    if any(m.required for m in result.misses):
        sys.exit(1)


def _definition_class(wanted: str, classes: dict[str, type[PageSource]]) -> type[PageSource]:
    if wanted.endswith(".toml"):
        try:
            return page_source_class(load_definition_file(Path(wanted)))
        except DefinitionError as exc:
            raise InvalidInput(str(exc)) from None
    if wanted not in classes:
        names = ", ".join(sorted(classes))
        raise InvalidInput(f"no page definition {wanted!r}; definitions: {names}")
    return classes[wanted]


def _role_and_place(defn: Definition, item: str) -> tuple[str, str]:
    role, sep, place = item.partition("=")
    if not sep or role not in defn.pages or role == "bill":
        roles = ", ".join(r for r in defn.pages if r != "bill") or "none"
        raise InvalidInput(f"--page {item!r}: expected ROLE=URL|FILE, ROLE one of: {roles}")
    return role, place


def _is_url(place: str) -> bool:
    return place.startswith(("http://", "https://"))


def _read_file(place: str) -> bytes:
    try:
        return Path(place).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{place}: cannot read: {exc.strerror or exc}") from None


def _document(
    source: PageSource, page: str, others: dict[str, str], session: str | None
) -> PagesFetched:
    """The bill page and its other pages: from files, or fetched like a check fetches."""
    url, content = source.fetch_page(page) if _is_url(page) else (page, _read_file(page))
    fetched = tuple(
        (role, *(source.fetch_page(place) if _is_url(place) else (place, _read_file(place))))
        for role, place in others.items()
    )
    doc = PagesFetched(ref=None, url=url, content=content, others=fetched)
    if not _is_url(page):
        return doc
    # A URL: the pages not given are fetched as a check would fetch them.
    ref = ref_from_url(source.definition, page)
    if ref is None:
        ref = source.parse_pages(doc, session=session, strict=False).snapshot.ref
    return source.fetch_missing(doc, ref)


def _print_extraction(defn: Definition, result: Extraction) -> None:
    s = result.snapshot
    click.echo(f"{defn.name} ({defn.path})")
    click.echo(f"  bill:        {s.ref.key}")
    click.echo(f"  page:        {s.source_url}")
    click.echo(f"  title:       {s.title or '-'}")
    click.echo(f"  sponsor:     {s.sponsor.name if s.sponsor else '-'}")
    names = ", ".join(c.member.name for c in s.cosponsors[:5])
    more = f" (+{len(s.cosponsors) - 5} more)" if len(s.cosponsors) > 5 else ""
    click.echo(f"  cosponsors:  {len(s.cosponsors)}{': ' + names + more if names else ''}")
    stage = s.stage
    where = ", ".join(str(x) for x in (stage.on, stage.chamber) if x)
    click.echo(f"  stage:       {stage.stage.value} ({where or 'no date'})")
    click.echo(f"  actions:     {len(s.actions)}")
    for a in s.actions:
        chamber = a.chamber.value if a.chamber else "-"
        click.echo(f"    {a.on.isoformat()}  {chamber:<9} {a.text}")


def _print_misses(result: Extraction, *, err: bool) -> None:
    if result.misses:
        click.echo("selectors that matched nothing:", err=err)
        for m in result.misses:
            need = "required" if m.required else "optional"
            click.echo(f"  {m.field}: {m.selector!r} ({need}): {m.problem} in {m.url}", err=err)
    if result.skipped:
        skipped = ", ".join(result.skipped)
        click.echo(f"not checked (their page was not given): {skipped}", err=err)
