"""Writing events and instant-alert rows, inside the check's transaction.

Nothing is sent here: rows go into ``bill_events`` (append-only, unique
dedupe key) and the ``outbox`` (one alert per advocate, bill and check, with a
unique dedupe key over the events it tells, listed in ``alert_events``), so
a check that runs twice, or two daemons racing, can never write an event or
an alert twice. Delivery renders and sends later, outside this transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.models import Advocate, AlertEvent, Bill, Notification, Subscription
from db.models import BillEvent as EventRow
from scrapers.refs import citation, ref_of
from tracker.people.quiet_hours import alert_not_before
from tracker.vocab.events import BillEvent, Significance
from tracker.vocab.facts import KIND_WEIGHT


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredEvent:
    id: int
    event: BillEvent


def insert_events(
    session: Session, bill: Bill, events: Sequence[BillEvent], *, now: datetime
) -> list[StoredEvent]:
    """Insert the events that are new; returns those actually inserted, with their ids."""
    rows = [
        {
            "bill_id": bill.id,
            "kind": event.kind,
            "significance": event.significance.value,
            "occurred_on": event.occurred_on,
            "detected_at": now,
            "dedupe_key": event.dedupe_key,
            "summary": event.summary(),
            "payload": event.to_payload(),
        }
        for event in events
    ]
    new_ids = _insert_new(session, EventRow, rows)
    by_key = {event.dedupe_key: event for event in events}
    return [StoredEvent(id=new_ids[key], event=by_key[key]) for key in by_key if key in new_ids]


def queue_alerts(
    session: Session, bill: Bill, stored: Sequence[StoredEvent], *, now: datetime
) -> int:
    """One pending alert per subscribed advocate: every event of this check (or import)
    at or above their threshold, in one row, led by the one that matters most.

    The row's dedupe key names the advocate, the bill and the set of events, so
    writing the same check's alerts twice (a retry, two daemons) is a no-op;
    ``alert_events`` lists the events the alert tells.
    """
    if not stored:
        return 0
    rows, groups = [], {}
    for sub, advocate in _alert_subscribers(session, bill.id):
        items = [s for s in stored if _meets_threshold(sub.alerts, s.event.significance)]
        if not items:
            continue
        row = _alert_row(
            bill, sub, advocate, items, now=now, not_before=alert_not_before(advocate, now)
        )
        rows.append(row)
        groups[row["dedupe_key"]] = [item.id for item in items]
    inserted = _insert_new(session, Notification, rows)
    links = [
        {"notification_id": row_id, "event_id": event_id}
        for key, row_id in inserted.items()
        for event_id in groups[key]
    ]
    for start in range(0, len(links), _CHUNK):
        session.execute(insert(AlertEvent), links[start : start + _CHUNK])
    return len(inserted)


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
    items: Sequence[StoredEvent],
    *,
    now: datetime,
    not_before: datetime | None,
) -> dict[str, Any]:
    level = "every change" if sub.alerts == "all" else "major changes"
    name = _bill_name(bill)
    return {
        "dedupe_key": _group_key(advocate.id, bill.id, items),
        "advocate_id": advocate.id,
        "kind": "alert",
        "event_id": _lead(items).id,
        "subscription_id": sub.id,
        "reason": f"You follow {name} ({bill.key}) with instant alerts for {level}.",
        "status": "pending",
        "attempts": 0,
        "not_before": not_before,
        "next_attempt_at": not_before or now,
        "created_at": now,
    }


def _group_key(advocate_id: int, bill_id: int, items: Sequence[StoredEvent]) -> str:
    """``alert:<advocate>:<bill>:<hash of the events' keys>``: the same check, the same key."""
    keys = "\n".join(sorted(item.event.dedupe_key for item in items))
    digest = hashlib.sha1(keys.encode("utf-8")).hexdigest()
    return f"alert:{advocate_id}:{bill_id}:{digest}"


def _lead(items: Sequence[StoredEvent]) -> StoredEvent:
    """The event the subject names: major first, then by ``KIND_WEIGHT``, then the latest."""

    def weight(item: StoredEvent) -> tuple[bool, int, int]:
        e = item.event
        day = e.occurred_on.toordinal() if e.occurred_on else 0
        rank = KIND_WEIGHT.get(e.kind, len(KIND_WEIGHT))
        return (e.significance is not Significance.MAJOR, rank, -day)

    return min(items, key=weight)


def _bill_name(bill: Bill) -> str:
    return citation(ref_of(bill))


def _insert_new(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> dict[str, int]:
    """INSERT ... ON CONFLICT (dedupe_key) DO NOTHING RETURNING, in chunks of rows.

    Returns {dedupe_key: id} of the rows actually inserted: a duplicate (the same
    change seen twice, or by two daemons) is silently not written again.
    """
    dialect = session.get_bind().dialect.name
    insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
    inserted: dict[str, int] = {}
    for start in range(0, len(rows), _CHUNK):
        stmt = (
            insert_fn(model)
            .values(rows[start : start + _CHUNK])
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
            .returning(model.id, model.dedupe_key)
        )
        inserted.update({key: row_id for row_id, key in session.execute(stmt).all()})
    return inserted


#: Rows per multi-row INSERT: well under SQLite's limit of 32,766 bound parameters.
_CHUNK = 500
