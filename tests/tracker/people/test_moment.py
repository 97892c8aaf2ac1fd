"""The moment rules one at a time, from the stages the real documents reach.

The stage facts below are those the federal stage rules give for the named real
bills (tests/scrapers/stages); the schedules and votes are hand-made inputs, as
the schedules and votes parts of the tracker will give them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from scrapers.sources.govinfo import parse_billstatus
from tests.db_rows import add_tracked_bill
from tests.tracker.people._legislators import parsed
from tracker.checking.store import apply_snapshot
from tracker.core.sessions import congress_end_date, congress_ended
from tracker.people.contacts import ContactAction, call_plan, call_script, script_title
from tracker.people.moment import (
    BillState,
    MomentKind,
    Position,
    RecordedVote,
    Relation,
    ScheduledMeeting,
    ask_for,
    decide_moment,
)
from tracker.people.officials import store_officials
from tracker.people.subscriptions import Stance

HR4030 = BillState(
    jurisdiction="us", session="115", bill_type="hr", stage="in_committee",
    stage_chamber="house", stage_date=date(2017, 10, 12), stage_detail="REFERRED",
    next_chamber="house",
)  # fmt: skip
IN_2018 = date(2018, 3, 1)


def _ask(moment, stance, *, chamber="house", relation=Relation.NONE, committee=None, bio="X1"):
    return ask_for(moment, bioguide_id=bio, chamber=chamber, who="Representative Ana",
                   relation=relation, committee=committee, stance=stance)  # fmt: skip


def test_congress_ends_on_january_3_of_the_odd_year():
    assert congress_end_date(115) == date(2019, 1, 3)
    assert not congress_ended(115, date(2019, 1, 2))
    assert congress_ended(115, date(2019, 1, 3))


def test_a_scheduled_markup_asks_for_a_vote_on_its_date():
    committee = "House Committee on Education and the Workforce"
    markup = ScheduledMeeting(
        chamber="house", kind="markup", on=date(2018, 3, 7), committee=committee
    )
    moment = decide_moment(HR4030, today=IN_2018, meetings=[markup])
    assert moment.kind is MomentKind.SCHEDULED and moment.asked == ("house",)
    assert moment.headline == (
        "A markup is scheduled in the House Committee on Education and the Workforce on "
        "March 7, 2018."
    )
    yes = _ask(moment, Stance.SUPPORT, committee="House Committee on Education and the Workforce")
    assert yes.request == "I ask Representative Ana to vote yes on March 7, 2018."
    no = _ask(moment, Stance.OPPOSE)
    assert no.request == "I ask Representative Ana to vote no on March 7, 2018."
    # A meeting of the past, or of the other chamber, is no moment.
    past = decide_moment(HR4030, today=date(2018, 3, 8), meetings=[markup])
    assert past.kind is MomentKind.IN_COMMITTEE


def test_watch_never_asks_it_informs():
    moment = decide_moment(HR4030, today=IN_2018)
    ask = _ask(moment, Stance.WATCH)
    assert ask.action is ContactAction.INFORM and "I ask" not in ask.request


def test_no_vote_is_asked_of_a_chamber_that_voted():
    passed = BillState(**_fields(HR4030, stage="passed_one_chamber", next_chamber="senate"))
    house = RecordedVote(chamber="house", on=date(2018, 2, 6), question="On Passage",
                         result="Passed", positions={"X1": Position.NAY})  # fmt: skip
    moment = decide_moment(passed, today=IN_2018, votes=[house])
    assert (moment.kind, moment.asked, moment.voted) == (
        MomentKind.PASSED_CHAMBER,
        ("senate",),
        ("house",),
    )
    noticed = _ask(moment, Stance.SUPPORT)
    assert noticed.action is ContactAction.NOTICED and "vote" in noticed.request
    assert "vote yes" not in noticed.request
    thanked = _ask(moment, Stance.OPPOSE)
    assert thanked.request == "Thank you: Representative Ana voted no on February 6, 2018."
    # Not voting is noticed, not thanked, whatever the stance.
    absent = decide_moment(passed, today=IN_2018, votes=[RecordedVote(
        chamber="house", on=date(2018, 2, 6), question="On Passage", result="Passed",
        positions={"X1": Position.NOT_VOTING})])  # fmt: skip
    assert _ask(absent, Stance.SUPPORT).action is ContactAction.NOTICED
    # Without positions, a member of the voted chamber who did not back it is left out.
    silent = decide_moment(passed, today=IN_2018)
    assert _ask(silent, Stance.SUPPORT) is None
    assert _ask(silent, Stance.SUPPORT, relation=Relation.COSPONSOR).action is ContactAction.THANK


@pytest.mark.parametrize(
    ("stage", "detail", "words"),
    [
        ("failed", "FAIL:ORIGINATING:HOUSE", "Failed in the House on October 12, 2017."),
        ("vetoed", "VETOED:OVERRIDE_FAIL:HOUSE",
         "Veto sustained: the override failed on October 12, 2017."),
        ("vetoed", "VETOED:POCKET", "Pocket-vetoed on October 12, 2017."),
        ("in_committee", "REFERRED", "Died at the end of the 115th Congress, January 3, 2019."),
    ],
)  # fmt: skip
def test_dead_bills_say_why_and_when(stage, detail, words):
    today = date(2026, 6, 16) if stage == "in_committee" else IN_2018
    bill = _fields(HR4030, stage=stage, stage_detail=detail)
    moment = decide_moment(BillState(**bill), today=today)
    assert (moment.kind, moment.headline, moment.asked) == (MomentKind.DEAD, words, ())
    assert _ask(moment, Stance.SUPPORT, relation=Relation.SPONSOR) is None


def test_enacted_thanks_only_and_an_opponent_thanks_nobody_without_votes():
    law = decide_moment(BillState(**_fields(HR4030, stage="enacted")), today=IN_2018)
    assert law.asked == () and law.kind is MomentKind.ENACTED
    assert _ask(law, Stance.SUPPORT) is None
    assert _ask(law, Stance.SUPPORT, relation=Relation.SPONSOR).action is ContactAction.THANK
    assert _ask(law, Stance.OPPOSE, relation=Relation.SPONSOR) is None


def test_the_white_house_is_called_while_the_bill_is_on_the_desk(session, test_data):
    """S. 3509 (115th), presented to the President on 2018-10-02."""
    at = datetime(2018, 10, 3, tzinfo=UTC)
    store_officials(session, parsed(test_data / "legislators" / "snapshot-2017-09-28"), now=at)
    bill = add_tracked_bill(session, "s3509-115", now=at)
    path = test_data / "billstatus/usgpo-samples/textVersions/DEV-BILLSTATUS-115s3509.xml"
    apply_snapshot(session, bill, parse_billstatus(path.read_bytes(), where=str(path)),
                   fingerprint="x")  # fmt: skip
    for stance, words in (("support", "sign it"), ("oppose", "veto it")):
        plan = call_plan(session, state="CA", district=12, bill=bill, stance=stance,
                         today=at.date())  # fmt: skip
        assert plan.moment.kind is MomentKind.AT_PRESIDENT
        first = plan.suggestions[0]
        assert (first.name, first.phone, first.priority) == ("The President", "202-456-1111", 1)
        script = call_script(first, script_title(bill), "S. 3509", stance)
        assert f"I ask the President to {words}." in script
        assert "I am calling about S. 3509, the Congressional Award Program Reauthorization" in (
            script
        )
        # Members of Congress are only thanked now (their chambers voted).
        assert all(s.action is ContactAction.THANK for s in plan.suggestions[1:])


def _fields(state, **changes):
    return {name: getattr(state, name) for name in BillState.__dataclass_fields__} | changes
