"""The calendar of Congresses: one rule for "has this bill's Congress ended"."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.core.sessions import congress_end_date, congress_ended, congress_start_date


@pytest.mark.parametrize(
    ("congress", "start", "end"),
    [
        (114, date(2015, 1, 3), date(2017, 1, 3)),
        (115, date(2017, 1, 3), date(2019, 1, 3)),
        (119, date(2025, 1, 3), date(2027, 1, 3)),
        (1, date(1789, 1, 3), date(1791, 1, 3)),
    ],
)
def test_a_congress_runs_two_years_from_january_3(congress, start, end):
    assert congress_start_date(congress) == start
    assert congress_end_date(congress) == end
    assert congress_start_date(congress + 1) == congress_end_date(congress)


def test_a_congress_has_ended_from_the_day_the_next_one_begins():
    assert not congress_ended(115, date(2017, 10, 12))  # H.R. 4030 introduced
    assert not congress_ended(115, date(2019, 1, 2))
    assert congress_ended(115, date(2019, 1, 3))
    assert congress_ended(114, date(2026, 11, 2))
    assert not congress_ended(119, date(2026, 11, 2))


def test_there_is_no_congress_zero():
    with pytest.raises(ValueError, match="no Congress numbered 0"):
        congress_end_date(0)
