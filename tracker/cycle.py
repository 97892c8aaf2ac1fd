"""A check cycle: claim bills in batches with a lease, check each, report.

Used by ``tracker check`` (every tracked bill, or the named ones, now) and by
the daemon's check tick (only the bills that are due). Each bill is isolated:
a failure is recorded on that bill and the cycle goes on. A stop request
(SIGTERM, Ctrl-C) is honoured between two bills, so the bill in hand finishes.

Where a source offers a "changed since" listing and enough bills of one
Congress are due, one listing request decides which of them need a fetch at
all; the rest count as unchanged without a request.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from db.claims import ClaimedBill, claim_bills
from db.models import Bill
from scrapers.errors import SourceError
from scrapers.source import ListingSource
from tracker.check import BillResult, CheckContext, Outcome, check_bill

logger = logging.getLogger(__name__)

#: Below this many due bills of one (source, Congress), conditional GETs are
#: cheaper than downloading the listing.
LISTING_MIN_BILLS = 25
#: Bills not fetched for this long are fetched whatever the listing says, in
#: case a listing ever misses a change.
LISTING_TRUST_LIMIT = timedelta(days=7)


@dataclass
class CycleReport:
    claimed: int = 0
    checked: int = 0
    unchanged: int = 0
    changed: int = 0
    failed: int = 0
    lost_lease: int = 0
    events: int = 0
    alerts: int = 0
    requests: int = 0
    skipped_by_listing: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)

    def add(self, result: BillResult) -> None:
        self.requests += result.requests
        if result.outcome is Outcome.LOST_LEASE:
            self.lost_lease += 1
            return
        self.checked += 1
        self.events += result.events
        self.alerts += result.alerts
        if result.outcome is Outcome.CHANGED:
            self.changed += 1
        elif result.outcome is Outcome.UNCHANGED:
            self.unchanged += 1
        else:
            self.failed += 1
            self.failures.append({"id": result.key, "error": result.error or ""})

    def to_json(self) -> dict[str, Any]:
        return {
            "claimed": self.claimed,
            "checked": self.checked,
            "unchanged": self.unchanged,
            "changed": self.changed,
            "failed": self.failed,
            "events": self.events,
            "alerts": self.alerts,
            "requests": self.requests,
            "skipped_by_listing": self.skipped_by_listing,
            "lost_lease": self.lost_lease,
            "failures": self.failures,
        }


Progress = Callable[[BillResult], None]


def run_cycle(
    ctx: CheckContext,
    *,
    due_only: bool,
    keys: Sequence[str] | None = None,
    batch_size: int | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Progress | None = None,
) -> CycleReport:
    """Check every claimable bill once; returns what happened."""
    report = CycleReport()
    started = ctx.clock()
    size = batch_size or ctx.settings.check_batch_size
    while not should_stop():
        batch = _claim(ctx, due_only=due_only, keys=keys, limit=size, started=started)
        if not batch:
            break
        report.claimed += len(batch)
        _check_batch(ctx, batch, report, should_stop=should_stop, progress=progress)
    return report


def _claim(
    ctx: CheckContext, *, due_only: bool, keys: Sequence[str] | None, limit: int, started: datetime
) -> list[ClaimedBill]:
    now = ctx.clock()
    with ctx.sessions.begin() as session:
        return claim_bills(
            session,
            owner=ctx.owner,
            now=now,
            lease_until=now + timedelta(seconds=ctx.settings.lease_seconds),
            limit=limit,
            due_only=due_only,
            keys=keys,
            not_checked_since=started,
        )


def _check_batch(
    ctx: CheckContext,
    batch: list[ClaimedBill],
    report: CycleReport,
    *,
    should_stop: Callable[[], bool],
    progress: Progress | None,
) -> None:
    unchanged_ids = _unchanged_by_listing(ctx, batch)
    report.skipped_by_listing += len(unchanged_ids)
    for claimed in batch:
        if should_stop():
            _give_back(ctx, [c for c in batch if c.id >= claimed.id])
            return
        result = check_bill(ctx, claimed.id, skip_fetch=claimed.id in unchanged_ids)
        report.add(result)
        if progress is not None:
            progress(result)


def _give_back(ctx: CheckContext, claimed: Iterable[ClaimedBill]) -> None:
    """Release leases of bills we will not check (stopping): others may take them now."""
    ids = [c.id for c in claimed]
    with ctx.sessions.begin() as session:
        for bill in session.scalars(select(Bill).where(Bill.id.in_(ids))):
            if bill.lease_owner == ctx.owner:
                bill.lease_owner = None
                bill.lease_until = None


def _unchanged_by_listing(ctx: CheckContext, batch: list[ClaimedBill]) -> set[int]:
    """Ids of claimed bills the source's listing says did not change since their last check."""
    groups: dict[tuple[str, str], list[tuple[int, str, datetime]]] = defaultdict(list)
    now = ctx.clock()
    with ctx.sessions.begin() as session:
        rows = session.execute(
            select(Bill.id, Bill.key, Bill.source, Bill.session, Bill.last_success_at).where(
                Bill.id.in_([c.id for c in batch])
            )
        ).all()
    for r in rows:
        if r.last_success_at is not None and now - r.last_success_at < LISTING_TRUST_LIMIT:
            groups[(r.source, r.session)].append((r.id, r.key, r.last_success_at))
    unchanged: set[int] = set()
    for (source_name, congress), members in groups.items():
        source = ctx.sources.get(source_name)
        if len(members) < LISTING_MIN_BILLS or not isinstance(source, ListingSource):
            continue
        unchanged |= _listing_group(ctx, source, congress, members)
    return unchanged


def _listing_group(
    ctx: CheckContext,
    source: ListingSource,
    congress: str,
    members: list[tuple[int, str, datetime]],
) -> set[int]:
    since = min(last for _, _, last in members)
    try:
        changed = {ref.key for ref in source.changed_since(since, sessions=frozenset({congress}))}
    except SourceError as exc:
        # The listing is an optimisation: without it every bill is fetched as usual.
        logger.warning(
            "listing of %s %s failed, fetching each bill: %s", source.name, congress, exc
        )
        return set()
    finally:
        ctx.recorder.drain()
    return {bill_id for bill_id, key, _ in members if key not in changed}
