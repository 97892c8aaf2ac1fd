"""Checking one claimed batch of bills, with unchanged bills costing as little as possible.

Most checks find nothing new (a ``304``, a listing that leaves the bill out, or
the same parsed content). Those are collected and written together in ONE
transaction at the end of the batch (an executemany ``UPDATE`` that also
verifies the lease, and the fetch log), after one ``SELECT`` read the whole
batch up front. Only a changed or failed bill gets a transaction of its own.

If the process dies before the batch is written, nothing is lost: the bills'
leases expire and they are checked again.

A slow batch keeps its leases: before each bill, once a third of the lease has
passed since the claim or the last renewal, one ``UPDATE`` extends the leases
this daemon still holds on the batch (``_LeaseKeeper``). And no bill can hold
the batch up: each bill's fetch runs under the client's deadline
(``check_bill_timeout``), and one that runs out of time is recorded as failed
("timed out after N s") and retried later with the usual backoff.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select, update

from db.claims import renew_leases
from db.models import Bill
from scrapers.errors import ParseError, SourceError
from scrapers.http import RequestRecord
from scrapers.model import BillSnapshot
from scrapers.refs import ref_of
from scrapers.source import Fetched, NotModified, Validators
from tracker.checking.check import (
    BillResult,
    CheckContext,
    Outcome,
    StoredBill,
    finish_changed,
    finish_failed,
    next_check_at,
    write_fetch_log,
)
from tracker.checking.fingerprint import snapshot_fingerprint
from tracker.checking.schedule import session_ended

Progress = Callable[[BillResult], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Unchanged:
    stored: StoredBill
    validators: Validators
    records: list[RequestRecord] = field(default_factory=list)


def check_batch(
    ctx: CheckContext,
    ids: Sequence[int],
    *,
    skip_fetch: frozenset[int] = frozenset(),
    should_stop: Callable[[], bool] = lambda: False,
    progress: Progress | None = None,
    leased_at: datetime | None = None,
) -> tuple[list[BillResult], list[int]]:
    """Check the claimed bills in order; returns the results and the ids not reached.

    ``skip_fetch``: bills a listing says did not change (no request at all).
    A stop request is honoured between two bills; the bill in hand finishes.
    ``leased_at``: when the batch's leases were taken (default: now).
    """
    stored = read_stored(ctx, ids)
    leases = _LeaseKeeper(ctx, ids, leased_at or ctx.clock())
    results: list[BillResult] = []
    unchanged: list[_Unchanged] = []
    for position, bill_id in enumerate(ids):
        if should_stop():
            results += _write_unchanged(ctx, unchanged)
            return results, list(ids[position:])
        leases.renew_if_due()
        result = _check_one(ctx, stored[bill_id], bill_id in skip_fetch, unchanged)
        if result is not None:
            results.append(result)
        if progress is not None:
            progress(result or _pending_result(unchanged[-1]))
    results += _write_unchanged(ctx, unchanged)
    return results, []


def read_stored(ctx: CheckContext, ids: Sequence[int]) -> dict[int, StoredBill]:
    """What every bill of the batch has stored, in one query (snapshots stay unread)."""
    columns = (
        Bill.id,
        Bill.jurisdiction,
        Bill.session,
        Bill.bill_type,
        Bill.number,
        Bill.source,
        Bill.etag,
        Bill.last_modified,
        Bill.content_hash,
        Bill.stage,
        Bill.latest_action_date,
        Bill.stage_date,
        Bill.last_changed_at,
    )
    with ctx.sessions.begin() as session:
        rows = session.execute(select(*columns).where(Bill.id.in_(ids))).all()
    return {r.id: _stored_bill(r) for r in rows}


def _stored_bill(r: Any) -> StoredBill:
    return StoredBill(
        id=r.id,
        ref=ref_of(r),
        source=r.source,
        validators=Validators(etag=r.etag, last_modified=r.last_modified),
        fingerprint=r.content_hash,
        stage=r.stage,
        moved_on=r.latest_action_date or r.stage_date,
        last_changed_at=r.last_changed_at,
    )


def _check_one(
    ctx: CheckContext, stored: StoredBill, skip_fetch: bool, unchanged: list[_Unchanged]
) -> BillResult | None:
    """Check one bill: a result now, or None when it joined the unchanged list."""
    ctx.recorder.drain()
    if skip_fetch:
        unchanged.append(_Unchanged(stored=stored, validators=stored.validators))
        return None
    try:
        with _time_bound(ctx):
            doc, snapshot = _fetch_and_parse(ctx, stored)
    except SourceError as exc:
        return finish_failed(ctx, stored, exc)
    if doc is not None and snapshot is not None:
        fingerprint = snapshot_fingerprint(snapshot)
        if fingerprint != stored.fingerprint:
            return finish_changed(ctx, stored, doc, snapshot, fingerprint)
    validators = doc.validators if doc is not None else stored.validators
    unchanged.append(_Unchanged(stored=stored, validators=validators, records=ctx.recorder.drain()))
    return None


@contextlib.contextmanager
def _time_bound(ctx: CheckContext) -> Iterator[None]:
    """One bill's fetch (every request and retry of it) within ``check_bill_timeout``."""
    if ctx.client is None:
        yield
        return
    with ctx.client.deadline(ctx.settings.check_bill_timeout):
        yield


