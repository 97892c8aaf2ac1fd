"""How each member voted: the values of one roll-call vote, and finding votes in action text.

A roll call is read from the chamber's own record (``scrapers.sources.house_clerk``,
``scrapers.sources.senate_lis``) into a ``RollCall``: what was asked, the result, the
totals and every member's position exactly as the record gives it ("Aye", "Yea",
"Present, Giving Live Pair", or a candidate's name in the election of the Speaker).
``choice`` folds the two chambers' words onto one small vocabulary for counting.

Older BILLSTATUS files name a vote only in the action text ("Roll no. 115",
"Record Vote Number: 331"); ``votes_named_in_text`` turns that, with the action's
date, into a ``RecordedVote``. Imports the standard library and ``scrapers.model``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from scrapers.model import Chamber, RecordedVote
from scrapers.refs import citation, parse_federal_ref


class Choice(StrEnum):
    """A position folded onto one vocabulary (the record's own word is kept beside it)."""

    YEA = "yea"  # House "Aye"/"Yea", Senate "Yea"
    NAY = "nay"  # House "No"/"Nay", Senate "Nay"
    PRESENT = "present"  # incl. the Senate's "Present, Giving Live Pair"
    NOT_VOTING = "not_voting"
    CANDIDATE = "candidate"  # election of the Speaker: the position is a name


@dataclass(frozen=True, slots=True, kw_only=True)
class MemberPosition:
    """One member's vote. House members carry ``bioguide_id``, senators ``lis_member_id``."""

    bioguide_id: str | None
    lis_member_id: str | None
    name: str
    party: str | None
    state: str | None
    position: str  # as the record gives it
    choice: Choice
    paired_with: str | None = None  # Senate live pair: the other senator's LIS id


@dataclass(frozen=True, slots=True, kw_only=True)
class VoteTotals:
    yea: int
    nay: int
    present: int
    not_voting: int


@dataclass(frozen=True, slots=True, kw_only=True)
class CandidateTotal:
    """Election of the Speaker: votes for one candidate (or "Present", "Not Voting")."""

    candidate: str
    total: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RollCall:
    """One recorded vote as its chamber publishes it. It never changes once published.

    ``totals`` is None when the vote is not a yea/nay vote (the election of the
    Speaker): ``candidates`` then holds the totals by name.
    """

    chamber: Chamber
    congress: int
    session: int
    number: int
    voted_on: date
    voted_at: datetime | None  # aware UTC, when the record gives a time
    question: str
    result: str
    vote_type: str | None = None  # "RECORDED VOTE", "YEA-AND-NAY"; Senate: "1/2", "3/5"
    description: str | None = None
    bill: str | None = None  # the measure voted on, as a citation ("H.Res. 1530", "S. 2986")
    totals: VoteTotals | None
    candidates: tuple[CandidateTotal, ...] = ()
    positions: tuple[MemberPosition, ...] = ()
    source_url: str | None = None

    @property
    def is_yea_nay(self) -> bool:
        return self.totals is not None

    @property
    def key(self) -> str:
        """The same id as ``RecordedVote.key``: ``house-119-2-300``."""
        return f"{self.chamber.value}-{self.congress}-{self.session}-{self.number}"


# --- the calendar of a Congress -----------------------------------------------------------


def first_year(congress: int) -> int:
    """The year a Congress first met (the 115th: 2017)."""
    return 2 * congress + 1787


def session_of(congress: int, on: date) -> int:
    """The session a date falls in: one per year; 1-3 January still belong to the old one.

    (A session ends at noon on 3 January at the latest, e.g. the 116th's second
    session took Senate votes on 1 January 2021.)
    """
    session = on.year - first_year(congress) + 1
    if session > 1 and on.month == 1 and on.day <= 3:
        session -= 1
    return max(session, 1)


def session_year(congress: int, session: int) -> int:
    """The calendar year of a session, under which the House Clerk files its roll calls."""
    return first_year(congress) + session - 1


# --- votes named in action text -----------------------------------------------------------

_HOUSE_ROLL = re.compile(r"\bRoll no\.\s*(\d+)", re.IGNORECASE)
_SENATE_RECORD = re.compile(r"\bRecord Vote Numbers?:?\s*(\d+)", re.IGNORECASE)


def votes_named_in_text(text: str, *, on: date, congress: int) -> tuple[RecordedVote, ...]:
    """Roll calls an action's text names: House "Roll no. 115", Senate "Record Vote Number: 331".

    The wording tells the chamber, the action's date the session.
    """
    lowered = text.lower()
    if "roll no" not in lowered and "record vote" not in lowered:
        return ()  # most actions name none: a plain test, 15 times cheaper than the patterns
    session = session_of(congress, on)
    found = [(Chamber.HOUSE, int(m[1])) for m in _HOUSE_ROLL.finditer(text)]
    found += [(Chamber.SENATE, int(m[1])) for m in _SENATE_RECORD.finditer(text)]
    return tuple(
        RecordedVote(chamber=chamber, congress=congress, session=session, number=number, on=on)
        for chamber, number in dict.fromkeys(found)
    )


_WORDS = {
    "aye": Choice.YEA,
    "yea": Choice.YEA,
    "yes": Choice.YEA,
    "no": Choice.NAY,
    "nay": Choice.NAY,
    "present": Choice.PRESENT,
    "not voting": Choice.NOT_VOTING,
}


def choice_of(position: str, *, election: bool = False) -> Choice:
    """The record's word folded: pairs count as what the member answered ("Present, ...")."""
    word = position.strip().casefold()
    head = word.split(",", 1)[0].strip()
    found = _WORDS.get(word) or _WORDS.get(head)
    if found is not None:
        return found
    if election:
        return Choice.CANDIDATE
    raise ValueError(f"not a vote position: {position!r}")


def bill_citation(text: str | None, congress: int) -> str | None:
    """``H.Res. 1530`` for the record's "H RES 1530" or "S. 2986"; None for a nomination etc."""
    if not text:
        return None
    ref = parse_federal_ref(f"{text.strip()} {congress}")
    return citation(ref) if ref is not None else None


@dataclass(frozen=True, slots=True, kw_only=True)
class VoteDocument:
    """A fetched roll-call record: its bytes and where they came from."""

    vote: RecordedVote
    url: str
    content: bytes
