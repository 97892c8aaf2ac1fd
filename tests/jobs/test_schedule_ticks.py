"""The daemon's schedule and reminder ticks, called as the scheduler calls them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from db.heartbeats import start_heartbeat
from db.models import Bill, DaemonHeartbeat, Notification
from jobs.ticks import TickContext, reminder_tick, schedule_tick
from tests.tracker.mail.builders import Clock, add_advocate, add_bill, subscribe
from tests.tracker.schedule_world import SENATE_PATH, serve
from tracker.checking.check import CheckContext
from tracker.core.app import App
from tracker.core.settings import Settings

SEEN = datetime(2026, 7, 28, 16, 0, tzinfo=UTC)


def test_schedule_tick_then_reminder_tick(migrated_url, httpserver, test_data):
    base = httpserver.url_for("/").rstrip("/")
    feed = test_data / "schedules" / "senate-committee" / "hearings-2026-07-30.xml"
    serve(httpserver, SENATE_PATH, feed.read_bytes())
    httpserver.expect_request(re.compile(r"^/billsthisweek/.*")).respond_with_data("", status=404)
    settings = Settings(
        database_url=migrated_url,
        senate_hearings_base_url=base,
        house_docs_base_url=base,
        min_request_interval=0,
        secret_key="k" * 32,
    )
    clock = Clock(SEEN)
    app = App.from_settings(settings, clock=clock)
    with app.transaction() as s:
        bill = add_bill(s, "s5038-119")
        advocate = add_advocate(s, quiet_start_hour=None, quiet_end_hour=None, created_at=SEEN)
        subscribe(s, advocate, bill)
    check = CheckContext(
        sessions=app.sessions, sources={}, settings=settings, clock=clock, owner="d"
    )
    ctx = TickContext(app=app, check=check, daemon_id="d")
    with app.transaction() as s:
        start_heartbeat(s, daemon_id="d", hostname="h", pid=1, now=SEEN)

    report = schedule_tick(ctx)
    assert report.store.events == 1 and report.requests == 3
    assert reminder_tick(ctx) == 0
    clock.now = datetime(2026, 7, 29, 13, 45, tzinfo=UTC)  # 24 hours before 09:45 EDT
    assert reminder_tick(ctx) == 1
    assert reminder_tick(ctx) == 0
    with app.transaction() as s:
        kinds = list(s.scalars(select(Notification.kind).order_by(Notification.id)))
        assert kinds == ["alert", "reminder"]
        assert s.scalar(select(DaemonHeartbeat.last_tick_kind)) == "reminder"
        assert s.scalar(select(Bill.key)) == "s5038-119"
    clock.now += timedelta(days=2)  # after the meeting: nothing more
    assert reminder_tick(ctx) == 0
    app.engine.dispose()
