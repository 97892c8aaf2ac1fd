# ruff: noqa: F811  (the contact fixtures are imported, then used as arguments)
"""The stored record feeds the moment: a markup on the schedule, a roll call on the bill.

On the real H.R. 4030 (115th) and the 2017 congress-legislators data (the fixtures
of ``test_contacts``); the meeting and the roll call are rows as the schedule poll
and the vote fetch write them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from db.models import BillVote, Meeting, MeetingBill, RollCall, VotePosition
from tests.tracker.people.test_contacts import (  # noqa: F401  (fixtures)
    NOW,
    SPEIER,
    hr4030,
    officials_2017,
)
from tracker.people.contacts import officials_to_contact
from tracker.people.on_record import coming_meetings, recorded_votes


def _markup(session, bill, *, status="scheduled", day=date(2017, 10, 24)) -> Meeting:
    meeting = Meeting(
        key=f"house:{status}:{day}",
        source="house_docs",
        chamber="house",
        kind="markup",
        committee="House Committee on Education and the Workforce",
        starts_at=datetime(day.year, day.month, day.day, 14, tzinfo=UTC),
        location="2175 Rayburn HOB",
        title="Markup of H.R. 4030",
        status=status,
        congress=115,
        bills=[{"citation": "H.R. 4030", "congress": 115}],
        first_seen_at=NOW,
        last_seen_at=NOW,
        updated_at=NOW,
    )
    session.add(meeting)
    session.flush()
    session.add(
        MeetingBill(meeting_id=meeting.id, bill_id=bill.id, matched_by="number", linked_at=NOW)
    )
    session.flush()
    return meeting


def test_a_markup_on_the_schedule_dates_the_ask(session, hr4030):
    _markup(session, hr4030)
    _markup(session, hr4030, status="cancelled", day=date(2017, 10, 20))
    assert [m.on for m in coming_meetings(session, hr4030.id, today=NOW.date())] == [
        date(2017, 10, 24)
    ]
    found = officials_to_contact(
        session, state="CA", district=14, bill=hr4030, stance="oppose", today=NOW.date()
    )
    (speier,) = found
    assert speier.bioguide_id == SPEIER
    assert "on October 24, 2017" in speier.request  # not a bare "vote no"


def _roll(session, bill, *, citation: str, choice: str) -> None:
    roll = RollCall(
        vote_key=f"house-115-1-{len(citation)}",
        chamber="house",
        congress=115,
        session=1,
        number=len(citation),
        voted_on=date(2017, 11, 1),
        question="On Passage",
        result="Passed",
        bill_citation=citation,
        fetched_at=NOW,
    )
    session.add(roll)
    session.flush()
    session.add(
        VotePosition(
            roll_call_id=roll.id,
            member_key=SPEIER,
            bioguide_id=SPEIER,
            name="Speier",
            party="D",
            state="CA",
            position="Yea" if choice == "yea" else "Nay",
            choice=choice,
        )
    )
    session.add(
        BillVote(
            bill_id=bill.id,
            vote_key=roll.vote_key,
            chamber="house",
            congress=115,
            session=1,
            number=roll.number,
            action_on=date(2017, 11, 1),
            action_text=f"On passage Passed (Roll no. {roll.number}).",
        )
    )
    session.flush()


def test_only_roll_calls_on_the_bill_itself_count(session, hr4030):
    _roll(session, hr4030, citation="H RES 748", choice="nay")  # the rule, not the bill
    assert recorded_votes(session, hr4030) == ()
    _roll(session, hr4030, citation="H R 4030", choice="yea")
    (vote,) = recorded_votes(session, hr4030)
    assert (vote.chamber, vote.on, vote.positions[SPEIER].value) == (
        "house",
        date(2017, 11, 1),
        "yea",
    )
