"""``tracker track|untrack|list|status``: which bills are watched, and where they stand."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta

import click

from db import bills as bill_rows
from db.heartbeats import recent_daemons
from scrapers.model import Stage
from tracker.cli._common import app_from, cli, echo_json, json_option, wide_option
from tracker.cli._tables import ago, print_freshness, print_status_table, write_status_csv
from tracker.cli._verify import refuse_unknown_bills, verify_option
from tracker.core.errors import InvalidInput, UnknownBill
from tracker.core.references import resolve_reference
from tracker.mail.links import status_warning
from tracker.report.status import (
    SourceFreshness,
    StatusFilter,
    StatusRow,
    source_freshness,
    status_rows,
)


@cli.command(
    help=(
        "Start watching bills. REF is what you would paste: hr4030-115, "
        "'H.R. 4030 (115th Congress)', 'S. 1234 118', a congress.gov bill URL; a state "
        "bill with its session: 'ca AB 123 2023-2024', ca-20232024-ab123, or an "
        "openstates.org bill URL (needs TRACKER_OPENSTATES_API_KEY); a state bill key "
        "read with a page definition (mo-2011-sb70) or a bill page URL one reads (see "
        "`tracker sources list`); a UK Parliament bill by its key (uk-35-bill2818) or "
        "bills.parliament.uk URL (which costs one request to the Bills API for the "
        "bill's session). "
        "A bill the tracker does not know yet is looked up once at its source: a bill "
        "the source does not have is refused (exit 2). The first check is due at once."
    )
)
@click.argument("refs", nargs=-1, required=True, metavar="REF...")
@json_option
@verify_option
@click.pass_context
def track(ctx: click.Context, refs: tuple[str, ...], as_json: bool, verify: bool) -> None:
    with app_from(ctx) as app:
        resolved = [resolve_reference(text, app.settings) for text in refs]
        if verify:
            refuse_unknown_bills(app, resolved)
        results = []
        with app.transaction() as session:
            for item in resolved:
                ref = item.ref
                bill, changed = bill_rows.track_bill(
                    session,
                    key=ref.key,
                    jurisdiction=ref.jurisdiction,
                    bill_session=ref.session,
                    bill_type=ref.bill_type,
                    number=ref.number,
                    source=item.source,
                    now=app.clock(),
                )
                results.append({"id": bill.key, "source": bill.source, "new": changed})
    if as_json:
        echo_json(results)
        return
    for r in results:
        verb = "now tracking" if r["new"] else "already tracking"
        click.echo(f"{verb} {r['id']} (source: {r['source']})")


@cli.command(
    help=(
        "Stop watching a bill. Its history and events are kept. When advocates follow "
        "it, say --yes: their subscriptions are kept (they hear nothing more until the "
        "bill is tracked again, which resumes their mail)."
    )
)
@click.argument("ref")
@click.option("--yes", is_flag=True, help="Untrack it even though advocates follow it.")
@click.pass_context
def untrack(ctx: click.Context, ref: str, yes: bool) -> None:
    with app_from(ctx) as app:
        key = resolve_reference(ref, app.settings).ref.key
        with app.transaction() as session:
            bill = bill_rows.get_bill(session, key)
            if bill is None or not bill.tracked:
                raise UnknownBill(f"{key} is not tracked (see `tracker list`)")
            followers = bill_rows.count_followers(session, bill.id)
            if followers and not yes:
                raise InvalidInput(
                    f"{key} is followed by {_advocates(followers)}; they would hear nothing "
                    "more about it. Add --yes to untrack it (their subscriptions are kept)"
                )
            bill_rows.untrack_bill(session, bill, now=app.clock())
    click.echo(f"stopped tracking {key}")
    if followers:
        click.echo(f"{_advocates(followers)} still subscribed: `tracker track {key}` resumes mail")


def _advocates(n: int) -> str:
    return f"{n} advocate{'' if n == 1 else 's'}"


@cli.command(name="list", help="List the tracked bills.")
@click.option("--all", "show_all", is_flag=True, help="Include known bills that are not tracked.")
@json_option
@wide_option
@click.pass_context
def list_(ctx: click.Context, show_all: bool, as_json: bool, wide: bool) -> None:
    report = _report(ctx, StatusFilter(tracked_only=not show_all))
    _print_rows(report.rows, output="json" if as_json else "table", wide=wide)


@cli.command(
    help=(
        "Where each tracked bill stands, from what is stored: stage and its date, "
        "latest action, days since it last moved, last check and health (ok, pending, "
        "failing with the error, stale), then when each source last answered and a "
        "warning for a source silent longer than stale_after_hours. Filters combine."
    )
)
@click.option(
    "--stage",
    "stages",
    multiple=True,
    type=click.Choice([s.value for s in Stage]),
    help="Only bills at this stage (repeat for several).",
)
@click.option("--subject", help="Only bills whose policy area or a subject contains this text.")
@click.option(
    "--changed-since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only bills the tracker saw change on or after this day (YYYY-MM-DD, UTC).",
)
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (one header line) instead of text.")
@wide_option
@click.pass_context
def status(
    ctx: click.Context,
    stages: tuple[str, ...],
    subject: str | None,
    changed_since: datetime | None,
    as_json: bool,
    as_csv: bool,
    wide: bool,
) -> None:
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    filters = StatusFilter(
        stages=stages,
        subject=subject,
        changed_since=changed_since.date() if changed_since else None,
    )
    report = _report(ctx, filters)
    output = "json" if as_json else "csv" if as_csv else "table"
    _print_rows(report.rows, output=output, filtered=filters != StatusFilter(), wide=wide)
    # Warnings go to stderr with --json/--csv so the output stays machine-readable.
    for line in filter(None, (f.warning(report.now) for f in report.freshness)):
        click.echo(f"warning: {line}", err=output != "table")
    if report.mail_warning:
        click.echo(f"warning: {report.mail_warning}", err=output != "table")
    if output == "table":
        print_freshness(report.freshness, now=report.now)
        _print_daemons(ctx)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Report:
    rows: list[StatusRow]
    freshness: list[SourceFreshness]
    now: datetime
    mail_warning: str | None = None  # mail went out with a loopback TRACKER_PUBLIC_URL


def _report(ctx: click.Context, filters: StatusFilter) -> _Report:
    with app_from(ctx) as app, app.transaction() as session:
        now = app.clock()
        stale = timedelta(hours=app.settings.stale_after_hours)
        return _Report(
            rows=status_rows(session, filters=filters, now=now, stale_after=stale),
            freshness=source_freshness(session, now=now, stale_after=stale),
            now=now,
            mail_warning=status_warning(session, app.settings.public_url),
        )


def _print_daemons(ctx: click.Context) -> None:
    """When each daemon last ticked: the operator's "is it alive?" (text output only)."""
    with app_from(ctx) as app, app.transaction() as session:
        now = app.clock()
        daemons = recent_daemons(session, now=now, within=timedelta(days=1))
        lines = [
            f"  {d.id}: last tick {ago(now - d.last_tick_at)} ago ({d.last_tick_kind or 'none'})"
            + (f", stopped {ago(now - d.stopped_at)} ago" if d.stopped_at else "")
            for d in daemons
        ]
    click.echo("daemons:" if lines else "daemons: none running (start one with `tracker daemon`)")
    for line in lines:
        click.echo(line)


def _print_rows(
    rows: list[StatusRow], *, output: str, filtered: bool = False, wide: bool = False
) -> None:
    if output == "json":
        echo_json([r.to_json() for r in rows])
    elif output == "csv":
        buffer = io.StringIO()
        write_status_csv(rows, buffer)
        click.echo(buffer.getvalue(), nl=False)
    elif not rows:
        click.echo(
            "no bills match these filters"
            if filtered
            else "no bills tracked yet: try `tracker track hr4030-115`"
        )
    else:
        print_status_table(rows, wide=wide)
