"""Hearings, markups and floor votes announced for tracked bills (calendar feed, bill page).

Three places hold them: the ``scheduled`` list of each bill's stored snapshot
(what the source announces now, including what was already announced at the
first check, which records no events), the ``hearing_scheduled`` /
``vote_scheduled`` events (every announcement seen since, even one the source
has since dropped), and the meetings polled from the official schedules
(``meetings`` linked to bills by ``meeting_bills``; ``tracker.checking.schedules``).

A snapshot or event item's id is a hash of bill, kind, date and the core of its
description, so the same meeting found in both is listed once. A polled
meeting's id is a hash of its stable key and the bill, so it keeps its id when
it moves, and a cancelled meeting stays listed with ``status`` "cancelled" (a
calendar then shows it cancelled instead of silently dropping it). Events
that came from the schedules are not listed again: the meeting row is the
current truth about them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from db.models import Bill, BillEvent, Meeting, MeetingBill
from scrapers.refs import key_citation
from tracker.vocab.events import CAPITOL, core_action_text

ANNOUNCEMENT_KINDS = ("hearing_scheduled", "vote_scheduled")
#: The most announcements one feed lists (newest first): a bound on the work per request.
MAX_EVENTS = 1000


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleItem:
    uid: str
    bill_key: str
    bill_citation: str
    bill_title: str | None
    kind: str  # "hearing" | "markup" | "floor_vote"
    on: date
    description: str
    committee: str | None
    chamber: str | None
    location: str | None
    url: str | None
    starts_at: datetime | None = None  # polled meetings: the start, when the hour is known
    status: str = "scheduled"  # polled meetings: "postponed" or "cancelled" too
    updated_at: datetime | None = None
    days: int = 1  # a floor week (no day published) spans Monday to Friday: 5

    @property
    def time_text(self) -> str:
        """``9:45 AM EDT`` (Washington time) when the schedule gives the hour, else ""."""
        if self.starts_at is None:
            return ""
        at = self.starts_at.astimezone(CAPITOL)
        return f"{at.hour % 12 or 12}:{at:%M %p} {at.tzname()}"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "date": self.on.isoformat(),
            "starts_at": self.starts_at.isoformat() if self.starts_at else None,
            "status": self.status,
            "chamber": self.chamber,
            "description": self.description,
            "committee": self.committee,
            "location": self.location,
            "url": self.url,
        }


def scheduled_items(session: Session, *, bill_id: int | None = None) -> list[ScheduleItem]:
    """Every announced meeting of the tracked bills (or of one bill), by date, each once."""
    found: dict[str, ScheduleItem] = {}
    sources = (_from_meetings, _from_snapshots, _from_events)
    for item in (item for source in sources for item in source(session, bill_id)):
        found.setdefault(item.uid, item)
    return sorted(found.values(), key=lambda i: (i.on, i.bill_key, i.description))


def schedule_fingerprint(session: Session) -> tuple[Any, ...]:
    """Changes whenever a snapshot is stored or an announcement recorded.

    Two index lookups in one statement, cheap enough to ask on every request:
    storing a snapshot always moves ``last_changed_at``, and events only ever
    get new ids. Untracking a bill moves neither: a cache keyed on this must
    also expire with time.
    """
    query = select(
        select(func.max(Bill.last_changed_at)).scalar_subquery(),
        select(func.max(BillEvent.id)).scalar_subquery(),
        select(func.max(Meeting.updated_at)).scalar_subquery(),
        select(func.max(MeetingBill.id)).scalar_subquery(),
    )
    return tuple(session.execute(query).one())


def _from_snapshots(session: Session, bill_id: int | None) -> Iterator[ScheduleItem]:
    query = select(Bill.key, Bill.title, Bill.short_title, Bill.snapshot["scheduled"])
    if bill_id is None:
        query = query.where(Bill.tracked == true(), _has_scheduled(session))
    else:
        query = query.where(Bill.id == bill_id)
    for key, title, short_title, entries in session.execute(query):
        for entry in entries or ():
            yield _item(key, short_title or title, entry)


def _has_scheduled(session: Session) -> ColumnElement[bool]:
    # Evaluated by the database so only the few bills with announcements send
    # their list over; the JSON function is named differently on each backend.
    if session.get_bind().dialect.name == "postgresql":
        return func.jsonb_array_length(Bill.snapshot["scheduled"]) > 0
    return func.json_array_length(Bill.snapshot, "$.scheduled") > 0


def _from_events(session: Session, bill_id: int | None) -> Iterator[ScheduleItem]:
    query = (
        select(Bill.key, Bill.title, Bill.short_title, BillEvent.kind, BillEvent.payload)
        .join(Bill, Bill.id == BillEvent.bill_id)
        .where(BillEvent.kind.in_(ANNOUNCEMENT_KINDS))
        .order_by(BillEvent.detected_at.desc())
        .limit(MAX_EVENTS)
    )
    if bill_id is None:
        query = query.where(Bill.tracked == true())
    else:
        query = query.where(BillEvent.bill_id == bill_id)
    for key, title, short_title, kind, payload in session.execute(query):
        if payload.get("meeting_key"):
            continue  # from the schedules: listed from its meeting row
        entry = {
            "kind": payload.get("session") if kind == "hearing_scheduled" else "floor_vote",
            "date": payload.get("scheduled_for"),
            **{k: payload.get(k) for k in _FIELDS},
        }
        yield _item(key, short_title or title, entry)


_FIELDS = ("description", "committee", "chamber", "location", "url")
_MEETING_KINDS = {"hearing": "hearing", "markup": "markup", "floor": "floor_vote"}


def _from_meetings(session: Session, bill_id: int | None) -> Iterator[ScheduleItem]:
    query = (
        select(Meeting, Bill.key, Bill.title, Bill.short_title)
        .join(MeetingBill, MeetingBill.meeting_id == Meeting.id)
        .join(Bill, Bill.id == MeetingBill.bill_id)
        .order_by(Meeting.starts_at.desc())
        .limit(MAX_EVENTS)
    )
    if bill_id is None:
        query = query.where(Bill.tracked == true())
    else:
        query = query.where(Bill.id == bill_id)
    for meeting, key, title, short_title in session.execute(query):
        yield ScheduleItem(
            uid=_uid(key, "meeting", date.min, meeting.key),
            bill_key=key,
            bill_citation=_citation(key),
            bill_title=short_title or title,
            kind=_MEETING_KINDS.get(meeting.kind, meeting.kind),
            on=meeting.starts_at.astimezone(CAPITOL).date(),
            description=meeting.title,
            committee=meeting.committee,
            chamber=meeting.chamber,
            location=meeting.location,
            url=meeting.url,
            starts_at=meeting.starts_at if meeting.time_known else None,
            status=meeting.status,
            updated_at=meeting.updated_at,
            days=5 if meeting.kind == "floor" and not meeting.time_known else 1,
        )


def _item(bill_key: str, title: str | None, entry: dict[str, Any]) -> ScheduleItem:
    on = date.fromisoformat(entry["date"])
    kind = entry.get("kind") or "hearing"
    description = entry.get("description") or ""
    return ScheduleItem(
        uid=_uid(bill_key, kind, on, description),
        bill_key=bill_key,
        bill_citation=_citation(bill_key),
        bill_title=title,
        kind=kind,
        on=on,
        description=description,
        committee=entry.get("committee"),
        chamber=entry.get("chamber"),
        location=entry.get("location"),
        url=entry.get("url"),
    )


def _uid(bill_key: str, kind: str, on: date, description: str) -> str:
    text = "|".join((bill_key, kind, on.isoformat(), core_action_text(description)))
    return hashlib.sha1(text.encode()).hexdigest()


def _citation(key: str) -> str:
    return key_citation(key)
