"""Which tracked bills a meeting takes up: by bill number and Congress, else by title.

By number: every bill the meeting names (``H.R. 4030`` in a ``<legis-num>``, ``S.5038``
in the Senate matter, an ``SN`` associated document) is looked up by type, number
and Congress; a citation without a Congress takes the meeting's. This is exact.

By title: docs.house.gov lists bills that have no number yet as ``H.R. _____ (Rep.
Neguse), “Forest Service Flexible Housing Partnerships Act of 2023”``. A quoted
phrase matches a tracked bill of the same Congress whose short, popular or
display title is the same text once case, quotes, punctuation and spacing are
ignored. Whole-title equality only, never a substring: "Act of 2023" must not
match every bill of 2023. It can miss (a draft renamed before it is introduced)
but not confuse two bills unless two tracked bills share a title, in which
case both match and both are told.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from db.models import Bill
from scrapers.meetings import Meeting

_QUOTED = re.compile(r"[“\"]([^”\"]{6,300})[”\"]")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class TrackedBills:
    """The tracked federal bills, indexed for matching (one query per poll)."""

    by_ref: dict[str, int]  # "hr4030-115" -> bill id
    by_title: dict[tuple[str, str], list[int]]  # (congress, normalised title) -> bill ids

    @property
    def empty(self) -> bool:
        return not self.by_ref


def tracked_bills(session: Session) -> TrackedBills:
    rows = session.execute(
        select(
            Bill.id, Bill.key, Bill.session, Bill.title, Bill.short_title, Bill.popular_title
        ).where(Bill.tracked == true(), Bill.jurisdiction == "us")
    ).all()
    by_title: dict[tuple[str, str], list[int]] = {}
    for bill_id, _key, congress, *titles in rows:
        for title in {normalise(t) for t in titles if t}:
            by_title.setdefault((congress, title), []).append(bill_id)
    return TrackedBills(by_ref={key: bill_id for bill_id, key, *_ in rows}, by_title=by_title)


def match_meeting(meeting: Meeting, bills: TrackedBills) -> dict[int, str]:
    """{bill id: "number" | "title"} of the tracked bills the meeting names."""
    found: dict[int, str] = {}
    for bill in meeting.bills:
        key = _key(
            bill.citation, bill.congress or meeting.congress, bill.ref.key if bill.ref else None
        )
        if key and key in bills.by_ref:
            found[bills.by_ref[key]] = "number"
    if meeting.congress:
        for bill_id in _by_title(meeting.title, str(meeting.congress), bills):
            found.setdefault(bill_id, "title")
    return found


def _key(citation: str, congress: int | None, ref_key: str | None) -> str | None:
    if ref_key:
        return ref_key
    if congress is None:
        return None
    letters = re.sub(r"[^a-z0-9]", "", citation.lower())
    return f"{letters}-{congress}"


def _by_title(text: str, congress: str, bills: TrackedBills) -> Iterable[int]:
    for phrase in _QUOTED.findall(text or ""):
        yield from bills.by_title.get((congress, normalise(phrase)), ())


def normalise(title: str) -> str:
    """Case, quotes, punctuation and spacing ignored: the text a title match compares."""
    return _NOT_WORD.sub(" ", title.casefold()).strip()
