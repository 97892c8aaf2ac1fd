"""``tracker track|untrack|list|status``: which bills are watched, and where they stand."""

from __future__ import annotations

from datetime import timedelta

import click

from db import bills as bill_rows
from db.heartbeats import recent_daemons
from tracker.cli._common import app_from, cli, echo_json, json_option
from tracker.cli._tables import print_status_table
from tracker.errors import UnknownBill
from tracker.references import resolve_reference
from tracker.report import status_row


@cli.command(
    help=(
        "Start watching bills. REF is what you would paste: hr4030-115, "
        "'H.R. 4030 (115th Congress)', 'S. 1234 118', or a congress.gov bill URL. "
        "The first check is due at once; no network is needed here."
    )
)
@click.argument("refs", nargs=-1, required=True, metavar="REF...")
@json_option
@click.pass_context
def track(ctx: click.Context, refs: tuple[str, ...], as_json: bool) -> None:
    with app_from(ctx) as app:
        resolved = [resolve_reference(text, app.settings) for text in refs]
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


@cli.command(help="Stop watching a bill. Its history and events are kept.")
@click.argument("ref")
@click.pass_context
def untrack(ctx: click.Context, ref: str) -> None:
    with app_from(ctx) as app:
        key = resolve_reference(ref, app.settings).ref.key
        with app.transaction() as session:
            bill = bill_rows.get_bill(session, key)
            if bill is None or not bill.tracked:
                raise UnknownBill(f"{key} is not tracked (see `tracker list`)")
            bill_rows.untrack_bill(session, bill, now=app.clock())
        click.echo(f"stopped tracking {key}")


@cli.command(name="list", help="List the tracked bills.")
@click.option("--all", "show_all", is_flag=True, help="Include known bills that are not tracked.")
@json_option
@click.pass_context
def list_(ctx: click.Context, show_all: bool, as_json: bool) -> None:
    _print_rows(ctx, tracked_only=not show_all, as_json=as_json)


@cli.command(
    help=(
        "Where each tracked bill stands, from what is stored: stage, latest action, "
        "last check and health (ok, pending, failing, stale)."
    )
)
@json_option
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    _print_rows(ctx, tracked_only=True, as_json=as_json)
    if not as_json:
        _print_daemons(ctx)


def _print_daemons(ctx: click.Context) -> None:
    """When each daemon last ticked: the operator's "is it alive?" (text output only)."""
    with app_from(ctx) as app, app.transaction() as session:
        now = app.clock()
        daemons = recent_daemons(session, now=now, within=timedelta(days=1))
        lines = [
            f"  {d.id}: last tick {_ago(now - d.last_tick_at)} ago ({d.last_tick_kind or 'none'})"
            + (f", stopped {_ago(now - d.stopped_at)} ago" if d.stopped_at else "")
            for d in daemons
        ]
    click.echo("daemons:" if lines else "daemons: none running (start one with `tracker daemon`)")
    for line in lines:
        click.echo(line)


def _ago(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds}s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"


def _print_rows(ctx: click.Context, *, tracked_only: bool, as_json: bool) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        now = app.clock()
        stale = timedelta(hours=app.settings.stale_after_hours)
        rows = [
            status_row(b, now=now, stale_after=stale)
            for b in bill_rows.list_bills(session, tracked_only=tracked_only)
        ]
    if as_json:
        echo_json([r.to_json() for r in rows])
    elif not rows:
        click.echo("no bills tracked yet: try `tracker track hr4030-115`")
    else:
        print_status_table(rows)
