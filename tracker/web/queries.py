"""The web page's and API's reads: bills page by page, a bill's events, the latest changes.

``find_bills`` is the one function the list page and ``/api/bills`` call to
filter and search; a full-text search can replace its ``_matching`` part
without touching a handler.

Every read is one index range with a LIMIT, so a page costs the same with
twenty or twenty thousand bills:

- bills in key order (jurisdiction, session, type, number) through
  ``ix_bills_listing``, or ``ix_bills_stage_listing`` with a stage filter;
  pages continue after the last key seen (keyset pagination: no OFFSET, which
  would read and skip every earlier row);
- a bill's events newest first by id, within the bill (``bill_id`` index);
- the latest changes through ``ix_bill_events_detected_at``.

A title substring (``q`` that is not a bill reference) cannot use an index; it
walks the key-ordered index until the page is full. An exact reference
("hr4030-115", "H.R. 4030 (115th)") is one unique-key lookup.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, true, tuple_
from sqlalchemy.orm import Session, defer, raiseload

from db.models import Bill, BillEvent
from scrapers.model import Stage
from scrapers.refs import parse_federal_ref
from tracker.report.search import ranked_bill_ids, search_bills, snippets_of
from tracker.report.status import LISTING_ORDER, BillFacts, listing_query

MAX_LIMIT = 100
DEFAULT_LIMIT = 50
#: Stages after which "how far did it get" is not in the stage itself.
_END_STAGES = (Stage.STALLED.value, Stage.FAILED.value)


class BadCursor(ValueError):
    """A ``cursor`` parameter this server did not hand out."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BillQuery:
    stage: str | None = None
    q: str | None = None
    changed_since: datetime | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True, slots=True, kw_only=True)
class BillPage:
    bills: tuple[BillFacts, ...]
    next_cursor: str | None


