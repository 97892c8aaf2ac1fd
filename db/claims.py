"""Leases on bills, so several daemons never check the same bill at once.

After APScheduler 4's data-store contract: a bill is claimable when it is
tracked, due, and its lease is free, expired, or already ours. PostgreSQL
picks candidates with ``FOR UPDATE SKIP LOCKED`` (concurrent claimers skip
each other's rows instead of waiting), then one ``UPDATE ... RETURNING``
takes them. On SQLite ``FOR UPDATE`` compiles to nothing and the single
writer lock makes the same statement safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from db.models import Bill


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimedBill:
    id: int
    key: str
    source: str


def _lease_free(owner: str, now: datetime) -> ColumnElement[bool]:
    return or_(Bill.lease_owner.is_(None), Bill.lease_until < now, Bill.lease_owner == owner)


def claim_bills(
    session: Session,
    *,
    owner: str,
    now: datetime,
    lease_until: datetime,
    limit: int,
    due_only: bool = True,
    keys: Sequence[str] | None = None,
    not_checked_since: datetime | None = None,
) -> list[ClaimedBill]:
    """Lease up to ``limit`` tracked bills (due ones, or the named ``keys``) to ``owner``.

    ``not_checked_since`` leaves out bills already checked in the current cycle,
    so a cycle that claims in batches never takes the same bill twice.
    """
    conditions = [Bill.tracked.is_(True), _lease_free(owner, now)]
    if not_checked_since is not None:
        conditions.append(
            or_(Bill.last_checked_at.is_(None), Bill.last_checked_at < not_checked_since)
        )
    if due_only:
        conditions.append(Bill.next_check_at <= now)
    if keys is not None:
        conditions.append(Bill.key.in_(keys))
    candidates = (
        select(Bill.id)
        .where(and_(*conditions))
        .order_by(Bill.next_check_at, Bill.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    stmt = (
        update(Bill)
        .where(Bill.id.in_(candidates.scalar_subquery()), _lease_free(owner, now))
        .values(lease_owner=owner, lease_until=lease_until)
        .returning(Bill.id, Bill.key, Bill.source)
        .execution_options(synchronize_session=False)
    )
    rows = session.execute(stmt).all()
    return sorted(
        (ClaimedBill(id=r.id, key=r.key, source=r.source) for r in rows), key=lambda c: c.key
    )


def holds_lease(session: Session, bill_id: int, owner: str) -> Bill | None:
    """The bill, locked for this transaction, if ``owner`` still holds its lease; else None.

    Called at the start of the transaction that stores a check's result, so a
    daemon whose lease expired (it was paused or slow) never overwrites the
    newer work of the daemon that took the bill over. A lease that ran out
    while nobody took the bill over is still ours: no one else touched it.
    """
    bill = session.scalars(select(Bill).where(Bill.id == bill_id).with_for_update()).one_or_none()
    return bill if bill is not None and bill.lease_owner == owner else None


def release_leases(session: Session, *, owner: str) -> int:
    """Give back every lease ``owner`` holds (on a clean shutdown)."""
    stmt = (
        update(Bill)
        .where(Bill.lease_owner == owner)
        .values(lease_owner=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).rowcount or 0  # type: ignore[attr-defined]


def renew_leases(session: Session, *, ids: Sequence[int], owner: str, lease_until: datetime) -> int:
    """Extend the leases ``owner`` still holds among ``ids``; returns how many.

    One statement for the whole batch. Bills already written (their lease
    released) or taken over by another daemon do not match ``owner`` and are
    left alone, so a renewal never takes a bill back.
    """
    stmt = (
        update(Bill)
        .where(Bill.id.in_(ids), Bill.lease_owner == owner)
        .values(lease_until=lease_until)
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).rowcount or 0  # type: ignore[attr-defined]
