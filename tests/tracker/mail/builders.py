"""Small builders of database rows for the email tests (bills, events, advocates, officials).

The defaults describe H.R. 4030 (115th), the Title IX Protection Act, and an
advocate in California's 12th district who supports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from db.models import Advocate, Bill, BillAction, BillEvent, Notification, Official, Subscription
from scrapers.model import Chamber, ScheduledKind, Stage
from tracker.vocab import events as ev

T0 = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # a Monday, 07:00 in California


@dataclass
class Clock:
    """An injected clock tests move by hand; nothing ever sleeps."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def add_bill(session: Session, key: str = "hr4030-115", **overrides: Any) -> Bill:
    bill_type = key.split("-")[0].rstrip("0123456789")
    number = int(key.split("-")[0][len(bill_type) :])
    fields: dict[str, Any] = {
        "key": key,
        "jurisdiction": "us",
        "session": key.split("-")[1],
        "bill_type": bill_type,
        "number": number,
        "title": "Title IX Protection Act",
        "stage": "in_committee",
        "stage_chamber": "house",
        "stage_date": date(2017, 10, 12),
        "next_chamber": "house",
        "source": "govinfo",
        "source_url": f"https://www.govinfo.gov/bulkdata/BILLSTATUS/115/hr/{key}.xml",
        "sponsor_bioguide_id": "S001175",
        "sponsor_name": "Rep. Speier, Jackie [D-CA-14]",
        "tracked": True,
        "created_at": T0 - timedelta(days=30),
        "updated_at": T0 - timedelta(days=30),
    }
    bill = Bill(**(fields | overrides))
    session.add(bill)
    session.flush()
    return bill


def add_action(session: Session, bill: Bill, position: int, on: date, text: str) -> BillAction:
    action = BillAction(bill_id=bill.id, position=position, acted_on=on, text=text, chamber="house")
    session.add(action)
    session.flush()
    return action


def add_event(
    session: Session, bill: Bill, event: ev.BillEvent, *, detected_at: datetime = T0
) -> BillEvent:
    row = BillEvent(
        bill_id=bill.id,
        kind=event.kind,
        significance=event.significance.value,
        occurred_on=event.occurred_on,
        detected_at=detected_at,
        dedupe_key=event.dedupe_key,
        summary=event.summary(),
        payload=event.to_payload(),
    )
    session.add(row)
    session.flush()
    return row


def passed_house(bill_key: str = "hr4030-115", on: date = date(2018, 3, 1)) -> ev.StageChanged:
    return ev.StageChanged(
        bill_key=bill_key,
        occurred_on=on,
        old=Stage.IN_COMMITTEE,
        new=Stage.PASSED_ONE_CHAMBER,
        chamber=Chamber.HOUSE,
    )


def cosponsor_added(bill_key: str, name: str, on: date) -> ev.CosponsorAdded:
    return ev.CosponsorAdded(
        bill_key=bill_key, occurred_on=on, bioguide_id=None, name=name, party="D", state="CA"
    )


def add_advocate(session: Session, email: str = "ana@example.org", **overrides: Any) -> Advocate:
    fields: dict[str, Any] = {
        "email": email,
        "name": "Ana Advocate",
        "state": "CA",
        "district": 12,
        "timezone": "America/Los_Angeles",
        "digest_hour": 8,
        "created_at": T0 - timedelta(days=60),
    }
    advocate = Advocate(**(fields | overrides))
    session.add(advocate)
    session.flush()
    return advocate


def subscribe(session: Session, advocate: Advocate, bill: Bill, **overrides: Any) -> Subscription:
    fields: dict[str, Any] = {
        "advocate_id": advocate.id,
        "bill_id": bill.id,
        "stance": "support",
        "alerts": "major",
        "digest": "weekly",
        "created_at": T0 - timedelta(days=60),
    }
    sub = Subscription(**(fields | overrides))
    session.add(sub)
    session.flush()
    return sub


def add_alert(
    session: Session,
    advocate: Advocate,
    event: BillEvent,
    sub: Subscription,
    *,
    now: datetime = T0,
    **overrides: Any,
) -> Notification:
    """An alert row as the check cycle writes it: no subject or body yet."""
    fields: dict[str, Any] = {
        "kind": "alert",
        "advocate_id": advocate.id,
        "event_id": event.id,
        "subscription_id": sub.id,
        "reason": "You follow H.R. 4030 (hr4030-115) with instant alerts for major changes.",
        "dedupe_key": f"alert:{advocate.id}:{event.dedupe_key}",
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "not_before": None,
        "created_at": now,
    }
    row = Notification(**(fields | overrides))
    session.add(row)
    session.flush()
    return row


