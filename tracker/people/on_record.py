"""What the record says before and after a vote, as the moment reads it.

``recorded_votes``: the roll calls a bill's actions name that are stored, each
with every member's position by Bioguide id (senators appear in the Senate's
records by LIS id: the officials' ``lis_id`` maps them). ``coming_meetings``:
the hearings, markups and floor weeks linked to the bill that are still to
come and not cancelled. ``tracker.people.contacts`` reads both whenever a
caller does not pass them, so the CLI, the web page and every email say the
same: "you noticed how they voted", "vote yes on June 12".
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Bill, BillVote, Meeting, MeetingBill, Official, RollCall, VotePosition
from tracker.people.moment import Position, RecordedVote, ScheduledMeeting

#: Schedules give Washington time; a meeting's day is its day there.
_CAPITOL = ZoneInfo("America/New_York")
_KINDS = {"hearing": "hearing", "markup": "markup", "floor": "floor_vote"}
_CHOICES = {p.value: p for p in Position}


def recorded_votes(session: Session, bill: Bill) -> tuple[RecordedVote, ...]:
    """The roll calls on the bill itself, oldest first (same day: in the order taken).

    A bill's actions also name votes on other measures: the rule that brought it to
    the floor (H. Res. 748 for H.R. 1865) or a nomination debated beside it. How a
    member voted on those says nothing about the bill, so only records that name
    the bill count.
    """
    found = session.execute(
        select(RollCall)
        .join(BillVote, BillVote.vote_key == RollCall.vote_key)
        .where(BillVote.bill_id == bill.id)
        .order_by(RollCall.voted_on, RollCall.voted_at, RollCall.number)
    ).scalars()
    own = _citation_key(f"{bill.bill_type}{bill.number}")
    # One bill may name a roll call twice (two source systems).
    rolls = [r for r in dict.fromkeys(found) if _citation_key(r.bill_citation) == own]
    if not rolls:
        return ()
    positions = _positions(session, [r.id for r in rolls])
    return tuple(
        RecordedVote(
            chamber=r.chamber,
            on=r.voted_on,
            question=r.question,
            result=r.result,
            positions=positions.get(r.id, {}),
        )
        for r in rolls
    )


def _citation_key(citation: str | None) -> str:
    """ "H R 1865", "H.R. 1865", "hr1865" -> "hr1865"."""
    return "".join(c for c in (citation or "").lower() if c.isalnum())


def _positions(session: Session, roll_ids: list[int]) -> dict[int, dict[str, Position]]:
    query = (
        select(
            VotePosition.roll_call_id,
            VotePosition.bioguide_id,
            Official.bioguide_id,
            VotePosition.choice,
        )
        .outerjoin(Official, Official.lis_id == VotePosition.lis_member_id)
        .where(VotePosition.roll_call_id.in_(roll_ids))
    )
    found: dict[int, dict[str, Position]] = defaultdict(dict)
    for roll_id, bioguide, by_lis, choice in session.execute(query):
        member = bioguide or by_lis
        if member and choice in _CHOICES:  # "candidate": not a yea/nay vote
            found[roll_id][member] = _CHOICES[choice]
    return found


def coming_meetings(
    session: Session, bill_id: int, *, today: date | None = None
) -> tuple[ScheduledMeeting, ...]:
    """Scheduled (not cancelled or postponed) meetings on the bill from ``today`` on."""
    since = datetime.combine(today or datetime.now(UTC).date(), datetime.min.time(), UTC)
    query = (
        select(Meeting)
        .join(MeetingBill, MeetingBill.meeting_id == Meeting.id)
        .where(
            MeetingBill.bill_id == bill_id,
            Meeting.status == "scheduled",
            Meeting.starts_at >= since,
        )
        .order_by(Meeting.starts_at)
    )
    return tuple(
        ScheduledMeeting(
            chamber=m.chamber,
            kind=_KINDS.get(m.kind, m.kind),
            on=_day(m.starts_at),
            committee=m.committee,
        )
        for m in session.scalars(query)
    )


def _day(moment: datetime) -> date:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(_CAPITOL).date()
