"""Parsing docs.house.gov schedule documents: a committee meeting, the floor week.

Pure functions over bytes, tested on the saved documents in
``../shared/data/schedules/``:

- ``<committee-meeting>`` (``/meetings/{cmte}/{sub}/{date}/{event}/...xml``): one
  meeting with its committee (or subcommittee), date and start time (Eastern),
  room and building, title, ``current-status`` and the bills of its ``BR``
  documents (``<legis-num>``) and of its title. The Congress is the document's
  ``congress-num``.
- ``<floorschedule>`` (``/billsthisweek/{yyyymmdd}/{yyyymmdd}.xml``): the bills the
  House may take up in the week of ``week-date``; one ``Meeting`` per floor item
  that names a bill. The day and hour are not published, so ``starts_at`` is the
  Monday at midnight and ``time_known`` is False.

A missing date raises ``ParseError``: a silent default would send a reminder for
the wrong day.
"""

from __future__ import annotations

import re
from datetime import date, time

from lxml import etree

from scrapers.errors import ParseError
from scrapers.meetings import (
    Meeting,
    MeetingBill,
    MeetingKind,
    MeetingStatus,
    bill_citations,
    eastern,
    meeting_bill,
)
from scrapers.model import Chamber
from scrapers.sources._schedule_xml import Element, clean, parse_root, root_tag, text_of

SOURCE = "house_docs"
MEETING_ROOT = "committee-meeting"
FLOOR_ROOT = "floorschedule"
#: A meeting's witness list: docs.house.gov publishes it beside the meeting; it names
#: no date, time or bill, so it parses to no meetings (recognised, not refused).
WITNESS_ROOT = "witness-list"

#: ``meeting-type``: HHRG hearing, HMKP markup, HMTG business meeting (a markup when it
#: names bills: the Rules Committee's HMTG102252 sets the floor debate of two bills).
_STATUS = {"C": MeetingStatus.CANCELLED, "P": MeetingStatus.POSTPONED}


def looks_like_house_schedule(content: bytes) -> bool:
    return root_tag(content) in (MEETING_ROOT, FLOOR_ROOT, WITNESS_ROOT)


def parse_house_schedule(content: bytes, *, where: str, url: str | None = None) -> list[Meeting]:
    """The meetings of a committee-meeting or floor-schedule document."""
    root = _root(content, where)
    if root.tag == MEETING_ROOT:
        return [parse_committee_meeting(root, where=where, url=url)]
    if root.tag == FLOOR_ROOT:
        return parse_floor_week(root, where=where, url=url)
    if root.tag == WITNESS_ROOT:
        return []
    raise ParseError(SOURCE, where, "/", f"unexpected root <{root.tag!s}>")


def parse_committee_meeting(root: Element, *, where: str, url: str | None) -> Meeting:
    details = _require(root, "meeting-details", where)
    congress = _int(root.get("congress-num"))
    committee, code = _committee(details)
    title = text_of(details, "meeting-title")
    bills = _merge(_document_bills(root, congress), bill_citations(title, congress))
    meeting_type = (root.get("meeting-type") or "").upper()
    event_id = re.sub(r"\D", "", root.get("meeting-id") or "")  # "HHRG115955" -> "115955"
    if not event_id:
        raise ParseError(SOURCE, where, "committee-meeting/@meeting-id")
    return Meeting(
        key=f"house:{event_id}",
        chamber=Chamber.HOUSE,
        committee=committee,
        committee_code=code,
        kind=_kind(meeting_type, bills),
        starts_at=eastern(_day(details, where), _time(text_of(details, "meeting-date/start-time"))),
        time_known=bool(text_of(details, "meeting-date/start-time")),
        location=_location(details.find("meeting-location")),
        title=title,
        bills=bills,
        status=_status(text_of(root, "current-status"), title),
        url=url,
        congress=congress,
    )


