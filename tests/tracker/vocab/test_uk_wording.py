"""Westminster words in alerts: the Commons and the Lords, Royal Assent (no President)."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.model import Chamber, Stage
from tracker.vocab.events import StageChanged
from tracker.vocab.progress import progress_steps, progress_text
from tracker.vocab.wording import headline

KEY = "uk-35-bill2818"


def _headline(new: Stage, chamber: Chamber | None, key: str = KEY) -> str:
    event = StageChanged(
        bill_key=key, occurred_on=date(2026, 3, 1), old=Stage.REPORTED, new=new, chamber=chamber
    )
    return headline(
        "stage_changed",
        citation="UK Bill 2818" if key == KEY else "H.R. 1",
        bill_key=key,
        occurred_on=event.occurred_on,
        payload=event.to_payload(),
        summary=event.summary(),
    )


@pytest.mark.parametrize(
    ("new", "chamber", "expected"),
    [
        (Stage.PASSED_ONE_CHAMBER, Chamber.COMMONS, "UK Bill 2818 passed the Commons"),
        (Stage.PASSED_ONE_CHAMBER, Chamber.LORDS, "UK Bill 2818 passed the Lords"),
        (Stage.ENACTED, Chamber.EXECUTIVE, "UK Bill 2818 received Royal Assent"),
    ],
)
def test_uk_headlines(new: Stage, chamber: Chamber, expected: str) -> None:
    assert _headline(new, chamber) == expected


def test_summaries_say_royal_assent_and_federal_bills_still_become_law() -> None:
    uk = StageChanged(bill_key=KEY, occurred_on=None, old=None, new=Stage.ENACTED)
    us = StageChanged(bill_key="hr1-115", occurred_on=None, old=None, new=Stage.ENACTED)

    assert uk.summary() == "Received Royal Assent"
    assert us.summary() == "Became law"
    assert _headline(Stage.ENACTED, Chamber.EXECUTIVE, key="hr1-115") == "H.R. 1 became law"


def test_the_uk_progress_bar_has_no_executive_step() -> None:
    text = progress_text(progress_steps("bill", "passed_one_chamber", jurisdiction="uk"))

    assert text == (
        "[x] Introduced > [x] In committee > [x] Reported > [x] Passed one House > "
        "[ ] Resolving differences > [ ] Passed both Houses > [ ] Royal Assent"
    )
