"""Polling the schedules: meetings stored once per key, matched to tracked bills, events
raised once, moves and cancellations announced, requests that do not grow with bills.

Real documents from ../shared/data/schedules/ are served by a local HTTP server;
only the edits a test needs (a moved time) are made on top of them.
"""

from __future__ import annotations

# ruff: noqa: F811  (``sessions`` is the mail tests' fixture, imported)
from datetime import UTC, datetime

from sqlalchemy import delete, func, select

from db.models import (
    BillEvent,
    CommitteeReferral,
    Meeting,
    MeetingBill,
    Notification,
    ScheduleDocument,
)
from tests.tracker.mail.builders import add_advocate, add_bill, subscribe
from tests.tracker.mail.conftest import sessions  # noqa: F401  (the fixture)
from tests.tracker.schedule_world import (
    SENATE_PATH,
    no_floor_weeks,
    requests_made,
    schedule_sources,
    serve,
)
from tracker.checking.check import FetchRecorder
from tracker.checking.schedule_match import match_meeting, tracked_bills
from tracker.checking.schedules import find_targets, house_docs_code, poll_schedules

NOW = datetime(2026, 7, 28, 16, 0, tzinfo=UTC)  # two days before the HELP markup


def _feed(test_data, name="hearings-2026-07-30.xml") -> bytes:
    return (test_data / "schedules" / "senate-committee" / name).read_bytes()


def _poll(sessions, httpserver, now=NOW):
    recorder = FetchRecorder()
    with schedule_sources(httpserver, recorder) as sources:
        return poll_schedules(sessions, sources, now=now, recorder=recorder)


def _kinds(s) -> list[str]:
    return list(s.scalars(select(BillEvent.kind).order_by(BillEvent.id)))


def test_markup_for_a_tracked_bill_is_announced_once(sessions, httpserver, test_data):
    with sessions.begin() as s:
        bill = add_bill(s, "s5038-119", title="Protecting Special Education Act")
        add_bill(s, "hr1-119", tracked=False)  # untracked: never matched
        subscribe(s, add_advocate(s, quiet_start_hour=None, quiet_end_hour=None), bill)
    serve(httpserver, SENATE_PATH, _feed(test_data))
    no_floor_weeks(httpserver)

    first = _poll(sessions, httpserver)
    assert first.failures == [] and first.store.linked == 1 and first.store.events == 1
    second = _poll(sessions, httpserver)
    assert second.store.events == 0 and second.unchanged >= 1  # 304: nothing to do

    with sessions.begin() as s:
        assert _kinds(s) == ["markup_scheduled"]
        event = s.scalar(select(BillEvent))
        assert event.payload["meeting_key"] == "senate:338684"
        assert event.payload["starts_at"] == "2026-07-30T13:45:00+00:00"
        assert event.payload["committee"] == "Health, Education, Labor, and Pensions"
        assert event.payload["location"] == "SD-430"
        assert event.summary.startswith(
            "Markup by Health, Education, Labor, and Pensions scheduled for "
            "Thursday, July 30, 2026, 9:45 AM EDT in SD-430"
        )
        assert s.scalar(select(func.count()).select_from(Meeting)) == 17  # stored once each
        assert s.scalar(select(func.count()).select_from(Notification)) == 1
        link = s.scalar(select(MeetingBill))
        assert link.bill_id == bill.id and link.matched_by == "number"
    # The Senate feed once per poll (the second time conditional), floor weeks 404.
    senate = [p for p in requests_made(httpserver) if p == SENATE_PATH]
    assert len(senate) == 2


def test_a_moved_then_dropped_meeting_is_changed_then_cancelled(sessions, httpserver, test_data):
    with sessions.begin() as s:
        add_bill(s, "s5038-119")
    feed = _feed(test_data)
    serve(httpserver, SENATE_PATH, feed)
    no_floor_weeks(httpserver)
    _poll(sessions, httpserver)

    # The same markup an hour later in another room (hand-made on the real feed).
    moved = feed.replace(b"<time_iso_8601>09:45:00", b"<time_iso_8601>10:45:00", 1).replace(
        b"<room>SD-430</room>", b"<room>SD-106</room>", 1
    )
    httpserver.clear()
    serve(httpserver, SENATE_PATH, moved)
    no_floor_weeks(httpserver)
    _poll(sessions, httpserver)

    httpserver.clear()  # the real feed of a day with nothing scheduled
    serve(httpserver, SENATE_PATH, _feed(test_data, "hearings-2026-10-02-empty.xml"))
    no_floor_weeks(httpserver)
    _poll(sessions, httpserver)

    with sessions.begin() as s:
        assert _kinds(s) == ["markup_scheduled", "markup_changed", "markup_cancelled"]
        changed, cancelled = list(
            s.scalars(select(BillEvent).where(BillEvent.kind != "markup_scheduled"))
        )
        assert changed.payload["starts_at"] == "2026-07-30T14:45:00+00:00"
        assert changed.payload["previous_starts_at"] == "2026-07-30T13:45:00+00:00"
        assert changed.payload["location"] == "SD-106"
        assert changed.payload["previous_location"] == "SD-430"
        assert cancelled.payload["status"] == "cancelled"
        row = s.scalar(select(Meeting).where(Meeting.key == "senate:338684"))
        assert row.status == "cancelled"
        assert s.scalar(select(func.count()).select_from(Meeting)) == 17  # updated, not added