def find_bills(session: Session, query: BillQuery) -> BillPage:
    """One page of tracked bills matching ``query``, in key order."""
    limit = max(1, min(query.limit, MAX_LIMIT))
    select_ = listing_query().where(Bill.tracked == true())
    if query.stage:
        select_ = select_.where(Bill.stage == query.stage)
    if query.changed_since is not None:
        select_ = select_.where(Bill.last_changed_at >= query.changed_since)
    if query.q and query.q.strip():
        select_ = select_.where(_matching(session, query.q.strip()))
    if query.cursor:
        select_ = select_.where(_listing_key() > tuple_(*decode_cursor(query.cursor)))
    # One row more than asked tells whether there is a next page, without a COUNT.
    rows: list[BillFacts] = list(session.execute(select_.limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return BillPage(bills=tuple(rows), next_cursor=encode_cursor(rows[-1]) if more else None)


def _matching(session: Session, text: str) -> ColumnElement[bool]:
    """Bills the words find: an exact id or citation, else the full-text search (titles,
    subjects, summary, actions; stemmed, ranked) or a substring of the id or title."""
    ref = parse_federal_ref(text)
    if ref is not None:
        return Bill.key == ref.key
    found = [hit.key for hit in search_bills(session, text, limit=FULL_TEXT_LIMIT)]
    wanted = text.casefold()
    return or_(
        Bill.key.in_(found),
        Bill.key.contains(wanted, autoescape=True),
        func.lower(Bill.title).contains(wanted, autoescape=True),
        func.lower(Bill.short_title).contains(wanted, autoescape=True),
    )


#: The best-ranked full-text matches a list search considers (of all known bills).
FULL_TEXT_LIMIT = 1000


# --- the search box: best first, as `tracker search` ranks -----------------------------

Snippet = tuple[tuple[str, bool], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchPage:
    bills: tuple[BillFacts, ...]
    snippets: dict[int, Snippet]  # bill id -> (text, matched) parts
    next_cursor: str | None


def is_word_search(q: str | None) -> bool:
    """True when ``q`` is words to rank (``search_page``), not empty and not a bill's id."""
    return bool(q and q.strip()) and parse_federal_ref((q or "").strip()) is None


def search_page(session: Session, query: BillQuery) -> SearchPage:
    """One page of the tracked bills that ``query.q`` finds, best first, with snippets.

    The order is ``tracker search``'s (``tracker.report.search``), among tracked
    bills; bills whose id or title merely contains the text ("hr40", "accoun")
    follow, in key order. Pages continue at a position (the cursor), since a
    ranking has no key to continue after; it is bounded by ``FULL_TEXT_LIMIT``.
    """
    limit = max(1, min(query.limit, MAX_LIMIT))
    text_ = (query.q or "").strip()
    order = ranked_bill_ids(
        session, text_, stage=query.stage, tracked_only=True, limit=FULL_TEXT_LIMIT
    )
    ranked = set(order)
    order += [i for i in _substring_ids(session, text_, query.stage) if i not in ranked]
    if query.changed_since is not None:
        recent = set(
            session.scalars(
                select(Bill.id).where(
                    Bill.id.in_(order), Bill.last_changed_at >= query.changed_since
                )
            )
        )
        order = [i for i in order if i in recent]
    start = _search_cursor(query.cursor)
    page_ids = order[start : start + limit]
    rows: dict[int, BillFacts] = {
        row.id: row for row in session.execute(listing_query().where(Bill.id.in_(page_ids)))
    }
    more = len(order) > start + limit
    return SearchPage(
        bills=tuple(rows[i] for i in page_ids if i in rows),
        snippets=snippets_of(session, [i for i in page_ids if i in ranked], text_),
        next_cursor=str(start + limit) if more else None,
    )


def _substring_ids(session: Session, text_: str, stage: str | None) -> list[int]:
    wanted = text_.casefold()
    query = (
        select(Bill.id)
        .where(
            Bill.tracked == true(),
            or_(
                Bill.key.contains(wanted, autoescape=True),
                func.lower(Bill.title).contains(wanted, autoescape=True),
                func.lower(Bill.short_title).contains(wanted, autoescape=True),
            ),
        )
        .order_by(*LISTING_ORDER)
        .limit(FULL_TEXT_LIMIT)
    )
    if stage:
        query = query.where(Bill.stage == stage)
    return list(session.scalars(query))


def _search_cursor(cursor: str | None) -> int:
    if cursor is None:
        return 0
    if not cursor.isdigit() or int(cursor) > FULL_TEXT_LIMIT * 2:
        raise BadCursor(f"unreadable cursor {cursor!r}")
    return int(cursor)


def _listing_key() -> Any:
    return tuple_(Bill.jurisdiction, Bill.session, Bill.bill_type, Bill.number)


def encode_cursor(bill: BillFacts) -> str:
    key = [bill.jurisdiction, bill.session, bill.bill_type, bill.number]
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str, str, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        jurisdiction, session, bill_type, number = json.loads(raw)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise BadCursor(f"unreadable cursor {cursor!r}") from exc
    if not all(isinstance(v, str) for v in (jurisdiction, session, bill_type)) or not isinstance(
        number, int
    ):
        raise BadCursor(f"unreadable cursor {cursor!r}")
    return jurisdiction, session, bill_type, number


def furthest_reached(session: Session, bills: Sequence[BillFacts]) -> dict[int, str]:
    """For stalled or failed bills: the stage each had before it stopped (one query).

    Read from the latest ``stage_changed`` event into the end state; a bill
    first seen already stopped has none, and its bar shows only "Introduced".
    """
    ids = [b.id for b in bills if b.stage in _END_STAGES]
    if not ids:
        return {}
    query = (
        select(BillEvent.bill_id, BillEvent.payload)
        .where(BillEvent.bill_id.in_(ids), BillEvent.kind == "stage_changed")
        .order_by(BillEvent.bill_id, BillEvent.id)
    )
    reached: dict[int, str] = {}
    for bill_id, payload in session.execute(query):
        if payload.get("new") in _END_STAGES and payload.get("old") not in (None, *_END_STAGES):
            reached[bill_id] = payload["old"]
    return reached


# --- events ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class EventPage:
    events: tuple[BillEvent, ...]
    next_cursor: str | None


def bill_events(session: Session, bill_id: int, *, cursor: str | None, limit: int) -> EventPage:
    """A bill's events, newest first, ``limit`` at a time."""
    limit = max(1, min(limit, MAX_LIMIT))
    query = select(BillEvent).where(BillEvent.bill_id == bill_id)
    if cursor:
        query = query.where(BillEvent.id < _event_cursor(cursor))
    rows = list(session.scalars(query.order_by(BillEvent.id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return EventPage(events=tuple(rows), next_cursor=str(rows[-1].id) if more else None)


def _event_cursor(cursor: str) -> int:
    if not cursor.isdigit():
        raise BadCursor(f"unreadable cursor {cursor!r}")
    return int(cursor)


def latest_changes(
    session: Session, *, bill_id: int | None = None, limit: int = 50
) -> list[tuple[BillEvent, Bill]]:
    """The newest events (of one bill, or of all), each with its bill."""
    query: Select[BillEvent, Bill] = (
        select(BillEvent, Bill)
        .join(Bill, Bill.id == BillEvent.bill_id)
        .options(defer(Bill.snapshot, raiseload=True), raiseload(Bill.actions))
        .order_by(BillEvent.detected_at.desc(), BillEvent.id.desc())
        .limit(limit)
    )
    if bill_id is not None:
        query = query.where(BillEvent.bill_id == bill_id)
    return [(event, bill) for event, bill in session.execute(query)]
