"""Small query and upsert functions for bills; each takes a ``Session``.

The caller (a CLI command or a job tick) owns the session and the commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Advocate, Bill, Subscription


def get_bill(session: Session, key: str) -> Bill | None:
    return session.scalars(select(Bill).where(Bill.key == key)).one_or_none()


def get_bills(session: Session, keys: Sequence[str]) -> list[Bill]:
    return list(session.scalars(select(Bill).where(Bill.key.in_(keys)).order_by(Bill.key)))


def track_bill(
    session: Session,
    *,
    key: str,
    jurisdiction: str,
    bill_session: str,
    bill_type: str,
    number: int,
    source: str,
    now: datetime,
) -> tuple[Bill, bool]:
    """Mark a bill as tracked (creating it if unknown); its first check is due at once.

    Returns the bill and whether anything changed (tracking twice is harmless).
    """
    bill = get_bill(session, key)
    if bill is None:
        bill = Bill(
            key=key,
            jurisdiction=jurisdiction,
            session=bill_session,
            bill_type=bill_type,
            number=number,
            source=source,
            created_at=now,
            updated_at=now,
            consecutive_failures=0,
            became_law=False,
            session_ended=False,
        )
        session.add(bill)
    elif bill.tracked:
        return bill, False
    bill.tracked = True
    bill.tracked_at = now
    bill.next_check_at = now
    bill.updated_at = now
    session.flush()
    return bill, True


def untrack_bill(session: Session, bill: Bill, *, now: datetime) -> None:
    """Stop checking a bill; its history and events stay."""
    bill.tracked = False
    bill.next_check_at = None
    bill.lease_owner = None
    bill.lease_until = None
    bill.updated_at = now


def count_followers(session: Session, bill_id: int) -> int:
    """Advocates subscribed to the bill who have not unsubscribed from everything."""
    query = (
        select(func.count(func.distinct(Subscription.advocate_id)))
        .join(Advocate, Advocate.id == Subscription.advocate_id)
        .where(Subscription.bill_id == bill_id, Advocate.unsubscribed_at.is_(None))
    )
    return int(session.scalar(query) or 0)


def list_bills(session: Session, *, tracked_only: bool = True) -> list[Bill]:
    query = select(Bill).order_by(Bill.jurisdiction, Bill.session, Bill.bill_type, Bill.number)
    if tracked_only:
        query = query.where(Bill.tracked.is_(True))
    return list(session.scalars(query))
