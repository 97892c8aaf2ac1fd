"""``tracker import``: every bill of a Congress, from GovInfo's bulk data or from disk.

Importing a folder or an archive starts the parsing workers first
(``tracker.bulk.start_import``) and loads the database layer afterwards, while they
parse: SQLAlchemy, the models and the migration check take most of a second, which the
workers would otherwise wait for. So the writer's modules (``tracker.bulk.run``,
``tracker.bulk.govinfo``) are imported inside the command, not at the top of this one.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.progress import BarColumn, TaskID, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

from scrapers.archives import SourceSize
from scrapers.sources.govinfo.bulk import BILL_TYPES
from tracker.bulk.pipeline import default_jobs, start_import
from tracker.bulk.prepare import PrepareOptions
from tracker.bulk.report import ImportProgress, ImportReport
from tracker.cli._common import app_from, cli, echo_json, json_option, settings_from

if TYPE_CHECKING:
    from tracker.bulk.run import ImportContext
    from tracker.core.app import App

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
    settings = settings_from(ctx)
    options = PrepareOptions(
        base_url=settings.govinfo_base_url,
        congress=str(congress) if congress else None,
        bill_types=frozenset(bill_types) or None,
        max_bytes=settings.import_max_document_bytes,
    )
    with _progress(not as_json) as progress:
        if path is not None:
            # The workers parse from here on, while app_from loads the database layer.
            with start_import(path, options, report, progress, jobs=jobs) as parsed:
                from tracker.bulk.run import write_parsed

                with app_from(ctx, settings=settings) as app:
                    write_parsed(_context(app, options, jobs), parsed, report, progress)
        else:
            from tracker.bulk.govinfo import bulk_client, import_from_govinfo

            with app_from(ctx, settings=settings) as app, bulk_client(app.settings) as client:
                import_from_govinfo(
                    _context(app, options, jobs),
                    client,
                    congress=congress or 0,
                    bill_types=bill_types or BILL_TYPES,
                    report=report,
                    progress=progress,
                )
    _print_import(report, as_json)
    if report.failures:
        sys.exit(1)


def _context(app: App, options: PrepareOptions, jobs: int) -> ImportContext:
    from tracker.bulk.run import ImportContext  # the writer: loaded once parsing runs

    return ImportContext(
        sessions=app.sessions,
        options=options,
        clock=app.clock,
        jobs=jobs,
    )


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
