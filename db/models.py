"""The tracker's tables, as SQLAlchemy 2.x typed models.

Knows nothing of HTTP or of any one source's format: bills are stored in the
shared vocabulary (canonical key, normalised stage) and the last parsed
snapshot is kept as JSON so the next check can be diffed against it.

Groups: bills and their parts (actions, cosponsors, committee referrals, text
versions), change events (append-only), officials and committee memberships,
advocates and subscriptions, the notification outbox and digest items, the
fetch log, and daemon heartbeats.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, PortableJSON


class Bill(Base):
    """A bill the tracker knows; ``tracked`` ones are checked on a schedule."""

    __tablename__ = "bills"
    __table_args__ = (
        # The due-work query: tracked bills whose next check has come.
        Index("ix_bills_due", "tracked", "next_check_at"),
        Index("ix_bills_last_changed_at", "last_changed_at"),
        Index("ix_bills_session_type_number", "jurisdiction", "session", "bill_type", "number"),
        # The status report, web list and API page through tracked bills in this
        # order (keyset pagination), with or without a stage filter: each page is
        # one index range, whatever the number of bills.
        Index("ix_bills_listing", "tracked", "jurisdiction", "session", "bill_type", "number"),
        Index(
            "ix_bills_stage_listing",
            "stage",
            "tracked",
            "jurisdiction",
            "session",
            "bill_type",
            "number",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # "hr4030-115"
    jurisdiction: Mapped[str] = mapped_column(String(16), default="us")
    session: Mapped[str] = mapped_column(String(16))  # the Congress for federal bills
    bill_type: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)

    title: Mapped[str | None] = mapped_column(Text)
    official_title: Mapped[str | None] = mapped_column(Text)
    short_title: Mapped[str | None] = mapped_column(Text)
    popular_title: Mapped[str | None] = mapped_column(Text)
    policy_area: Mapped[str | None] = mapped_column(String(200))
    introduced_on: Mapped[date | None] = mapped_column(Date)
    sponsor_bioguide_id: Mapped[str | None] = mapped_column(String(16))
    sponsor_name: Mapped[str | None] = mapped_column(String(200))

    stage: Mapped[str | None] = mapped_column(String(32))
    stage_chamber: Mapped[str | None] = mapped_column(String(16))
    stage_date: Mapped[date | None] = mapped_column(Date)
    stage_detail: Mapped[str | None] = mapped_column(String(64))
    next_chamber: Mapped[str | None] = mapped_column(String(16))
    latest_action_date: Mapped[date | None] = mapped_column(Date)
    latest_action_text: Mapped[str | None] = mapped_column(Text)
    became_law: Mapped[bool] = mapped_column(Boolean, default=False)
    session_ended: Mapped[bool] = mapped_column(Boolean, default=False)

    source: Mapped[str] = mapped_column(String(32))
    source_url: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(PortableJSON)
    source_updated_at: Mapped[datetime | None]

    tracked: Mapped[bool] = mapped_column(Boolean, default=False)
    tracked_at: Mapped[datetime | None]
    last_checked_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_changed_at: Mapped[datetime | None]
    next_check_at: Mapped[datetime | None]
    lease_owner: Mapped[str | None] = mapped_column(String(128))
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None]
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    actions: Mapped[list[BillAction]] = relationship(
        back_populates="bill", cascade="all, delete-orphan", order_by="BillAction.position"
    )


class BillAction(Base):
    __tablename__ = "bill_actions"
    __table_args__ = (
        UniqueConstraint("bill_id", "position"),
        Index("ix_bill_actions_bill_id_acted_on", "bill_id", "acted_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # 0 = oldest
    acted_on: Mapped[date] = mapped_column(Date)
    action_time: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    chamber: Mapped[str | None] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(32))
    # 200, not 64: S.Con.Res. 11 (114th) has a 66-character type ("Last Senate Action
    # Being Considered by Other Type of Consideration"), refused by PostgreSQL.
    action_type: Mapped[str | None] = mapped_column(String(200))
    source_system: Mapped[str | None] = mapped_column(String(64))

    bill: Mapped[Bill] = relationship(back_populates="actions")


class Cosponsor(Base):
    __tablename__ = "cosponsors"
    # Looked up by bill only (the unique index serves that): a bulk import writes 140,000
    # rows a Congress, and each index more cost it a third of its writing time.
    __table_args__ = (UniqueConstraint("bill_id", "member_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"))
    member_key: Mapped[str] = mapped_column(String(200))  # bioguide id, else the name
    bioguide_id: Mapped[str | None] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    party: Mapped[str | None] = mapped_column(String(8))
    state: Mapped[str | None] = mapped_column(String(4))
    district: Mapped[int | None] = mapped_column(Integer)
    sponsored_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    is_original: Mapped[bool] = mapped_column(Boolean, default=False)


class CommitteeReferral(Base):
    __tablename__ = "committee_referrals"
    __table_args__ = (UniqueConstraint("bill_id", "committee_code"),)  # also: by bill

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"))
    committee_code: Mapped[str] = mapped_column(String(16))  # source code, "hsed00"
    name: Mapped[str] = mapped_column(String(300))
    chamber: Mapped[str | None] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(String(16))
    latest_activity: Mapped[str | None] = mapped_column(String(100))
    latest_activity_on: Mapped[date | None] = mapped_column(Date)


class TextVersion(Base):
    __tablename__ = "text_versions"
    __table_args__ = (UniqueConstraint("bill_id", "name", "issued_on"),)  # also: by bill

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    issued_on: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(Text)


class BillEvent(Base):
    """A change seen on a bill. Append-only: rows are inserted, never updated."""

    __tablename__ = "bill_events"
    __table_args__ = (
        Index("ix_bill_events_bill_id_detected_at", "bill_id", "detected_at"),
        Index("ix_bill_events_detected_at", "detected_at"),
        # The schedule feed reads the hearing/vote announcements by kind.
        Index("ix_bill_events_kind_detected_at", "kind", "detected_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    significance: Mapped[str] = mapped_column(String(8))  # "major" | "minor"
    occurred_on: Mapped[date | None] = mapped_column(Date)
    detected_at: Mapped[datetime]
    dedupe_key: Mapped[str] = mapped_column(String(128), unique=True)
    summary: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(PortableJSON)


class RollCall(Base):
    """A recorded vote as its chamber published it. Fetched once: a roll call never changes.

    ``vote_key`` is ``{chamber}-{congress}-{session}-{number}`` ("house-115-1-699").
    The totals are null when the vote is not a yea/nay vote (the election of the
    Speaker); ``candidates`` then holds ``[{candidate, total}]``.
    """

    __tablename__ = "roll_calls"
    __table_args__ = (UniqueConstraint("chamber", "congress", "session", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_key: Mapped[str] = mapped_column(String(40), unique=True)
    chamber: Mapped[str] = mapped_column(String(16))
    congress: Mapped[int] = mapped_column(Integer)
    session: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    voted_on: Mapped[date] = mapped_column(Date)
    voted_at: Mapped[datetime | None]
    question: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(String(200))
    vote_type: Mapped[str | None] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(Text)
    bill_citation: Mapped[str | None] = mapped_column(String(32))
    yea: Mapped[int | None] = mapped_column(Integer)
    nay: Mapped[int | None] = mapped_column(Integer)
    present: Mapped[int | None] = mapped_column(Integer)
    not_voting: Mapped[int | None] = mapped_column(Integer)
    candidates: Mapped[list[dict[str, Any]] | None] = mapped_column(PortableJSON)
    source_url: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime]


class VotePosition(Base):
    """One member's position on a roll call, as the record gives it (pairs kept as given).

    ``member_key`` is the Bioguide id, else the Senate LIS id; ``choice`` folds the
    chambers' words onto yea, nay, present, not_voting (or candidate).
    """

    __tablename__ = "vote_positions"
    __table_args__ = (UniqueConstraint("roll_call_id", "member_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roll_call_id: Mapped[int] = mapped_column(ForeignKey("roll_calls.id", ondelete="CASCADE"))
    member_key: Mapped[str] = mapped_column(String(32))
    bioguide_id: Mapped[str | None] = mapped_column(String(16), index=True)
    lis_member_id: Mapped[str | None] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    party: Mapped[str | None] = mapped_column(String(8))
    state: Mapped[str | None] = mapped_column(String(4))
    position: Mapped[str] = mapped_column(String(100))
    choice: Mapped[str] = mapped_column(String(16))
    paired_with: Mapped[str | None] = mapped_column(String(16))


class BillVote(Base):
    """A roll call a bill's action names: the link, written with the bill in its check.

    The roll call itself may not be stored yet (``vote_key`` has no ``roll_calls``
    row): then it is fetched after the check, and again at the next one if that
    failed. ``gave_up_at`` marks a vote the chamber's record does not have (404)
    or that did not parse: it is not asked for again. The action is named by its
    date and text (action rows are rewritten when a bill changes).
    """

    __tablename__ = "bill_votes"
    __table_args__ = (
        UniqueConstraint("bill_id", "vote_key"),
        Index("ix_bill_votes_vote_key", "vote_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"))
    vote_key: Mapped[str] = mapped_column(String(40))
    chamber: Mapped[str] = mapped_column(String(16))
    congress: Mapped[int] = mapped_column(Integer)
    session: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    action_on: Mapped[date] = mapped_column(Date)
    action_text: Mapped[str] = mapped_column(Text)
    action_code: Mapped[str | None] = mapped_column(String(32))
    fetch_error: Mapped[str | None] = mapped_column(Text)
    gave_up_at: Mapped[datetime | None]


class Official(Base):
    """A member of Congress, from the congress-legislators data."""

    __tablename__ = "officials"
    __table_args__ = (Index("ix_officials_state_chamber", "state", "chamber", "district"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bioguide_id: Mapped[str] = mapped_column(String(16), unique=True)
    # The Senate's LIS member id ("S289"): Senate roll calls name senators by it.
    lis_id: Mapped[str | None] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(200))
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    chamber: Mapped[str] = mapped_column(String(16))  # "house" | "senate"
    state: Mapped[str] = mapped_column(String(4))
    district: Mapped[int | None] = mapped_column(Integer)  # 0 = at-large
    party: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    office_address: Mapped[str | None] = mapped_column(Text)
    contact_form_url: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    in_office: Mapped[bool] = mapped_column(Boolean, default=True)
    left_office_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class UkMember(Base):
    """A current member of the House of Commons, from the UK Parliament Members API."""

    __tablename__ = "uk_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(Integer, unique=True)  # the Members API id
    name: Mapped[str] = mapped_column(String(200))
    party: Mapped[str | None] = mapped_column(String(100))
    house: Mapped[str] = mapped_column(String(16))  # "commons"
    constituency: Mapped[str | None] = mapped_column(String(200))
    # ``constituency`` folded for matching (case, spacing, "&"/"and"); see uk_contacts.
    constituency_key: Mapped[str | None] = mapped_column(String(200), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(320))
    in_office: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime]


class CommitteeInfo(Base):
    __tablename__ = "committees"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # thomas id: "HSED", "HSED13"
    name: Mapped[str] = mapped_column(String(300))
    chamber: Mapped[str | None] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(String(16))
    url: Mapped[str | None] = mapped_column(Text)
    current: Mapped[bool] = mapped_column(Boolean, default=True)


class CommitteeMembership(Base):
    __tablename__ = "committee_memberships"
    __table_args__ = (UniqueConstraint("committee_code", "official_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_code: Mapped[str] = mapped_column(String(16), index=True)
    official_id: Mapped[int] = mapped_column(
        ForeignKey("officials.id", ondelete="CASCADE"), index=True
    )
    rank: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(100))
    party_side: Mapped[str | None] = mapped_column(String(16))  # "majority" | "minority"


class Advocate(Base):
    __tablename__ = "advocates"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[str | None] = mapped_column(String(4))
    district: Mapped[int | None] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64), default="America/New_York")
    digest_hour: Mapped[int] = mapped_column(Integer, default=8)  # local hour for digests
    quiet_start_hour: Mapped[int | None] = mapped_column(Integer)  # e.g. 21
    quiet_end_hour: Mapped[int | None] = mapped_column(Integer)  # e.g. 8
    created_at: Mapped[datetime]
    unsubscribed_at: Mapped[datetime | None]
    last_daily_digest_at: Mapped[datetime | None]
    last_weekly_digest_at: Mapped[datetime | None]
    # Lead-time reminders before a meeting on a followed bill (``tracker schedules reminders``).
    reminders: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Westminster constituency, as the Members API spells it: finds the advocate's MP.
    uk_constituency: Mapped[str | None] = mapped_column(String(200))
    # Their districts of their state's legislature (text: "1A", "Barnstable-1"); the
    # call list for a state bill names these districts' legislators.
    state_senate_district: Mapped[str | None] = mapped_column(String(64))
    state_house_district: Mapped[str | None] = mapped_column(String(64))


class Subscription(Base):
    """An advocate following one bill, or a topic (keywords / subject)."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("advocate_id", "bill_id"),
        UniqueConstraint("advocate_id", "topic"),
        CheckConstraint("(bill_id IS NULL) <> (topic IS NULL)", name="bill_xor_topic"),
        Index("ix_subscriptions_bill_id", "bill_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    advocate_id: Mapped[int] = mapped_column(ForeignKey("advocates.id", ondelete="CASCADE"))
    bill_id: Mapped[int | None] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"))
    topic: Mapped[str | None] = mapped_column(String(200))
    stance: Mapped[str] = mapped_column(String(16), default="support")  # support|oppose|watch
    alerts: Mapped[str] = mapped_column(String(8), default="major")  # all|major|none
    digest: Mapped[str] = mapped_column(String(8), default="weekly")  # daily|weekly|none
    created_at: Mapped[datetime]


class Notification(Base):
    """The outbox: one row per email to send, written in the check's transaction.

    ``dedupe_key`` is unique, so writing the same alert twice is a no-op, and
    it doubles as the Message-ID seed so a resend after a crash is recognisable.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(160), unique=True)
    advocate_id: Mapped[int] = mapped_column(
        ForeignKey("advocates.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # "alert" | "digest"
    event_id: Mapped[int | None] = mapped_column(ForeignKey("bill_events.id", ondelete="CASCADE"))
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="SET NULL")
    )
    reason: Mapped[str | None] = mapped_column(Text)  # "why did I get this?"
    subject: Mapped[str | None] = mapped_column(Text)
    body_text: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime | None]  # quiet hours hold alerts until then
    next_attempt_at: Mapped[datetime]
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class DigestItem(Base):
    """Which events went into which advocate's digest: an event is in one digest per cadence."""

    __tablename__ = "digest_items"
    __table_args__ = (UniqueConstraint("advocate_id", "event_id", "cadence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    advocate_id: Mapped[int] = mapped_column(ForeignKey("advocates.id", ondelete="CASCADE"))
    event_id: Mapped[int] = mapped_column(ForeignKey("bill_events.id", ondelete="CASCADE"))
    cadence: Mapped[str] = mapped_column(String(8))  # "daily" | "weekly"
    notification_id: Mapped[int] = mapped_column(
        ForeignKey("outbox.id", ondelete="CASCADE"), index=True
    )


class AlertEvent(Base):
    """The events one alert tells (an alert is one advocate, one bill, one check).

    The outbox row's ``event_id`` is the lead event, the one its subject names;
    an alert without rows here tells its ``event_id`` alone.
    """

    __tablename__ = "alert_events"

    notification_id: Mapped[int] = mapped_column(
        ForeignKey("outbox.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("bill_events.id", ondelete="CASCADE"), primary_key=True
    )


class FetchLog(Base):
    """Every HTTP request a source made: URL (never a secret), status, size, time, error."""

    __tablename__ = "fetch_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    bill_id: Mapped[int | None] = mapped_column(ForeignKey("bills.id", ondelete="SET NULL"))
    source: Mapped[str | None] = mapped_column(String(32))
    method: Mapped[str] = mapped_column(String(8), default="GET")
    url: Mapped[str] = mapped_column(Text)
    status: Mapped[int | None] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    elapsed_ms: Mapped[float] = mapped_column(default=0.0)
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    error: Mapped[str | None] = mapped_column(Text)


class DaemonHeartbeat(Base):
    """One row per running daemon, touched on every tick."""

    __tablename__ = "daemons"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)  # host:pid:random
    hostname: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    last_tick_at: Mapped[datetime]
    last_tick_kind: Mapped[str | None] = mapped_column(String(16))
    stopped_at: Mapped[datetime | None]


class Meeting(Base):
    """A meeting from an official schedule (House committee, House floor week, Senate).

    ``key`` is the publisher's stable id ("house:115955", "senate:338684",
    "floor:20260914:409734"), so a re-poll updates the row; ``status`` becomes
    "cancelled" when the meeting says so or leaves a schedule before it was due.
    """

    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_status_starts_at", "status", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(32))  # "house_docs" | "senate_hearings"
    chamber: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))  # hearing | markup | floor
    committee: Mapped[str | None] = mapped_column(Text)
    committee_code: Mapped[str | None] = mapped_column(String(16))
    starts_at: Mapped[datetime]
    time_known: Mapped[bool] = mapped_column(Boolean, default=True)
    location: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # scheduled | postponed | cancelled
    url: Mapped[str | None] = mapped_column(Text)
    congress: Mapped[int | None] = mapped_column(Integer)
    # The bills the schedule names, as printed: [{"citation": "H.R. 188", "congress": 118}],
    # kept so a bill tracked later is matched without fetching the document again.
    bills: Mapped[list[dict[str, Any]]] = mapped_column(PortableJSON)
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class MeetingBill(Base):
    """A tracked bill a meeting takes up; ``matched_by`` says how ("number" or "title")."""

    __tablename__ = "meeting_bills"
    __table_args__ = (UniqueConstraint("meeting_id", "bill_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"), index=True)
    matched_by: Mapped[str] = mapped_column(String(16))
    linked_at: Mapped[datetime]  # when the bill's followers were told of the meeting


class ScheduleDocument(Base):
    """A schedule document polled conditionally: its validators and last content hash."""

    __tablename__ = "schedule_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(512), unique=True)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    fetched_at: Mapped[datetime]


# --- State legislatures (openstates/people) --------------------------------------------


class StateLegislator(Base):
    """A sitting state legislator, from the openstates/people YAML."""

    __tablename__ = "state_legislators"
    __table_args__ = (Index("ix_state_legislators_place", "jurisdiction", "chamber", "district"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[str] = mapped_column(String(64), unique=True)  # "ocd-person/..."
    jurisdiction: Mapped[str] = mapped_column(String(4))  # "ca"
    chamber: Mapped[str] = mapped_column(String(16))  # "senate" | "house" | "legislature"
    district: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    party: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    office_address: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]


class StateCommitteeMember(Base):
    """One seat on a state legislative committee."""

    __tablename__ = "state_committee_members"
    __table_args__ = (UniqueConstraint("committee_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[str] = mapped_column(String(64))  # "ocd-organization/..."
    committee_name: Mapped[str] = mapped_column(String(300))
    jurisdiction: Mapped[str] = mapped_column(String(4))
    chamber: Mapped[str | None] = mapped_column(String(16))
    person_id: Mapped[str] = mapped_column(String(64), index=True)
    role: Mapped[str | None] = mapped_column(String(40))
