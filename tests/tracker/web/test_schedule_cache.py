"""The calendar's cache is reused until an announcement, a snapshot or the tracked set changes."""

from __future__ import annotations

from datetime import date, timedelta

from scrapers.model import Chamber
from tests.db_rows import T0, add_tracked_bill
from tracker.checking.alerts import insert_events
from tracker.vocab import events as ev
from tracker.web.cache import ScheduleCache


def _vote(bill, day):
    return ev.VoteScheduled(
        bill_key=bill.key,
        occurred_on=None,
        scheduled_for=day,
        description="Vote on passage",
        chamber=Chamber.HOUSE,
    )


def test_reused_until_something_changes(session):
    bill = add_tracked_bill(session, "hr4030-115")
    insert_events(session, bill, [_vote(bill, date(2018, 4, 10))], now=T0)
    cache = ScheduleCache()
    first = cache.items(session, now=T0)
    assert [i.on for i in first] == [date(2018, 4, 10)]
    assert cache.items(session, now=T0 + timedelta(minutes=1)) is first

    insert_events(session, bill, [_vote(bill, date(2018, 5, 1))], now=T0)  # a new event
    second = cache.items(session, now=T0 + timedelta(minutes=2))
    assert [i.on for i in second] == [date(2018, 4, 10), date(2018, 5, 1)]

    bill.tracked = False  # untracked: its meetings leave the calendar when the cache expires
    session.flush()
    assert cache.items(session, now=T0 + timedelta(minutes=3)) is second
    assert cache.items(session, now=T0 + timedelta(minutes=20)) == []


def test_too_old_is_recomputed(session):
    add_tracked_bill(session, "hr4030-115")
    cache = ScheduleCache(max_age=timedelta(minutes=5))
    first = cache.items(session, now=T0)
    assert cache.items(session, now=T0 + timedelta(minutes=4)) is first
    assert cache.items(session, now=T0 + timedelta(minutes=6)) is not first
