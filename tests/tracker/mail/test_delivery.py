"""Delivery through a real SMTP server (aiosmtpd): once, retried, failed, never lost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine, make_session_factory
from db.models import Advocate, Bill, BillEvent, Notification
from tests.tracker.mail.builders import (
    T0,
    add_advocate,
    add_alert,
    add_bill,
    add_event,
    passed_house,
    subscribe,
)
from tests.tracker.mail.conftest import SECRET
from tracker.core.errors import ConfigError
from tracker.core.settings import Settings
from tracker.mail.delivery import (
    GIVE_UP_AFTER,
    OUTAGE_WAIT_MIN,
    claim_due,
    deliver_pending,
    requeue_failed,
)
from tracker.mail.prepare import prepare_claimed
from tracker.mail.smtp import SmtpMailer
from tracker.mail.tokens import verify_unsubscribe_token

LEASE = 600


def _queue_alert(sessions, email="ana@example.org", **alert_overrides) -> int:
    with sessions.begin() as s:
        # Several advocates in one test share the bill and its event.
        bill = s.scalar(select(Bill).where(Bill.key == "hr4030-115")) or add_bill(s)
        event = s.scalar(select(BillEvent).where(BillEvent.bill_id == bill.id))
        event = event or add_event(s, bill, passed_house())
        advocate = add_advocate(s, email=email)
        sub = subscribe(s, advocate, bill)
        return add_alert(s, advocate, event, sub, **alert_overrides).id


def _row(sessions, row_id: int) -> Notification:
    with sessions() as s:
        row = s.get(Notification, row_id)
        assert row is not None
        s.expunge(row)
        return row


def _deliver(sessions, server, clock, settings, owner="daemon-a"):
    with SmtpMailer.from_url(server.url, mail_from=settings.mail_from) as mailer:
        return deliver_pending(
            sessions, mailer, clock=clock, owner=owner, lease_seconds=LEASE, settings=settings
        )


def test_alert_is_sent_once_as_multipart_with_list_unsubscribe(sessions, smtp, clock, settings):
    row_id = _queue_alert(sessions)
    report = _deliver(sessions, smtp, clock, settings)
    assert (report.sent, report.failed, report.retried, report.pending) == (1, 0, 0, 0)
    assert len(smtp.messages) == 1
    received = smtp.messages[0]
    assert received.rcpt_tos == ["ana@example.org"]
    assert received.mail_from == "alerts@tracker.example.org"
    msg = received.message
    assert msg["Subject"] == "H.R. 4030 passed the House"
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = msg["List-Unsubscribe"].strip("<>")
    assert link.startswith("https://tracker.example.org/unsubscribe?token=")
    target = verify_unsubscribe_token(SECRET, link.split("token=")[1])
    row = _row(sessions, row_id)
    assert target.advocate_id == row.advocate_id
    assert (row.status, row.attempts, row.sent_at, row.claimed_by) == ("sent", 1, clock(), None)
    assert msg["Message-ID"] == row.message_id
    assert row.subject == msg["Subject"] and row.body_html and row.body_text
    again = _deliver(sessions, smtp, clock, settings)
    assert (again.claimed, len(smtp.messages)) == (0, 1)


def test_smtp_down_keeps_mail_pending_then_sends_it_exactly_once(
    sessions, smtp_down, clock, settings
):
    row_id = _queue_alert(sessions)
    report = _deliver(sessions, smtp_down, clock, settings)
    assert report.error and "unavailable" in report.error
    assert (report.sent, report.retried, report.pending) == (0, 0, 1)
    first = _row(sessions, row_id)
    # An outage is not the message's failure: no attempt is charged.
    assert (first.status, first.attempts, first.claimed_by) == ("pending", 0, None)
    assert first.next_attempt_at == clock() + OUTAGE_WAIT_MIN
    assert first.last_error and "unavailable" in first.last_error
    assert first.message_id and first.subject  # rendered once, kept for the retry

    # Not due yet: nothing is tried, even with the server back.
    smtp_down.start()
    assert _deliver(sessions, smtp_down, clock, settings).claimed == 0
    clock.advance(minutes=2)
    report = _deliver(sessions, smtp_down, clock, settings)
    assert (report.sent, report.pending, report.error) == (1, 0, None)
    clock.advance(hours=1)
    _deliver(sessions, smtp_down, clock, settings)
    assert len(smtp_down.messages) == 1
    assert smtp_down.messages[0].message["Message-ID"] == first.message_id
    assert _row(sessions, row_id).attempts == 1


def test_a_day_long_outage_loses_nothing_and_a_550_still_fails(
    sessions, smtp_down, clock, settings
):
    ids = [_queue_alert(sessions, email=f"a{n}@example.org") for n in range(3)]
    gone = _queue_alert(sessions, email="gone@example.org")
    probes = 0
    end = clock() + timedelta(hours=24)
    while clock() < end:  # the daemon's delivery tick, every five minutes for a day
        report = _deliver(sessions, smtp_down, clock, settings)
        probes += report.claimed > 0
        clock.advance(minutes=5)
    assert all(_row(sessions, i).status == "pending" for i in [*ids, gone])
    assert all(_row(sessions, i).attempts == 0 for i in [*ids, gone])
    assert probes < 24 * 4  # waits grow: a few probes an hour, not one a tick

    smtp_down.handler.refuse["gone@example.org"] = "550 5.1.1 No such user here"
    smtp_down.start()
    clock.advance(minutes=31)  # at most one outage wait later
    report = _deliver(sessions, smtp_down, clock, settings)
    assert (report.sent, report.failed) == (3, 1)
    assert sorted(m.rcpt_tos[0] for m in smtp_down.messages) == [
        "a0@example.org",
        "a1@example.org",
        "a2@example.org",
    ]
    assert _row(sessions, gone).status == "failed"
    print(f"24 h outage: {probes} delivery runs tried the server")


def test_failed_mail_can_be_put_back_in_the_queue(sessions, smtp, clock, settings):
    row_id = _queue_alert(sessions, email="gone@example.org")
    smtp.handler.refuse["gone@example.org"] = "550 5.1.1 No such user here"
    assert _deliver(sessions, smtp, clock, settings).failed == 1
    del smtp.handler.refuse["gone@example.org"]
    with sessions.begin() as s:
        assert requeue_failed(s, now=clock()) == 1
    assert _deliver(sessions, smtp, clock, settings).sent == 1
    assert _row(sessions, row_id).status == "sent"


def test_a_crash_between_claim_and_send_delivers_once_after_the_lease(
    sessions, smtp, clock, settings
):
    row_id = _queue_alert(sessions)
    # A daemon claims and renders, then dies before sending (its state is simply dropped).
    with sessions.begin() as s:
        ids = claim_due(s, owner="dead", now=clock(), lease_seconds=LEASE, limit=10)
        prepare_claimed(s, ids, owner="dead", settings=settings, secret_key=SECRET)
    stored = _row(sessions, row_id)
    assert stored.claimed_by == "dead" and stored.message_id

    # While the lease holds, nobody else sends it.
    assert _deliver(sessions, smtp, clock, settings, owner="b").claimed == 0
    clock.advance(seconds=LEASE + 1)
    report = _deliver(sessions, smtp, clock, settings, owner="b")
    assert report.sent == 1
    clock.advance(seconds=LEASE + 1)
    _deliver(sessions, smtp, clock, settings, owner="c")
    assert len(smtp.messages) == 1
    assert smtp.messages[0].message["Message-ID"] == stored.message_id


def test_a_4xx_reply_is_retried_with_the_same_bytes(sessions, smtp, clock, settings):
    row_id = _queue_alert(sessions)
    smtp.handler.data_replies.append("451 4.3.0 Mail server temporarily rejected message")
    report = _deliver(sessions, smtp, clock, settings)
    assert (report.sent, report.retried, report.error) == (0, 1, None)
    assert "451" in (_row(sessions, row_id).last_error or "")
    clock.advance(minutes=5)
    assert _deliver(sessions, smtp, clock, settings).sent == 1
    assert len(smtp.handler.data_attempts) == 2
    assert smtp.handler.data_attempts[0] == smtp.handler.data_attempts[1]
    assert len(smtp.messages) == 1


def test_a_550_recipient_fails_permanently(sessions, smtp, clock, settings):
    row_id = _queue_alert(sessions, email="gone@example.org")
    smtp.handler.refuse["gone@example.org"] = "550 5.1.1 No such user here"
    ok_id = _queue_alert(sessions, email="ok@example.org")
    report = _deliver(sessions, smtp, clock, settings)
    assert (report.sent, report.failed, report.retried, report.pending) == (1, 1, 0, 0)
    failed = _row(sessions, row_id)
    assert failed.status == "failed"
    assert "550" in (failed.last_error or "") and "gone@example.org" in (failed.last_error or "")
    assert _row(sessions, ok_id).status == "sent"
    clock.advance(days=1)
    assert _deliver(sessions, smtp, clock, settings).claimed == 0


def test_answered_temporary_failures_give_up_after_three_days(sessions, smtp, clock, settings):
    young = _queue_alert(
        sessions, email="young@example.org", created_at=clock() - timedelta(days=2)
    )
    old = _queue_alert(sessions, email="old@example.org", created_at=clock() - GIVE_UP_AFTER)
    smtp.handler.data_replies.extend(["452 4.2.2 Mailbox full"] * 2)
    report = _deliver(sessions, smtp, clock, settings)
    assert (report.failed, report.retried) == (1, 1)
    assert _row(sessions, young).status == "pending"
    row = _row(sessions, old)
    assert row.status == "failed" and "gave up after 1 attempts over 3 days" in (
        row.last_error or ""
    )


def test_unsubscribed_advocates_get_nothing(sessions, smtp, clock, settings):
    row_id = _queue_alert(sessions)
    with sessions.begin() as s:
        advocate = s.get(Advocate, _row(sessions, row_id).advocate_id)
        advocate.unsubscribed_at = clock()
    report = _deliver(sessions, smtp, clock, settings)
    assert (report.cancelled, report.claimed, report.sent) == (1, 0, 0)
    assert _row(sessions, row_id).status == "cancelled"
    assert smtp.messages == []


def test_quiet_hours_hold_an_alert_until_not_before(sessions, smtp, clock, settings):
    row_id = _queue_alert(sessions, not_before=T0 + timedelta(hours=9))
    assert _deliver(sessions, smtp, clock, settings).claimed == 0
    clock.advance(hours=9)
    assert _deliver(sessions, smtp, clock, settings).sent == 1
    assert _row(sessions, row_id).status == "sent"


def test_no_mail_without_a_secret_key(sessions, smtp, clock):
    row_id = _queue_alert(sessions)
    with pytest.raises(ConfigError, match="TRACKER_SECRET_KEY"):
        _deliver(sessions, smtp, clock, Settings())
    assert _row(sessions, row_id).status == "pending"
    assert smtp.messages == []


def test_smtp_auth_from_the_url(sessions, smtp_auth, clock, settings):
    _queue_alert(sessions)
    bad = SmtpMailer.from_url(
        f"smtp://tracker:wrong@127.0.0.1:{smtp_auth.port}", mail_from=settings.mail_from
    )
    with bad:
        report = deliver_pending(
            sessions, bad, clock=clock, owner="a", lease_seconds=LEASE, settings=settings
        )
    assert report.error and "535" in report.error and report.pending == 1
    clock.advance(minutes=2)
    good = SmtpMailer.from_url(
        f"smtp://tracker:s3cret%2Fpass@127.0.0.1:{smtp_auth.port}", mail_from=settings.mail_from
    )
    with good:
        report = deliver_pending(
            sessions, good, clock=clock, owner="a", lease_seconds=LEASE, settings=settings
        )
    assert report.sent == 1 and len(smtp_auth.messages) == 1


@pytest.mark.parametrize("backend", ["postgresql"])
def test_two_daemons_never_claim_the_same_rows(request, backend, migrated_url, clock):
    """PostgreSQL: FOR UPDATE SKIP LOCKED lets two open claims split the due rows."""
    if not migrated_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer: a second claim waits for the first to commit")
    engine = make_engine(migrated_url)
    sessions = make_session_factory(engine)
    try:
        ids = [_queue_alert(sessions, email=f"a{i}@example.org") for i in range(4)]
        with Session(engine) as a, Session(engine) as b:
            first = claim_due(a, owner="a", now=clock(), lease_seconds=LEASE, limit=2)
            second = claim_due(b, owner="b", now=clock(), lease_seconds=LEASE, limit=10)
            assert len(first) == 2 and len(second) == 2
            assert set(first).isdisjoint(second) and set(first) | set(second) == set(ids)
            a.commit()
            b.commit()
    finally:
        engine.dispose()
