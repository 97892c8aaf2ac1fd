"""The calendar feed lists polled meetings at their time, with UIDs that survive polls.

Real Senate and House floor documents from ../shared/data/schedules/ on a local
server; the move is hand-made on top of the real Senate feed.
"""

from __future__ import annotations

# ruff: noqa: F811  (``sessions`` is the mail tests' fixture, imported)
import re
from datetime import UTC, datetime

from tests.tracker.mail.builders import add_bill
from tests.tracker.mail.conftest import sessions  # noqa: F401
from tests.tracker.schedule_world import SENATE_PATH, schedule_sources, serve
from tracker.checking.check import FetchRecorder
from tracker.checking.schedules import poll_schedules
from tracker.report.announcements import scheduled_items
from tracker.web.feeds import icalendar

NOW = datetime(2026, 7, 28, 16, 0, tzinfo=UTC)
FLOOR = "/billsthisweek/20260914/20260914.xml"


def _calendar(sessions, httpserver, now=NOW) -> dict[str, str]:
    """Poll, then the calendar's events by UID (each event's unfolded lines)."""
    recorder = FetchRecorder()
    with schedule_sources(httpserver, recorder) as sources:
        poll_schedules(sessions, sources, now=now, recorder=recorder)
    with sessions.begin() as s:
        body = icalendar(scheduled_items(s), now=now, url=lambda p: f"https://t.example{p}")
    body = body.replace("\r\n ", "")
    events = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", body, re.S)
    return {re.search(r"UID:(\S+)", e).group(1): e for e in events}


def _serve_all(httpserver, test_data, senate: bytes) -> None:
    httpserver.clear()
    serve(httpserver, SENATE_PATH, senate)
    floor = test_data / "schedules" / "house-floor" / "billsthisweek-20260914.xml"
    serve(httpserver, FLOOR, floor.read_bytes())
    httpserver.expect_request(re.compile(r"^/billsthisweek/.*")).respond_with_data("", status=404)


def test_calendar_uids_are_stable_across_polls(sessions, httpserver, test_data):
    with sessions.begin() as s:
        add_bill(s, "s5038-119", short_title="Special Education Protection Act")
        add_bill(s, "hr309-119", short_title="Officers Remembrance Act")
    feed = (test_data / "schedules" / "senate-committee" / "hearings-2026-07-30.xml").read_bytes()
    _serve_all(httpserver, test_data, feed)
    september = datetime(2026, 9, 10, 16, tzinfo=UTC)  # the floor week is ahead
    first = _calendar(sessions, httpserver)
    _serve_all(httpserver, test_data, feed)
    again = _calendar(sessions, httpserver)  # nothing changed: the same calendar
    assert first.keys() == again.keys() and len(first) == 1

    (uid,) = first
    markup = first[uid]
    assert "DTSTART:20260730T134500Z" in markup and "DURATION:PT1H" in markup
    assert "SUMMARY:Markup: S. 5038 Special Education Protection Act" in markup
    assert "LOCATION:SD-430" in markup and "STATUS:CONFIRMED" in markup
    assert "Committee: Health\\, Education\\, Labor\\, and Pensions" in markup

    moved = feed.replace(b"<time_iso_8601>09:45:00", b"<time_iso_8601>11:00:00", 1)
    _serve_all(httpserver, test_data, moved)
    after_move = _calendar(sessions, httpserver)
    assert list(after_move) == [uid]  # the same event, at its new time
    assert "DTSTART:20260730T150000Z" in after_move[uid]

    empty = test_data / "schedules" / "senate-committee" / "hearings-2026-10-02-empty.xml"
    _serve_all(httpserver, test_data, empty.read_bytes())
    cancelled = _calendar(sessions, httpserver, now=NOW.replace(hour=20))
    assert list(cancelled) == [uid] and "STATUS:CANCELLED" in cancelled[uid]
    assert "SUMMARY:CANCELLED: Markup: S. 5038" in cancelled[uid]
    later = _calendar(sessions, httpserver, now=september)
    assert "STATUS:CANCELLED" in later[uid]
    # The floor week of 2026-09-14 (polled on 2026-09-10) names H.R. 309: an all-day event.
    (floor_uid,) = set(later) - {uid}
    floor = later[floor_uid]
    assert "DTSTART;VALUE=DATE:20260914" in floor and "SUMMARY:Floor vote: H.R. 309" in floor
    assert "DTEND;VALUE=DATE:20260919" in floor  # the week: no day is published
    assert _calendar(sessions, httpserver, now=september).keys() == later.keys()
