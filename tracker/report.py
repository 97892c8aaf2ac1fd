"""The status report: one row per bill, from what is stored (no network).

Used by ``tracker status`` / ``tracker list`` and, later, the web page and API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from db.models import Bill


class Health(StrEnum):
    OK = "ok"
    PENDING = "pending"  # tracked, never checked yet
    FAILING = "failing"  # the last check failed
    STALE = "stale"  # no successful check for longer than stale_after_hours


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusRow:
    id: str
    title: str | None
    stage: str | None
    stage_chamber: str | None
    stage_date: date | None
    latest_action_date: date | None
    latest_action_text: str | None
    days_since_moved: int | None
    tracked: bool
    source: str
    source_url: str | None
    last_checked: datetime | None
    last_changed: datetime | None
    next_check: datetime | None
    health: Health
    error: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "stage": self.stage,
            "stage_chamber": self.stage_chamber,
            "stage_date": _iso(self.stage_date),
            "latest_action": (
                {"date": _iso(self.latest_action_date), "text": self.latest_action_text}
                if self.latest_action_text is not None
                else None
            ),
            "days_since_moved": self.days_since_moved,
            "tracked": self.tracked,
            "source": self.source,
            "source_url": self.source_url,
            "last_checked": _iso(self.last_checked),
            "last_changed": _iso(self.last_changed),
            "next_check": _iso(self.next_check),
            "health": self.health.value,
            "error": self.error,
        }


def status_row(bill: Bill, *, now: datetime, stale_after: timedelta) -> StatusRow:
    moved = bill.latest_action_date or bill.stage_date
    return StatusRow(
        id=bill.key,
        title=bill.title,
        stage=bill.stage,
        stage_chamber=bill.stage_chamber,
        stage_date=bill.stage_date,
        latest_action_date=bill.latest_action_date,
        latest_action_text=bill.latest_action_text,
        days_since_moved=(now.date() - moved).days if moved else None,
        tracked=bill.tracked,
        source=bill.source,
        source_url=bill.source_url,
        last_checked=bill.last_checked_at,
        last_changed=bill.last_changed_at,
        next_check=bill.next_check_at,
        health=bill_health(bill, now=now, stale_after=stale_after),
        error=bill.last_error if bill.consecutive_failures else None,
    )


def bill_health(bill: Bill, *, now: datetime, stale_after: timedelta) -> Health:
    if bill.tracked and bill.last_success_at is None:
        since = bill.tracked_at or bill.created_at
        if bill.consecutive_failures and now - since > stale_after:
            return Health.STALE
        return Health.FAILING if bill.consecutive_failures else Health.PENDING
    if bill.tracked and bill.last_success_at and now - bill.last_success_at > stale_after:
        return Health.STALE
    return Health.FAILING if bill.consecutive_failures else Health.OK


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
