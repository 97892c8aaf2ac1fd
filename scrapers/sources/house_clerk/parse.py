"""Parse a House Clerk roll-call record (``rollcall-vote``) into a ``RollCall``.

The record: ``vote-metadata`` (congress, session "2nd", rollcall-num, legis-num
"H RES 1530", vote-question, vote-type, vote-result, action-date "15-Sep-2026",
action-time with ``time-etz="17:27"``, vote-desc, vote-totals) and ``vote-data``
with one ``recorded-vote`` per member (``legislator`` with ``name-id``, the
Bioguide id, ``party``, ``state``; ``vote`` "Aye", "No", "Present", "Not Voting").

The election of the Speaker has ``totals-by-candidate`` instead of
``totals-by-vote`` and a candidate's name as each member's vote: it parses as a
vote with no yea/nay totals (``RollCall.totals`` is None) and its candidates.
Imports lxml and ``scrapers`` only.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from scrapers.model import Chamber
from scrapers.sources._vote_xml import Element, Required, parse_root, text, washington_to_utc
from scrapers.votes import (
    CandidateTotal,
    MemberPosition,
    RollCall,
    VoteTotals,
    bill_citation,
    choice_of,
)

SOURCE = "house_clerk"

_SNIFF = re.compile(rb"<rollcall-vote[\s>]")


def looks_like_house_roll_call(content: bytes) -> bool:
    """True when the first KB open a ``<rollcall-vote>`` record (cheap, no parsing)."""
    return _SNIFF.search(content[:2048]) is not None


def parse_house_roll_call(content: bytes, *, where: str, source_url: str | None = None) -> RollCall:
    need = Required(SOURCE, where)
    root = parse_root(content, source=SOURCE, where=where)
    if root.tag != "rollcall-vote":
        raise need.fail("/", f"root element is <{root.tag!s}>, not <rollcall-vote>")
    meta = root.find("vote-metadata")
    if meta is None:
        raise need.fail("rollcall-vote/vote-metadata")
    congress = need.number(meta, "congress")
    candidates = _candidates(need, meta)
    election = bool(candidates)
    on = _date(need, meta)
    return RollCall(
        chamber=Chamber.HOUSE,
        congress=congress,
        session=need.number(meta, "session"),
        number=need.number(meta, "rollcall-num"),
        voted_on=on,
        voted_at=washington_to_utc(on, _time(meta)),
        question=need.text(meta, "vote-question"),
        result=need.text(meta, "vote-result"),
        vote_type=text(meta, "vote-type"),
        description=text(meta, "vote-desc"),
        bill=bill_citation(text(meta, "legis-num"), congress),
        totals=None if election else _totals(need, meta),
        candidates=candidates,
        positions=tuple(_positions(need, root, election=election)),
        source_url=source_url,
    )


def _date(need: Required, meta: Element) -> date:
    raw = need.text(meta, "action-date")
    try:
        return datetime.strptime(raw, "%d-%b-%Y").date()
    except ValueError:
        raise need.fail("vote-metadata/action-date", f"not a date: {raw!r}") from None


def _time(meta: Element) -> time | None:
    found = meta.find("action-time")
    raw = found.get("time-etz") if found is not None else None
    try:
        return time.fromisoformat(raw) if raw else None
    except ValueError:
        return None  # the time is a nicety; the date is what counts


def _totals(need: Required, meta: Element) -> VoteTotals:
    row = meta.find("vote-totals/totals-by-vote")
    if row is None:
        raise need.fail("vote-metadata/vote-totals/totals-by-vote")
    return VoteTotals(
        yea=need.number(row, "yea-total"),
        nay=need.number(row, "nay-total"),
        present=need.number(row, "present-total"),
        not_voting=need.number(row, "not-voting-total"),
    )


def _candidates(need: Required, meta: Element) -> tuple[CandidateTotal, ...]:
    return tuple(
        CandidateTotal(
            candidate=need.text(row, "candidate"), total=need.number(row, "candidate-total")
        )
        for row in meta.iterfind("vote-totals/totals-by-candidate")
    )


def _positions(need: Required, root: Element, *, election: bool) -> list[MemberPosition]:
    rows = root.findall("vote-data/recorded-vote")
    if not rows:
        raise need.fail("rollcall-vote/vote-data/recorded-vote")
    return [_position(need, row, n, election=election) for n, row in enumerate(rows, 1)]


def _position(need: Required, row: Element, n: int, *, election: bool) -> MemberPosition:
    path = f"vote-data/recorded-vote[{n}]"
    member = row.find("legislator")
    if member is None:
        raise need.fail(f"{path}/legislator")
    vote = need.text(row, "vote")
    try:
        choice = choice_of(vote, election=election)
    except ValueError as exc:
        raise need.fail(f"{path}/vote", str(exc)) from None
    return MemberPosition(
        bioguide_id=member.get("name-id") or None,
        lis_member_id=None,
        name="".join(member.itertext()).strip() or member.get("unaccented-name") or "",
        party=member.get("party"),
        state=member.get("state"),
        position=vote,
        choice=choice,
    )
