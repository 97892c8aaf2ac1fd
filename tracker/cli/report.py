"""``tracker show`` (one bill's timeline) and ``tracker serve`` (the read-only web page)."""

from __future__ import annotations

import logging
from datetime import timedelta

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from db import bills as bill_rows
from tracker.cli._common import app_from, cli, echo_json, json_option
from tracker.cli._votes import print_bill_votes
from tracker.core.errors import UnknownBill
from tracker.core.references import resolve_reference
from tracker.people.successors import Successor, find_successor
from tracker.report.timeline import BillTimeline, load_timeline
from tracker.report.votes import bill_votes, pending_votes
from tracker.vocab.wording import stage_label, stage_when


@cli.command(
    help=(
        "One bill's timeline from what is stored: the stages it reached with their "
        "dates, every action, cosponsors over time, committees, its roll-call votes with "
        "totals and a party breakdown, and how many advocates follow it. "
        "REF is any accepted bill reference (hr4030-115, a congress.gov URL...)."
    )
)
@click.argument("ref")
@json_option
@click.pass_context
def show(ctx: click.Context, ref: str, as_json: bool) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        key = resolve_reference(ref, app.settings).ref.key
        stale = timedelta(hours=app.settings.stale_after_hours)
        timeline = load_timeline(session, key, now=app.clock(), stale_after=stale)
        votes, pending = bill_votes(session, key), pending_votes(session, key)
        bill = bill_rows.get_bill(session, key)
        dead = timeline.status.dead if timeline else None
        successor = find_successor(session, bill) if bill is not None and dead else None
    if timeline is None:
        raise UnknownBill(f"{key} is not known (see `tracker track`)")
    if as_json:
        # Positions are long: ``/api/bills/{id}/votes`` lists them.
        votes_json = [v.to_json(positions=False) for v in votes]
        echo_json(
            timeline.to_json()
            | {
                "dead": dead,
                "successor": successor.key if successor else None,
                "votes": votes_json,
            }
        )
    else:
        _print_timeline(timeline, successor)
        print_bill_votes(votes, pending)


@cli.command(
    help=(
        "Serve the read-only web page, JSON API and feeds for advocates until Ctrl-C, "
        "on the waitress production server (web_threads, web_channel_timeout, "
        "web_connection_limit settings). Binds to web_host:web_port (127.0.0.1:8080 "
        "unless set); put a reverse proxy with TLS in front before exposing it beyond "
        "this machine. To run your own WSGI server, point it at tracker.web:create_app."
    )
)
@click.option("--host", help="Address to bind (default: the web_host setting, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), help="Port (default: web_port, 8080).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    from tracker.web import serve as run_server  # the server only when serving

    with app_from(ctx) as app:
        host = host or app.settings.web_host
        port = app.settings.web_port if port is None else port
        # waitress's "Serving on" line and its warnings are what an operator watches.
        logging.getLogger("waitress").setLevel(logging.INFO)
        run_server(app, host=host, port=port)


def _print_timeline(t: BillTimeline, successor: Successor | None) -> None:
    console = Console(highlight=False)
    status = t.status
    title = escape(status.display_title or "(not checked yet)")
    console.print(f"[bold]{escape(t.citation)}[/] ({status.id}): {title}")
    if status.dead:
        console.print(f"[bold red]DEAD[/]: {escape(status.dead)} It can no longer move.")
    if successor is not None:
        console.print(
            f"{escape(successor.words)} ({successor.key}, {escape(successor.title)}); "
            f"follow it with `tracker subscribe EMAIL {t.status.id} --follow-successor`"
        )
    if t.sponsor:
        console.print(f"sponsor: {escape(t.sponsor)}")
    console.print(
        ("reached" if status.dead else "now")
        + f": [bold]{stage_label(status.stage) if status.stage else 'not checked yet'}[/]"
        + (f" {stage_when(status.stage, status.stage_date)}" if status.stage_date else "")
        + f"; {_followers(t.subscribers)}"
        + f"; health {status.health.value}"
        + (f": {escape(status.error)}" if status.error else "")
    )
    console.print(_stages_table(t))
    console.print(_actions_table(t))
    if t.cosponsors:
        counts = ", ".join(f"{c.on}: {c.count}" for c in t.cosponsors)
        console.print(f"cosponsors over time: {counts}")
    console.print(f"cosponsors now: {t.cosponsor_count}")
    for c in t.committees:
        activity = (
            f": {c.latest_activity} {c.latest_activity_on or ''}" if c.latest_activity else ""
        )
        console.print(f"committee: {escape(c.name)}{escape(activity)}")


def _followers(n: int) -> str:
    if n == 0:
        return "no advocate follows it"
    return f"{n} advocate{' follows' if n == 1 else 's follow'} it"


def _stages_table(t: BillTimeline) -> Table:
    table = Table(title="stages reached")
    for column in ("stage", "date", "chamber"):
        table.add_column(column)
    for s in t.stages:
        table.add_row(stage_label(s.stage), str(s.on or "-"), s.chamber or "-")
    return table


def _actions_table(t: BillTimeline) -> Table:
    table = Table(title=f"actions ({len(t.actions)}, oldest first)")
    for column in ("date", "chamber", "action"):
        table.add_column(column, overflow="fold")
    for a in t.actions:
        table.add_row(str(a.on), a.chamber or "-", escape(a.text))
    return table
