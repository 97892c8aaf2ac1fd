"""When to check a bill next: often while it moves, rarely once it rests or is done.

Intervals come from settings. A bill that changed recently is *active*; after
``dormant_after_days`` without change it is *dormant*, after
``archived_after_days`` *archived*; an enacted, vetoed, failed or adopted
bill, or one whose Congress has ended, is *final*. Jitter spreads checks so a
thousand bills tracked in one afternoon do not all fall due in one minute.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from scrapers.model import Stage
from tracker.core.settings import Settings

FINAL_STAGES = frozenset({Stage.ENACTED, Stage.VETOED, Stage.FAILED, Stage.ADOPTED})

#: First retry of a failing bill after this long; doubles per consecutive failure.
FAILURE_BACKOFF_BASE = timedelta(minutes=5)


def congress_ended(congress: int, today: date) -> bool:
    """A Congress ends at noon on January 3 of the odd year after its second session."""
    return today >= date(1789 + 2 * congress, 1, 3)


def session_ended(jurisdiction: str, session: str, today: date) -> bool:
    if jurisdiction == "us" and session.isdigit():
        return congress_ended(int(session), today)
    return False


def check_interval(
    *,
    stage: str | None,
    ended: bool,
    last_moved: datetime | None,
    now: datetime,
    settings: Settings,
) -> timedelta:
    """The base interval before the next check of a healthy bill."""
    if ended or (stage is not None and stage in FINAL_STAGES):
        return timedelta(seconds=settings.check_interval_final)
    quiet = now - last_moved if last_moved else timedelta(0)
    if quiet >= timedelta(days=settings.archived_after_days):
        return timedelta(seconds=settings.check_interval_archived)
    if quiet >= timedelta(days=settings.dormant_after_days):
        return timedelta(seconds=settings.check_interval_dormant)
    return timedelta(seconds=settings.check_interval_active)


def with_jitter(
    interval: timedelta, fraction: float, rand: Callable[[], float] = random.random
) -> timedelta:
    return timedelta(seconds=interval.total_seconds() * (1.0 + fraction * rand()))


def failure_backoff(failures: int, settings: Settings) -> timedelta:
    """Wait before re-checking a bill that failed ``failures`` times in a row."""
    exponent = max(failures - 1, 0)
    wait: timedelta = FAILURE_BACKOFF_BASE * (2 ** min(exponent, 20))
    return min(wait, timedelta(seconds=settings.failure_backoff_max))
