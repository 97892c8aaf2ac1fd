"""Quiet hours: windows across midnight and daylight-saving changes, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db.models import Advocate
from tracker.people.quiet_hours import alert_not_before


def _advocate(start: int | None, end: int | None, tz: str = "America/New_York") -> Advocate:
    return Advocate(email="a@example.org", timezone=tz, quiet_start_hour=start, quiet_end_hour=end)


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (_utc(2026, 1, 15, 2, 30), _utc(2026, 1, 15, 13, 0)),  # 21:30 EST -> 08:00 EST next day
        (_utc(2026, 1, 15, 12, 59), _utc(2026, 1, 15, 13, 0)),  # 07:59 EST, still quiet
        (_utc(2026, 1, 15, 13, 0), None),  # 08:00 EST: the window is over
        (_utc(2026, 1, 15, 1, 59), None),  # 20:59 EST: not yet
        (_utc(2026, 1, 15, 2, 0), _utc(2026, 1, 15, 13, 0)),  # 21:00 EST: starts
    ],
)
def test_window_across_midnight(now, expected):
    assert alert_not_before(_advocate(21, 8), now) == expected


def test_spring_forward_ends_at_local_eight():
    # 2026-03-08: New York skips 02:00 -> 03:00. 01:30 EST = 06:30 UTC;
    # quiet ends at 08:00 EDT = 12:00 UTC, not 13:00.
    assert alert_not_before(_advocate(22, 8), _utc(2026, 3, 8, 6, 30)) == _utc(2026, 3, 8, 12, 0)


def test_fall_back_ends_at_local_eight():
    # 2026-11-01: New York repeats 01:00-02:00. 08:00 EST = 13:00 UTC.
    assert alert_not_before(_advocate(22, 8), _utc(2026, 11, 1, 5, 30)) == _utc(2026, 11, 1, 13, 0)


def test_window_within_one_day_and_other_zones():
    tokyo = _advocate(13, 15, tz="Asia/Tokyo")
    assert alert_not_before(tokyo, _utc(2026, 6, 1, 4, 30)) == _utc(2026, 6, 1, 6, 0)  # 13:30 JST
    assert alert_not_before(tokyo, _utc(2026, 6, 1, 6, 0)) is None  # 15:00 JST


@pytest.mark.parametrize(("start", "end"), [(None, 8), (21, None), (None, None), (8, 8)])
def test_no_window(start, end):
    assert alert_not_before(_advocate(start, end), _utc(2026, 1, 15, 3, 0)) is None


def test_unknown_zone_falls_back_to_utc():
    advocate = _advocate(21, 8, tz="Mars/Olympus_Mons")
    assert alert_not_before(advocate, _utc(2026, 1, 15, 22, 0)) == _utc(2026, 1, 16, 8, 0)
