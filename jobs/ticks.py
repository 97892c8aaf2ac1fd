"""The daemon's ticks. Each opens what it needs, calls the tracker, logs a report.

A tick never raises for one bill's or one email's failure (those are recorded
on their rows); an unexpected error is logged by the scheduler's listener and
the next tick runs as usual.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from db.heartbeats import beat
from tracker.checking.check import CheckContext, FetchRecorder
from tracker.checking.cycle import CycleReport, run_cycle
from tracker.checking.schedules import SchedulePollReport, make_schedule_sources, poll_schedules
from tracker.checking.sources import make_client
from tracker.core.app import App
from tracker.mail.delivery import DeliveryReport, deliver_pending
from tracker.mail.digests import DigestReport, queue_due_digests
from tracker.mail.reminders import queue_due_reminders
from tracker.mail.smtp import SmtpMailer
from tracker.mail.tokens import require_secret_key

logger = logging.getLogger(__name__)


@dataclass
class TickContext:
    app: App
    check: CheckContext
    daemon_id: str
    stop: threading.Event = field(default_factory=threading.Event)
    mailer: SmtpMailer | None = None
    _running: int = 0
    _idle: threading.Condition = field(default_factory=threading.Condition)

    def run(self, tick: Callable[[TickContext], object]) -> None:
        """Run one tick unless stopping, counting it so shutdown can wait for it."""
        with self._idle:
            if self.stop.is_set():
                return
            self._running += 1
        try:
            tick(self)
        finally:
            with self._idle:
                self._running -= 1
                self._idle.notify_all()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no tick is running (the bill in hand is finished)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._running == 0, timeout)


def check_tick(ctx: TickContext) -> CycleReport:
    report = run_cycle(ctx.check, due_only=True, should_stop=ctx.stop.is_set)
    _beat(ctx, "check")
    if report.claimed:
        logger.info("check tick: %s", report.to_json())
    return report


def deliver_tick(ctx: TickContext) -> DeliveryReport | None:
    _beat(ctx, "deliver")
    if ctx.mailer is None:
        return None
    report = deliver_pending(
        ctx.app.sessions,
        ctx.mailer,
        clock=ctx.app.clock,
        owner=ctx.daemon_id,
        lease_seconds=ctx.app.settings.lease_seconds,
        settings=ctx.app.settings,
    )
    if report.sent or report.failed:
        logger.info("deliver tick: %s", report)
    return report


def digest_tick(ctx: TickContext) -> DigestReport:
    report = queue_due_digests(ctx.app.sessions, clock=ctx.app.clock, settings=ctx.app.settings)
    _beat(ctx, "digest")
    return report


def schedule_tick(ctx: TickContext) -> SchedulePollReport:
    """Poll the House and Senate schedules (every ``schedule_tick_seconds``, a few times a day)."""
    recorder = FetchRecorder()
    with make_client(ctx.app.settings, on_request=recorder) as client:
        sources = make_schedule_sources(ctx.app.settings, client)
        report = poll_schedules(ctx.app.sessions, sources, now=ctx.app.clock(), recorder=recorder)
    _beat(ctx, "schedule")
    logger.info("schedule tick: %s", report.to_json())
    return report


def reminder_tick(ctx: TickContext) -> int:
    """Queue the lead-time reminders that are due; delivery sends them."""
    settings = ctx.app.settings
    with ctx.app.transaction() as session:
        queued = queue_due_reminders(
            session,
            now=ctx.app.clock(),
            lead=timedelta(hours=settings.reminder_lead_hours),
            public_url=settings.public_url,
            secret_key=require_secret_key(settings),
            mail_from=settings.mail_from,
        )
    _beat(ctx, "reminder")
    if queued:
        logger.info("reminder tick: %s reminders queued", queued)
    return queued


def _beat(ctx: TickContext, kind: str) -> None:
    with ctx.app.transaction() as session:
        beat(session, daemon_id=ctx.daemon_id, kind=kind, now=ctx.app.clock())
