"""Parse a Senate LIS roll-call record (``roll_call_vote``) into a ``RollCall``.

The record: congress, session, vote_number, vote_date ("November 17, 2004,  05:48
PM", Washington time), vote_question_text, vote_result, majority_requirement,
document (type and number of the measure), count (yeas, nays, present, absent) and
``members/member`` with ``lis_member_id`` (not Bioguide: congress-legislators maps
it as ``id.lis``), name, party, state and ``vote_cast``. A live pair is kept as
given: "Present, Giving Live Pair", with the other senator in ``pair="S375"``.
Imports lxml and ``scrapers`` only.
"""

from __future__ import annotations

import re
from datetime import datetime

from scrapers.model import Chamber
from scrapers.sources._vote_xml import Element, Required, parse_root, text, washington_to_utc
from scrapers.votes import MemberPosition, RollCall, VoteTotals, bill_citation, choice_of

SOURCE = "senate_lis"

_SNIFF = re.compile(rb"<roll_call_vote[\s>]")
_SPACES = re.compile(r"\s+")


def looks_like_senate_roll_call(content: bytes) -> bool:
    """True when the first KB open a ``<roll_call_vote>`` record (cheap, no parsing)."""
    return _SNIFF.search(content[:2048]) is not None


def parse_senate_roll_call(
    content: bytes, *, where: str, source_url: str | None = None
) -> RollCall:
    need = Required(SOURCE, where)
    root = parse_root(content, source=SOURCE, where=where)
    if root.tag != "roll_call_vote":
        raise need.fail("/", f"root element is <{root.tag!s}>, not <roll_call_vote>")
    congress = need.number(root, "congress")
    stamp = _stamp(need, root)
    return RollCall(
        chamber=Chamber.SENATE,
        congress=congress,
        session=need.number(root, "session"),
        number=need.number(root, "vote_number"),
        voted_on=stamp.date(),
        voted_at=washington_to_utc(stamp.date(), stamp.time()),
        question=text(root, "vote_question_text") or need.text(root, "question"),
        result=need.text(root, "vote_result"),
        vote_type=text(root, "majority_requirement"),
        description=text(root, "vote_document_text") or text(root, "vote_title"),
        bill=_bill(root, congress),
        totals=_totals(need, root),
        positions=tuple(_positions(need, root)),
        source_url=source_url,
    )


def _stamp(need: Required, root: Element) -> datetime:
    raw = _SPACES.sub(" ", need.text(root, "vote_date"))
    for layout in ("%B %d, %Y, %I:%M %p", "%B %d, %Y"):
        try:
            return datetime.strptime(raw, layout)
        except ValueError:
            continue
    raise need.fail("roll_call_vote/vote_date", f"not a date: {raw!r}")


def _bill(root: Element, congress: int) -> str | None:
    kind, number = text(root, "document/document_type"), text(root, "document/document_number")
    if kind is None or number is None:
        return None
    document_congress = text(root, "document/document_congress")
    return bill_citation(f"{kind} {number}", int(document_congress or congress))


def _totals(need: Required, root: Element) -> VoteTotals:
    count = root.find("count")
    if count is None:
        raise need.fail("roll_call_vote/count")
    return VoteTotals(
        yea=need.number(count, "yeas"),
        nay=need.number(count, "nays"),
        present=_optional_count(need, count, "present"),  # empty when nobody answered so
        not_voting=_optional_count(need, count, "absent"),
    )


def _optional_count(need: Required, count: Element, path: str) -> int:
    return need.number(count, path) if text(count, path) is not None else 0


def _positions(need: Required, root: Element) -> list[MemberPosition]:
    rows = root.findall("members/member")
    if not rows:
        raise need.fail("roll_call_vote/members/member")
    return [_position(need, row, n) for n, row in enumerate(rows, 1)]


def _position(need: Required, row: Element, n: int) -> MemberPosition:
    path = f"members/member[{n}]"
    cast = row.find("vote_cast")
    vote = need.text(row, "vote_cast")
    try:
        choice = choice_of(vote)
    except ValueError as exc:
        raise need.fail(f"{path}/vote_cast", str(exc)) from None
    first, last = text(row, "first_name"), text(row, "last_name")
    name = " ".join(p for p in (first, last) if p) or need.text(row, "member_full")
    return MemberPosition(
        bioguide_id=None,
        lis_member_id=need.text(row, "lis_member_id"),
        name=name,
        party=text(row, "party"),
        state=text(row, "state"),
        position=vote,
        choice=choice,
        paired_with=(cast.get("pair") or "").strip() or None if cast is not None else None,
    )
