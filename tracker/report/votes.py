"""A bill's recorded votes, from what is stored: totals, a party breakdown, every position.

Read by ``tracker show``, the web bill page, ``/api/bills/{id}/votes``, and whoever
needs how one member voted (``StoredVote.position_of(bioguide_id)``: the call to
action thanks or holds to account by it). Senators are named by their LIS id in the
Senate's records; where the officials carry that id (``officials.lis_id``) their
Bioguide id is filled in, here as well as when the vote was stored, so officials
imported after a vote still match.

Two queries, whatever the number of votes or members: the votes, and every position
with the Bioguide id of the official holding its LIS id. Votes are oldest first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Bill, BillVote, Official, RollCall, VotePosition

#: The order of a party breakdown's columns, and of positions in a listing.
CHOICES = ("yea", "nay", "present", "not_voting")


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredPosition:
    bioguide_id: str | None
    lis_member_id: str | None
    name: str
    party: str | None
    state: str | None
    position: str  # as the record gives it ("Aye", "Present, Giving Live Pair", a name)
    choice: str  # yea, nay, present, not_voting, candidate
    paired_with: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "bioguide_id": self.bioguide_id,
            "lis_member_id": self.lis_member_id,
            "name": self.name,
            "party": self.party,
            "state": self.state,
            "position": self.position,
            "choice": self.choice,
            "paired_with": self.paired_with,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyTally:
    party: str
    yea: int = 0
    nay: int = 0
    present: int = 0
    not_voting: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"party": self.party, **{c: getattr(self, c) for c in CHOICES}}


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredVote:
    """One roll call on the bill, with the action that reported it."""

    key: str  # "house-115-2-91"
    chamber: str
    congress: int
    session: int
    number: int
    voted_on: date
    voted_at: datetime | None
    question: str
    result: str
    vote_type: str | None
    description: str | None
    bill: str | None  # the measure voted on, as cited by the record
    totals: dict[str, int] | None  # yea, nay, present, not_voting; None: not a yea/nay vote
    candidates: tuple[tuple[str, int], ...]  # the election of the Speaker
    source_url: str | None
    action_on: date
    action_text: str
    positions: tuple[StoredPosition, ...]

    @property
    def is_yea_nay(self) -> bool:
        return self.totals is not None

    def position_of(self, bioguide_id: str) -> StoredPosition | None:
        """How this member voted; None when they were not a member of the chamber then."""
        return next((p for p in self.positions if p.bioguide_id == bioguide_id), None)

    def by_party(self) -> tuple[PartyTally, ...]:
        """Yea/nay/present/not voting per party (largest party first)."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for p in self.positions:
            counts[p.party or "?"][p.choice] += 1
        ordered = sorted(counts.items(), key=lambda item: (-item[1].total(), item[0]))
        return tuple(
            PartyTally(party=party, **{c: tally[c] for c in CHOICES}) for party, tally in ordered
        )

    def to_json(self, *, positions: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.key,
            "chamber": self.chamber,
            "congress": self.congress,
            "session": self.session,
            "number": self.number,
            "date": self.voted_on.isoformat(),
            "voted_at": self.voted_at.isoformat() if self.voted_at else None,
            "question": self.question,
            "result": self.result,
            "vote_type": self.vote_type,
            "description": self.description,
            "bill": self.bill,
            "yea_nay": self.is_yea_nay,
            "totals": self.totals,
            "candidates": [{"candidate": c, "total": n} for c, n in self.candidates],
            "by_party": [t.to_json() for t in self.by_party()] if self.is_yea_nay else [],
            "action": {"date": self.action_on.isoformat(), "text": self.action_text},
            "source_url": self.source_url,
        }
        if positions:
            data["positions"] = [p.to_json() for p in self.positions]
        return data


def bill_votes(session: Session, bill_key: str) -> list[StoredVote]:
    """The stored roll calls the bill's actions name, oldest first, with every position."""
    rows = session.execute(
        select(RollCall, BillVote.action_on, BillVote.action_text)
        .join(BillVote, BillVote.vote_key == RollCall.vote_key)
        .join(Bill, Bill.id == BillVote.bill_id)
        .where(Bill.key == bill_key)
        .order_by(RollCall.voted_on, RollCall.voted_at, RollCall.chamber, RollCall.number)
    ).all()
    # Run even when there is no vote, so a page costs the same with or without votes.
    positions = _positions(session, bill_key)
    return [_vote(roll, on, text, positions.get(roll.id, ())) for roll, on, text in rows]


def pending_votes(session: Session, bill_key: str) -> list[str]:
    """Keys of votes the bill names that are not stored (yet, or given up)."""
    stored = select(RollCall.vote_key)
    return list(
        session.scalars(
            select(BillVote.vote_key)
            .join(Bill, Bill.id == BillVote.bill_id)
            .where(Bill.key == bill_key, BillVote.vote_key.not_in(stored))
            .order_by(BillVote.action_on, BillVote.vote_key)
        )
    )


def _positions(session: Session, bill_key: str) -> dict[int, tuple[StoredPosition, ...]]:
    """Every position on the bill's votes; senators stored before their official was
    imported get the Bioguide id now (an outer join on ``officials.lis_id``)."""
    rows = session.execute(
        select(VotePosition, Official.bioguide_id)
        .join(RollCall, RollCall.id == VotePosition.roll_call_id)
        .join(BillVote, BillVote.vote_key == RollCall.vote_key)
        .join(Bill, Bill.id == BillVote.bill_id)
        .outerjoin(
            Official,
            (Official.lis_id == VotePosition.lis_member_id) & VotePosition.bioguide_id.is_(None),
        )
        .where(Bill.key == bill_key)
        .order_by(VotePosition.roll_call_id, VotePosition.state, VotePosition.name)
    ).all()
    found: dict[int, list[StoredPosition]] = defaultdict(list)
    for r, mapped in rows:
        found[r.roll_call_id].append(
            StoredPosition(
                bioguide_id=r.bioguide_id or mapped,
                lis_member_id=r.lis_member_id,
                name=r.name,
                party=r.party,
                state=r.state,
                position=r.position,
                choice=r.choice,
                paired_with=r.paired_with,
            )
        )
    return {roll_id: tuple(items) for roll_id, items in found.items()}


def _vote(
    roll: RollCall, action_on: date, action_text: str, positions: tuple[StoredPosition, ...]
) -> StoredVote:
    yea_nay = roll.yea is not None and roll.nay is not None
    totals = (
        {
            "yea": roll.yea or 0,
            "nay": roll.nay or 0,
            "present": roll.present or 0,
            "not_voting": roll.not_voting or 0,
        }
        if yea_nay
        else None
    )
    return StoredVote(
        key=roll.vote_key,
        chamber=roll.chamber,
        congress=roll.congress,
        session=roll.session,
        number=roll.number,
        voted_on=roll.voted_on,
        voted_at=roll.voted_at,
        question=roll.question,
        result=roll.result,
        vote_type=roll.vote_type,
        description=roll.description,
        bill=roll.bill_citation,
        totals=totals,
        candidates=tuple((c["candidate"], int(c["total"])) for c in roll.candidates or ()),
        source_url=roll.source_url,
        action_on=action_on,
        action_text=action_text,
        positions=positions,
    )
