"""One bill's story from what is stored: stages reached with dates, actions, cosponsors
over time, committees, upcoming schedule, and how many advocates follow it.

Used by ``tracker show`` and the web bill page and API. Never names an advocate:
only a count of active subscriptions leaves this module.

**Stages reached** are recomputed from the stored actions with the same rules that
set ``bills.stage`` (``scrapers.stages.federal.compute_federal_stage`` over growing
prefixes of the actions), rather than read from ``stage_changed`` events: the first
check of a bill records a baseline and no events, so events only know what happened
*after* tracking began, while the actions hold the whole history with the source's
own dates, and the last prefix agrees with the stored stage by construction. Only an
action that matches a rule can move the stage, so only those prefixes are computed.
Bills outside Congress (no federal rules) fall back to their ``stage_changed``
events after the first known stage.

Six small queries per bill, whatever the number of actions or cosponsors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (
    Advocate,
    Bill,
    BillAction,
    BillEvent,
    CommitteeReferral,
    Cosponsor,
    Subscription,
)
from scrapers.model import Action, Chamber, Law, Stage, StageInfo
from scrapers.refs import citation, ref_of
from scrapers.stages.federal import compute_federal_stage, match_rule
from tracker.report.announcements import ScheduleItem, scheduled_items
from tracker.report.status import StatusRow, bills_query, status_row
from tracker.vocab.facts import one_per_fact

#: (sponsored_on, withdrawn_on) of one cosponsor.
_Signature = tuple[date | None, date | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class StageReached:
    stage: str
    on: date | None
    chamber: str | None
    detail: str | None

    def to_json(self) -> dict[str, Any]:
        return {"stage": self.stage, "date": _iso(self.on), "chamber": self.chamber}


@dataclass(frozen=True, slots=True, kw_only=True)
class CosponsorCount:
    """Active cosponsors at the end of ``on``, and what changed that day."""

    on: date
    count: int
    added: int
    withdrawn: int

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.on.isoformat(),
            "count": self.count,
            "added": self.added,
            "withdrawn": self.withdrawn,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineAction:
    on: date
    text: str
    chamber: str | None
    code: str | None
    time: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.on.isoformat(),
            "text": self.text,
            "chamber": self.chamber,
            "code": self.code,
            "time": self.time,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitteeStep:
    code: str
    name: str
    chamber: str | None
    latest_activity: str | None
    latest_activity_on: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "chamber": self.chamber,
            "latest_activity": self.latest_activity,
            "latest_activity_date": _iso(self.latest_activity_on),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class BillTimeline:
    status: StatusRow
    citation: str
    bill_type: str
    official_title: str | None
    introduced_on: date | None
    sponsor: str | None
    stage_detail: str | None
    next_chamber: str | None
    stages: tuple[StageReached, ...]
    actions: tuple[TimelineAction, ...]  # oldest first
    cosponsors: tuple[CosponsorCount, ...]
    cosponsor_count: int
    committees: tuple[CommitteeStep, ...]
    scheduled: tuple[ScheduleItem, ...]  # announced hearings, markups and votes
    subscribers: int

    @property
    def furthest_stage(self) -> str | None:
        """The last ladder stage before an end state (for the progress bar)."""
        ends = {Stage.STALLED, Stage.FAILED, Stage.VETOED}
        before = [s.stage for s in self.stages if s.stage not in ends]
        return before[-1] if before else None

    def to_json(self) -> dict[str, Any]:
        return self.status.to_json() | {
            "citation": self.citation,
            "bill_type": self.bill_type,
            "official_title": self.official_title,
            "introduced_on": _iso(self.introduced_on),
            "sponsor": self.sponsor,
            "stage_detail": self.stage_detail,
            "next_chamber": self.next_chamber,
            "stages": [s.to_json() for s in self.stages],
            "actions": [a.to_json() for a in self.actions],
            "cosponsor_count": self.cosponsor_count,
            "cosponsors_over_time": [c.to_json() for c in self.cosponsors],
            "committees": [c.to_json() for c in self.committees],
            "scheduled": [s.to_json() for s in self.scheduled],
            "subscribers": self.subscribers,
        }


def load_timeline(
    session: Session, key: str, *, now: datetime, stale_after: timedelta
) -> BillTimeline | None:
    """The bill's timeline, or None when no bill has this key."""
    query = bills_query().add_columns(Bill.snapshot["laws"])
    row = session.execute(query.where(Bill.key == key)).one_or_none()
    if row is None:
        return None
    bill, laws = row
    actions = _actions(session, bill.id)
    signatures = _cosponsor_dates(session, bill.id)
    return BillTimeline(
        status=status_row(bill, now=now, stale_after=stale_after),
        citation=citation(ref_of(bill)),
        bill_type=bill.bill_type,
        official_title=bill.official_title,
        introduced_on=bill.introduced_on,
        sponsor=bill.sponsor_name,
        stage_detail=bill.stage_detail,
        next_chamber=bill.next_chamber,
        stages=_stages(session, bill, actions, laws or ()),
        actions=tuple(_timeline_action(a) for a in _one_per_fact(actions)),
        cosponsors=cosponsor_series(signatures),
        cosponsor_count=sum(1 for _, withdrawn in signatures if withdrawn is None),
        committees=_committees(session, bill.id),
        scheduled=tuple(scheduled_items(session, bill_id=bill.id)),
        subscribers=subscriber_count(session, bill.id),
    )


