"""Writing events and instant-alert rows, inside the check's transaction.

Nothing is sent here: rows go into ``bill_events`` (append-only, unique
dedupe key) and the ``outbox`` (unique dedupe key per advocate and event), so
a check that runs twice, or two daemons racing, can never write an event or
an alert twice. Delivery renders and sends later, outside this transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.models import Advocate, Bill, Notification, Subscription
from db.models import BillEvent as EventRow
from scrapers.model import BillRef
from scrapers.refs import citation
from tracker.events import BillEvent, Significance
from tracker.quiet_hours import alert_not_before


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredEvent:
    id: int
    event: BillEvent


def insert_events(
    session: Session, bill: Bill, events: Sequence[BillEvent], *, now: datetime
) -> list[StoredEvent]:
    """Insert the events that are new; returns those actually inserted, with their ids."""
    stored = []
    for event in events:
        values = {
            "bill_id": bill.id,
            "kind": event.kind,
            "significance": event.significance.value,
            "occurred_on": event.occurred_on,
            "detected_at": now,
            "dedupe_key": event.dedupe_key,
            "summary": event.summary(),
            "payload": event.to_payload(),
        }
        new_id = _insert_ignoring_duplicate(session, EventRow, values, "dedupe_key")
        if new_id is not None:
            stored.append(StoredEvent(id=new_id, event=event))
    return stored


def queue_alerts(
    session: Session, bill: Bill, stored: Sequence[StoredEvent], *, now: datetime
) -> int:
    """One pending alert per (subscribed advocate, event at or above their threshold)."""
    if not stored:
        return 0
    queued = 0
    for sub, advocate in _alert_subscribers(session, bill.id):
        not_before = alert_not_before(advocate, now)
        for item in stored:
            if not _meets_threshold(sub.alerts, item.event.significance):
                continue
            values = _alert_row(bill, sub, advocate, item, now=now, not_before=not_before)
            if _insert_ignoring_duplicate(session, Notification, values, "dedupe_key"):
                queued += 1
    return queued


def _alert_subscribers(session: Session, bill_id: int) -> list[tuple[Subscription, Advocate]]:
    rows = session.execute(
        select(Subscription, Advocate)
        .join(Advocate, Advocate.id == Subscription.advocate_id)
        .where(
            Subscription.bill_id == bill_id,
            Subscription.alerts != "none",
            Advocate.unsubscribed_at.is_(None),
        )
        .order_by(Advocate.id)
    ).all()
    return [(r[0], r[1]) for r in rows]


def _meets_threshold(alerts: str, significance: Significance) -> bool:
    return alerts == "all" or (alerts == "major" and significance is Significance.MAJOR)


def _alert_row(
    bill: Bill,
    sub: Subscription,
    advocate: Advocate,
    item: StoredEvent,
    *,
    now: datetime,
    not_before: datetime | None,
) -> dict[str, Any]:
    level = "every change" if sub.alerts == "all" else "major changes"
    name = _bill_name(bill)
    return {
        "dedupe_key": f"alert:{advocate.id}:{item.event.dedupe_key}",
        "advocate_id": advocate.id,
        "kind": "alert",
        "event_id": item.id,
        "subscription_id": sub.id,
        "reason": f"You follow {name} ({bill.key}) with instant alerts for {level}.",
        "status": "pending",
        "attempts": 0,
        "not_before": not_before,
        "next_attempt_at": not_before or now,
        "created_at": now,
    }


def _bill_name(bill: Bill) -> str:
    if bill.jurisdiction == "us":
        ref = BillRef(session=bill.session, bill_type=bill.bill_type, number=bill.number)
        return citation(ref)
    return bill.key


def _insert_ignoring_duplicate(
    session: Session, model: type[Any], values: dict[str, Any], unique_column: str
) -> int | None:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING id; None when the row already existed."""
    dialect = session.get_bind().dialect.name
    insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert_fn(model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=[unique_column])
        .returning(model.id)
    )
    return session.execute(stmt).scalar_one_or_none()
