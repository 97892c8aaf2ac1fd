"""One check's writes: a changed bill, a failed bill, and the shared bookkeeping.

The flow (DESIGN.md, "The flow of one check"), driven batch by batch by
``tracker.checking.batch``:

1. one SELECT reads what is stored for the whole batch (validators, fingerprint);
2. the source fetches each bill, conditionally, outside any transaction;
3. ``304``, a listing that says "unchanged", or the same parsed content: the
   bill joins the batch's unchanged list, written in ONE transaction at the end;
4. otherwise the snapshot is diffed against the stored one, and in ONE
   transaction the bill and its parts are rewritten, new events inserted and
   alert rows queued (this module); nothing is sent;
5. a failure is recorded on the bill (error, backed-off next check).

Every write first checks that this daemon still holds the bill's lease, so a
daemon that lost it (paused past its lease) never overwrites the work of the
one that took over.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from db.claims import holds_lease
from db.models import Bill, FetchLog
from scrapers.errors import SourceError
from scrapers.http import PoliteClient, RequestRecord
from scrapers.model import BillRef, BillSnapshot
from scrapers.roll_calls import RollCallSources
from scrapers.source import Fetched, Source, Validators
from tracker.checking.alerts import insert_events, queue_alerts
from tracker.checking.diff import diff_snapshots
from tracker.checking.recency import older_than_stored
from tracker.checking.schedule import check_interval, failure_backoff, session_ended, with_jitter
from tracker.checking.store import apply_snapshot
from tracker.checking.topic_alerts import TopicNews, alert_topic_followers
from tracker.checking.votes import link_recorded_votes
from tracker.core.clock import Clock
from tracker.core.settings import Settings
from tracker.vocab.events import BillEvent
from tracker.vocab.serialize import snapshot_from_dict

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    UNCHANGED = "unchanged"  # 304, a listing said so, or the same parsed content
    CHANGED = "changed"  # new content stored (a first check records the baseline)
    OLDER = "older"  # the source served an older copy than stored: nothing written
    FAILED = "failed"
    LOST_LEASE = "lost_lease"  # another daemon took the bill over; nothing written


@dataclass(frozen=True, slots=True, kw_only=True)
class BillResult:
    key: str
    outcome: Outcome
    events: int = 0
    alerts: int = 0
    requests: int = 0
    error: str | None = None
    baseline: bool = False


class FetchRecorder:
    """Collects the HTTP client's request records between two bills."""

    def __init__(self) -> None:
        self._records: list[RequestRecord] = []

    def __call__(self, record: RequestRecord) -> None:
        self._records.append(record)

    def drain(self) -> list[RequestRecord]:
        records, self._records = self._records, []
        return records


@dataclass
class CheckContext:
    """What a check needs, passed down explicitly (no globals)."""

    sessions: sessionmaker[Session]
    sources: Mapping[str, Source]
    settings: Settings
    clock: Clock
    owner: str
    recorder: FetchRecorder = field(default_factory=FetchRecorder)
    rand: Callable[[], float] = random.random
    votes: RollCallSources | None = None  # where named roll calls are fetched (none: not fetched)
    #: The sources' shared client; when set, each bill's fetch is time-bounded
    #: (``check_bill_timeout``) through its deadline, so one hanging server
    #: cannot hold up the rest of a batch.
    client: PoliteClient | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredBill:
    """What a check needs to know of a bill before fetching it (no snapshot JSON)."""

    id: int
    ref: BillRef
    source: str
    validators: Validators
    fingerprint: str | None
    stage: str | None
    moved_on: date | None  # latest action date, else stage date
    last_changed_at: datetime | None


def finish_changed(
    ctx: CheckContext, stored: StoredBill, doc: Fetched, snapshot: BillSnapshot, fingerprint: str
) -> BillResult:
    """Store new content with its events and alerts in one transaction."""
    with ctx.sessions.begin() as session:
        now = ctx.clock()
        bill = holds_lease(session, stored.id, ctx.owner)
        if bill is None:
            ctx.recorder.drain()
            return BillResult(key=stored.ref.key, outcome=Outcome.LOST_LEASE)
        previous = previous_snapshot(bill.snapshot, bill.key)
        older = older_than_stored(snapshot, previous, bill.source_updated_at)
        if older is not None:
            return _keep_newer(ctx, session, bill, stored, older, now)
        events = diff_snapshots(previous, snapshot)
        written = store_change(
            session,
            bill,
            snapshot,
            events,
            fingerprint=fingerprint,
            first_sight=stored.fingerprint is None,
            now=now,
        )
        requests = _mark_success(ctx, session, bill, doc.validators, now)
    return BillResult(
        key=stored.ref.key,
        outcome=Outcome.CHANGED,
        events=written.events,
        alerts=written.alerts,
        requests=requests,
        baseline=stored.fingerprint is None,
    )


def _keep_newer(
    ctx: CheckContext, session: Session, bill: Bill, stored: StoredBill, why: str, now: datetime
) -> BillResult:
    """A stale copy: the bill keeps its state and validators, nobody hears of it."""
    logger.warning("%s: the source served an older copy (%s); stored state kept", bill.key, why)
    requests = _mark_success(ctx, session, bill, stored.validators, now)
    return BillResult(key=stored.ref.key, outcome=Outcome.OLDER, requests=requests)


