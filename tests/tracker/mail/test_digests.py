"""Digests: due times, grouping by bill, no event twice, nothing new -> no email."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from db.models import Advocate, DigestItem, Notification
from tests.tracker.mail.builders import (
    T0,
    add_advocate,
    add_bill,
    add_event,
    add_officials,
    cosponsor_added,
    passed_house,
    subscribe,
)
from tests.tracker.mail.conftest import SECRET
from tracker.mail.delivery import deliver_pending
from tracker.mail.digests import (
    DigestBuilder,
    DigestReport,
    _advocate_batch,
    due_moment,
    queue_due_digests,
    write_digests,
)
from tracker.mail.smtp import SmtpMailer
from tracker.vocab import events as ev
from tracker.vocab.events import ActionAdded

MONDAY_9AM_LA = T0 + timedelta(hours=2)  # T0 is Monday 07:00 in Los Angeles


def _three_bills(s):
    hr = add_bill(s, "hr4030-115")
    s_bill = add_bill(s, "s2952-115", title="Congressional Accountability Act Reform")
    quiet = add_bill(s, "hr4396-115", title="ME TOO Congress Act")
    return hr, s_bill, quiet


def _digests(sessions) -> list[Notification]:
    with sessions() as s:
        rows = list(s.scalars(select(Notification).where(Notification.kind == "digest")))
        s.expunge_all()
        return rows


def _count(sessions, model) -> int:
    with sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_weekly_digest_groups_several_bills(sessions, clock, settings, smtp):
    with sessions.begin() as s:
        hr, s_bill, quiet = _three_bills(s)
        add_officials(s)
        advocate = add_advocate(s)
        for bill in (hr, s_bill, quiet):
            subscribe(s, advocate, bill)
        add_event(s, hr, passed_house(), detected_at=T0 - timedelta(days=2))
        add_event(
            s,
            hr,
            cosponsor_added(hr.key, "Rep. Lieu, Ted [D-CA-33]", date(2018, 3, 2)),
            detected_at=T0 - timedelta(days=1),
        )
        add_event(
            s,
            s_bill,
            ActionAdded(bill_key=s_bill.key, occurred_on=date(2018, 3, 3), text="Read twice."),
            detected_at=T0 - timedelta(days=3),
        )
    clock.now = MONDAY_9AM_LA
    report = queue_due_digests(sessions, clock=clock, settings=settings)
    assert (report.due, report.queued, report.empty, report.events) == (1, 1, 0, 3)
    (digest,) = _digests(sessions)
    assert digest.subject == "Your weekly digest: 2 bills moved"
    assert digest.dedupe_key == f"digest:weekly:{advocate.id}:2026-11-02"
    text = digest.body_text or ""
    assert "H.R. 4030 passed the House" in text and "Rep. Lieu, Ted [D-CA-33]" in text
    assert "S. 2952" in text and "1 procedural action" in text
    assert "Read twice." not in text  # procedure is counted, not listed
    assert "H.R. 4396" not in text  # nothing happened to it
    assert text.index("H.R. 4030 passed") < text.index("S. 2952")  # major news first
    assert "[x] Introduced > [x] In committee" in text
    # Whom to call, for each bill: the advocate's own officials the moment concerns (both
    # bills are in a House committee here: the representative, not the senators), with
    # phones; one script, for the first bill's first call.
    for bill in ("H.R. 4030", "S. 2952"):
        calls = text.split(f"WHAT YOU CAN DO NOW ABOUT {bill}")[1].split("-----")[0]
        assert "It is in committee in the House." in calls and "202-225-2661" in calls
        assert not any(p in calls for p in ("202-224-3553", "202-224-3841"))
        assert "Pelosi" not in calls
    assert text.count("What to say to") == 1
    assert text.index("What to say to") < text.index("S. 2952 (115th")
    assert "S. 2952" in (digest.body_html or "") and "<table" in (digest.body_html or "")
    assert digest.message_id and digest.reason and "H.R. 4030" in digest.reason
    with sessions() as s:
        assert s.get(Advocate, advocate.id).last_weekly_digest_at == MONDAY_9AM_LA

    with SmtpMailer.from_url(smtp.url, mail_from=settings.mail_from) as mailer:
        sent = deliver_pending(
            sessions, mailer, clock=clock, owner="a", lease_seconds=60, settings=settings
        )
    assert sent.sent == 1
    msg = smtp.messages[0].message
    assert msg["Subject"] == "Your weekly digest: 2 bills moved"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["Message-ID"] == digest.message_id and msg["List-Unsubscribe"]


def test_no_event_appears_in_two_digests(sessions, clock, settings):
    with sessions.begin() as s:
        hr, _, _ = _three_bills(s)
        advocate = add_advocate(s)
        subscribe(s, advocate, hr)
        # Inside the next digest's look-back window: only digest_items keeps it out.
        add_event(s, hr, passed_house(), detected_at=MONDAY_9AM_LA - timedelta(minutes=30))
    clock.now = MONDAY_9AM_LA
    assert queue_due_digests(sessions, clock=clock, settings=settings).queued == 1
    # The same run again, and later the same week: not due, nothing queued.
    assert queue_due_digests(sessions, clock=clock, settings=settings).queued == 0
    clock.advance(days=3)
    assert queue_due_digests(sessions, clock=clock, settings=settings).due == 0

    with sessions.begin() as s:
        # A check that committed just after the first digest read the table,
        # with a detection time before it: the look-back still catches it.
        add_event(
            s,
            hr,
            cosponsor_added(hr.key, "Rep. Late, Committed [D-CA-1]", date(2018, 3, 4)),
            detected_at=MONDAY_9AM_LA - timedelta(minutes=1),
        )
        add_event(
            s,
            hr,
            cosponsor_added(hr.key, "Rep. Next, Week [D-CA-2]", date(2018, 3, 5)),
            detected_at=MONDAY_9AM_LA + timedelta(days=2),
        )
    clock.now = MONDAY_9AM_LA + timedelta(days=7)
    report = queue_due_digests(sessions, clock=clock, settings=settings)
    assert (report.queued, report.events) == (1, 2)
    first, second = sorted(_digests(sessions), key=lambda n: n.id)
    assert "passed the House" in (first.body_text or "")
    assert "passed the House" not in (second.body_text or "")
    assert "Rep. Late, Committed" in (second.body_text or "")
    assert "Rep. Next, Week" in (second.body_text or "")
    with sessions() as s:
        per_event = s.execute(
            select(DigestItem.event_id, func.count()).group_by(DigestItem.event_id)
        ).all()
    assert len(per_event) == 3 and all(n == 1 for _, n in per_event)


def test_an_advocate_with_nothing_new_gets_no_digest(sessions, clock, settings):
    with sessions.begin() as s:
        hr, _, _ = _three_bills(s)
        busy = add_advocate(s, "busy@example.org")
        idle = add_advocate(s, "idle@example.org")
        subscribe(s, busy, hr)
        # Subscribed after the event: it is not news to them.
        subscribe(s, idle, hr, created_at=T0 - timedelta(hours=1))
        add_event(s, hr, passed_house(), detected_at=T0 - timedelta(days=2))
    clock.now = MONDAY_9AM_LA
    report = queue_due_digests(sessions, clock=clock, settings=settings)
    assert (report.due, report.queued, report.empty) == (2, 1, 1)
    (digest,) = _digests(sessions)
    with sessions() as s:
        assert digest.advocate_id == busy.id
        assert s.get(Advocate, idle.id).last_weekly_digest_at == MONDAY_9AM_LA


def test_daily_and_weekly_are_separate_and_weekly_waits_for_monday(sessions, clock, settings):
    with sessions.begin() as s:
        hr, s_bill, _ = _three_bills(s)
        advocate = add_advocate(s)
        subscribe(s, advocate, hr, digest="daily")
        subscribe(s, advocate, s_bill, digest="weekly")
        add_event(s, hr, passed_house(), detected_at=T0 + timedelta(days=1))
        add_event(
            s,
            s_bill,
            ActionAdded(bill_key=s_bill.key, occurred_on=date(2018, 3, 3), text="Read twice."),
            detected_at=T0 + timedelta(days=1),
        )
        s.get(Advocate, advocate.id).last_weekly_digest_at = MONDAY_9AM_LA
        s.get(Advocate, advocate.id).last_daily_digest_at = MONDAY_9AM_LA
    clock.now = MONDAY_9AM_LA + timedelta(days=1, hours=-2)  # Tuesday 07:00: too early
    assert queue_due_digests(sessions, clock=clock, settings=settings).due == 0
    clock.advance(hours=1)  # Tuesday 08:00 local
    report = queue_due_digests(sessions, clock=clock, settings=settings)
    assert (report.queued, report.events) == (1, 1)
    (daily,) = _digests(sessions)
    assert daily.subject == "Your daily digest: 1 bill moved"
    assert "H.R. 4030" in (daily.body_text or "") and "S. 2952" not in (daily.body_text or "")


def test_due_moment_in_local_time_across_zones_and_dst():
    # Weekly on Monday 08:00 in Los Angeles: on Sunday it is last Monday's.
    sunday = datetime(2026, 11, 8, 20, 0, tzinfo=UTC)
    assert due_moment(sunday, cadence="weekly", timezone="America/Los_Angeles", hour=8) == (
        datetime(2026, 11, 2, 16, 0, tzinfo=UTC)
    )
    # Tokyo's Monday 08:00 is Sunday 23:00 UTC.
    assert due_moment(
        sunday + timedelta(hours=4), cadence="weekly", timezone="Asia/Tokyo", hour=8
    ) == (datetime(2026, 11, 8, 23, 0, tzinfo=UTC))
    # Daily at 08:00 New York, the day clocks spring forward: 12:00 UTC, not 13:00.
    spring = datetime(2026, 3, 8, 12, 30, tzinfo=UTC)
    assert due_moment(spring, cadence="daily", timezone="America/New_York", hour=8) == (
        datetime(2026, 3, 8, 12, 0, tzinfo=UTC)
    )


def test_two_runs_racing_queue_one_digest(sessions, clock, settings):
    with sessions.begin() as s:
        hr, _, _ = _three_bills(s)
        advocate = add_advocate(s)
        subscribe(s, advocate, hr)
        add_event(s, hr, passed_house(), detected_at=T0 - timedelta(days=1))
    clock.now = MONDAY_9AM_LA
    # Run B reads and renders, then run A queues the same digest before B writes.
    with sessions() as s:
        batch = _advocate_batch(s, "weekly", after=0, size=10)
        builder = DigestBuilder(cadence="weekly", now=clock(), settings=settings, secret_key=SECRET)
        planned_b, empty_b = builder.plan(s, batch)
    assert queue_due_digests(sessions, clock=clock, settings=settings).queued == 1
    report = DigestReport()
    with sessions.begin() as s:
        write_digests(s, planned_b, empty_b, cadence="weekly", now=clock(), report=report)
    assert (report.queued, report.skipped) == (0, 1)
    assert len(_digests(sessions)) == 1
    assert _count(sessions, DigestItem) == 1


def test_unsubscribed_advocates_get_no_digest(sessions, clock, settings):
    with sessions.begin() as s:
        hr, _, _ = _three_bills(s)
        advocate = add_advocate(s, unsubscribed_at=T0)
        subscribe(s, advocate, hr)
        add_event(s, hr, passed_house(), detected_at=T0 - timedelta(days=1))
    clock.now = MONDAY_9AM_LA
    assert queue_due_digests(sessions, clock=clock, settings=settings).due == 0
    assert _digests(sessions) == []


def test_a_digest_is_bounded_and_says_what_it_left_out(sessions, clock, settings):
    """Ten bills moved: eight are told, two are named at the end; a bill with many
    cosponsors is one counted line, and more than five moves become "and N more"."""
    with sessions.begin() as s:
        advocate = add_advocate(s)
        bills = [add_bill(s, f"hr{100 + n}-115") for n in range(10)]
        for bill in bills:
            subscribe(s, advocate, bill, digest="weekly")
            add_event(s, bill, passed_house(bill.key), detected_at=T0 - timedelta(days=2))
        first, second = bills[0], bills[1]
        for n in range(7):
            name = f"Rep. Member{n}, Pat [D-CA-{n + 1}]"
            add_event(
                s,
                second,
                cosponsor_added(second.key, name, date(2018, 3, 2)),
                detected_at=T0 - timedelta(days=1),
            )
        for n in range(6):
            add_event(
                s,
                first,
                ev.TextVersionPublished(
                    bill_key=first.key, occurred_on=date(2018, 3, 3 + n), name=f"Version {n}"
                ),
                detected_at=T0 - timedelta(days=1),
            )
    clock.now = MONDAY_9AM_LA
    queue_due_digests(sessions, clock=clock, settings=settings)
    (digest,) = _digests(sessions)
    text = digest.body_text or ""
    assert digest.subject == "Your weekly digest: 10 bills moved"
    assert text.count("WHAT YOU CAN DO NOW ABOUT") == 8  # the call list once per bill told
    assert "2 more bills you follow also moved (H.R. 108, H.R. 109)" in text
    assert "H.R. 108 passed the House" not in text
    assert "H.R. 101 gained 7 cosponsors" in text and "and 3 more" in text
    assert "Rep. Member6" not in text  # named: the first four
    assert "- and 2 more changes, on the tracker" in text  # passed + 6 texts: 5 told
