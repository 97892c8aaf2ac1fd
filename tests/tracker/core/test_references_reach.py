"""References to Congresses a source cannot have are refused with one line (exit 2)."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.core.errors import UnknownReference
from tracker.core.references import ordinal, resolve_reference
from tracker.core.sessions import current_congress
from tracker.core.settings import Settings

TODAY = date(2026, 12, 6)


def test_govinfo_has_no_bill_before_the_108th_congress():
    with pytest.raises(UnknownReference) as caught:
        resolve_reference("hr4030-107", Settings(), today=TODAY)
    assert str(caught.value) == (
        "hr4030-107: govinfo has bills from the 108th Congress on (2003); the 107th is not there"
    )
    assert caught.value.exit_code == 2
    assert resolve_reference("hr1-108", Settings(), today=TODAY).ref.key == "hr1-108"


def test_congress_gov_reaches_back_to_the_93rd():
    settings = Settings(federal_source="congress_gov")
    assert resolve_reference("hr1-93", settings, today=TODAY).source == "congress_gov"
    assert resolve_reference("hr4030-107", settings, today=TODAY).ref.key == "hr4030-107"


def test_a_congress_that_has_not_begun_is_refused():
    with pytest.raises(UnknownReference, match=r"the 120th Congress has not begun \(the 119th"):
        resolve_reference("hr1-120", Settings(), today=TODAY)
    assert resolve_reference("hr1-120", Settings(), today=date(2027, 1, 3)).ref.key == "hr1-120"


@pytest.mark.parametrize(
    ("day", "congress"),
    [(date(2017, 10, 12), 115), (date(2019, 1, 2), 115), (date(2019, 1, 3), 116), (TODAY, 119)],
)
def test_the_sitting_congress(day, congress):
    assert current_congress(day) == congress


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 11, 12, 13, 21, 93, 102, 111, 115)] == [
        "1st",
        "2nd",
        "3rd",
        "11th",
        "12th",
        "13th",
        "21st",
        "93rd",
        "102nd",
        "111th",
        "115th",
    ]
