"""Parsing the Senate's committee hearings feed (``hearings.xml``, root ``css_meetings_scheduled``).

Pure function over bytes, tested on the saved feeds in
``../shared/data/schedules/senate-committee/``. Each ``<meeting>`` has an
``identifier`` (stable across updates), committee and subcommittee, ``type``
("Open Hearing", "Open Business Meeting", ...), ISO date and time (Eastern),
room and ``matter``. Bills come from ``<AssociatedDocument>`` (prefix ``SN`` is a
Senate bill, with its Congress) and from bill numbers in the matter text
(``S.5038``), whose Congress is the one sitting on the meeting's date.

On a day with nothing scheduled the feed holds one placeholder ``<meeting>``
with no identifier and no committee ("No committee hearings scheduled"): it
parses to no meetings, not an error.
"""

from __future__ import annotations

from datetime import date, time

from lxml import etree

from scrapers.errors import ParseError
from scrapers.meetings import (
    Meeting,
    MeetingBill,
    MeetingKind,
    MeetingStatus,
    bill_citations,
    congress_for,
    eastern,
    meeting_bill,
)
from scrapers.model import Chamber
from scrapers.sources._schedule_xml import Element, parse_root, root_tag, text_of

SOURCE = "senate_hearings"
ROOT = "css_meetings_scheduled"
#: ``document_prefix`` of the bill kinds (``PN`` nominations and others are not bills).
_PREFIXES = {"SN": "S", "HR": "HR", "SR": "SRes", "SJ": "SJRes", "SC": "SConRes"}


def looks_like_senate_hearings(content: bytes) -> bool:
    return root_tag(content) == ROOT


def parse_senate_hearings(content: bytes, *, where: str, url: str | None = None) -> list[Meeting]:
    try:
        root = parse_root(content)
    except etree.LxmlError as exc:
        raise ParseError(SOURCE, where, "/", f"not well-formed XML: {exc}") from None
    if root.tag != ROOT:
        raise ParseError(SOURCE, where, "/", f"unexpected root <{root.tag!s}>")
    return [
        _meeting(m, where=where, url=url)
        for m in root.iter("meeting")
        if text_of(m, "identifier") and text_of(m, "committee")
    ]


def _meeting(m: Element, *, where: str, url: str | None) -> Meeting:
    day = _day(m, where)
    matter = text_of(m, "matter")
    congress = _congress(m) or congress_for(day)
    bills = _merge(_documents(m), bill_citations(matter, congress))
    sub = text_of(m, "sub_cmte")
    committee = text_of(m, "committee")
    kind_text = text_of(m, "type")
    return Meeting(
        key=f"senate:{text_of(m, 'identifier')}",
        chamber=Chamber.SENATE,
        committee=f"{committee}: {sub}" if sub else committee,
        committee_code=text_of(m, "cmte_code") or None,
        kind=_kind(kind_text, matter),
        starts_at=eastern(day, _time(text_of(m, "time_iso_8601"))),
        time_known=bool(text_of(m, "time_iso_8601")),
        location=text_of(m, "room") or None,
        title=matter,
        bills=bills,
        status=_status(f"{kind_text} {matter}"),
        url=url,
        congress=congress,
    )


def _day(m: Element, where: str) -> date:
    text = text_of(m, "date_iso_8601")
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ParseError(SOURCE, where, "meeting/date_iso_8601", repr(text)) from None


def _time(text: str) -> time | None:
    try:
        return time.fromisoformat(text) if text else None
    except ValueError:
        return None


def _congress(m: Element) -> int | None:
    for doc in m.iter("AssociatedDocument"):
        value = (doc.get("congress") or "").strip()
        if value.isdigit():
            return int(value)
    return None


def _documents(m: Element) -> tuple[MeetingBill, ...]:
    bills = []
    for doc in m.iter("AssociatedDocument"):
        prefix = _PREFIXES.get((doc.get("document_prefix") or "").strip().upper())
        number, congress = (doc.get("document_num") or "").strip(), doc.get("congress") or ""
        if prefix and number.isdigit():
            bill = meeting_bill(prefix, number, int(congress) if congress.isdigit() else None)
            if bill is not None:
                bills.append(bill)
    return tuple(bills)


def _merge(*groups: tuple[MeetingBill, ...]) -> tuple[MeetingBill, ...]:
    found: dict[str, MeetingBill] = {}
    for group in groups:
        for bill in group:
            found.setdefault(bill.citation, bill)
    return tuple(found.values())


def _kind(kind_text: str, matter: str) -> MeetingKind:
    text = f"{kind_text} {matter}".casefold()
    if "business meeting" in text or "markup" in text:
        return MeetingKind.MARKUP
    return MeetingKind.HEARING


def _status(text: str) -> MeetingStatus:
    lowered = text.casefold()
    if "cancel" in lowered:
        return MeetingStatus.CANCELLED
    if "postpone" in lowered:
        return MeetingStatus.POSTPONED
    return MeetingStatus.SCHEDULED
