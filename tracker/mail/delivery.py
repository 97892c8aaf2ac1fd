"""Delivering the outbox: claim due rows with a lease, render, send, record.

Each step is its own short transaction and nothing is sent inside one:

1. cancel the pending rows of advocates who unsubscribed;
2. claim due rows (``pending``, ``next_attempt_at`` and ``not_before`` passed,
   no live lease) by setting ``claimed_by``/``claimed_until`` with one
   ``UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT n)
   RETURNING id``; on PostgreSQL two daemons never claim the same row, on
   SQLite the single writer serialises the claims;
3. render what has no body yet (alerts) and store subject, bodies and
   Message-ID on the row, so any later attempt sends the same bytes;
4. send each message (no transaction open), then record the outcome in a
   transaction of its own: ``sent``; a temporary answer about the message
   (a 4xx to its recipient or content) keeps it ``pending`` with
   ``attempts + 1`` and an exponentially later ``next_attempt_at``, and after
   ``GIVE_UP_AFTER`` (3 days) of such answers it is ``failed``; a permanent one
   (5xx such as 550 "no such user") makes it ``failed`` at once, with
   ``last_error`` kept for ``tracker outbox``.

An outage is not a message failure. When the server cannot be used at all
(connection refused, timeout, 421, authentication), no message is charged an
attempt: the run stops, and every message it had claimed waits
``outage_wait`` (a quarter of how long the oldest of them has waited, from
one minute to thirty), so a long outage is probed a few times an hour and the
mail goes out when the server comes back, however long it was away.
``tracker outbox retry`` puts failed messages back in the queue.

Delivery is at-least-once. A crash after the claim and before the send
leaves a lease that expires after ``lease_seconds``; the next run then sends
the row once. The one window that can repeat a message is between the SMTP
server's acceptance of the DATA and the commit of ``sent``, recorded for each
message right after it is accepted: a crash repeats at most that one message.
The window is milliseconds, but so is a send, so a kill at a random moment
lands in it fairly often (bench/drill_delivery_kills.py: 3 of 30 kills on
SQLite, 11 of 30 on PostgreSQL). The repeat carries the same Message-ID,
which mail clients use to fold duplicates.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any, Protocol

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import Advocate, Bill, BillEvent, Notification
from tracker.core.clock import Clock
from tracker.core.settings import Settings
from tracker.mail.links import warn_once_if_loopback
from tracker.mail.message import InvalidAddress, Outgoing, build_message
from tracker.mail.prepare import PreparedMail, prepare_claimed
from tracker.mail.smtp import PermanentSendError, SmtpUnavailable, TemporarySendError
from tracker.mail.tokens import require_secret_key

logger = logging.getLogger(__name__)

#: How long answered temporary failures (4xx about the message) go on before the
#: message is given up as failed. Outages never count towards it.
GIVE_UP_AFTER = timedelta(days=3)
BACKOFF_BASE = timedelta(minutes=1)
OUTAGE_WAIT_MIN = timedelta(minutes=1)
OUTAGE_WAIT_MAX = timedelta(minutes=30)
BACKOFF_MAX = timedelta(hours=6)
STATUSES = ("pending", "sent", "failed", "cancelled")


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


@dataclass(slots=True, kw_only=True)
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    retried: int = 0
    pending: int = 0  # still pending after this run (due later, or not yet claimed)
    cancelled: int = 0  # advocates who unsubscribed
    error: str | None = None  # the SMTP server could not be used at all

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def backoff(attempts: int) -> timedelta:
    """Wait before attempt ``attempts + 1``: 1, 2, 4 ... minutes, at most 6 hours."""
    doubled: timedelta = BACKOFF_BASE * 2 ** min(max(attempts - 1, 0), 20)
    return min(doubled, BACKOFF_MAX)


def outage_wait(oldest: datetime, now: datetime) -> timedelta:
    """How long to leave the server alone: grows with how long the mail has waited."""
    return min(OUTAGE_WAIT_MAX, max(OUTAGE_WAIT_MIN, (now - oldest) / 4))


def deliver_pending(
    sessions: sessionmaker[Session],
    mailer: Mailer,
    *,
    clock: Clock,
    owner: str,
    lease_seconds: int,
    limit: int = 100,
    settings: Settings,
    **render_options: Any,
) -> DeliveryReport:
    """Send what is due now; ``render_options`` go to the renderer (contact finder in tests)."""
    secret_key = require_secret_key(settings)
    report = DeliveryReport()
    with sessions.begin() as session:
        report.cancelled = cancel_unsubscribed(session)
    with sessions.begin() as session:
        ids = claim_due(session, owner=owner, now=clock(), lease_seconds=lease_seconds, limit=limit)
    report.claimed = len(ids)
    if ids:
        with sessions.begin() as session:
            batch = prepare_claimed(
                session,
                ids,
                owner=owner,
                settings=settings,
                secret_key=secret_key,
                **render_options,
            )
        report.failed += batch.failed
        report.cancelled += batch.cancelled
        _send_all(
            sessions,
            mailer,
            batch.mails,
            clock=clock,
            owner=owner,
            settings=settings,
            report=report,
        )
        if report.sent:
            warn_once_if_loopback(settings.public_url)
    with sessions.begin() as session:
        report.pending = count_pending(session)
    return report


def cancel_unsubscribed(session: Session) -> int:
    gone = select(Advocate.id).where(Advocate.unsubscribed_at.is_not(None))
    result = session.execute(
        update(Notification)
        .where(Notification.status == "pending", Notification.advocate_id.in_(gone))
        .values(status="cancelled", claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def claim_due(
    session: Session, *, owner: str, now: datetime, lease_seconds: int, limit: int
) -> list[int]:
    """Lease up to ``limit`` due rows to ``owner``; returns their ids, oldest due first."""
    due = (
        select(Notification.id)
        .where(
            Notification.status == "pending",
            Notification.next_attempt_at <= now,
            or_(Notification.not_before.is_(None), Notification.not_before <= now),
            or_(Notification.claimed_until.is_(None), Notification.claimed_until <= now),
        )
        .order_by(Notification.next_attempt_at, Notification.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = session.execute(
        update(Notification)
        .where(Notification.id.in_(due.scalar_subquery()))
        .values(claimed_by=owner, claimed_until=now + timedelta(seconds=lease_seconds))
        .returning(Notification.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(rows.scalars())


def count_pending(session: Session) -> int:
    stmt = select(func.count()).select_from(Notification).where(Notification.status == "pending")
    return int(session.scalar(stmt) or 0)


def _send_all(
    sessions: sessionmaker[Session],
    mailer: Mailer,
    prepared: Sequence[PreparedMail],
    *,
    clock: Clock,
    owner: str,
    settings: Settings,
    report: DeliveryReport,
) -> None:
    for position, mail in enumerate(prepared):
        try:
            mailer.send(build_message(mail.outgoing, mail_from=settings.mail_from))
        except (PermanentSendError, InvalidAddress) as exc:
            _record(sessions, mail, clock(), owner, failed=str(exc))
            report.failed += 1
        except SmtpUnavailable as exc:
            # Nothing will get through now, and that says nothing about any message:
            # charge none of them, and leave the server alone for a while.
            logger.warning("delivery paused: %s", exc)
            report.error = str(exc)
            _pause(sessions, prepared[position:], clock(), owner, str(exc))
            return
        except TemporarySendError as exc:
            _record_retry(sessions, mail, clock(), owner, str(exc), report)
        else:
            _record(sessions, mail, clock(), owner)
            report.sent += 1


def _record_retry(
    sessions: sessionmaker[Session],
    mail: PreparedMail,
    now: datetime,
    owner: str,
    error: str,
    report: DeliveryReport,
) -> None:
    if now - mail.created_at >= GIVE_UP_AFTER:
        days = GIVE_UP_AFTER.days
        failed = f"gave up after {mail.attempts + 1} attempts over {days} days: {error}"
        _record(sessions, mail, now, owner, failed=failed)
        report.failed += 1
        return
    _record(sessions, mail, now, owner, retry=error)
    report.retried += 1


def _record(
    sessions: sessionmaker[Session],
    mail: PreparedMail,
    now: datetime,
    owner: str,
    *,
    failed: str | None = None,
    retry: str | None = None,
) -> None:
    """One short transaction recording one attempt's outcome."""
    values: dict[str, Any] = {
        "attempts": mail.attempts + 1,
        "claimed_by": None,
        "claimed_until": None,
    }
    where = [Notification.id == mail.id, Notification.status == "pending"]
    if failed is not None:
        values |= {"status": "failed", "last_error": failed}
    elif retry is not None:
        values |= {"last_error": retry, "next_attempt_at": now + backoff(mail.attempts + 1)}
    else:
        values |= {"status": "sent", "sent_at": now}
    if failed is not None or retry is not None:
        # Only the lease holder decides about a retry; "sent" is recorded whoever
        # holds the lease now, because the message did go out.
        where.append(Notification.claimed_by == owner)
    with sessions.begin() as session:
        session.execute(
            update(Notification)
            .where(*where)
            .values(**values)
            .execution_options(synchronize_session=False)
        )


