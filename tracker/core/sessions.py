"""When a Congress sits: the one place that says whether a bill's Congress has ended.

Since the Twentieth Amendment (1933, first applied to the 74th Congress in
1935) a Congress runs two years from noon on January 3 of an odd year. The
rule here projects that calendar back to the 1st Congress (1789 + 2(N-1));
the early Congresses really began on March 4 and ended on March 3, which no
bill this tracker follows depends on. A bill of an ended Congress cannot move
again: it died with its Congress or already became law.
"""

from __future__ import annotations

from datetime import date

FIRST_CONGRESS_YEAR = 1789


def congress_start_date(congress: int) -> date:
    """January 3 of the odd year Congress ``congress`` first meets."""
    _check(congress)
    return date(FIRST_CONGRESS_YEAR + 2 * (congress - 1), 1, 3)


def congress_end_date(congress: int) -> date:
    """January 3 two years after its start: the day the next Congress begins."""
    _check(congress)
    return date(FIRST_CONGRESS_YEAR + 2 * congress, 1, 3)


def congress_ended(congress: int, today: date) -> bool:
    """True from the day the next Congress begins (its January 3) onwards."""
    return today >= congress_end_date(congress)


def _check(congress: int) -> None:
    if congress < 1:
        raise ValueError(f"no Congress numbered {congress}")


def current_congress(today: date) -> int:
    """The Congress sitting on ``today`` (a new one from January 3 of each odd year)."""
    congress = (today.year - FIRST_CONGRESS_YEAR) // 2 + 1
    return congress - 1 if today < congress_start_date(congress) else congress


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 12th, 13th, 21st, 115th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
