"""Turning a parsed snapshot into rows: the bill, its actions, cosponsors, referrals, texts.

Called inside the check's transaction, only when the snapshot's content
changed (the fingerprint differs), so an unchanged bill costs no writes here.
Child rows are replaced wholesale: they are a projection of the snapshot (the
append-only history lives in ``bill_events``), and replacing keeps them exact
when a source corrects or removes an entry.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from db.models import Bill, BillAction, CommitteeReferral, Cosponsor, TextVersion
from db.search import index_bill
from scrapers.model import BillSnapshot
from tracker.checking.search_index import search_document
from tracker.vocab.events import member_identity
from tracker.vocab.serialize import snapshot_to_dict

_CHILD_TABLES = (BillAction, Cosponsor, CommitteeReferral, TextVersion)


def apply_snapshot(
    session: Session, bill: Bill, snapshot: BillSnapshot, *, fingerprint: str
) -> None:
    """Copy the snapshot onto ``bill`` and rewrite its child rows."""
    _copy_fields(bill, snapshot)
    bill.content_hash = fingerprint
    bill.snapshot = snapshot_to_dict(snapshot)
    session.flush()
    for model in _CHILD_TABLES:
        session.execute(delete(model).where(model.bill_id == bill.id))
    _insert(session, BillAction, _action_rows(bill.id, snapshot))
    _insert(session, Cosponsor, _cosponsor_rows(bill.id, snapshot))
    _insert(session, CommitteeReferral, _referral_rows(bill.id, snapshot))
    _insert(session, TextVersion, _text_rows(bill.id, snapshot))
    index_bill(session, bill.id, search_document(snapshot))  # search stays in step, same txn
    session.expire(bill, ["actions"])


def _copy_fields(bill: Bill, s: BillSnapshot) -> None:
    bill.title = s.title
    bill.official_title = s.official_title
    bill.short_title = s.short_title
    bill.popular_title = s.popular_title
    bill.policy_area = s.policy_area
    bill.introduced_on = s.introduced_on
    bill.sponsor_bioguide_id = s.sponsor.bioguide_id if s.sponsor else None
    bill.sponsor_name = s.sponsor.name if s.sponsor else None
    bill.stage = s.stage.stage.value
    bill.stage_chamber = s.stage.chamber.value if s.stage.chamber else None
    bill.stage_date = s.stage.on
    bill.stage_detail = s.stage.detail
    bill.next_chamber = s.stage.next_chamber.value if s.stage.next_chamber else None
    latest = s.latest_action
    bill.latest_action_date = latest.on if latest else None
    bill.latest_action_text = latest.text if latest else None
    bill.became_law = s.became_law
    bill.source_url = s.source_url or bill.source_url
    bill.source_updated_at = s.updated_at


def _insert(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    # Core executemany on the table: the ORM bulk path costs several times more per row.
    if rows:
        session.execute(insert(model.__table__), rows)


def _action_rows(bill_id: int, s: BillSnapshot) -> list[dict[str, Any]]:
    return [
        {
            "bill_id": bill_id,
            "position": i,
            "acted_on": a.on,
            "action_time": a.time,
            "text": a.text,
            "chamber": a.chamber.value if a.chamber else None,
            "code": a.code,
            "action_type": a.action_type,
            "source_system": a.source_system,
        }
        for i, a in enumerate(s.actions)
    ]


def _cosponsor_rows(bill_id: int, s: BillSnapshot) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for c in s.cosponsors:
        key = member_identity(c.member.bioguide_id, c.member.name)
        # A member listed twice (withdrawn, then re-added) keeps the latest entry.
        rows[key] = {
            "bill_id": bill_id,
            "member_key": key,
            "bioguide_id": c.member.bioguide_id,
            "name": c.member.name,
            "party": c.member.party,
            "state": c.member.state,
            "district": c.member.district,
            "sponsored_on": c.sponsored_on,
            "withdrawn_on": c.withdrawn_on,
            "is_original": c.is_original,
        }
    return list(rows.values())


def _referral_rows(bill_id: int, s: BillSnapshot) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for c in s.committees:
        dated = [a for a in c.activities if a.on is not None]
        latest = max(dated, key=lambda a: a.on or datetime.min.date()) if dated else None
        rows[c.code] = {
            "bill_id": bill_id,
            "committee_code": c.code,
            "name": c.name,
            "chamber": c.chamber.value if c.chamber else None,
            "parent_code": c.parent_code,
            "latest_activity": latest.name if latest else None,
            "latest_activity_on": latest.on if latest else None,
        }
    return list(rows.values())


def _text_rows(bill_id: int, s: BillSnapshot) -> list[dict[str, Any]]:
    rows = {
        (v.name, v.on): {"bill_id": bill_id, "name": v.name, "issued_on": v.on, "url": v.url}
        for v in s.text_versions
    }
    return list(rows.values())