class _LeaseKeeper:
    """Keeps this daemon's leases on a batch alive while the batch runs.

    Renewal rather than batches sized to fit the lease: how long a batch takes
    depends on the servers, not on us. A batch sized for the worst case
    (``lease_seconds / check_bill_timeout``: 5 bills at the defaults) would give
    up writing the unchanged bills of 50 in one transaction for the sake of a
    rare slow server. Renewing costs one UPDATE per third of a lease, none in
    a batch that ends sooner. Renewed before each bill once a third has passed,
    so a bill starts with at least two thirds of a lease left; with the per-bill
    bound below that (120 s against 400 s by default) no lease runs out while
    this daemon is alive. A daemon that is paused or killed stops renewing, and
    its bills are taken over when the lease ends, as before.
    """

    def __init__(self, ctx: CheckContext, ids: Sequence[int], leased_at: datetime) -> None:
        self._ctx = ctx
        self._ids = list(ids)
        self._lease = timedelta(seconds=ctx.settings.lease_seconds)
        self._renewed_at = leased_at

    def renew_if_due(self) -> None:
        now = self._ctx.clock()
        if now - self._renewed_at < self._lease / 3:
            return
        with self._ctx.sessions.begin() as session:
            renew_leases(
                session, ids=self._ids, owner=self._ctx.owner, lease_until=now + self._lease
            )
        self._renewed_at = now


def _fetch_and_parse(
    ctx: CheckContext, stored: StoredBill
) -> tuple[Fetched | None, BillSnapshot | None]:
    """The fetched document and its snapshot; (None, None) when the server said 304."""
    source = ctx.sources.get(stored.source)
    if source is None:
        raise SourceError(f"{stored.ref.key}: source {stored.source!r} is not configured")
    result = source.fetch(stored.ref, stored.validators)
    if isinstance(result, NotModified):
        # Keep the validators the server sent with its 304 (some rotate them).
        return Fetched(
            ref=stored.ref, url=result.url, content=b"", validators=result.validators
        ), None
    snapshot = source.parse(result)
    if snapshot.ref.key != stored.ref.key:
        # A mirror serving the wrong file must not overwrite this bill.
        raise ParseError(source.name, result.url, "bill", f"is {snapshot.ref.key}")
    return result, snapshot


def _pending_result(item: _Unchanged) -> BillResult:
    return BillResult(
        key=item.stored.ref.key, outcome=Outcome.UNCHANGED, requests=len(item.records)
    )


def _write_unchanged(ctx: CheckContext, items: list[_Unchanged]) -> list[BillResult]:
    """Record every unchanged bill of the batch in one transaction."""
    if not items:
        return []
    now = ctx.clock()
    with ctx.sessions.begin() as session:
        session.connection().execute(
            _UNCHANGED_UPDATE, [_unchanged_row(ctx, i, now) for i in items]
        )
        for item in items:
            write_fetch_log(
                session, item.records, bill_id=item.stored.id, source=item.stored.source
            )
    items_done = [_pending_result(i) for i in items]
    items.clear()
    return items_done


def _unchanged_row(ctx: CheckContext, item: _Unchanged, now: datetime) -> dict[str, Any]:
    s = item.stored
    ended = session_ended(s.ref.jurisdiction, s.ref.session, now.date())
    due = next_check_at(
        ctx,
        stage=s.stage,
        ended=ended,
        moved_on=s.moved_on,
        last_changed_at=s.last_changed_at,
        now=now,
    )
    return {
        "b_id": s.id,
        "b_owner": ctx.owner,
        "etag": item.validators.etag,
        "last_modified": item.validators.last_modified,
        "last_checked_at": now,
        "last_success_at": now,
        "next_check_at": due,
        "session_ended": ended,
        "updated_at": now,
    }


#: Only where this daemon still holds the lease: a bill taken over by another
#: daemon (this one was paused past its lease) is left to that daemon.
_UNCHANGED_UPDATE = (
    update(Bill)
    .where(Bill.id == bindparam("b_id"), Bill.lease_owner == bindparam("b_owner"))
    .values(
        etag=bindparam("etag"),
        last_modified=bindparam("last_modified"),
        last_checked_at=bindparam("last_checked_at"),
        last_success_at=bindparam("last_success_at"),
        next_check_at=bindparam("next_check_at"),
        session_ended=bindparam("session_ended"),
        updated_at=bindparam("updated_at"),
        consecutive_failures=0,
        last_error=None,
        lease_owner=None,
        lease_until=None,
    )
)