def _pause(
    sessions: sessionmaker[Session],
    mails: Sequence[PreparedMail],
    now: datetime,
    owner: str,
    error: str,
) -> None:
    """Put claimed mail back for later without charging an attempt (the server is away)."""
    wait = outage_wait(min(m.created_at for m in mails), now)
    with sessions.begin() as session:
        session.execute(
            update(Notification)
            .where(
                Notification.id.in_([m.id for m in mails]),
                Notification.status == "pending",
                Notification.claimed_by == owner,
            )
            .values(
                claimed_by=None,
                claimed_until=None,
                next_attempt_at=now + wait,
                last_error=f"mail server unavailable (not charged to this message): {error}",
            )
            .execution_options(synchronize_session=False)
        )


def requeue_failed(session: Session, *, ids: Sequence[int] = (), now: datetime) -> int:
    """Failed messages (all, or those of ``ids``) pending again, as if new; returns how many."""
    stmt = update(Notification).where(Notification.status == "failed")
    if ids:
        stmt = stmt.where(Notification.id.in_(list(ids)))
    result = session.execute(
        stmt.values(
            status="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,  # the give-up clock starts again
            last_error=None,
            claimed_by=None,
            claimed_until=None,
        ).execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True, slots=True, kw_only=True)
class OutboxEntry:
    id: int
    kind: str
    to: str
    subject: str | None
    status: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_error: str | None
    bill: str | None = None  # the bill the message is about (None for a digest)
    about: str | None = None  # the change that raised it, in one line

    def to_json(self) -> dict[str, Any]:
        return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(self).items()}


