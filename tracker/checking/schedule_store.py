"""Storing polled meetings and turning what changed into events, in one transaction.

Three steps per poll, each set-based over the few meetings involved:

1. ``upsert_meetings``: each parsed meeting updates the row with its stable key (or
   is inserted). A stored meeting that moved (start or place) or was cancelled or
   postponed raises ``..._changed`` / ``..._cancelled`` on every bill it was linked
   to, and its pending reminders are cancelled (a moved meeting gets a new one).
2. ``drop_missing``: a future meeting that a freshly fetched document no longer
   lists (the Senate feed, one floor week) has gone away: it is cancelled too.
3. ``link_tracked``: every future scheduled meeting is matched against the tracked
   bills (``schedule_match``); each new (meeting, bill) pair is stored and raises
   ``hearing_scheduled``, ``markup_scheduled`` or ``floor_vote_scheduled``. A bill
   tracked after its meeting was first seen is linked on the next poll, without
   fetching anything again.

Events go through ``alerts.insert_events`` and ``alerts.queue_alerts`` like a
bill check's, so the announcement reaches every follower once (unique dedupe
keys). Past meetings are stored but never announced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import Bill, Notification
from db.models import Meeting as MeetingRow
from db.models import MeetingBill as MeetingBillRow
from scrapers.meetings import CAPITOL_ZONE, Meeting, MeetingKind, MeetingStatus, bill_citations
from scrapers.model import Chamber, ScheduledKind
from tracker.checking.alerts import insert_events, queue_alerts
from tracker.checking.schedule_match import TrackedBills, match_meeting
from tracker.vocab import events as ev

_SESSIONS = {
    "hearing": ScheduledKind.HEARING,
    "markup": ScheduledKind.MARKUP,
    "floor": ScheduledKind.FLOOR_VOTE,
}


@dataclass(slots=True, kw_only=True)
class StoreReport:
    meetings: int = 0  # parsed meetings stored or updated
    linked: int = 0  # new (meeting, tracked bill) pairs
    events: int = 0
    alerts: int = 0


def reminder_prefix(meeting_id: int) -> str:
    """Dedupe keys of a meeting's reminders start with this (``tracker.mail.reminders``)."""
    return f"reminder:{meeting_id}:"


def upsert_meetings(
    session: Session,
    meetings: Sequence[Meeting],
    *,
    source: str,
    now: datetime,
    report: StoreReport,
) -> None:
    keys = [m.key for m in meetings]
    stored = {r.key: r for r in session.scalars(select(MeetingRow).where(MeetingRow.key.in_(keys)))}
    for meeting in meetings:
        row = stored.get(meeting.key)
        if row is None:
            session.add(_new_row(meeting, source=source, now=now))
            continue
        before = (row.starts_at, row.location, row.status)
        _copy(meeting, row, now=now)
        if before != (row.starts_at, row.location, row.status):
            row.updated_at = now
            _announce_update(session, row, before, now=now, report=report)
    report.meetings += len(meetings)
    session.flush()


def drop_missing(
    session: Session, *, prefix: str, present: set[str], now: datetime, report: StoreReport
) -> None:
    """Cancel the future meetings under ``prefix`` that a fresh document left out."""
    rows = session.scalars(
        select(MeetingRow).where(
            MeetingRow.key.startswith(prefix, autoescape=True),
            MeetingRow.status == MeetingStatus.SCHEDULED.value,
            MeetingRow.starts_at > now,
        )
    )
    for row in rows:
        if row.key not in present:
            before = (row.starts_at, row.location, row.status)
            row.status, row.updated_at = MeetingStatus.CANCELLED.value, now
            _announce_update(session, row, before, now=now, report=report)


def link_tracked(
    session: Session, tracked: TrackedBills, *, now: datetime, report: StoreReport
) -> None:
    if tracked.empty:
        return
    rows = list(
        session.scalars(
            select(MeetingRow).where(
                MeetingRow.status == MeetingStatus.SCHEDULED.value, MeetingRow.starts_at > now
            )
        )
    )
    linked = _linked(session, [r.id for r in rows])
    for row in rows:
        for bill_id, how in match_meeting(_as_meeting(row), tracked).items():
            if (row.id, bill_id) in linked:
                continue
            session.add(
                MeetingBillRow(meeting_id=row.id, bill_id=bill_id, matched_by=how, linked_at=now)
            )
            report.linked += 1
            _raise(
                session, bill_id, [_scheduled_event(row, _bill_key(session, bill_id))], now, report
            )


