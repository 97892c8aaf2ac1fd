"""Quiet hours and local times of advocates: when an alert may be sent.

An advocate may set ``quiet_start_hour`` and ``quiet_end_hour`` (local hours,
0-23, in ``advocate.timezone``). Alerts written during that window wait until
it ends (the outbox row's ``not_before``). Windows may cross midnight
(21 -> 8); equal hours mean no window. Local times are worked out with
``zoneinfo``, so daylight-saving changes move the UTC end, not the local one.

Imports only the standard library and ``db.models`` (for the type).
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from db.models import Advocate

logger = logging.getLogger(__name__)


def advocate_zone(name: str | None) -> ZoneInfo:
    """The advocate's time zone; an unknown name falls back to UTC (and is logged)."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        logger.warning("unknown time zone %r, using UTC", name)
        return ZoneInfo("UTC")


def local_moment(day: date, hour: int, zone: ZoneInfo) -> datetime:
    """``hour``:00 local on ``day`` as aware UTC.

    In a spring-forward gap (e.g. 02:00 on the day clocks skip to 03:00) the
    wall time does not exist; zoneinfo then applies the offset from before the
    change, which lands one hour later in real time: the first instant the
    clock reads at or after ``hour``.
    """
    return datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)


def in_quiet_hours(local_hour: int, start: int, end: int) -> bool:
    if start == end:
        return False
    if start < end:
        return start <= local_hour < end
    return local_hour >= start or local_hour < end  # the window crosses midnight


def alert_not_before(advocate: Advocate, now: datetime) -> datetime | None:
    """The end of the advocate's quiet hours in UTC, or None when they are not in them."""
    start, end = advocate.quiet_start_hour, advocate.quiet_end_hour
    if start is None or end is None:
        return None
    zone = advocate_zone(advocate.timezone)
    local = now.astimezone(zone)
    if not in_quiet_hours(local.hour, start % 24, end % 24):
        return None
    ends = local_moment(local.date(), end % 24, zone)
    if ends <= now:
        ends = local_moment(local.date() + timedelta(days=1), end % 24, zone)
    return ends
