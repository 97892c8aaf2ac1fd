"""Queries for advocates and their subscriptions; each takes a ``Session``.

The caller owns the transaction. Deleting an advocate relies on the
database's ``ON DELETE CASCADE`` to remove their subscriptions and outbox rows.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.models import Advocate, Bill, Subscription

#: Keeps ``IN (...)`` lists well under every driver's limit on bound parameters.
_CHUNK = 500


def get_advocate(session: Session, email: str) -> Advocate | None:
    return session.scalars(select(Advocate).where(Advocate.email == email)).one_or_none()


def advocates_by_email(session: Session, emails: Collection[str]) -> dict[str, Advocate]:
    """The stored advocates among ``emails``, in one query per 500 addresses."""
    wanted = sorted(set(emails))
    found: dict[str, Advocate] = {}
    for i in range(0, len(wanted), _CHUNK):
        query = select(Advocate).where(Advocate.email.in_(wanted[i : i + _CHUNK]))
        found.update((a.email, a) for a in session.scalars(query))
    return found


def list_advocates(session: Session) -> list[Advocate]:
    return list(session.scalars(select(Advocate).order_by(Advocate.email)))


def delete_advocate(session: Session, advocate: Advocate) -> None:
    session.execute(delete(Advocate).where(Advocate.id == advocate.id))
    session.expunge(advocate)


def subscriptions_with_bills(
    session: Session, advocate_ids: Collection[int] | None = None
) -> list[tuple[Subscription, Bill | None]]:
    """Subscriptions (with their bill, ``None`` for a topic), in one query."""
    query = (
        select(Subscription, Bill)
        .outerjoin(Bill, Subscription.bill_id == Bill.id)
        .order_by(
            Subscription.advocate_id, Subscription.bill_id.is_(None), Bill.key, Subscription.topic
        )
    )
    if advocate_ids is not None:
        query = query.where(Subscription.advocate_id.in_(advocate_ids))
    return [(sub, bill) for sub, bill in session.execute(query)]


def get_bill_subscription(session: Session, advocate_id: int, bill_id: int) -> Subscription | None:
    query = select(Subscription).where(
        Subscription.advocate_id == advocate_id, Subscription.bill_id == bill_id
    )
    return session.scalars(query).one_or_none()


def topic_subscriptions(session: Session, advocate_id: int) -> list[Subscription]:
    query = select(Subscription).where(
        Subscription.advocate_id == advocate_id, Subscription.topic.is_not(None)
    )
    return list(session.scalars(query))


def delete_subscription(session: Session, subscription: Subscription) -> None:
    session.delete(subscription)
