"""Lead-time reminders: before a meeting on a followed bill, one email per follower.

``queue_due_reminders`` runs on the daemon's reminder tick (and ``tracker schedules
remind``). It looks at the scheduled meetings of the next day or two linked to
tracked bills and, for every advocate who follows such a bill (alerts not "none",
reminders on, still subscribed), works out when the reminder is due:
``starts_at - lead`` (``reminder_lead_hours``, default 24). When that instant
falls in the advocate's quiet hours (their own time zone), the reminder goes
EARLIER, just before the quiet hours begin, never later: a reminder that arrives
after the meeting is no reminder. Once due, it is rendered and written to the
outbox with its body, so delivery (``tracker.mail.delivery``) sends it exactly as
it sends any row, and at most once: the dedupe key names meeting, bill, advocate
and the start time.

A cancelled or postponed meeting is never reminded (only ``scheduled`` meetings
are read), and ``tracker.checking.schedule_store`` cancels the pending reminders
of a meeting that moves or goes away; a moved meeting has a new start time, so
a new key and a new reminder. A meeting linked to the bill after its reminder
time gets no reminder: its announcement has just gone out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.models import Advocate, Bill, Meeting, MeetingBill, Notification, Subscription
from tracker.mail.calls import CallPlanner, ContactFinder
from tracker.mail.compose import latest_actions
from tracker.mail.message import message_id_for
from tracker.mail.reminder_email import render_reminder
from tracker.people.quiet_hours import advocate_zone, in_quiet_hours, local_moment

#: How far before the quiet hours begin a reminder moved out of them is sent.
BEFORE_QUIET = timedelta(minutes=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Due:
    meeting: Meeting
    bill: Bill
    subscription: Subscription
    advocate: Advocate
    key: str


def reminder_key(meeting: Meeting, bill_id: int, advocate_id: int) -> str:
    """Stable per meeting, bill, advocate and start: a moved meeting gets a new one."""
    start = meeting.starts_at.astimezone(UTC)
    return f"reminder:{meeting.id}:{bill_id}:{advocate_id}:{start:%Y%m%dT%H%MZ}"


def reminder_send_at(advocate: Advocate, due: datetime) -> datetime:
    """``due``, or just before the advocate's quiet hours when it falls inside them."""
    start, end = advocate.quiet_start_hour, advocate.quiet_end_hour
    if start is None or end is None:
        return due
    zone = advocate_zone(advocate.timezone)
    local = due.astimezone(zone)
    if not in_quiet_hours(local.hour, start % 24, end % 24):
        return due
    day = local.date()
    if start % 24 > end % 24 and local.hour < end % 24:
        day -= timedelta(days=1)  # after midnight: the quiet hours began the evening before
    return local_moment(day, start % 24, zone) - BEFORE_QUIET


def queue_due_reminders(
    session: Session,
    *,
    now: datetime,
    lead: timedelta,
    public_url: str,
    secret_key: str,
    mail_from: str,
    finder: ContactFinder | None = None,
) -> int:
    """Render and queue every reminder that is due now; returns how many were queued."""
    due = _due(session, now=now, lead=lead)
    if not due:
        return 0
    actions = latest_actions(session, {d.bill.id for d in due})
    planner = CallPlanner(session, finder=finder)
    rows = []
    for item in due:
        email = render_reminder(
            advocate=item.advocate,
            meeting=item.meeting,
            bill=item.bill,
            subscription=item.subscription,
            actions=actions.get(item.bill.id, ()),
            calls=planner,
            public_url=public_url,
            secret_key=secret_key,
        )
        rows.append(_row(item, email.subject, email.text, email.html, now, mail_from))
    return _insert_new(session, rows)


def _due(session: Session, *, now: datetime, lead: timedelta) -> list[_Due]:
    # Quiet hours move a reminder at most a day earlier: look that far ahead.
    horizon = now + lead + timedelta(days=1)
    rows = session.execute(
        select(Meeting, MeetingBill.linked_at, Bill, Subscription, Advocate)
        .join(MeetingBill, MeetingBill.meeting_id == Meeting.id)
        .join(Bill, Bill.id == MeetingBill.bill_id)
        .join(Subscription, Subscription.bill_id == Bill.id)
        .join(Advocate, Advocate.id == Subscription.advocate_id)
        .where(
            Meeting.status == "scheduled",
            Meeting.starts_at > now,
            Meeting.starts_at <= horizon,
            Bill.tracked == true(),
            Subscription.alerts != "none",
            Advocate.unsubscribed_at.is_(None),
            Advocate.reminders == true(),
        )
        .order_by(Meeting.starts_at, Advocate.id)
    ).all()
    found = []
    for meeting, linked_at, bill, sub, advocate in rows:
        send_at = reminder_send_at(advocate, meeting.starts_at - lead)
        if send_at <= now and linked_at < send_at:
            key = reminder_key(meeting, bill.id, advocate.id)
            found.append(
                _Due(meeting=meeting, bill=bill, subscription=sub, advocate=advocate, key=key)
            )
    queued = set(
        session.scalars(
            select(Notification.dedupe_key).where(
                Notification.dedupe_key.in_([d.key for d in found])
            )
        )
    )
    return [d for d in found if d.key not in queued]


def _row(
    item: _Due, subject: str, text: str, html: str, now: datetime, mail_from: str
) -> dict[str, Any]:
    return {
        "dedupe_key": item.key,
        "advocate_id": item.advocate.id,
        "kind": "reminder",
        "subscription_id": item.subscription.id,
        "reason": f"Reminder before a meeting on {item.bill.key}",
        "subject": subject,
        "body_text": text,
        "body_html": html,
        "message_id": message_id_for(item.key, mail_from),
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


def _insert_new(session: Session, rows: list[dict[str, Any]]) -> int:
    """INSERT ... ON CONFLICT (dedupe_key) DO NOTHING: two daemons queue a reminder once."""
    dialect = session.get_bind().dialect.name
    insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert_fn(Notification).values(rows).on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    return len(session.execute(stmt.returning(Notification.id)).all())