# --- stages ----------------------------------------------------------------------------


def stages_reached(
    actions: Sequence[Action], *, bill_type: str, laws: Sequence[Law] = ()
) -> tuple[StageReached, ...]:
    """Each stage the bill reached, in order, with the date of the action that set it."""
    if not actions:
        return ()
    reached = [_reached(compute_federal_stage(actions[:1], bill_type=bill_type))]
    for i in range(1, len(actions)):
        if match_rule(actions[i]) is None:
            continue  # an action no rule matches cannot move the stage
        _append_if_moved(reached, compute_federal_stage(actions[: i + 1], bill_type=bill_type))
    if laws:  # a listed law makes the bill enacted whatever its actions say
        _append_if_moved(reached, compute_federal_stage(actions, bill_type=bill_type, laws=laws))
    if reached[0].stage != Stage.INTRODUCED:
        # The first action referred the bill: it was introduced that same day.
        first = reached[0]
        introduced = StageReached(
            stage=Stage.INTRODUCED, on=first.on, chamber=first.chamber, detail="INTRODUCED"
        )
        reached.insert(0, introduced)
    return tuple(reached)


def _append_if_moved(reached: list[StageReached], info: StageInfo) -> None:
    if info.stage.value != reached[-1].stage:
        reached.append(_reached(info))


def _reached(info: StageInfo) -> StageReached:
    return StageReached(
        stage=info.stage.value,
        on=info.on,
        chamber=info.chamber.value if info.chamber else None,
        detail=info.detail,
    )


def _stages(
    session: Session, bill: Bill, rows: Sequence[BillAction], laws: Iterable[dict[str, Any]]
) -> tuple[StageReached, ...]:
    if bill.jurisdiction == "us":
        actions = [_as_action(a) for a in rows]
        law_values = [Law(kind=law["kind"], number=law["number"]) for law in laws]
        return stages_reached(actions, bill_type=bill.bill_type, laws=law_values)
    return _stages_from_events(session, bill)


def _stages_from_events(session: Session, bill: Bill) -> tuple[StageReached, ...]:
    query = (
        select(BillEvent.occurred_on, BillEvent.payload)
        .where(BillEvent.bill_id == bill.id, BillEvent.kind == "stage_changed")
        .order_by(BillEvent.detected_at, BillEvent.id)
    )
    changes = [
        StageReached(stage=p["new"], on=on, chamber=p.get("chamber"), detail=p.get("detail"))
        for on, p in session.execute(query)
    ]
    if not changes and bill.stage:
        changes = [
            StageReached(
                stage=bill.stage,
                on=bill.stage_date,
                chamber=bill.stage_chamber,
                detail=bill.stage_detail,
            )
        ]
    return tuple(changes)


