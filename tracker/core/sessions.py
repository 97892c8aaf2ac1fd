"""When a Congress ends: noon on January 3 of the odd year after its second session.

The one rule every part uses to say a bill "died with its Congress" (the 115th
ended on January 3, 2019). Dates only: a Congress counts as ended on the whole
of its last day, as the check schedule has always counted it.
"""

from __future__ import annotations

from datetime import date


def congress_end_date(congress: int) -> date:
    """The day Congress ``congress`` ends (at noon): January 3 of 1789 + 2N."""
    return date(1789 + 2 * congress, 1, 3)


def congress_ended(congress: int, today: date) -> bool:
    return today >= congress_end_date(congress)