@dataclass(frozen=True, slots=True, kw_only=True)
class Written:
    events: int  # new events stored
    alerts: int  # alert rows queued (bill followers, and topic followers on first sight)


def store_change(
    session: Session,
    bill: Bill,
    snapshot: BillSnapshot,
    events: Sequence[BillEvent],
    *,
    fingerprint: str,
    first_sight: bool,
    now: datetime,
) -> Written:
    """Store a changed snapshot with its events and alerts, in the caller's transaction.

    ``first_sight``: the tracker had no content for this bill, so followers of a
    topic it matches hear of it (``tracker.checking.topic_alerts``). Used by checks and imports.
    """
    apply_snapshot(session, bill, snapshot, fingerprint=fingerprint)
    link_recorded_votes(session, bill.id, snapshot)
    inserted = insert_events(session, bill, events, now=now)
    alerts = queue_alerts(session, bill, inserted, now=now)
    news = alert_topic_followers(session, [bill.id], now=now) if first_sight else TopicNews()
    bill.last_changed_at = now
    return Written(events=len(inserted) + news.events, alerts=alerts + news.alerts)


def previous_snapshot(stored: dict[str, Any] | None, key: str) -> BillSnapshot | None:
    """The stored snapshot to diff against; None for a first sight or an unreadable one."""
    if stored is None:
        return None
    try:
        return snapshot_from_dict(stored)
    except (KeyError, TypeError, ValueError):
        # A snapshot stored by an older release that no longer reads: treat this
        # check as a new baseline rather than fail the bill forever.
        logger.warning("%s: stored snapshot unreadable; recording a new baseline", key)
        return None


def finish_failed(ctx: CheckContext, stored: StoredBill, exc: SourceError) -> BillResult:
    """Record the error on the bill and back its next check off; the cycle goes on."""
    ref = stored.ref
    message = str(exc) or exc.__class__.__name__
    logger.warning("check of %s failed: %s", ref.key, message)
    with ctx.sessions.begin() as session:
        bill = holds_lease(session, stored.id, ctx.owner)
        if bill is None:
            ctx.recorder.drain()
            return BillResult(key=ref.key, outcome=Outcome.LOST_LEASE)
        now = ctx.clock()
        bill.consecutive_failures = (bill.consecutive_failures or 0) + 1
        bill.last_error = message
        bill.last_error_at = now
        bill.last_checked_at = now
        bill.next_check_at = now + failure_backoff(bill.consecutive_failures, ctx.settings)
        _release(bill, now)
        requests = write_fetch_log(
            session, ctx.recorder.drain(), bill_id=bill.id, source=bill.source
        )
    return BillResult(key=ref.key, outcome=Outcome.FAILED, error=message, requests=requests)


def _mark_success(
    ctx: CheckContext, session: Session, bill: Bill, validators: Validators, now: datetime
) -> int:
    """Record a successful check; returns how many HTTP requests it took."""
    bill.etag = validators.etag
    bill.last_modified = validators.last_modified
    bill.consecutive_failures = 0
    bill.last_error = None
    bill.last_checked_at = now
    bill.last_success_at = now
    bill.session_ended = session_ended(bill.jurisdiction, bill.session, now.date())
    bill.next_check_at = next_check_at(
        ctx,
        stage=bill.stage,
        ended=bill.session_ended,
        moved_on=bill.latest_action_date or bill.stage_date,
        last_changed_at=bill.last_changed_at,
        now=now,
    )
    _release(bill, now)
    return write_fetch_log(session, ctx.recorder.drain(), bill_id=bill.id, source=bill.source)


def next_check_at(
    ctx: CheckContext,
    *,
    stage: str | None,
    ended: bool,
    moved_on: date | None,
    last_changed_at: datetime | None,
    now: datetime,
) -> datetime:
    """When a successfully checked bill is due again (schedule rules plus jitter)."""
    last_moved = datetime.combine(moved_on, time(), tzinfo=UTC) if moved_on else last_changed_at
    base = check_interval(
        stage=stage, ended=ended, last_moved=last_moved, now=now, settings=ctx.settings
    )
    return now + with_jitter(base, ctx.settings.check_jitter, ctx.rand)


def _release(bill: Bill, now: datetime) -> None:
    bill.lease_owner = None
    bill.lease_until = None
    bill.updated_at = now


def write_fetch_log(
    session: Session, records: Sequence[RequestRecord], *, bill_id: int | None, source: str
) -> int:
    """Store the request records of one bill's check; returns how many there were."""
    if records:
        # Core executemany on the table: the ORM bulk path costs several times more.
        session.execute(
            insert(FetchLog.metadata.tables[FetchLog.__tablename__]),
            [
                {
                    "at": r.at,
                    "bill_id": bill_id,
                    "source": source,
                    "method": r.method,
                    "url": r.url,
                    "status": r.status,
                    "bytes": r.bytes,
                    "elapsed_ms": r.elapsed_ms,
                    "attempt": r.attempt,
                    "error": r.error,
                }
                for r in records
            ],
        )
    return len(records)