def parse_floor_week(root: Element, *, where: str, url: str | None) -> list[Meeting]:
    week = root.get("week-date")
    if not week:
        raise ParseError(SOURCE, where, "floorschedule/@week-date")
    monday = date.fromisoformat(week[:10])
    congress = _int(root.get("congress-num"))
    meetings = []
    for item in root.iter("floor-item"):
        bills = bill_citations(text_of(item, "legis-num"), congress)
        if not bills:
            continue  # a rule's report or a motion: no bill to follow
        removed = bool((item.get("remove-date") or "").strip())
        meetings.append(
            Meeting(
                key=f"floor:{monday:%Y%m%d}:{item.get('id') or bills[0].citation}",
                chamber=Chamber.HOUSE,
                committee=None,
                committee_code=None,
                kind=MeetingKind.FLOOR,
                starts_at=eastern(monday, None),
                time_known=False,
                location="House floor",
                title=f"{text_of(item, 'legis-num')}: {text_of(item, 'floor-text')}".strip(": "),
                bills=bills,
                status=MeetingStatus.CANCELLED if removed else MeetingStatus.SCHEDULED,
                url=url,
                congress=congress,
            )
        )
    return meetings


def _root(content: bytes, where: str) -> Element:
    try:
        return parse_root(content)
    except etree.LxmlError as exc:
        raise ParseError(SOURCE, where, "/", f"not well-formed XML: {exc}") from None


def _require(root: Element, tag: str, where: str) -> Element:
    found = root.find(tag)
    if found is None:
        raise ParseError(SOURCE, where, f"{root.tag!s}/{tag}")
    return found


def _committee(details: Element) -> tuple[str | None, str | None]:
    # A subcommittee meeting names the subcommittee and its parent: "Natural
    # Resources: Subcommittee on Federal Lands" says both.
    for path in ("subcommittees/committee-name", "committees/committee-name"):
        found = details.find(path)
        if found is not None:
            name = clean(found.text)
            parent = clean(found.get("parent-name"))
            label = f"{parent}: {name}" if parent else name
            return label or None, found.get("id")
    return None, None


def _document_bills(root: Element, congress: int | None) -> tuple[MeetingBill, ...]:
    bills: list[MeetingBill] = []
    for doc in root.iter("meeting-document"):
        if doc.get("type") != "BR" or (doc.get("remove-date") or "").strip():
            continue
        number = text_of(doc, "legis-num")
        bills += bill_citations(number, congress) or _bare(number, congress)
    return tuple(bills)


def _bare(number: str, congress: int | None) -> tuple[MeetingBill, ...]:
    # "HR 188" is read by bill_citations; a type-less "226" is refused, not guessed.
    parts = number.split()
    if len(parts) == 2 and parts[1].isdigit():
        bill = meeting_bill(parts[0], parts[1], congress)
        return (bill,) if bill else ()
    return ()


def _merge(*groups: tuple[MeetingBill, ...]) -> tuple[MeetingBill, ...]:
    found: dict[str, MeetingBill] = {}
    for group in groups:
        for bill in group:
            found.setdefault(bill.citation, bill)
    return tuple(found.values())


def _kind(meeting_type: str, bills: tuple[MeetingBill, ...]) -> MeetingKind:
    if meeting_type == "HMKP" or (meeting_type == "HMTG" and bills):
        return MeetingKind.MARKUP
    return MeetingKind.HEARING


def _day(details: Element, where: str) -> date:
    text = text_of(details, "meeting-date/calendar-date")
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ParseError(SOURCE, where, "meeting-date/calendar-date", repr(text)) from None


def _time(text: str) -> time | None:
    try:
        return time.fromisoformat(text) if text else None
    except ValueError:
        return None


def _location(element: Element | None) -> str | None:
    if element is None:
        return None
    room, building = text_of(element, ".//room"), text_of(element, ".//building")
    if room or building:
        return " ".join(p for p in (room, building) if p)
    return clean(" ".join(element.itertext())) or None


def _status(code: str, title: str) -> MeetingStatus:
    lowered = title.casefold()
    if "cancel" in lowered[:40]:
        return MeetingStatus.CANCELLED
    if "postpone" in lowered[:40]:
        return MeetingStatus.POSTPONED
    return _STATUS.get(code.upper(), MeetingStatus.SCHEDULED)


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None
