"""Roll-call votes a bill's actions name: linked in the check, fetched once, after it.

Two steps, so that a vote can never cost the bill its update:

1. ``link_recorded_votes``, inside the check's transaction (``store_change``):
   every vote the snapshot's actions name gets a ``bill_votes`` row (the bill,
   the action's date and text, the vote's key). Cheap, no HTTP.
2. ``fetch_pending_votes``, after the batch's bills are written: each linked vote
   that is not stored yet is fetched from the chamber's record (House Clerk or
   Senate LIS), parsed and stored with every member's position, in a transaction
   of its own. A recorded vote never changes, so a stored one is never asked for
   again. A failure leaves the link pending: the next check of the bill (changed
   or not) tries again. A 404 or a record that does not parse is given up (noted
   on the link) rather than asked for at every check.

Requests go to the fetch log under the first bill that named the vote.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from db import votes as vote_rows
from scrapers.errors import NotFound, ParseError, SourceError
from scrapers.model import BillSnapshot, Chamber, RecordedVote
from scrapers.votes import RollCall
from tracker.checking.rows import VOTE_LINKS, as_dicts, vote_link_rows

if TYPE_CHECKING:  # check.py imports this module: the context is a type here only
    from tracker.checking.check import CheckContext

logger = logging.getLogger(__name__)


def link_recorded_votes(session: Session, bill_id: int, snapshot: BillSnapshot) -> None:
    """Record which votes the bill's actions name; links already stored keep their state."""
    links = as_dicts(VOTE_LINKS, bill_id, vote_link_rows(snapshot))
    vote_rows.replace_bill_votes(session, bill_id, links)


@dataclass
class VoteFetchReport:
    fetched: int = 0  # roll calls stored
    failed: int = 0  # to be tried again at the next check
    given_up: int = 0  # 404 or unreadable: not asked for again
    requests: int = 0


def fetch_pending_votes(
    ctx: CheckContext,
    bill_ids: Collection[int],
    *,
    should_stop: Callable[[], bool] = lambda: False,
) -> VoteFetchReport:
    """Fetch and store every vote these bills name that is not stored yet, once each."""
    report = VoteFetchReport()
    if ctx.votes is None or not bill_ids:
        return report
    with ctx.sessions.begin() as session:
        pending = vote_rows.pending_bill_votes(session, bill_ids)
    first_named: dict[str, Any] = {}
    for row in pending:
        first_named.setdefault(row.vote_key, row)  # one vote named by two bills: one fetch
    for row in first_named.values():
        if should_stop():  # the rest stay pending for the next check
            break
        _fetch_one(ctx, row, report)
    return report


def _fetch_one(ctx: CheckContext, row: Any, report: VoteFetchReport) -> None:
    from tracker.checking.check import write_fetch_log  # check.py imports this module

    assert ctx.votes is not None
    vote = RecordedVote(
        chamber=Chamber(row.chamber),
        congress=row.congress,
        session=row.session,
        number=row.number,
    )
    roll: RollCall | None = None
    error: SourceError | None = None
    try:
        roll = ctx.votes.fetch(vote)
        if roll.key != vote.key:  # a mirror serving the wrong record must not be stored
            raise ParseError("roll_call", vote.key, "vote", f"the record is {roll.key}")
    except SourceError as exc:
        error = exc
    with ctx.sessions.begin() as session:
        now = ctx.clock()
        if roll is not None and error is None:
            store_roll_call(session, roll, now=now)
            report.fetched += 1
        else:
            _note_failure(session, vote.key, error, now=now, report=report)
        source = "house_clerk" if vote.chamber is Chamber.HOUSE else "senate_lis"
        report.requests += write_fetch_log(
            session, ctx.recorder.drain(), bill_id=row.bill_id, source=source
        )


def _note_failure(
    session: Session, key: str, error: SourceError | None, *, now: datetime, report: VoteFetchReport
) -> None:
    message = str(error) or error.__class__.__name__
    final = isinstance(error, NotFound | ParseError)
    logger.warning("roll call %s: %s%s", key, message, "" if final else " (will retry)")
    vote_rows.mark_bill_votes(session, key, error=message, gave_up_at=now if final else None)
    if final:
        report.given_up += 1
    else:
        report.failed += 1


def store_roll_call(session: Session, roll: RollCall, *, now: datetime) -> bool:
    """Store a parsed roll call and its positions (senators get their Bioguide id when known)."""
    lis_ids = {p.lis_member_id for p in roll.positions if p.lis_member_id}
    bioguide = vote_rows.bioguide_by_lis(session, lis_ids)
    positions = {}
    for p in roll.positions:
        bioguide_id = p.bioguide_id or bioguide.get(p.lis_member_id or "")
        key = p.bioguide_id or p.lis_member_id or "name:" + p.name
        positions[key] = {
            "member_key": key,
            "bioguide_id": bioguide_id,
            "lis_member_id": p.lis_member_id,
            "name": p.name,
            "party": p.party,
            "state": p.state,
            "position": p.position,
            "choice": p.choice.value,
            "paired_with": p.paired_with,
        }
    return vote_rows.insert_roll_call(
        session, _roll_call_values(roll, now), list(positions.values())
    )


def _roll_call_values(roll: RollCall, now: datetime) -> dict[str, Any]:
    totals = roll.totals
    return {
        "vote_key": roll.key,
        "chamber": roll.chamber.value,
        "congress": roll.congress,
        "session": roll.session,
        "number": roll.number,
        "voted_on": roll.voted_on,
        "voted_at": roll.voted_at,
        "question": roll.question,
        "result": roll.result,
        "vote_type": roll.vote_type,
        "description": roll.description,
        "bill_citation": roll.bill,
        "yea": totals.yea if totals else None,
        "nay": totals.nay if totals else None,
        "present": totals.present if totals else None,
        "not_voting": totals.not_voting if totals else None,
        "candidates": [{"candidate": c.candidate, "total": c.total} for c in roll.candidates]
        or None,
        "source_url": roll.source_url,
        "fetched_at": now,
    }
