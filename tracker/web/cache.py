"""The calendar feed's items, kept between requests until the data behind them changes.

Reading announcements from stored snapshots means reading every tracked
bill's snapshot (nothing in a JSON document can be indexed on both
databases), which takes about a second with 20,000 bills. Calendar clients
poll the feed often and the schedule changes rarely, so the list is computed
once and reused while ``schedule_fingerprint`` (two index lookups) stays the
same, for at most ``max_age``, which also bounds how long the meetings of a
bill that is no longer tracked stay in the feed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from tracker.report.announcements import ScheduleItem, schedule_fingerprint, scheduled_items


@dataclass
class ScheduleCache:
    max_age: timedelta = timedelta(minutes=15)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _fingerprint: tuple[Any, ...] | None = None
    _stored_at: datetime | None = None
    _items: list[ScheduleItem] = field(default_factory=list)

    def items(self, session: Session, *, now: datetime) -> list[ScheduleItem]:
        fingerprint = schedule_fingerprint(session)
        with self._lock:
            if self._fresh(fingerprint, now):
                return self._items
        items = scheduled_items(session)  # outside the lock: readers wait for nothing
        with self._lock:
            self._fingerprint, self._stored_at, self._items = fingerprint, now, items
        return items

    def _fresh(self, fingerprint: tuple[Any, ...], now: datetime) -> bool:
        return (
            self._fingerprint == fingerprint
            and self._stored_at is not None
            and timedelta(0) <= now - self._stored_at <= self.max_age
        )