# --- cosponsors ------------------------------------------------------------------------


def cosponsor_series(
    dates: Iterable[tuple[date | None, date | None]],
) -> tuple[CosponsorCount, ...]:
    """Active cosponsors after each day someone signed on or withdrew.

    ``dates`` are (sponsored_on, withdrawn_on) pairs; an undated signature is
    not drawn (it is still in the current count).
    """
    added: Counter[date] = Counter()
    withdrawn: Counter[date] = Counter()
    for signed, left in dates:
        if signed is not None:
            added[signed] += 1
        if left is not None:
            withdrawn[left] += 1
    days = sorted(added.keys() | withdrawn.keys())
    counts = accumulate(added[d] - withdrawn[d] for d in days)
    return tuple(
        CosponsorCount(on=d, count=c, added=added[d], withdrawn=withdrawn[d])
        for d, c in zip(days, counts, strict=True)
    )


# --- the small queries -----------------------------------------------------------------


def subscriber_count(session: Session, bill_id: int) -> int:
    """Advocates following the bill who have not unsubscribed from everything."""
    query = (
        select(func.count())
        .select_from(Subscription)
        .join(Advocate, Advocate.id == Subscription.advocate_id)
        .where(Subscription.bill_id == bill_id, Advocate.unsubscribed_at.is_(None))
    )
    return session.scalar(query) or 0


def _actions(session: Session, bill_id: int) -> list[BillAction]:
    query = select(BillAction).where(BillAction.bill_id == bill_id).order_by(BillAction.position)
    return list(session.scalars(query))


def _cosponsor_dates(session: Session, bill_id: int) -> list[_Signature]:
    query = select(Cosponsor.sponsored_on, Cosponsor.withdrawn_on).where(
        Cosponsor.bill_id == bill_id
    )
    return [(signed, left) for signed, left in session.execute(query)]


def _active_cosponsors(session: Session, bill_id: int) -> int:
    query = select(func.count()).where(
        Cosponsor.bill_id == bill_id, Cosponsor.withdrawn_on.is_(None)
    )
    return session.scalar(query) or 0


def _committees(session: Session, bill_id: int) -> tuple[CommitteeStep, ...]:
    query = (
        select(CommitteeReferral)
        .where(CommitteeReferral.bill_id == bill_id)
        .order_by(CommitteeReferral.chamber, CommitteeReferral.committee_code)
    )
    return tuple(
        CommitteeStep(
            code=c.committee_code,
            name=c.name,
            chamber=c.chamber,
            latest_activity=c.latest_activity,
            latest_activity_on=c.latest_activity_on,
        )
        for c in session.scalars(query)
    )


# --- small helpers ---------------------------------------------------------------------


def _as_action(row: BillAction) -> Action:
    return Action(
        on=row.acted_on,
        text=row.text,
        chamber=_chamber(row.chamber),
        time=row.action_time,
        code=row.code,
        action_type=row.action_type,
        source_system=row.source_system,
    )


def _chamber(value: str | None) -> Chamber | None:
    try:
        return Chamber(value) if value else None
    except ValueError:  # a chamber name this version does not know: draw without it
        return None


def _one_per_fact(rows: Sequence[BillAction]) -> list[BillAction]:
    """Each action once, though the source lists it once per source system (the stored
    rows stay complete; stages are computed from all of them)."""
    return one_per_fact(rows, on=lambda a: a.acted_on, text=lambda a: a.text, chamber=_chamber_of)


def _chamber_of(row: BillAction) -> str | None:
    return row.chamber


def _timeline_action(row: BillAction) -> TimelineAction:
    return TimelineAction(
        on=row.acted_on, text=row.text, chamber=row.chamber, code=row.code, time=row.action_time
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
