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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from db.claims import ClaimedBill, claim_bills
from db.models import Bill
from scrapers.errors import SourceError
from scrapers.source import ListingSource
from tracker.checking.batch import check_batch
from tracker.checking.check import BillResult, CheckContext, Outcome, write_fetch_log
from tracker.checking.votes import fetch_pending_votes

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
    changed: int = 0  # a first check (the baseline) counts here and in ``baseline``
    baseline: int = 0
    older: int = 0  # the source served an older copy than stored: kept the stored state
    failed: int = 0
    lost_lease: int = 0
    events: int = 0
    alerts: int = 0
    requests: int = 0
    skipped_by_listing: int = 0
    votes_fetched: int = 0  # roll calls fetched and stored (each once, ever)
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
            self.baseline += result.baseline
        elif result.outcome is Outcome.UNCHANGED:
            self.unchanged += 1
        elif result.outcome is Outcome.OLDER:
            self.older += 1
        else:
            self.failed += 1
            self.failures.append({"id": result.key, "error": result.error or ""})

    def to_json(self) -> dict[str, Any]:
        return {
            "claimed": self.claimed,
            "checked": self.checked,
            "unchanged": self.unchanged,
            "changed": self.changed,
            "baseline": self.baseline,
            "older": self.older,
            "failed": self.failed,
            "events": self.events,
            "alerts": self.alerts,
            "requests": self.requests,
            "skipped_by_listing": self.skipped_by_listing,
            "votes_fetched": self.votes_fetched,
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
    listings = _Listings(ctx)
    while not should_stop():
        leased_at = ctx.clock()
        batch = _claim(ctx, due_only=due_only, keys=keys, limit=size, started=started)
        if not batch:
            break
        report.claimed += len(batch)
        skip = listings.unchanged(batch)
        report.skipped_by_listing += len(skip)
        results, not_reached = check_batch(
            ctx,
            [c.id for c in batch],
            skip_fetch=skip,
            should_stop=should_stop,
            progress=progress,
            leased_at=leased_at,
        )
        for result in results:
            report.add(result)
        left = set(not_reached)
        reached = [c.id for c in batch if c.id not in left]
        # After the bills are written, so a vote can never fail or undo a bill's check.
        votes = fetch_pending_votes(ctx, reached, should_stop=should_stop)
        report.requests += votes.requests
        report.votes_fetched += votes.fetched
        if not_reached:
            _give_back(ctx, not_reached)
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


def _give_back(ctx: CheckContext, ids: Sequence[int]) -> None:
    """Release leases of bills we will not check (stopping): others may take them now."""
    with ctx.sessions.begin() as session:
        session.execute(
            update(Bill)
            .where(Bill.id.in_(ids), Bill.lease_owner == ctx.owner)
            .values(lease_owner=None, lease_until=None)
            .execution_options(synchronize_session=False)
        )


class _Listings:
    """ "Changed since" listings, fetched at most once per (source, Congress) per cycle.

    The first batch that needs one asks for every change since the oldest
    recent success among ALL tracked bills of that source and Congress, so
    later batches reuse it: a listing since an earlier moment is a superset.
    """

    def __init__(self, ctx: CheckContext) -> None:
        self._ctx = ctx
        self._changed: dict[tuple[str, str], frozenset[str] | None] = {}

    def unchanged(self, batch: list[ClaimedBill]) -> frozenset[int]:
        """Ids of claimed bills the listing says did not change since their last check."""
        groups: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        for r in self._recent(batch):
            groups[(r.source, _listing_session(r.jurisdiction, r.session))].append((r.id, r.key))
        unchanged: set[int] = set()
        for group, members in groups.items():
            changed = self._changed_keys(group, len(members))
            if changed is not None:
                unchanged |= {bill_id for bill_id, key in members if key not in changed}
        return frozenset(unchanged)

    def _recent(self, batch: list[ClaimedBill]) -> list[Any]:
        """The batch's bills whose last success is recent enough to trust a listing."""
        trusted_after = self._ctx.clock() - LISTING_TRUST_LIMIT
        with self._ctx.sessions.begin() as session:
            return list(
                session.execute(
                    select(Bill.id, Bill.key, Bill.source, Bill.jurisdiction, Bill.session).where(
                        Bill.id.in_([c.id for c in batch]),
                        Bill.last_success_at > trusted_after,
                    )
                ).all()
            )

    def _changed_keys(self, group: tuple[str, str], size: int) -> frozenset[str] | None:
        if group not in self._changed:
            source = self._ctx.sources.get(group[0])
            least = getattr(source, "listing_min_bills", LISTING_MIN_BILLS)
            worth_it = isinstance(source, ListingSource) and size >= least
            self._changed[group] = self._fetch(source, group) if worth_it else None
        return self._changed[group]

    def _fetch(self, source: Any, group: tuple[str, str]) -> frozenset[str] | None:
        since = self._since(group)
        try:
            refs = source.changed_since(since, sessions=frozenset({group[1]}))
            return frozenset(ref.key for ref in refs)
        except SourceError as exc:
            # The listing is an optimisation: without it every bill is fetched as usual.
            logger.warning("listing of %s %s failed, fetching each bill: %s", *group, exc)
            return None
        finally:
            with self._ctx.sessions.begin() as session:
                write_fetch_log(session, self._ctx.recorder.drain(), bill_id=None, source=group[0])

    def _since(self, group: tuple[str, str]) -> datetime:
        trusted_after = self._ctx.clock() - LISTING_TRUST_LIMIT
        with self._ctx.sessions.begin() as session:
            oldest = session.scalar(
                select(func.min(Bill.last_success_at)).where(
                    Bill.tracked.is_(True),
                    Bill.source == group[0],
                    *_session_filter(group[1]),
                    Bill.last_success_at > trusted_after,
                )
            )
        return oldest or trusted_after


def _listing_session(jurisdiction: str, session: str) -> str:
    """A session as ``changed_since`` takes it: the Congress, or ``state/session`` elsewhere
    (state session names repeat across states)."""
    return session if jurisdiction == "us" else f"{jurisdiction}/{session}"


def _session_filter(listing_session: str) -> tuple[Any, ...]:
    jurisdiction, slash, session = listing_session.partition("/")
    if not slash:
        return (Bill.session == listing_session,)
    return (Bill.jurisdiction == jurisdiction, Bill.session == session)
