"""What the official schedules announce: committee meetings and floor weeks, as values.

The schedule sources (``scrapers.sources.house_docs`` for docs.house.gov's
committee meetings and floor week, ``scrapers.sources.senate_hearings`` for the
Senate's ``hearings.xml``) parse into these. Pure values: no HTTP, no
database. ``Meeting.key`` is stable across polls (the publisher's own event id
where it gives one), so a re-poll updates a stored meeting instead of adding one.

Bills named by a schedule are ``MeetingBill`` values: the citation as printed
and, where the document says it or implies it, the Congress. ``bill_citations``
reads bill numbers out of free text (Senate matter, House titles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from scrapers.model import BillRef, Chamber
from scrapers.refs import federal_ref

#: Both chambers sit in Washington: schedule times are Eastern (with daylight saving).
CAPITOL_ZONE = ZoneInfo("America/New_York")


class MeetingKind(StrEnum):
    HEARING = "hearing"
    MARKUP = "markup"
    FLOOR = "floor"


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingBill:
    """A bill a meeting names: ``H.R. 4030``, with its Congress when known."""

    citation: str
    congress: int | None
    ref: BillRef | None  # None when the Congress is unknown

    def to_json(self) -> dict[str, object]:
        return {
            "citation": self.citation,
            "congress": self.congress,
            "id": self.ref.key if self.ref else None,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Meeting:
    """One scheduled meeting (or one bill's week on the House floor)."""

    key: str  # stable: "house:115955", "senate:338684", "floor:20260914:409734"
    chamber: Chamber
    committee: str | None
    committee_code: str | None  # the publisher's code: "II10", "SSHR00"
    kind: MeetingKind
    starts_at: datetime  # aware, Eastern time as published
    time_known: bool  # False for the floor week: the day and hour are not published
    location: str | None
    title: str
    bills: tuple[MeetingBill, ...]
    status: MeetingStatus
    url: str | None = None
    congress: int | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "chamber": self.chamber.value,
            "committee": self.committee,
            "committee_code": self.committee_code,
            "kind": self.kind.value,
            "starts_at": self.starts_at.isoformat(),
            "time_known": self.time_known,
            "location": self.location,
            "title": self.title,
            "bills": [b.to_json() for b in self.bills],
            "status": self.status.value,
            "url": self.url,
        }


def eastern(day: date, at: time | None) -> datetime:
    """``day`` at ``at`` (midnight when unknown) in Washington, as an aware datetime."""
    return datetime.combine(day, at or time(0), tzinfo=CAPITOL_ZONE)


# "H.R. 4030", "HR 188", "S.5038", "H. Res. 1530", "S.J.Res. 12", "H.Con.Res. 7"
_CITATION = re.compile(
    r"\b(?P<prefix>H\.?\s?R\.?|S\.?|H\.?\s?(?:J\.?|Con\.?)?\s?Res\.?|S\.?\s?(?:J\.?|Con\.?)?\s?Res\.?)"
    r"\s?(?P<number>\d{1,5})\b",
    re.I,
)
_TYPES = {
    "hr": "hr",
    "s": "s",
    "hres": "hres",
    "sres": "sres",
    "hjres": "hjres",
    "sjres": "sjres",
    "hconres": "hconres",
    "sconres": "sconres",
}


def bill_citations(text: str, congress: int | None) -> tuple[MeetingBill, ...]:
    """Every bill number ``text`` names, once each, in order of first mention."""
    found: dict[str, MeetingBill] = {}
    for m in _CITATION.finditer(text or ""):
        bill = meeting_bill(m.group("prefix"), m.group("number"), congress)
        if bill is not None:
            found.setdefault(bill.citation, bill)
    return tuple(found.values())


def meeting_bill(prefix: str, number: str | int, congress: int | None) -> MeetingBill | None:
    """A ``MeetingBill`` from a printed prefix ("H.R.", "HR", "SN") and number."""
    letters = re.sub(r"[^a-z]", "", prefix.lower())
    bill_type = _TYPES.get(letters) or ("s" if letters == "sn" else None)
    if bill_type is None or int(number) < 1:
        return None
    ref = federal_ref(bill_type, number, congress) if congress else None
    return MeetingBill(citation=_print(bill_type, int(number)), congress=congress, ref=ref)


_PRINTED = {
    "hr": "H.R.",
    "s": "S.",
    "hres": "H.Res.",
    "sres": "S.Res.",
    "hjres": "H.J.Res.",
    "sjres": "S.J.Res.",
    "hconres": "H.Con.Res.",
    "sconres": "S.Con.Res.",
}


def _print(bill_type: str, number: int) -> str:
    return f"{_PRINTED[bill_type]} {number}"


def congress_for(day: date) -> int:
    """The Congress sitting on ``day`` (a new one starts on January 3 of odd years)."""
    year = day.year - (1 if day.month == 1 and day.day < 3 else 0)
    return (year - 1789) // 2 + 1
