"""Turning a parsed snapshot into rows: the bill, its actions, cosponsors, referrals, texts.

Called inside the check's transaction, only when the snapshot's content
changed (the fingerprint differs), so an unchanged bill costs no writes here.
Child rows are replaced wholesale: they are a projection of the snapshot (the
append-only history lives in ``bill_events``), and replacing keeps them exact
when a source corrects or removes an entry.
"""

from __future__ import annotations

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from db.base import Base
from db.models import Bill
from db.search import index_bill
from scrapers.model import BillSnapshot
from tracker.checking.rows import (
    ACTIONS,
    COSPONSORS,
    REFERRALS,
    TEXTS,
    as_dicts,
    bill_columns,
    same_day,
)
from tracker.checking.search_index import search_document
from tracker.vocab.serialize import snapshot_to_dict

#: Rewritten wholesale at each change (vote links are merged: ``tracker.checking.votes``).
_REWRITTEN = (ACTIONS, COSPONSORS, REFERRALS, TEXTS)


def apply_snapshot(
    session: Session, bill: Bill, snapshot: BillSnapshot, *, fingerprint: str
) -> None:
    """Copy the snapshot onto ``bill`` and rewrite its child rows."""
    for column, value in bill_columns(snapshot).items():
        setattr(bill, column, value)
    bill.source_url = snapshot.source_url or bill.source_url  # a fixture file has none
    bill.content_hash = fingerprint
    bill.snapshot = snapshot_to_dict(snapshot)
    session.flush()
    for child in _REWRITTEN:
        table = Base.metadata.tables[child.name]
        session.execute(delete(table).where(table.c.bill_id == bill.id))
        rows = child.build(snapshot, same_day)
        if rows:
            # Core executemany on the table: the ORM bulk path costs several times more.
            session.execute(insert(table), as_dicts(child, bill.id, rows))
    index_bill(session, bill.id, search_document(snapshot))  # search stays in step, same txn
    session.expire(bill, ["actions"])
