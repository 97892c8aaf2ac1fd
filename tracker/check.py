"""One check of one bill: fetch, parse, compare, and store the result in one transaction.

The flow (DESIGN.md, "The flow of one check"):

1. a short transaction reads what is stored (validators, fingerprint, snapshot);
2. the source fetches, conditionally, outside any transaction;
3. ``304`` or an unchanged fingerprint: only the check times move;
4. otherwise the snapshot is diffed against the stored one, and in ONE
   transaction the bill and its parts are rewritten, new events inserted and
   alert rows queued; nothing is sent;
5. a failure is recorded on the bill (error, backed-off next check) and the
   cycle goes on.

Every write transaction first checks that this daemon still holds the bill's
lease, so a daemon that lost it (paused past its lease) never overwrites the
work of the one that took over.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from db.claims import holds_lease
from db.models import Bill, FetchLog
from scrapers.errors import ParseError, SourceError
from scrapers.http import RequestRecord
from scrapers.model import BillRef, BillSnapshot
from scrapers.source import Fetched, NotModified, Source, Validators
from tracker.clock import Clock
from tracker.diff import diff_snapshots
from tracker.fingerprint import snapshot_fingerprint
from tracker.outbox import insert_events, queue_alerts
from tracker.schedule import check_interval, failure_backoff, session_ended, with_jitter
from tracker.serialize import snapshot_from_dict
from tracker.settings import Settings
from tracker.store import apply_snapshot

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    UNCHANGED = "unchanged"  # 304, a listing said so, or the same parsed content
    CHANGED = "changed"  # new content stored (a first check records the baseline)
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


@dataclass(frozen=True, slots=True, kw_only=True)
class _Stored:
    ref: BillRef
    source: str
    validators: Validators
    fingerprint: str | None
    snapshot: dict[str, Any] | None


def check_bill(ctx: CheckContext, bill_id: int, *, skip_fetch: bool = False) -> BillResult:
    """Check one claimed bill; never raises for a source's failure (it is recorded)."""
    stored = _read_stored(ctx, bill_id)
    ctx.recorder.drain()
    if skip_fetch:
        return _finish_unchanged(ctx, bill_id, stored.ref, stored.validators)
    source = ctx.sources.get(stored.source)
    try:
        if source is None:
            raise SourceError(f"{stored.ref.key}: source {stored.source!r} is not configured")
        result = source.fetch(stored.ref, stored.validators)
        if isinstance(result, NotModified):
            return _finish_unchanged(ctx, bill_id, stored.ref, result.validators)
        snapshot = source.parse(result)
        if snapshot.ref.key != stored.ref.key:
            # A mirror serving the wrong file must not overwrite this bill.
            raise ParseError(source.name, result.url, "bill", f"is {snapshot.ref.key}")
    except SourceError as exc:
        return _finish_failed(ctx, bill_id, stored.ref, exc)
    return _finish_parsed(ctx, bill_id, stored, result, snapshot)


def _read_stored(ctx: CheckContext, bill_id: int) -> _Stored:
    with ctx.sessions.begin() as session:
        bill = session.get_one(Bill, bill_id)
        ref = BillRef(
            jurisdiction=bill.jurisdiction,
            session=bill.session,
            bill_type=bill.bill_type,
            number=bill.number,
        )
        return _Stored(
            ref=ref,
            source=bill.source,
            validators=Validators(etag=bill.etag, last_modified=bill.last_modified),
            fingerprint=bill.content_hash,
            snapshot=bill.snapshot,
        )


def _finish_parsed(
    ctx: CheckContext, bill_id: int, stored: _Stored, doc: Fetched, snapshot: BillSnapshot
) -> BillResult:
    fingerprint = snapshot_fingerprint(snapshot)
    if fingerprint == stored.fingerprint:
        return _finish_unchanged(ctx, bill_id, stored.ref, doc.validators)
    events = diff_snapshots(_previous(stored), snapshot)
    with ctx.sessions.begin() as session:
        now = ctx.clock()
        bill = holds_lease(session, bill_id, ctx.owner)
        if bill is None:
            return BillResult(key=stored.ref.key, outcome=Outcome.LOST_LEASE)
        apply_snapshot(session, bill, snapshot, fingerprint=fingerprint)
        inserted = insert_events(session, bill, events, now=now)
        alerts = queue_alerts(session, bill, inserted, now=now)
        bill.last_changed_at = now
        requests = _mark_success(ctx, session, bill, doc.validators, now)
    return BillResult(
        key=stored.ref.key,
        outcome=Outcome.CHANGED,
        events=len(inserted),
        alerts=alerts,
        requests=requests,
        baseline=stored.snapshot is None,
    )


def _previous(stored: _Stored) -> BillSnapshot | None:
    if stored.snapshot is None:
        return None
    try:
        return snapshot_from_dict(stored.snapshot)
    except (KeyError, TypeError, ValueError):
        # A snapshot stored by an older release that no longer reads: treat this
        # check as a new baseline rather than fail the bill forever.
        logger.warning("%s: stored snapshot unreadable; recording a new baseline", stored.ref)
        return None


def _finish_unchanged(
    ctx: CheckContext, bill_id: int, ref: BillRef, validators: Validators
) -> BillResult:
    with ctx.sessions.begin() as session:
        bill = holds_lease(session, bill_id, ctx.owner)
        if bill is None:
            return BillResult(key=ref.key, outcome=Outcome.LOST_LEASE)
        requests = _mark_success(ctx, session, bill, validators, ctx.clock())
    return BillResult(key=ref.key, outcome=Outcome.UNCHANGED, requests=requests)


def _finish_failed(ctx: CheckContext, bill_id: int, ref: BillRef, exc: SourceError) -> BillResult:
    message = str(exc) or exc.__class__.__name__
    logger.warning("check of %s failed: %s", ref.key, message)
    with ctx.sessions.begin() as session:
        bill = holds_lease(session, bill_id, ctx.owner)
        if bill is None:
            return BillResult(key=ref.key, outcome=Outcome.LOST_LEASE)
        now = ctx.clock()
        bill.consecutive_failures = (bill.consecutive_failures or 0) + 1
        bill.last_error = message
        bill.last_error_at = now
        bill.last_checked_at = now
        bill.next_check_at = now + failure_backoff(bill.consecutive_failures, ctx.settings)
        _release(bill, now)
        requests = _write_fetch_log(ctx, session, bill.id, bill.source)
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
    bill.next_check_at = now + _next_interval(ctx, bill, now)
    _release(bill, now)
    return _write_fetch_log(ctx, session, bill.id, bill.source)


def _next_interval(ctx: CheckContext, bill: Bill, now: datetime) -> timedelta:
    moved = bill.latest_action_date or bill.stage_date
    last_moved = datetime.combine(moved, time(), tzinfo=UTC) if moved else bill.last_changed_at
    base = check_interval(
        stage=bill.stage,
        ended=bill.session_ended,
        last_moved=last_moved,
        now=now,
        settings=ctx.settings,
    )
    return with_jitter(base, ctx.settings.check_jitter, ctx.rand)


def _release(bill: Bill, now: datetime) -> None:
    bill.lease_owner = None
    bill.lease_until = None
    bill.updated_at = now


def _write_fetch_log(ctx: CheckContext, session: Session, bill_id: int, source: str) -> int:
    records = ctx.recorder.drain()
    if records:
        session.execute(
            insert(FetchLog),
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
