"""``tracker deliver|outbox|digest``: the email side, for operators.

``deliver`` sends what is due now (the daemon does the same on its delivery
tick); ``outbox`` shows what is pending, failed or sent and why; ``digest``
queues the digests that are due, or with ``--preview EMAIL`` shows the digest
an advocate would get now without sending or recording anything.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import click

from tracker.cli._common import app_from, cli, echo_json, json_option
from tracker.mail.delivery import (
    STATUSES,
    DeliveryReport,
    OutboxEntry,
    deliver_pending,
    list_outbox,
    requeue_failed,
)
from tracker.mail.digests import CADENCES, preview_digest, queue_due_digests
from tracker.mail.smtp import SmtpMailer


@cli.command(
    help=(
        "Send the pending email that is due now, through TRACKER_SMTP_URL. Mail that "
        "cannot be sent stays in the outbox and is retried later; nothing is lost."
    )
)
@json_option
@click.pass_context
def deliver(ctx: click.Context, as_json: bool) -> None:
    with app_from(ctx) as app:
        settings = app.settings
        owner = f"{socket.gethostname()}:{os.getpid()}:cli"
        total = DeliveryReport()
        with SmtpMailer.from_url(settings.smtp_url, mail_from=settings.mail_from) as mailer:
            while True:  # batches until nothing due is left (retries wait for later)
                report = deliver_pending(
                    app.sessions,
                    mailer,
                    clock=app.clock,
                    owner=owner,
                    lease_seconds=settings.lease_seconds,
                    settings=settings,
                )
                _add(total, report)
                if report.error or report.claimed == 0:
                    break
    if as_json:
        echo_json(total.to_json())
    else:
        click.echo(
            f"sent {total.sent}, failed {total.failed}, retried {total.retried}, "
            f"pending {total.pending}"
            + (f", cancelled {total.cancelled}" if total.cancelled else "")
        )
    if total.error:
        click.echo(f"error: {total.error}; the mail stays pending", err=True)
        sys.exit(1)


def _add(total: DeliveryReport, report: DeliveryReport) -> None:
    total.claimed += report.claimed
    total.sent += report.sent
    total.failed += report.failed
    total.retried += report.retried
    total.cancelled += report.cancelled
    total.pending = report.pending
    total.error = report.error


@cli.group(
    invoke_without_command=True,
    help=(
        "Show the email outbox: what is pending, failed (and why) or sent, with the bill "
        "and the change each message is about. `tracker outbox retry` requeues failed mail."
    ),
)
@click.option("--status", type=click.Choice(STATUSES), help="Only rows with this status.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@json_option
@click.pass_context
def outbox(ctx: click.Context, status: str | None, limit: int, as_json: bool) -> None:
    if ctx.invoked_subcommand is not None:
        return
    with app_from(ctx) as app, app.transaction() as session:
        rows = list_outbox(session, status=status, limit=limit)
    if as_json:
        echo_json([r.to_json() for r in rows])
    elif not rows:
        click.echo("the outbox is empty" if status is None else f"no {status} email")
    else:
        _print_outbox(rows)


@outbox.command(
    help=(
        "Put failed messages back in the queue (all of them, or the IDs given, as "
        "`tracker outbox --status failed` lists them); they go out on the next delivery."
    )
)
@click.argument("ids", nargs=-1, type=int, metavar="[ID]...")
@click.option(
    "--failed", "_failed", is_flag=True, help="Failed messages (the default, and the only kind)."
)
@click.pass_context
def retry(ctx: click.Context, ids: tuple[int, ...], _failed: bool) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        count = requeue_failed(session, ids=ids, now=app.clock())
    if ids and count < len(ids):
        click.echo(f"requeued {count} of {len(ids)}: the others are not failed messages", err=True)
    click.echo(f"requeued {count} failed message{'' if count == 1 else 's'}")


def _print_outbox(rows: list[OutboxEntry]) -> None:
    # Plain lines, not a table: addresses and SMTP replies stay whole and greppable.
    for r in rows:
        when = r.sent_at or r.next_attempt_at or r.created_at
        subject = r.subject or (f"{r.bill}: {r.about}" if r.bill else "(rendered when sent)")
        click.echo(
            f"#{r.id:<6} {r.status:<9} {r.kind:<6} {r.to}  tries {r.attempts}  "
            f"{when:%Y-%m-%d %H:%M}  {subject}"
        )
        if r.subject and r.bill:
            click.echo(f"        about {r.bill}: {r.about}")
        if r.last_error:
            click.echo(f"        error: {r.last_error}")


@cli.command(
    help=(
        "Queue the daily and weekly digests that are due now (the daemon does this on its "
        "digest tick). With --preview EMAIL, print the digest that advocate would get now "
        "instead, and write nothing."
    )
)
@click.option("--preview", "preview_email", metavar="EMAIL", help="Show, do not send.")
@click.option("--cadence", type=click.Choice(CADENCES), default="weekly", show_default=True)
@click.option(
    "--html-out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="With --preview: also write the HTML version to this file.",
)
@json_option
@click.pass_context
def digest(
    ctx: click.Context,
    preview_email: str | None,
    cadence: str,
    html_out: Path | None,
    as_json: bool,
) -> None:
    if preview_email is None:
        if html_out is not None:
            raise click.UsageError("--html-out goes with --preview EMAIL")
        _queue(ctx, as_json)
        return
    with app_from(ctx) as app, app.sessions() as session:
        email = preview_digest(
            session, preview_email, cadence=cadence, now=app.clock(), settings=app.settings
        )
        session.rollback()  # a preview writes nothing
        unsigned = not app.settings.secret_key
    if unsigned:
        click.echo(
            "note: TRACKER_SECRET_KEY is not set, so this preview's unsubscribe links are "
            "unsigned and would not work; real mail needs the key",
            err=True,
        )
    if email is None:
        click.echo(f"nothing new for {preview_email}: no {cadence} digest would be sent")
        return
    click.echo(f"Subject: {email.subject}\n")
    click.echo(email.text)
    if html_out is not None:
        html_out.write_text(email.html, encoding="utf-8")
        click.echo(f"(HTML written to {html_out})", err=True)


def _queue(ctx: click.Context, as_json: bool) -> None:
    with app_from(ctx) as app:
        report = queue_due_digests(app.sessions, clock=app.clock, settings=app.settings)
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(
            f"queued {report.queued} digests ({report.events} events); "
            f"{report.empty} advocates had nothing new"
        )