def list_outbox(
    session: Session, *, status: str | None = None, limit: int = 100
) -> list[OutboxEntry]:
    """The operator's view: newest first, optionally one status."""
    stmt = (
        select(Notification, Advocate.email, Bill.key, BillEvent.summary)
        .join(Advocate, Advocate.id == Notification.advocate_id)
        .outerjoin(BillEvent, BillEvent.id == Notification.event_id)
        .outerjoin(Bill, Bill.id == BillEvent.bill_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    if status:
        stmt = stmt.where(Notification.status == status)
    return [
        replace(_entry(n, email), bill=key, about=summary)
        for n, email, key, summary in session.execute(stmt)
    ]


def _entry(n: Notification, email: str) -> OutboxEntry:
    return OutboxEntry(
        id=n.id,
        kind=n.kind,
        to=email,
        subject=n.subject,
        status=n.status,
        attempts=n.attempts,
        created_at=n.created_at,
        next_attempt_at=n.next_attempt_at if n.status == "pending" else None,
        sent_at=n.sent_at,
        last_error=n.last_error,
    )


__all__ = [
    "DeliveryReport",
    "Mailer",
    "Outgoing",
    "backoff",
    "claim_due",
    "deliver_pending",
    "list_outbox",
    "outage_wait",
    "requeue_failed",
]
