"""Builders of database rows for tests that need advocates, subscriptions or bills."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from db.bills import track_bill
from db.models import Advocate, Bill, Subscription
from scrapers.refs import parse_federal_ref

T0 = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


@dataclass
class MutableClock:
    """An injected clock tests move by hand; nothing ever sleeps."""

    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def add_tracked_bill(
    session: Session, key: str, *, source: str = "govinfo", now: datetime = T0
) -> Bill:
    ref = parse_federal_ref(key)
    assert ref is not None, key
    bill, _ = track_bill(
        session,
        key=ref.key,
        jurisdiction=ref.jurisdiction,
        bill_session=ref.session,
        bill_type=ref.bill_type,
        number=ref.number,
        source=source,
        now=now,
    )
    return bill


def add_advocate(session: Session, email: str, **overrides: Any) -> Advocate:
    fields: dict[str, Any] = {
        "email": email,
        "name": "Test Advocate",
        "state": "CA",
        "district": 12,
        "timezone": "America/Los_Angeles",
        "digest_hour": 8,
        "created_at": T0,
    }
    advocate = Advocate(**(fields | overrides))
    session.add(advocate)
    session.flush()
    return advocate


def subscribe(session: Session, advocate: Advocate, bill: Bill, **overrides: Any) -> Subscription:
    fields: dict[str, Any] = {
        "advocate_id": advocate.id,
        "bill_id": bill.id,
        "stance": "support",
        "alerts": "all",
        "digest": "none",
        "created_at": T0,
    }
    sub = Subscription(**(fields | overrides))
    session.add(sub)
    session.flush()
    return sub
