"""The status report: one row per bill, and the freshness of each source, from what is stored.

Used by ``tracker status`` / ``tracker list``, ``tracker show``, and the web
page and API (``tracker.web``). No network. The JSON of a ``StatusRow`` is the
contract of ``tracker status --json``: keys are only ever added, never renamed
or removed.

Bills are read without their snapshot JSON (``raiseload``): a report over
thousands of bills must not pull every stored document into memory. The one
filter that needs the snapshot (``subject``) selects just its ``subjects`` list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import Select, func, select, true
from sqlalchemy.orm import Session, defer, raiseload

from db.models import Bill
from scrapers.refs import BillParts, citation, ref_of
from tracker.people.moment import BillState, dead_reason


class Health(StrEnum):
    OK = "ok"
    PENDING = "pending"  # tracked, never checked yet
    FAILING = "failing"  # the last check failed
    STALE = "stale"  # no successful check for longer than stale_after_hours


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusRow:
    id: str
    title: str | None
    short_title: str | None
    policy_area: str | None
    stage: str | None
    stage_chamber: str | None
    stage_date: date | None
    latest_action_date: date | None
    latest_action_text: str | None
    days_since_moved: int | None
    tracked: bool
    source: str
    source_url: str | None
    last_checked: datetime | None
    last_success: datetime | None
    last_changed: datetime | None
    next_check: datetime | None
    health: Health
    error: str | None
    #: Why and when the bill died ("Died at the end of the 115th Congress, January 3,
    #: 2019."), or None while it can still move.
    dead: str | None = None

    @property
    def display_title(self) -> str | None:
        return self.short_title or self.title

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "stage": self.stage,
            "stage_chamber": self.stage_chamber,
            "stage_date": _iso(self.stage_date),
            "latest_action": (
                {"date": _iso(self.latest_action_date), "text": self.latest_action_text}
                if self.latest_action_text is not None
                else None
            ),
            "days_since_moved": self.days_since_moved,
            "tracked": self.tracked,
            "source": self.source,
            "source_url": self.source_url,
            "last_checked": _iso(self.last_checked),
            "last_changed": _iso(self.last_changed),
            "next_check": _iso(self.next_check),
            "health": self.health.value,
            "error": self.error,
            # Added with the status report issue (keys are only ever added).
            "short_title": self.short_title,
            "policy_area": self.policy_area,
            "last_success": _iso(self.last_success),
            # Added with the moment issue: why and when the bill died, else null.
            "dead": self.dead,
        }


class BillFacts(BillParts, Protocol):
    """What a status row is made of: a ``Bill``, or a row of ``STATUS_COLUMNS``."""

    @property
    def id(self) -> int: ...
    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def short_title(self) -> str | None: ...
    @property
    def policy_area(self) -> str | None: ...
    @property
    def stage(self) -> str | None: ...
    @property
    def stage_chamber(self) -> str | None: ...
    @property
    def stage_detail(self) -> str | None: ...
    @property
    def stage_date(self) -> date | None: ...
    @property
    def latest_action_date(self) -> date | None: ...
    @property
    def latest_action_text(self) -> str | None: ...
    @property
    def tracked(self) -> bool: ...
    @property
    def source(self) -> str: ...
    @property
    def source_url(self) -> str | None: ...
    @property
    def tracked_at(self) -> datetime | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def last_checked_at(self) -> datetime | None: ...
    @property
    def last_success_at(self) -> datetime | None: ...
    @property
    def last_changed_at(self) -> datetime | None: ...
    @property
    def next_check_at(self) -> datetime | None: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def consecutive_failures(self) -> int: ...


#: The columns of ``BillFacts``. Lists select these rather than whole ``Bill``
#: objects: no snapshot JSON, and plain rows cost a fraction of ORM objects.
STATUS_COLUMNS = (
    Bill.id,
    Bill.key,
    Bill.jurisdiction,
    Bill.session,
    Bill.bill_type,
    Bill.number,
    Bill.title,
    Bill.short_title,
    Bill.policy_area,
    Bill.stage,
    Bill.stage_chamber,
    Bill.stage_detail,
    Bill.stage_date,
    Bill.latest_action_date,
    Bill.latest_action_text,
    Bill.tracked,
    Bill.source,
    Bill.source_url,
    Bill.tracked_at,
    Bill.created_at,
    Bill.last_checked_at,
    Bill.last_success_at,
    Bill.last_changed_at,
    Bill.next_check_at,
    Bill.last_error,
    Bill.consecutive_failures,
)
#: The order of every bill list: the Congress, then the type and number.
LISTING_ORDER = (Bill.jurisdiction, Bill.session, Bill.bill_type, Bill.number)


def status_row(bill: BillFacts, *, now: datetime, stale_after: timedelta) -> StatusRow:
    moved = bill.latest_action_date or bill.stage_date
    return StatusRow(
        id=bill.key,
        title=bill.title,
        short_title=bill.short_title,
        policy_area=bill.policy_area,
        stage=bill.stage,
        stage_chamber=bill.stage_chamber,
        stage_date=bill.stage_date,
        latest_action_date=bill.latest_action_date,
        latest_action_text=bill.latest_action_text,
        days_since_moved=(now.date() - moved).days if moved else None,
        tracked=bill.tracked,
        source=bill.source,
        source_url=bill.source_url,
        last_checked=bill.last_checked_at,
        last_success=bill.last_success_at,
        last_changed=bill.last_changed_at,
        next_check=bill.next_check_at,
        health=bill_health(bill, now=now, stale_after=stale_after),
        error=bill.last_error if bill.consecutive_failures else None,
        dead=death_of(bill, today=now.date()),
    )


def death_of(bill: BillFacts, *, today: date) -> str | None:
    """Why and when ``bill`` died (failed, veto sustained, its Congress over), or None."""
    state = BillState(
        jurisdiction=bill.jurisdiction,
        session=bill.session,
        bill_type=bill.bill_type,
        stage=bill.stage,
        stage_chamber=bill.stage_chamber,
        stage_date=bill.stage_date,
        stage_detail=bill.stage_detail,
        next_chamber=None,
    )
    found = dead_reason(state, today=today)
    return found[0] if found else None


def bill_health(bill: BillFacts, *, now: datetime, stale_after: timedelta) -> Health:
    if bill.tracked and bill.last_success_at is None:
        since = bill.tracked_at or bill.created_at
        if bill.consecutive_failures and now - since > stale_after:
            return Health.STALE
        return Health.FAILING if bill.consecutive_failures else Health.PENDING
    if bill.tracked and bill.last_success_at and now - bill.last_success_at > stale_after:
        return Health.STALE
    return Health.FAILING if bill.consecutive_failures else Health.OK


def citation_of(bill: BillFacts) -> str:
    """``H.R. 4030`` (the Congress is in the id)."""
    return citation(ref_of(bill))


# --- the report's query -------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusFilter:
    """Which bills a report lists. Empty fields filter nothing."""

    stages: tuple[str, ...] = ()
    subject: str | None = None  # a substring of the policy area or of one subject
    changed_since: date | None = None  # the tracker saw a change on or after this day (UTC)
    tracked_only: bool = True


def bills_query() -> Select[Bill]:
    """Whole bills, without their snapshot JSON (touching it raises): for one bill."""
    return select(Bill).options(defer(Bill.snapshot, raiseload=True), raiseload(Bill.actions))


def listing_query() -> Select[*tuple[Any, ...]]:
    """``STATUS_COLUMNS`` of every bill, in listing order: for lists."""
    return select(*STATUS_COLUMNS).order_by(*LISTING_ORDER)


def status_rows(
    session: Session, *, filters: StatusFilter, now: datetime, stale_after: timedelta
) -> list[StatusRow]:
    """The report: one row per bill matching ``filters``, in bill order."""
    query = listing_query()
    if filters.tracked_only:
        query = query.where(Bill.tracked == true())
    if filters.stages:
        query = query.where(Bill.stage.in_(filters.stages))
    if filters.changed_since is not None:
        since = datetime.combine(filters.changed_since, time(), tzinfo=UTC)
        query = query.where(Bill.last_changed_at >= since)
    rows: list[BillFacts] = (
        _with_subject(session, query, filters.subject)
        if filters.subject
        else list(session.execute(query))
    )
    return [status_row(b, now=now, stale_after=stale_after) for b in rows]


def _with_subject(
    session: Session, query: Select[*tuple[Any, ...]], subject: str
) -> list[BillFacts]:
    # Only the snapshot's subject list is selected, not the whole document.
    # Matching happens here rather than in SQL so that it is the same on both
    # databases (SQLite's JSON text escapes non-ASCII, PostgreSQL's does not).
    wanted = subject.casefold()
    rows = session.execute(query.add_columns(Bill.snapshot["subjects"].label("subjects")))
    return [
        row
        for row in rows
        if wanted in (row.policy_area or "").casefold()
        or any(wanted in str(s).casefold() for s in row.subjects or ())
    ]


# --- freshness of each source -------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceFreshness:
    """When a source last answered for any of its tracked bills."""

    source: str
    bills: int
    last_checked: datetime | None
    last_success: datetime | None
    last_changed: datetime | None
    silent: bool  # no successful check of any of its bills within stale_after_hours

    def warning(self, now: datetime) -> str | None:
        if not self.silent:
            return None
        if self.last_success is None:
            return f"source {self.source} has never answered for its {self.bills} tracked bills"
        hours = int((now - self.last_success).total_seconds() // 3600)
        return (
            f"source {self.source} has not answered for {hours} h "
            f"(last success {self.last_success:%Y-%m-%d %H:%M} UTC, {self.bills} tracked bills)"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "bills": self.bills,
            "last_checked": _iso(self.last_checked),
            "last_success": _iso(self.last_success),
            "last_changed": _iso(self.last_changed),
            "silent": self.silent,
        }


def source_freshness(
    session: Session, *, now: datetime, stale_after: timedelta
) -> list[SourceFreshness]:
    """One line per source with tracked bills: one grouped query."""
    query = (
        select(
            Bill.source,
            func.count(),
            func.max(Bill.last_checked_at),
            func.max(Bill.last_success_at),
            func.max(Bill.last_changed_at),
            func.min(Bill.tracked_at),
        )
        .where(Bill.tracked == true())
        .group_by(Bill.source)
        .order_by(Bill.source)
    )
    return [_freshness(row, now, stale_after) for row in session.execute(query)]


def _freshness(row: Sequence[Any], now: datetime, stale_after: timedelta) -> SourceFreshness:
    source, count, checked, success, changed, first_tracked = row
    # Aggregates bypass the column type on SQLite: tag naive values as UTC.
    checked, success, changed, first_tracked = (
        _aware(v) for v in (checked, success, changed, first_tracked)
    )
    # A source whose bills were all added just now has not had its chance yet.
    waited_since = success or first_tracked
    silent = waited_since is not None and now - waited_since > stale_after
    return SourceFreshness(
        source=source,
        bills=count,
        last_checked=checked,
        last_success=success,
        last_changed=changed,
        silent=silent,
    )


def _aware(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