#: California's senators and two representatives, as typed by hand for these tests.
CA_OFFICIALS = (
    ("P000145", "Alex Padilla", "senate", None, "202-224-3553"),
    ("S001150", "Adam Schiff", "senate", None, "202-224-3841"),
    ("P000197", "Nancy Pelosi", "house", 11, "202-225-4965"),
    ("M001232", "Lateefah Simon", "house", 12, "202-225-2661"),
)


def add_officials(session: Session) -> list[Official]:
    rows = [
        Official(
            bioguide_id=bioguide,
            name=name,
            chamber=chamber,
            state="CA",
            district=district,
            party="Democrat",
            phone=phone,
            office_address="Washington DC 20510" if chamber == "senate" else "Washington DC 20515",
            contact_form_url=f"https://example.gov/{bioguide}/contact",
            in_office=True,
            updated_at=T0,
        )
        for bioguide, name, chamber, district, phone in CA_OFFICIALS
    ]
    session.add_all(rows)
    session.flush()
    return rows


def sample_events(bill_key: str = "hr4030-115") -> dict[str, ev.BillEvent]:
    """One event of every kind (a test checks this covers ``EVENT_TYPES``)."""
    on = date(2018, 3, 1)
    samples: list[ev.BillEvent] = [
        passed_house(bill_key, on),
        ev.ActionAdded(
            bill_key=bill_key, occurred_on=on, text="Motion to reconsider laid on table"
        ),
        cosponsor_added(bill_key, "Rep. Lieu, Ted [D-CA-33]", on),
        ev.CosponsorWithdrawn(bill_key=bill_key, occurred_on=on, bioguide_id=None, name="Rep. X"),
        ev.TextVersionPublished(bill_key=bill_key, occurred_on=on, name="Engrossed in House"),
        ev.CommitteeReferral(
            bill_key=bill_key, occurred_on=on, code="ssju00", name="Judiciary Committee"
        ),
        ev.HearingScheduled(
            bill_key=bill_key,
            occurred_on=None,
            session=ScheduledKind.HEARING,
            scheduled_for=date(2018, 3, 20),
            description="Hearing on campus safety",
            committee="Senate Judiciary",
        ),
        ev.HearingHeld(
            bill_key=bill_key, occurred_on=on, session=ScheduledKind.MARKUP, text="Markup held"
        ),
        ev.VoteScheduled(
            bill_key=bill_key,
            occurred_on=None,
            scheduled_for=date(2018, 4, 2),
            description="Senate floor vote",
            chamber=Chamber.SENATE,
        ),
        ev.VoteRecorded(
            bill_key=bill_key,
            occurred_on=on,
            motion=ev.VoteMotion.PASSAGE,
            result=ev.VoteResult.PASSED,
            text="On passage Passed by recorded vote: 300 - 120",
            chamber=Chamber.HOUSE,
            tally="300 - 120",
        ),
        ev.TitleChanged(bill_key=bill_key, occurred_on=on, old="Old title", new="New title"),
        ev.BecameLaw(bill_key=bill_key, occurred_on=on, law_number="115-999"),
        ev.Vetoed(bill_key=bill_key, occurred_on=on, text="Vetoed by President."),
        ev.NewBillOnTopic(
            bill_key=bill_key, occurred_on=on, topic="Title IX", title="Title IX Protection Act"
        ),
    ]
    samples += schedule_events(bill_key)
    return {e.kind: e for e in samples}


def schedule_events(bill_key: str) -> list[ev.BillEvent]:
    """One event of each schedule kind (markup, floor vote; moved, cancelled)."""
    meeting = {
        "meeting_key": "senate:338704",
        "starts_at": datetime(2026, 8, 5, 14, 0, tzinfo=UTC),
        "committee": "Commerce, Science, and Transportation",
        "chamber": Chamber.SENATE,
        "location": "SR-253",
    }
    made: list[ev.BillEvent] = [
        ev.MarkupScheduled(
            bill_key=bill_key,
            occurred_on=None,
            session=ScheduledKind.MARKUP,
            scheduled_for=date(2026, 8, 5),
            description="Business meeting",
            time_known=True,
            **meeting,
        ),
        ev.FloorVoteScheduled(
            bill_key=bill_key,
            occurred_on=None,
            scheduled_for=date(2026, 9, 14),
            description="H.R. 4030 on the floor",
            chamber=Chamber.HOUSE,
            meeting_key="floor:20260914:1",
            starts_at=datetime(2026, 9, 14, 4, tzinfo=UTC),
        ),
    ]
    made.extend(
        cls(
            bill_key=bill_key,
            occurred_on=None,
            session=session,
            description="Business meeting",
            **meeting,
        )
        for session in ScheduledKind
        for cls in ev.MEETING_EVENTS[session][1:]
    )
    return made