def test_past_meetings_are_stored_but_never_announced(sessions, httpserver, test_data):
    with sessions.begin() as s:
        add_bill(s, "s5038-119")
    serve(httpserver, SENATE_PATH, _feed(test_data))
    no_floor_weeks(httpserver)
    report = _poll(sessions, httpserver, now=datetime(2026, 8, 10, tzinfo=UTC))
    assert report.store.meetings == 17 and report.store.events == 0


def test_requests_per_poll_do_not_grow_with_tracked_bills(sessions, httpserver, test_data):
    """Figure for the note: 1 vs 40 tracked bills in the same two committees."""
    feed = (
        b"<rss version='2.0'><channel><item><enclosure type='text/xml' url='https://docs."
        b"house.gov/meetings/II/II10/20230523/115955/HHRG-118-II10-20230523.xml'/></item>"
        b"</channel></rss>"
    )
    meeting = test_data / "schedules" / "house-committee" / "HHRG115955-II10-20230523.xml"
    serve(httpserver, "/Committee/RSS.ashx", feed)
    serve(
        httpserver,
        "/meetings/II/II10/20230523/115955/HHRG-118-II10-20230523.xml",
        meeting.read_bytes(),
    )
    serve(httpserver, SENATE_PATH, _feed(test_data))
    no_floor_weeks(httpserver)
    counts = []
    for n in (1, 40):
        with sessions.begin() as s:
            for i in range(len(counts) * 1000, len(counts) * 1000 + n):
                bill = add_bill(s, f"hr{188 + i}-118")
                for code in ("hsii10", "ssen00"):
                    s.add(CommitteeReferral(bill_id=bill.id, committee_code=code, name=code))
            s.execute(delete(ScheduleDocument))  # measure unconditional polls both times
        httpserver.clear_log()
        report = _poll(sessions, httpserver, now=datetime(2023, 5, 20, tzinfo=UTC))
        counts.append((len(httpserver.log), report.requests))
        if n == 1:  # the House hearing names H.R. 188 (118th): linked and announced
            assert (report.store.linked, report.store.events) == (1, 1)
    # One committee feed (II00, whatever the number of bills and subcommittees), the
    # meeting XML it lists, two floor weeks (404 here), the Senate feed: 5 for 1 bill
    # and 5 for 41 bills.
    assert counts == [(5, 5), (5, 5)]


def test_targets_follow_the_committees_of_tracked_bills(sessions):
    with sessions.begin() as s:
        bill = add_bill(s, "hr4030-115")
        s.add(
            CommitteeReferral(bill_id=bill.id, committee_code="hsed13", name="x", chamber="house")
        )
        s.add(
            CommitteeReferral(bill_id=bill.id, committee_code="hsju00", name="y", chamber="house")
        )
        s.add(
            CommitteeReferral(bill_id=bill.id, committee_code="ssju00", name="z", chamber="senate")
        )
    with sessions.begin() as s:
        targets = find_targets(s)
    assert targets.house_committees == ("ED00", "JU00")
    assert targets.house_floor and targets.senate
    assert house_docs_code("hsii10") == "II00" and house_docs_code("ssju00") == ""


def test_a_numberless_bill_is_matched_by_its_exact_title(sessions, test_data):
    from scrapers.sources.house_docs import parse_house_schedule

    path = test_data / "schedules" / "house-committee" / "HHRG115955-II10-20230523.xml"
    (meeting,) = parse_house_schedule(path.read_bytes(), where="x")
    with sessions.begin() as s:
        exact = add_bill(
            s, "hr9999-118", short_title="Forest Service Flexible Housing Partnerships Act of 2023"
        )
        add_bill(s, "hr9998-118", short_title="Flexible Housing Act")  # a part only: no
        add_bill(s, "hr9997-117", short_title="FIRESHEDS Act")  # another Congress: no
        by_number = add_bill(s, "hr188-118", title="Proven Forest Management Act of 2022")
        found = match_meeting(meeting, tracked_bills(s))
    assert found == {exact.id: "title", by_number.id: "number"}


def test_a_bill_tracked_later_is_linked_without_fetching_again(sessions, httpserver, test_data):
    with sessions.begin() as s:
        add_bill(s, "s1-119")  # tracked, named by no meeting: the feed is read and stored
    serve(httpserver, SENATE_PATH, _feed(test_data))
    no_floor_weeks(httpserver)
    assert _poll(sessions, httpserver).store.linked == 0
    with sessions.begin() as s:
        add_bill(s, "s5038-119")
    later = _poll(sessions, httpserver)
    assert later.unchanged >= 1  # the Senate feed answered 304
    assert later.store.linked == 1 and later.store.events == 1
    with sessions.begin() as s:
        assert _kinds(s) == ["markup_scheduled"]
