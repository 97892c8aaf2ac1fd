"""Writing a batch of prepared bills in one transaction (the parent process of an import).

For each bill of the batch, against what is stored:

- unknown: inserted as *known*, not tracked (no ``next_check_at``), no events;
- same fingerprint as stored: nothing is written (a re-import is a no-op);
- older than what is stored (the source's update stamp): skipped, so an old
  archive never rolls a bill back;
- stored from another source (Congress.gov API): left alone;
- known and untracked with new content: rewritten, still without events;
- tracked with new content: through the check's own path (``tracker.checking.check.
  store_change``: diff, events, alerts), as if a check had seen it.

Untracked bills are written in bulk (a few statements per batch, not per bill),
with the same rows ``apply_snapshot`` writes. Bills the tracker sees for the
first time are then offered to topic followers (``tracker.checking.topic_alerts``), in the
same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, Text, bindparam, delete, select, update
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.base import Base
from db.bulk import driver_rows, driver_value, insert_tuples, reserve_ids
from db.models import Bill
from db.search import index_bills
from scrapers.model import BillSnapshot
from scrapers.sources.govinfo.parse import SOURCE
from tracker.bulk.prepare import Prepared
from tracker.checking.check import previous_snapshot, store_change
from tracker.checking.diff import diff_snapshots
from tracker.checking.rows import BILL_COLUMNS, CHILD_TABLES
from tracker.checking.schedule import session_ended
from tracker.checking.topic_alerts import alert_topic_followers

_BILLS = cast(Table, Bill.__table__)
_CHUNK = 500

#: Re-parses one prepared bill's document (only needed for tracked bills).
Reparse = Callable[[Prepared], BillSnapshot]


@dataclass
class BatchResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    other_source: int = 0
    tracked_changed: int = 0
    events: int = 0
    alerts: int = 0
    topic_bills: int = 0


@dataclass(frozen=True, slots=True)
class _Stored:
    id: int | None  # None: inserted by this batch
    fingerprint: str | None
    updated_at: datetime | None
    tracked: bool
    source: str


@dataclass
class _Plan:
    fresh: dict[str, Prepared] = field(default_factory=dict)  # to insert
    known: dict[str, tuple[int, Prepared]] = field(default_factory=dict)  # to rewrite
    tracked: dict[str, tuple[int, Prepared]] = field(default_factory=dict)  # to check-store
    first_sight: set[str] = field(default_factory=set)  # stored without content until now


def write_batch(
    session: Session, items: Sequence[Prepared], *, reparse: Reparse, now: datetime
) -> BatchResult:
    """Store ``items`` (in file order: a later copy of a bill wins if it is newer)."""
    result = BatchResult()
    stored = _stored_state(session, {item.key for item in items})
    plan = _plan(items, stored, result)
    ids = _insert_fresh(session, list(plan.fresh.values()), now)
    _rewrite_known(session, list(plan.known.values()), now)
    result.new, result.updated = len(plan.fresh), result.updated + len(plan.known)
    _write_tracked(session, plan, reparse, result, now)
    first_sight = list(ids.values()) + [
        plan.known[k][0] for k in plan.first_sight & plan.known.keys()
    ]
    news = alert_topic_followers(session, first_sight, now=now)
    result.events += news.events
    result.alerts += news.alerts
    result.topic_bills += news.bills
    return result


def _stored_state(session: Session, keys: set[str]) -> dict[str, _Stored]:
    columns = (
        Bill.key,
        Bill.id,
        Bill.content_hash,
        Bill.source_updated_at,
        Bill.tracked,
        Bill.source,
    )
    found: dict[str, _Stored] = {}
    ordered = sorted(keys)
    for i in range(0, len(ordered), _CHUNK):
        query = select(*columns).where(Bill.key.in_(ordered[i : i + _CHUNK]))
        for key, bill_id, fingerprint, stamp, tracked, source in session.execute(query):
            found[key] = _Stored(bill_id, fingerprint, stamp, tracked, source)
    return found


def _ids_of(session: Session, keys: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for i in range(0, len(keys), _CHUNK):
        query = select(Bill.key, Bill.id).where(Bill.key.in_(keys[i : i + _CHUNK]))
        ids.update(session.execute(query).all())
    return ids


def _plan(items: Sequence[Prepared], stored: dict[str, _Stored], result: BatchResult) -> _Plan:
    plan = _Plan()
    for item in items:
        before = stored.get(item.key)
        verdict = _verdict(before, item)
        if verdict != "write":
            setattr(result, verdict, getattr(result, verdict) + 1)
            continue
        if before is not None and _replaces_pending(plan, item.key):
            result.updated += 1  # a newer copy of a bill met earlier in this batch
        if before is None or before.id is None:
            plan.fresh[item.key] = item
        elif before.tracked:
            plan.tracked[item.key] = (before.id, item)
        else:
            plan.known[item.key] = (before.id, item)
        if before is not None and before.id is not None and before.fingerprint is None:
            plan.first_sight.add(item.key)
        # A second copy of this bill later in the batch is judged against this one.
        tracked = before.tracked if before else False
        stored[item.key] = _Stored(
            before.id if before else None, item.fingerprint, item.updated_at, tracked, SOURCE
        )
    return plan


def _replaces_pending(plan: _Plan, key: str) -> bool:
    return key in plan.fresh or key in plan.known or key in plan.tracked


def _verdict(before: _Stored | None, item: Prepared) -> str:
    if before is None:
        return "write"
    if before.source != SOURCE:
        return "other_source"
    if before.fingerprint == item.fingerprint:
        return "unchanged"
    if before.updated_at and item.updated_at and item.updated_at < before.updated_at:
        return "older"
    return "write"


def _bill_values(item: Prepared, now: datetime) -> dict[str, Any]:
    identity = item.identity
    return {
        **item.columns,
        "content_hash": item.fingerprint,
        "snapshot_json": item.snapshot_json,
        "session_ended": session_ended(identity["jurisdiction"], identity["session"], now.date()),
        "updated_at": now,
    }


def _snapshot_value(session: Session) -> ColumnElement[Any]:
    """The snapshot column from JSON text made by the worker (no second encoding here)."""
    text = bindparam("snapshot_json", type_=Text())
    return sql_cast(text, JSONB) if session.get_bind().dialect.name == "postgresql" else text


#: The columns a new bill gets from an import, in order (the others stay NULL).
_INSERTED = (
    "key",
    "jurisdiction",
    "session",
    "bill_type",
    "number",
    "source",
    *BILL_COLUMNS,
    "content_hash",
    "snapshot",
    "session_ended",
    "tracked",
    "consecutive_failures",
    "created_at",
    "updated_at",
)
#: Their values in ``_new_bill`` (the worker's JSON is bound as ``snapshot_json``).
_INSERTED_VALUES = itemgetter(*("snapshot_json" if c == "snapshot" else c for c in _INSERTED))
#: Inserted columns whose values need no conversion row by row: the worker's JSON
#: text, booleans (both drivers take Python's), and the batch's time, converted once.
_INSERTED_AS_IS = ("snapshot", "became_law", "session_ended", "tracked", "created_at", "updated_at")


def _new_bill(item: Prepared, now: datetime, stored_now: Any) -> dict[str, Any]:
    return {
        **item.identity,
        **_bill_values(item, now),
        "tracked": False,  # known, not tracked
        "consecutive_failures": 0,
        "created_at": stored_now,
        "updated_at": stored_now,
    }


def _insert_fresh(session: Session, items: list[Prepared], now: datetime) -> dict[str, int]:
    if not items:
        return {}
    stored_now = driver_value(session, _BILLS.c.updated_at, now)  # once, not per row
    values = [_INSERTED_VALUES(_new_bill(item, now, stored_now)) for item in items]
    # Straight to the driver (SQLAlchemy's per-row work cost more than SQLite's), as
    # SQLAlchemy would store them; the snapshot is the worker's JSON text already.
    rows = driver_rows(session, _BILLS, _INSERTED, values, as_is=_INSERTED_AS_IS)
    keys = [item.key for item in items]
    reserved = reserve_ids(session, _BILLS.name, len(items))
    if reserved is None:  # SQLite numbers them; one query per 500 finds the numbers
        insert_tuples(session, _BILLS.name, _INSERTED, rows)
        ids = _ids_of(session, keys)
    else:  # PostgreSQL: COPY, with ids taken from the sequence beforehand
        insert_tuples(
            session,
            _BILLS.name,
            ("id", *_INSERTED),
            [(i, *r) for i, r in zip(reserved, rows, strict=True)],
        )
        ids = dict(zip(keys, reserved, strict=True))
    _insert_children(session, [(ids[item.key], item) for item in items])
    index_bills(session, [(ids[item.key], item.search) for item in items], new=True)
    return ids


def _rewrite_known(session: Session, pairs: list[tuple[int, Prepared]], now: datetime) -> None:
    if not pairs:
        return
    rows = [{"b_id": bill_id, **_bill_values(item, now)} for bill_id, item in pairs]
    stmt = (
        update(_BILLS)
        .where(_BILLS.c.id == bindparam("b_id"))
        .values(snapshot=_snapshot_value(session))
    )
    session.execute(stmt, rows)
    ids = [bill_id for bill_id, _ in pairs]
    for child in CHILD_TABLES:
        table = Base.metadata.tables[child.name]
        for i in range(0, len(ids), _CHUNK):
            session.execute(delete(table).where(table.c.bill_id.in_(ids[i : i + _CHUNK])))
    _insert_children(session, pairs)
    index_bills(session, [(bill_id, item.search) for bill_id, item in pairs])


def _insert_children(session: Session, pairs: list[tuple[int, Prepared]]) -> None:
    for n, child in enumerate(CHILD_TABLES):
        rows = [(bill_id, *row) for bill_id, item in pairs for row in item.children[n]]
        insert_tuples(session, child.name, ("bill_id", *child.columns), rows)


def _write_tracked(
    session: Session, plan: _Plan, reparse: Reparse, result: BatchResult, now: datetime
) -> None:
    for bill_id, item in plan.tracked.values():
        bill = session.get_one(Bill, bill_id)
        snapshot = reparse(item)
        previous = previous_snapshot(bill.snapshot, bill.key)
        written = store_change(
            session,
            bill,
            snapshot,
            diff_snapshots(previous, snapshot),
            fingerprint=item.fingerprint,
            first_sight=bill.content_hash is None,
            now=now,
        )
        result.tracked_changed += 1
        result.events += written.events
        result.alerts += written.alerts
