"""Lead-time reminders end to end: real Senate feed on a local server, real SMTP server.

The Senate HELP committee's business meeting of 2026-07-30 09:45 EDT (meeting
338684 in hearings-2026-07-30.xml) takes up S. 5038 (119th). An advocate in
California follows that bill: the poll announces the markup once; the reminder
goes out 24 hours before the meeting (13:45 UTC the day before) and says the time
in her own zone (6:45 AM PDT); a cancelled meeting sends no reminder; quiet hours
move a reminder earlier, never later.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from db.models import MeetingBill, Notification
from tests.tracker.mail.builders import Clock, add_advocate, add_bill, subscribe
from tests.tracker.schedule_world import SENATE_PATH, no_floor_weeks, schedule_sources, serve
from tracker.checking.check import FetchRecorder
from tracker.checking.schedules import poll_schedules
from tracker.core.settings import Settings
from tracker.mail.delivery import deliver_pending
from tracker.mail.reminders import queue_due_reminders, reminder_send_at
from tracker.mail.smtp import SmtpMailer

SEEN = datetime(2026, 7, 28, 16, 0, tzinfo=UTC)
STARTS = datetime(2026, 7, 30, 13, 45, tzinfo=UTC)  # 09:45 EDT
DUE = STARTS - timedelta(hours=24)


def _feed(test_data, name="hearings-2026-07-30.xml") -> bytes:
    return (test_data / "schedules" / "senate-committee" / name).read_bytes()


def _poll(sessions, httpserver, now):
    recorder = FetchRecorder()
    with schedule_sources(httpserver, recorder) as sources:
        return poll_schedules(sessions, sources, now=now, recorder=recorder)


def _remind(sessions, settings: Settings, now) -> int:
    with sessions.begin() as s:
        return queue_due_reminders(
            s,
            now=now,
            lead=timedelta(hours=settings.reminder_lead_hours),
            public_url=settings.public_url,
            secret_key=settings.secret_key or "",
            mail_from=settings.mail_from,
        )


def _deliver(sessions, smtp, settings: Settings, now):
    with SmtpMailer.from_url(smtp.url, mail_from=settings.mail_from) as mailer:
        return deliver_pending(
            sessions, mailer, clock=Clock(now), owner="t", lease_seconds=60, settings=settings
        )


def _follower(sessions, **advocate):
    with sessions.begin() as s:
        bill = add_bill(s, "s5038-119", title="Special Education Protection Act")
        fields = {"quiet_start_hour": None, "quiet_end_hour": None, "created_at": SEEN} | advocate
        subscribe(s, add_advocate(s, email="ana@example.org", **fields), bill)


def test_markup_is_announced_once_then_reminded_24_hours_before(
    sessions, smtp, settings: Settings, httpserver, test_data
):
    _follower(sessions)
    serve(httpserver, SENATE_PATH, _feed(test_data))
    no_floor_weeks(httpserver)

    _poll(sessions, httpserver, SEEN)
    assert _remind(sessions, settings, SEEN) == 0
    assert _deliver(sessions, smtp, settings, SEEN).sent == 1
    _poll(sessions, httpserver, SEEN + timedelta(hours=6))  # a later poll: nothing new
    assert _deliver(sessions, smtp, settings, SEEN + timedelta(hours=6)).sent == 0
    (announcement,) = smtp.messages
    assert announcement.message["Subject"] == (
        "Markup on S. 5038 scheduled for Thursday, July 30, 2026, 9:45 AM EDT"
    )
    said = announcement.message.get_body(("plain",)).get_content()
    assert (
        "Markup by Health, Education, Labor, and Pensions scheduled for "
        "Thursday, July 30, 2026, 9:45 AM EDT in SD-430"
    ) in " ".join(said.split())

    assert _remind(sessions, settings, DUE - timedelta(minutes=1)) == 0  # not yet
    assert _remind(sessions, settings, DUE) == 1
    assert _remind(sessions, settings, DUE + timedelta(minutes=5)) == 0  # queued once
    assert _deliver(sessions, smtp, settings, DUE).sent == 1
    assert _deliver(sessions, smtp, settings, DUE + timedelta(minutes=5)).sent == 0

    assert len(smtp.messages) == 2
    raw = smtp.messages[1].content
    subject = b"Subject: Reminder: Markup on S. 5038 is Thursday, July 30, 2026, 6:45 AM PDT"
    assert subject in raw  # the advocate's own time zone, in the bytes that arrived
    assert smtp.messages[1].rcpt_tos == ["ana@example.org"]
    msg = smtp.messages[1].message
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "When: Thursday, July 30, 2026, 6:45 AM PDT" in text
    assert "Committee: Health, Education, Labor, and Pensions" in text
    assert "Where: SD-430" in text
    assert "SD-430" in html and "<strong>When:</strong>" in html
    assert msg["Message-ID"] != announcement.message["Message-ID"]


def test_a_cancelled_meeting_sends_no_reminder(
    sessions, smtp, settings: Settings, httpserver, test_data
):
    _follower(sessions)
    serve(httpserver, SENATE_PATH, _feed(test_data))
    no_floor_weeks(httpserver)
    _poll(sessions, httpserver, SEEN)
    httpserver.clear()  # the next day the feed lists nothing (the real empty feed)
    serve(httpserver, SENATE_PATH, _feed(test_data, "hearings-2026-10-02-empty.xml"))
    no_floor_weeks(httpserver)
    _poll(sessions, httpserver, SEEN + timedelta(hours=12))

    assert _remind(sessions, settings, DUE) == 0
    _deliver(sessions, smtp, settings, DUE)
    subjects = [m.message["Subject"] for m in smtp.messages]
    assert subjects == [
        "Markup on S. 5038 scheduled for Thursday, July 30, 2026, 9:45 AM EDT",
        "Markup on S. 5038 of July 30, 2026 cancelled",
    ]


def test_a_queued_reminder_of_a_moved_meeting_is_cancelled_and_a_new_one_sent(
    sessions, smtp, settings: Settings, httpserver, test_data
):
    _follower(sessions)
    feed = _feed(test_data)
    serve(httpserver, SENATE_PATH, feed)
    no_floor_weeks(httpserver)
    _poll(sessions, httpserver, SEEN)
    assert _remind(sessions, settings, DUE) == 1  # queued, not yet delivered

    httpserver.clear()  # moved a day later (hand-made on the real feed)
    serve(
        httpserver, SENATE_PATH, feed.replace(b"2026-07-30</date_iso", b"2026-07-31</date_iso", 1)
    )
    no_floor_weeks(httpserver)
    _poll(sessions, httpserver, DUE + timedelta(minutes=1))
    with sessions.begin() as s:
        statuses = list(
            s.scalars(select(Notification.status).where(Notification.kind == "reminder"))
        )
    assert statuses == ["cancelled"]
    assert _remind(sessions, settings, DUE + timedelta(days=1)) == 1
    _deliver(sessions, smtp, settings, DUE + timedelta(days=1))
    reminders = [m.message["Subject"] for m in smtp.messages if "Reminder" in m.message["Subject"]]
    assert reminders == ["Reminder: Markup on S. 5038 is Friday, July 31, 2026, 6:45 AM PDT"]


def test_reminders_can_be_turned_off(sessions, settings: Settings, httpserver, test_data):
    _follower(sessions, reminders=False)
    serve(httpserver, SENATE_PATH, _feed(test_data))
    no_floor_weeks(httpserver)
    _poll(sessions, httpserver, SEEN)
    assert _remind(sessions, settings, DUE) == 0


def test_quiet_hours_move_a_reminder_earlier_never_later(sessions):
    with sessions.begin() as s:
        night_owl = add_advocate(
            s,
            email="q@example.org",
            timezone="America/Los_Angeles",
            quiet_start_hour=22,
            quiet_end_hour=8,
        )
        # Due 06:45 PDT, inside 22-8: sent at 21:59 PDT the evening before.
        assert reminder_send_at(night_owl, DUE) == datetime(2026, 7, 29, 4, 59, tzinfo=UTC)
        # Due 23:30 PDT (same evening): also just before 22:00 that day.
        late = datetime(2026, 7, 30, 6, 30, tzinfo=UTC)
        assert reminder_send_at(night_owl, late) == datetime(2026, 7, 30, 4, 59, tzinfo=UTC)
        # Outside quiet hours: unchanged.
        noon = datetime(2026, 7, 29, 19, 0, tzinfo=UTC)
        assert reminder_send_at(night_owl, noon) == noon
        assert all(reminder_send_at(night_owl, t) <= t for t in (DUE, late, noon))


def test_a_meeting_linked_after_its_reminder_time_is_only_announced(
    sessions, settings: Settings, httpserver, test_data
):
    _follower(sessions)
    serve(httpserver, SENATE_PATH, _feed(test_data))
    no_floor_weeks(httpserver)
    _poll(sessions, httpserver, DUE + timedelta(hours=2))
    with sessions.begin() as s:
        assert s.scalar(select(MeetingBill.linked_at)) == DUE + timedelta(hours=2)
    assert _remind(sessions, settings, DUE + timedelta(hours=2)) == 0
