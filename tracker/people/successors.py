"""The same bill in a later Congress: where a bill that died with its Congress went on.

A bill that dies when its Congress ends is often reintroduced in the next one
under a new number, with the same name but a new year ("Women Veterans and
Families Health Services Act of 2015", S. 469 of the 114th, came back as S. 700
"... of 2017" in the 115th, again by Sen. Murray). Among the bills the tracker
knows, a *successor* is a bill of a later Congress whose name matches, how
strictly:

- the name is the short title, else the popular title: the words a sponsor
  chooses to keep. Both names are compared as a *stem*: case, punctuation and a
  closing "of <year>" set aside ("... Act of 2018" and "... Act of 2022" match);
  nothing else is loosened, so "ME TOO Congress Act" never matches "ME TOO Act";
- ``MatchKind.SPONSOR``: the stems are equal and the sponsor is the same member
  (bioguide id). This is the strong match and always wins;
- ``MatchKind.TITLE``: the stems are equal, another sponsor (a companion bill,
  or a new champion). Only names of three words or more, so "Spending Cuts
  Act"-like generic names alone do not pair unrelated bills;
- a bill without a short or popular title matches only with the same sponsor
  and the same official title (the stem of "To authorize ...").

Among several, the earliest later Congress wins, then the same bill type, then
the lowest number. Nothing here moves anyone: following a successor is the
advocate's or operator's explicit choice (``tracker subscribe --follow-successor``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.models import Bill
from scrapers.model import BillRef
from scrapers.refs import citation
from tracker.people.moment import ordinal

_YEAR = re.compile(r"\s+of\s+(?:19|20)\d\d\s*$")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
#: Fewest words of a name matched without the sponsor.
MIN_TITLE_WORDS = 3
#: Characters of the lowered name used to narrow candidates in SQL.
_PREFIX = 24


class MatchKind(StrEnum):
    SPONSOR = "sponsor_and_title"
    TITLE = "title"


@dataclass(frozen=True, slots=True, kw_only=True)
class Successor:
    key: str
    citation: str  # "S. 700"
    congress: str  # "115th"
    title: str
    match: MatchKind

    @property
    def words(self) -> str:
        """ "reintroduced as S. 700 in the 115th Congress"."""
        return f"reintroduced as {self.citation} in the {self.congress} Congress"


def title_stem(title: str | None) -> str:
    """Lower case, a closing "of <year>" dropped, punctuation to single spaces."""
    text = (title or "").strip().rstrip(".").strip()
    text = _YEAR.sub("", text).casefold()
    return _NOT_WORD.sub(" ", text).strip()


def find_successor(session: Session, bill: Bill) -> Successor | None:
    """The known bill of a later Congress that continues ``bill``, or None."""
    if bill.jurisdiction != "us" or not bill.session.isdigit():
        return None
    named = (bill.short_title or bill.popular_title or "").strip()
    name = named or (bill.official_title or bill.title or "")
    stem = title_stem(name)
    if not stem:
        return None
    found = [
        (kind, other)
        for other in _candidates(session, bill, name)
        if (kind := _match(bill, other, stem, named=bool(named))) is not None
    ]
    if not found:
        return None
    kind, best = min(found, key=lambda pair: _rank(bill, *pair))
    return _successor(best, kind)


def _candidates(session: Session, bill: Bill, name: str) -> list[Bill]:
    prefix = _YEAR.sub("", name.strip()).casefold()[:_PREFIX]
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = select(Bill).where(
        Bill.jurisdiction == "us",
        Bill.id != bill.id,
        Bill.session != bill.session,
        or_(
            func.lower(Bill.short_title).like(pattern, escape="\\"),
            func.lower(Bill.popular_title).like(pattern, escape="\\"),
            func.lower(Bill.official_title).like(pattern, escape="\\"),
            func.lower(Bill.title).like(pattern, escape="\\"),
        ),
    )
    later = int(bill.session)
    return [b for b in session.scalars(query) if b.session.isdigit() and int(b.session) > later]


def _match(bill: Bill, other: Bill, stem: str, *, named: bool) -> MatchKind | None:
    same_sponsor = bool(bill.sponsor_bioguide_id) and (
        bill.sponsor_bioguide_id == other.sponsor_bioguide_id
    )
    if not named:
        theirs = title_stem(other.official_title or other.title)
        return MatchKind.SPONSOR if same_sponsor and theirs == stem else None
    names = {title_stem(other.short_title), title_stem(other.popular_title)} - {""}
    if stem not in names:
        return None
    if same_sponsor:
        return MatchKind.SPONSOR
    return MatchKind.TITLE if len(stem.split()) >= MIN_TITLE_WORDS else None


def _rank(bill: Bill, kind: MatchKind, other: Bill) -> tuple[bool, int, bool, int]:
    return (
        kind is not MatchKind.SPONSOR,
        int(other.session),
        other.bill_type != bill.bill_type,
        other.number,
    )


def _successor(bill: Bill, kind: MatchKind) -> Successor:
    ref = BillRef(session=bill.session, bill_type=bill.bill_type, number=bill.number)
    return Successor(
        key=bill.key,
        citation=citation(ref),
        congress=ordinal(int(bill.session)),
        title=bill.short_title or bill.popular_title or bill.title or "",
        match=kind,
    )
