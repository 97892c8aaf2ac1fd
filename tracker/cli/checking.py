"""``tracker check``, ``tracker parse`` and ``tracker fetch``: reading bills from their sources."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Bill
from scrapers.meetings import Meeting
from scrapers.registry import SOURCES, source_for_document
from scrapers.roll_calls import parse_roll_call_document
from scrapers.schedule_documents import parse_schedule_document
from scrapers.source import Fetched, NotModified
from tracker.checking.check import BillResult, FetchRecorder
from tracker.checking.cycle import CycleReport, Progress, run_cycle
from tracker.checking.schedules import make_schedule_sources, poll_schedules
from tracker.checking.sources import make_client, make_sources, open_check_context
from tracker.cli._common import app_from, cli, echo_json, json_option, settings_from
from tracker.cli._votes import print_roll_call, roll_call_json
from tracker.core.app import App
from tracker.core.errors import InvalidInput, UnknownBill
from tracker.core.references import resolve_reference
from tracker.mail.reminders import queue_due_reminders
from tracker.mail.tokens import require_secret_key
from tracker.people.advocates import find_advocate
from tracker.report.announcements import scheduled_items
from tracker.vocab.events import CAPITOL
from tracker.vocab.serialize import snapshot_to_dict


@cli.command(
    help=(
        "Check bills now: every tracked bill (whatever its schedule), only the REFs "
        "named, or with --due only the bills whose check is due (as the daemon does). "
        "Prints a summary: checked, first checks (baseline), unchanged, changed, failed, events."
    )
)
@click.argument("refs", nargs=-1, metavar="[REF]...")
@click.option("--due", is_flag=True, help="Only the bills whose next check has come.")
@json_option
@click.pass_context
def check(ctx: click.Context, refs: tuple[str, ...], due: bool, as_json: bool) -> None:
    with app_from(ctx) as app:
        keys = [resolve_reference(r, app.settings).ref.key for r in refs] or None
        if keys:
            _require_tracked(app.sessions, keys)
        with open_check_context(app) as check_ctx, _progress(app, not as_json) as on_result:
            report = run_cycle(check_ctx, due_only=due, keys=keys, progress=on_result)
    if as_json:
        echo_json(report.to_json())
    else:
        _print_report(report)
    if report.failed:
        sys.exit(1)


def _require_tracked(sessions: sessionmaker[Session], keys: list[str]) -> None:
    with sessions.begin() as session:
        found = set(session.scalars(select(Bill.key).where(Bill.key.in_(keys), Bill.tracked)))
    missing = [k for k in keys if k not in found]
    if missing:
        raise UnknownBill(f"not tracked: {', '.join(missing)} (run `tracker track` first)")


@contextmanager
def _progress(app: App, enabled: bool) -> Iterator[Progress | None]:
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    with app.sessions.begin() as session:
        total = session.scalar(select(func.count()).select_from(Bill).where(Bill.tracked)) or 0
    columns = (TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with RichProgress(*columns, transient=True) as bar:
        task = bar.add_task("check", total=total)

        def advance(_result: BillResult) -> None:
            bar.advance(task)

        yield advance


def _print_report(report: CycleReport) -> None:
    parts = [f"{report.unchanged} unchanged", f"{report.changed - report.baseline} changed"]
    if report.baseline:
        # A first check records where the bill stands; nothing "changed" and nobody is told.
        parts.insert(0, f"{report.baseline} first checked (baseline, nothing sent)")
    if report.older:
        parts.append(f"{report.older} older than stored (kept, nothing sent)")
    click.echo(
        f"checked {report.checked}: {', '.join(parts)}, {report.failed} failed; "
        f"{_count(report.events, 'new event')}, {_count(report.alerts, 'alert')} queued"
    )
    for failure in report.failures:
        click.echo(f"  failed {failure['id']}: {failure['error']}", err=True)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@cli.command(
    help=(
        "Parse a saved bill document (BILLSTATUS XML, a Congress.gov API bundle, or a UK "
        "Parliament Bills API bill or bundle) and "
        "print its snapshot. The source is recognised from the content; --source overrides. "
        "A House Clerk or Senate LIS roll-call vote prints the vote: totals and every "
        "member's position. "
        "A schedule document (docs.house.gov committee meeting or floor week, the Senate's "
        "hearings.xml) prints its meetings instead. A saved bill page is read with "
        "--source DEFINITION (e.g. --source mo-house); `tracker sources test` shows more. "
        "A saved Open States API v3 response (one bill, or a /bills page) prints every "
        "bill in it; with --json one JSON object per bill per line, with the federal keys "
        "plus jurisdiction and session."
    )
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source", "source_name", type=click.Choice(sorted(SOURCES)), help="Parser to use.")
@json_option
@click.pass_context
def parse(ctx: click.Context, file: Path, source_name: str | None, as_json: bool) -> None:
    try:
        content = file.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{file}: cannot read: {exc.strerror or exc}") from None
    if source_name is None and (roll := parse_roll_call_document(content, where=str(file))):
        if as_json:
            echo_json(roll_call_json(roll))
        else:
            print_roll_call(roll)
        return
    meetings = None if source_name else parse_schedule_document(content, where=str(file))
    if meetings is not None:
        _print_meetings(meetings, as_json)
        return
    name = source_name or source_for_document(content)
    if name is None:
        raise InvalidInput(
            f"{file}: not a document any source recognises (BILLSTATUS XML, a "
            "Congress.gov API bundle, a UK Bills API bill, an Open States v3 bill or /bills "
            "page, or a House Clerk or Senate LIS roll-call vote); "
            "use --source to force one"
        )
    settings = settings_from(ctx)
    with make_client(settings) as client:
        source = make_sources(settings, client)[name]
        doc = Fetched(ref=None, url=str(file), content=content)
        parse_all = getattr(source, "parse_all", None)
        if parse_all is None:
            _print_snapshot(snapshot_to_dict(source.parse(doc)), as_json)
            return
        snapshots = parse_all(doc)
    # A response holding many bills (an Open States /bills page): JSON Lines.
    for snapshot in snapshots:
        data = snapshot_to_dict(snapshot)
        if as_json:
            click.echo(json.dumps(data, ensure_ascii=False, default=str))
        else:
            _print_snapshot(data, as_json=False)


@cli.command(help="Fetch one bill from its source now and print its snapshot (stores nothing).")
@click.argument("ref")
@click.option("--source", "source_name", type=click.Choice(sorted(SOURCES)), help="Source to use.")
@json_option
@click.pass_context
def fetch(ctx: click.Context, ref: str, source_name: str | None, as_json: bool) -> None:
    settings = settings_from(ctx)
    resolved = resolve_reference(ref, settings)
    with make_client(settings) as client:
        source = make_sources(settings, client)[source_name or resolved.source]
        result = source.fetch(resolved.ref, None)
        if isinstance(result, NotModified):  # cannot happen without validators
            raise UnknownBill(f"{resolved.ref.key}: the source sent no document")
        snapshot = source.parse(result)
    _print_snapshot(snapshot_to_dict(snapshot), as_json)


def _print_meetings(meetings: list[Meeting], as_json: bool) -> None:
    if as_json:
        echo_json({"meetings": [m.to_json() for m in meetings]})
        return
    click.echo(f"{len(meetings)} meetings")
    for m in meetings:
        bills = ", ".join(b.citation for b in m.bills) or "no bill named"
        where = f", {m.location}" if m.location else ""
        who = m.committee or m.chamber
        click.echo(f"  {m.starts_at.isoformat()} {m.kind} ({m.status}) {who}{where}: {bills}")


def _print_snapshot(data: dict[str, object], as_json: bool) -> None:
    if as_json:
        echo_json(data)
        return
    latest = data.get("latest_action") or {}
    sponsor = data.get("sponsor") or {}
    assert isinstance(latest, dict) and isinstance(sponsor, dict)
    cosponsors = data.get("cosponsors") or []
    assert isinstance(cosponsors, list)
    click.echo(f"{data['id']}: {data['title']}")
    click.echo(f"  stage:         {data['stage']} ({data.get('stage_date') or 'no date'})")
    click.echo(f"  latest action: {latest.get('date')}: {latest.get('text')}")
    click.echo(f"  sponsor:       {sponsor.get('name', '-')}")
    click.echo(f"  cosponsors:    {len(cosponsors)}")
    click.echo(f"  became law:    {'yes' if data.get('became_law') else 'no'}")


@cli.group(
    help=(
        "The House and Senate schedules: poll them now, list what is coming for the "
        "tracked bills, queue due reminders, turn an advocate's reminders on or off."
    )
)
def schedules() -> None:
    pass


@schedules.command(
    "poll",
    help=(
        "Poll the schedules now (as the daemon's schedule tick does): the House committee "
        "feeds of the tracked bills' committees, the House floor weeks, the Senate hearings. "
        "Prints requests made, documents unchanged, meetings, new links and events."
    ),
)
@json_option
@click.pass_context
def schedules_poll(ctx: click.Context, as_json: bool) -> None:
    with app_from(ctx) as app:
        recorder = FetchRecorder()
        with make_client(app.settings, on_request=recorder) as client:
            sources = make_schedule_sources(app.settings, client)
            report = poll_schedules(app.sessions, sources, now=app.clock(), recorder=recorder)
    if as_json:
        echo_json(report.to_json())
    else:
        store = report.store
        click.echo(
            f"{report.requests} requests for {report.documents} documents "
            f"({report.unchanged} unchanged); {store.meetings} meetings, "
            f"{store.linked} new links to tracked bills, {store.events} events, "
            f"{store.alerts} alerts queued"
        )
        for failure in report.failures:
            click.echo(f"  failed {failure}", err=True)
    if report.failures:
        sys.exit(1)


@schedules.command("list", help="Meetings coming up for the tracked bills, soonest first.")
@json_option
@click.pass_context
def schedules_list(ctx: click.Context, as_json: bool) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        today = app.clock().astimezone(CAPITOL).date()  # schedules are dated in Washington
        items = [i for i in scheduled_items(session) if i.on >= today]
    if as_json:
        echo_json({"meetings": [i.to_json() for i in items]})
        return
    for i in items:
        where = f", {i.location}" if i.location else ""
        status = "" if i.status == "scheduled" else f" ({i.status})"
        when = f"{i.on} {i.time_text}".strip()
        click.echo(f"{when} {i.kind}{status}: {i.bill_citation} {i.committee or ''}{where}")


@schedules.command("remind", help="Queue the lead-time reminders that are due now.")
@click.pass_context
def schedules_remind(ctx: click.Context) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        settings = app.settings
        queued = queue_due_reminders(
            session,
            now=app.clock(),
            lead=timedelta(hours=settings.reminder_lead_hours),
            public_url=settings.public_url,
            secret_key=require_secret_key(settings),
            mail_from=settings.mail_from,
        )
    click.echo(f"{queued} reminders queued")


@schedules.command(
    "reminders",
    help="Turn an advocate's lead-time reminders (before meetings on followed bills) on or off.",
)
@click.argument("email")
@click.option("--on/--off", "enabled", required=True, help="Send reminders, or stop them.")
@click.pass_context
def schedules_reminders(ctx: click.Context, email: str, enabled: bool) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        find_advocate(session, email).reminders = enabled
    click.echo(f"reminders {'on' if enabled else 'off'} for {email}")
