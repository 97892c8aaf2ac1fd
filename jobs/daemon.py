"""``tracker daemon``: an APScheduler 3.x scheduler with fixed ticks (check and schedule
polls; with mail: delivery, digests and reminders).

Durable state (due bills, leases, the outbox) lives in our tables, so the
scheduler keeps only an in-memory job store: a restarted daemon simply picks
up whatever is due. Each tick has an explicit id, ``max_instances=1`` (a slow
tick is never run twice at once), ``coalesce`` (missed runs collapse into
one) and a misfire grace time. SIGTERM and Ctrl-C set a stop flag that the
check cycle reads between bills, so the bill in hand finishes, leases not yet
used are given back, and the process exits 0.

Why a ``BackgroundScheduler`` and a waiting main thread rather than a
``BlockingScheduler``: the blocking loop runs on the main thread, where signal
handlers run too, and shutting it down from a handler deadlocked when the
signal landed while the loop held the executor's lock (seen with py-spy).
Here the handler only sets a flag; the main thread notices it within
``STOP_POLL_SECONDS`` and shuts the scheduler down outside any handler.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from db.claims import release_leases
from db.heartbeats import start_heartbeat, stop_heartbeat
from jobs.ticks import (
    TickContext,
    check_tick,
    deliver_tick,
    digest_tick,
    reminder_tick,
    schedule_tick,
)
from tracker.checking.sources import new_owner_id, open_check_context
from tracker.core.app import App
from tracker.mail.smtp import SmtpMailer
from tracker.mail.tokens import require_secret_key

logger = logging.getLogger(__name__)

#: A tick that could not start on time may still start this late (seconds).
MISFIRE_GRACE_SECONDS = 60
#: How often the main thread looks at the stop flag (a signal also wakes it).
STOP_POLL_SECONDS = 0.5


def run_daemon(app: App, *, on_started: Callable[[str], None] | None = None) -> None:
    """Run until SIGTERM/SIGINT. Refuses to start on a database not at the migration head."""
    app.ensure_ready()
    daemon_id = new_owner_id()
    with open_check_context(app, owner=daemon_id) as check_ctx:
        ctx = TickContext(app=app, check=check_ctx, daemon_id=daemon_id, mailer=_mailer(app))
        _run(ctx, on_started)


def _run(ctx: TickContext, on_started: Callable[[str], None] | None) -> None:
    app, daemon_id = ctx.app, ctx.daemon_id
    scheduler = build_scheduler(ctx, mail=bool(app.settings.secret_key))
    stop_requested = _install_signal_handlers()
    with app.transaction() as session:
        start_heartbeat(
            session,
            daemon_id=daemon_id,
            hostname=socket.gethostname(),
            pid=os.getpid(),
            now=app.clock(),
        )
    logger.info("daemon %s started on %s", daemon_id, app.display_url)
    if on_started is not None:
        on_started(daemon_id)
    scheduler.start()
    try:
        while not stop_requested():
            time.sleep(STOP_POLL_SECONDS)  # a signal interrupts the sleep at once
    finally:
        ctx.stop.set()  # the check cycle stops between two bills
        scheduler.shutdown(wait=False)
        _shut_down(ctx)


def build_scheduler(ctx: TickContext, *, mail: bool = True) -> BackgroundScheduler:
    """The scheduler with its fixed ticks; without ``mail`` only the check tick runs."""
    settings = ctx.app.settings
    scheduler = BackgroundScheduler(
        executors={"default": ThreadPoolExecutor(max_workers=5)},
        job_defaults={
            "max_instances": 1,
            "coalesce": True,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
        },
        timezone=UTC,
    )
    now = datetime.now(UTC)
    ticks: list[tuple[str, Callable[[TickContext], Any], int]] = [
        ("check", check_tick, settings.check_tick_seconds),
        ("schedule", schedule_tick, settings.schedule_tick_seconds),
    ]
    if mail:
        ticks += [
            ("deliver", deliver_tick, settings.deliver_tick_seconds),
            ("digest", digest_tick, settings.digest_tick_seconds),
            ("reminder", reminder_tick, settings.reminder_tick_seconds),
        ]
    for job_id, func, seconds in ticks:
        scheduler.add_job(
            ctx.run,
            IntervalTrigger(seconds=seconds, timezone=UTC),
            args=[func],
            id=job_id,
            name=f"{job_id} tick",
            next_run_time=now,  # first tick at once, then every `seconds`
        )
    scheduler.add_listener(_log_job_error, EVENT_JOB_ERROR)
    return scheduler


def _mailer(app: App) -> SmtpMailer | None:
    """The SMTP mailer, or None (mail waits in the outbox) when no server is configured.

    Every email carries a signed unsubscribe link, so without TRACKER_SECRET_KEY
    no mail is rendered at all: alerts stay queued until the key is set.
    """
    if not app.settings.secret_key:
        if app.settings.smtp_url:
            require_secret_key(app.settings)  # SMTP without a key is a mistake: say so now
        logger.warning(
            "email is off: set TRACKER_SECRET_KEY and TRACKER_SMTP_URL to send alerts "
            "and digests (alerts are kept in the outbox meanwhile)"
        )
        return None
    if not app.settings.smtp_url:
        logger.warning("TRACKER_SMTP_URL is not set: mail is queued but not sent")
        return None
    return SmtpMailer.from_url(app.settings.smtp_url, mail_from=app.settings.mail_from)


class _StopRequest:
    """Set by SIGTERM/SIGINT. The handler only records the signal: nothing else is
    safe inside a handler; the main thread acts on it."""

    def __init__(self) -> None:
        self.signals: list[int] = []
        self._logged = False

    def handle(self, signum: int, _frame: FrameType | None) -> None:
        self.signals.append(signum)

    def __call__(self) -> bool:
        if self.signals and not self._logged:
            name = signal.Signals(self.signals[0]).name
            logger.info("received %s: finishing the bill in hand, then stopping", name)
            self._logged = True
        return bool(self.signals)


def _install_signal_handlers() -> _StopRequest:
    request = _StopRequest()
    signal.signal(signal.SIGTERM, request.handle)
    signal.signal(signal.SIGINT, request.handle)
    return request


def _shut_down(ctx: TickContext) -> None:
    ctx.stop.set()
    ctx.wait_idle()  # the check tick finishes the bill in hand, then returns
    with ctx.app.transaction() as session:
        released = release_leases(session, owner=ctx.daemon_id)
        stop_heartbeat(session, daemon_id=ctx.daemon_id, now=ctx.app.clock())
    logger.info("daemon %s stopped (gave back %d leases)", ctx.daemon_id, released)


def _log_job_error(event: JobExecutionEvent) -> None:
    # One line; the traceback only at debug level (`tracker --debug daemon`).
    logger.error("tick %s failed: %s", event.job_id, event.exception)
    logger.debug("tick %s traceback", event.job_id, exc_info=event.exception)
