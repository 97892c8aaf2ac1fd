"""``tracker import``, ``tracker search`` and ``tracker topics``: finding bills without a number."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click
from rich.progress import BarColumn, TaskID, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

from scrapers.archives import SourceSize
from scrapers.model import Stage
from scrapers.sources.govinfo.bulk import BILL_TYPES
from tracker.bulk import (
    ImportContext,
    ImportProgress,
    ImportReport,
    PrepareOptions,
    bulk_client,
    default_jobs,
    import_from_govinfo,
    import_path,
)
from tracker.cli._common import app_from, cli, echo_json, json_option
from tracker.people.advocates import find_advocate
from tracker.report.search import MAX_LIMIT, SearchHit, search_bills
from tracker.report.topics import TopicView, list_topics

GOVINFO = "govinfo"


def _bill_types(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    types = tuple(dict.fromkeys(t.strip().lower() for t in value.split(",") if t.strip()))
    unknown = [t for t in types if t not in BILL_TYPES]
    if unknown:
        raise click.BadParameter(
            f"unknown bill type {', '.join(unknown)}; use {','.join(BILL_TYPES)}"
        )
    return types


@cli.command(
    "import",
    help=(
        "Import every bill of a Congress as known bills (not tracked: nothing polls them "
        "until someone tracks them or a followed topic matches). TARGET is `govinfo` "
        "(download GovInfo's bulk BILLSTATUS ZIPs; needs --congress) or a folder, a ZIP, "
        "or a .tar.xz/.tar.gz of BILLSTATUS XML. Running it again changes only what "
        "changed, so an interrupted import resumes. Documents that do not parse are "
        "listed and skipped (exit code 1)."
    ),
)
@click.argument("target", metavar="govinfo|PATH")
@click.option("--congress", type=click.IntRange(1, 999), help="The Congress, e.g. 115.")
@click.option(
    "--type",
    "bill_types",
    callback=_bill_types,
    metavar="TYPES",
    help=f"Only these bill types, comma-separated ({','.join(BILL_TYPES)}). Default: all.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=default_jobs,
    show_default="the number of CPUs, at most 4",
    help="Processes that parse documents.",
)
@json_option
@click.pass_context
def import_(
    ctx: click.Context,
    target: str,
    congress: int | None,
    bill_types: tuple[str, ...],
    jobs: int,
    as_json: bool,
) -> None:
    path = None if target == GOVINFO else Path(target)
    if path is None and congress is None:
        raise click.UsageError("`tracker import govinfo` needs --congress, e.g. --congress 115")
    if path is not None and not path.exists():
        raise click.BadParameter(f"no such file or folder: {path}", param_hint="PATH")
    report = ImportReport()
    with app_from(ctx) as app:
        options = PrepareOptions(
            base_url=app.settings.govinfo_base_url,
            congress=str(congress) if congress else None,
            bill_types=frozenset(bill_types) or None,
        )
        run = ImportContext(
            sessions=app.sessions,
            options=options,
            clock=app.clock,
            jobs=jobs,
            max_document_bytes=app.settings.import_max_document_bytes,
        )
        with _progress(not as_json) as progress:
            if path is not None:
                import_path(run, path, report, progress)
            else:
                with bulk_client(app.settings) as client:
                    types = bill_types or BILL_TYPES
                    import_from_govinfo(
                        run,
                        client,
                        congress=congress or 0,
                        bill_types=types,
                        report=report,
                        progress=progress,
                    )
    _print_import(report, as_json)
    if report.failures:
        sys.exit(1)


class _Bar:
    """``ImportProgress`` drawn as a rich bar, one line per archive."""

    def __init__(self, bar: RichProgress) -> None:
        self._bar = bar
        self._task: TaskID | None = None

    def start(self, name: str, size: SourceSize) -> None:
        self._task = self._bar.add_task(name, total=size.total or None)

    def advance_to(self, position: int) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=position)


@contextmanager
def _progress(enabled: bool) -> Iterator[ImportProgress | None]:
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    columns = (
        TextColumn("importing {task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with RichProgress(*columns, transient=True) as bar:
        yield _Bar(bar)


def _print_import(report: ImportReport, as_json: bool) -> None:
    if as_json:
        echo_json(report.to_json())
        return
    click.echo(
        f"read {report.documents:,} documents: {report.new:,} new bills, "
        f"{report.updated:,} updated, {report.unchanged:,} unchanged, {report.older:,} older "
        f"than stored, {report.skipped:,} other Congress/type, {report.failed:,} failed"
    )
    if report.other_source:
        click.echo(f"{report.other_source:,} bills left alone: they are read from another source")
    if report.tracked_changed or report.topic_bills:
        click.echo(
            f"{report.tracked_changed:,} tracked bills changed, {report.topic_bills:,} new bills "
            f"on followed topics: {report.events:,} events, {report.alerts:,} alerts queued"
        )
    for failure in report.failures:
        click.echo(f"  failed {failure.name}: {failure.reason}", err=True)


@cli.command(
    help=(
        "Search every known bill (imported or tracked) by its titles, subjects, policy "
        'area, latest summary and actions, e.g. tracker search "title ix". Words are all '
        'required; "quoted words" are a phrase; `or` between words offers alternatives; '
        "-word excludes. Best matches first (the web search box uses the same order), "
        "with the text that matched."
    )
)
@click.argument("query")
@click.option("--congress", type=click.IntRange(1, 999), help="Only bills of this Congress.")
@click.option(
    "--stage", type=click.Choice([s.value for s in Stage]), help="Only bills at this stage."
)
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=20, show_default=True)
@json_option
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    congress: int | None,
    stage: str | None,
    limit: int,
    as_json: bool,
) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        hits = search_bills(session, query, congress=congress, stage=stage, limit=limit)
    if as_json:
        echo_json([h.to_json() for h in hits])
        return
    if not hits:
        click.echo("no bill matches")
    _print_hits(hits, indent="")


@cli.command(
    help=(
        "List the topics advocates follow (of one advocate with EMAIL) and the bills "
        "that match each now: the topic's words in a bill's titles, subjects, policy "
        "area or summary (not its actions, not a summary's 'TITLE IX--' labels). A new "
        "bill of a Congress still in session that matches a topic is tracked and its "
        "followers get an alert; bills of an ended Congress are only listed."
    )
)
@click.argument("email", required=False)
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True)
@json_option
@click.pass_context
def topics(ctx: click.Context, email: str | None, limit: int, as_json: bool) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        advocate = find_advocate(session, email) if email else None
        views = list_topics(session, advocate, limit=limit)
    if as_json:
        echo_json([_topic_json(v) for v in views])
        return
    if not views:
        click.echo("no topic subscriptions" + (f" for {email}" if email else ""))
    for view in views:
        count = f"{len(view.bills)}{'+' if len(view.bills) == limit else ''}"
        click.echo(
            f"{view.email} follows \u201c{view.topic}\u201d (alerts {view.alerts}, "
            f"digest {view.digest}): {count} bills match"
        )
        _print_hits(view.bills, indent="  ")


def _print_hits(hits: Sequence[SearchHit], *, indent: str) -> None:
    for hit in hits:
        mark = "  [tracked]" if hit.tracked else ""
        click.echo(f"{indent}{hit.key:<14} {hit.stage or '-':<22} {hit.title or ''}{mark}")
        if hit.snippet:
            click.echo(f"{indent}    {hit.snippet}")


def _topic_json(view: TopicView) -> dict[str, object]:
    return {
        "email": view.email,
        "topic": view.topic,
        "alerts": view.alerts,
        "digest": view.digest,
        "bills": [h.to_json() for h in view.bills],
    }