def _announce_update(
    session: Session,
    row: MeetingRow,
    before: tuple[datetime, str | None, str],
    *,
    now: datetime,
    report: StoreReport,
) -> None:
    _cancel_reminders(session, row.id)
    was_on = before[2] == MeetingStatus.SCHEDULED.value
    if row.status != MeetingStatus.SCHEDULED.value and not was_on:
        return  # postponed, then cancelled: nothing new to say
    _, changed, cancelled = ev.MEETING_EVENTS[_SESSIONS[row.kind]]
    cls = cancelled if row.status != MeetingStatus.SCHEDULED.value else changed
    for bill_id in session.scalars(
        select(MeetingBillRow.bill_id).where(MeetingBillRow.meeting_id == row.id)
    ):
        event = cls(
            bill_key=_bill_key(session, bill_id),
            occurred_on=None,
            previous_starts_at=before[0] if before[0] != row.starts_at else None,
            previous_location=before[1] if before[1] != row.location else None,
            status=row.status,
            **_meeting_fields(row),
        )
        _raise(session, bill_id, [event], now, report)


def _cancel_reminders(session: Session, meeting_id: int) -> None:
    session.execute(
        update(Notification)
        .where(
            Notification.dedupe_key.startswith(reminder_prefix(meeting_id), autoescape=True),
            Notification.status == "pending",
        )
        .values(status="cancelled", claimed_by=None, claimed_until=None)
    )


def _raise(
    session: Session, bill_id: int, events: list[ev.BillEvent], now: datetime, report: StoreReport
) -> None:
    bill = session.get(Bill, bill_id)
    assert bill is not None  # linked rows cascade with their bill
    stored = insert_events(session, bill, events, now=now)
    report.events += len(stored)
    report.alerts += queue_alerts(session, bill, stored, now=now)


def _scheduled_event(row: MeetingRow, bill_key: str) -> ev.BillEvent:
    fields = _meeting_fields(row)
    on = row.starts_at.astimezone(CAPITOL_ZONE).date()
    if row.kind == "floor":
        fields.pop("session")
        fields.pop("committee")
        return ev.FloorVoteScheduled(
            bill_key=bill_key, occurred_on=None, scheduled_for=on, **fields
        )
    cls = ev.MarkupScheduled if row.kind == "markup" else ev.HearingScheduled
    return cls(bill_key=bill_key, occurred_on=None, scheduled_for=on, **fields)


def _meeting_fields(row: MeetingRow) -> dict[str, Any]:
    return {
        "meeting_key": row.key,
        "session": _SESSIONS[row.kind],
        "starts_at": row.starts_at,
        "time_known": row.time_known,
        "description": row.title,
        "committee": row.committee,
        "chamber": Chamber(row.chamber),
        "location": row.location,
        "url": row.url,
    }


def _bill_key(session: Session, bill_id: int) -> str:
    bill = session.get(Bill, bill_id)
    assert bill is not None
    return bill.key


def _linked(session: Session, meeting_ids: list[int]) -> set[tuple[int, int]]:
    if not meeting_ids:
        return set()
    rows = session.execute(
        select(MeetingBillRow.meeting_id, MeetingBillRow.bill_id).where(
            MeetingBillRow.meeting_id.in_(meeting_ids)
        )
    )
    return {(m, b) for m, b in rows}


def _new_row(meeting: Meeting, *, source: str, now: datetime) -> MeetingRow:
    row = MeetingRow(key=meeting.key, source=source, first_seen_at=now)
    _copy(meeting, row, now=now)
    row.updated_at = now
    return row


def _copy(meeting: Meeting, row: MeetingRow, *, now: datetime) -> None:
    row.chamber, row.kind = meeting.chamber.value, meeting.kind.value
    row.committee, row.committee_code = meeting.committee, meeting.committee_code
    row.starts_at, row.time_known = meeting.starts_at.astimezone(UTC), meeting.time_known
    row.location, row.title, row.status = meeting.location, meeting.title, meeting.status.value
    row.url, row.congress = meeting.url, meeting.congress
    row.bills = [{"citation": b.citation, "congress": b.congress} for b in meeting.bills]
    row.last_seen_at = now


def _as_meeting(row: MeetingRow) -> Meeting:
    """The stored row as a ``Meeting`` again, for matching."""
    bills = tuple(
        b for item in row.bills for b in bill_citations(item["citation"], item.get("congress"))
    )
    return Meeting(
        key=row.key,
        chamber=Chamber(row.chamber),
        committee=row.committee,
        committee_code=row.committee_code,
        kind=MeetingKind(row.kind),
        starts_at=row.starts_at,
        time_known=row.time_known,
        location=row.location,
        title=row.title,
        bills=bills,
        status=MeetingStatus(row.status),
        congress=row.congress,
    )
