"""The JSON API: ``/api/bills``, ``/api/bills/{id}``, ``/api/bills/{id}/events``,
``/api/bills/{id}/votes``.

Shapes are described in ``tracker.web.openapi`` (served at ``/api/openapi.json``);
a bill is the ``tracker status --json`` row plus links, so the two never drift.
Lists are paginated by an opaque ``cursor`` (``next`` is the URL of the next
page, null on the last), at most ``MAX_LIMIT`` items a page.
"""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import BadRequest, NotFound
from werkzeug.wrappers import Response

from db.models import Bill
from db.models import BillEvent as EventRow
from scrapers.refs import key_citation
from tracker.report.status import BillFacts, bills_query, citation_of, status_row
from tracker.report.timeline import BillTimeline, load_timeline
from tracker.report.votes import bill_votes, pending_votes
from tracker.vocab.wording import headline, stage_label
from tracker.web import openapi as openapi_doc
from tracker.web import params
from tracker.web.context import RequestContext, json_response
from tracker.web.queries import BadCursor, bill_events, find_bills


def bills(ctx: RequestContext) -> Response:
    query = params.bill_query(ctx)
    try:
        page = find_bills(ctx.session, query)
    except BadCursor as exc:
        raise BadRequest(str(exc)) from None
    next_url = None
    if page.next_cursor:
        next_url = ctx.url(
            "/api/bills",
            stage=query.stage,
            q=query.q,
            changed_since=ctx.arg("changed_since"),
            limit=ctx.arg("limit"),
            cursor=page.next_cursor,
        )
    return json_response(
        {
            "bills": [bill_summary(ctx, b) for b in page.bills],
            "next_cursor": page.next_cursor,
            "next": next_url,
        }
    )


def bill(ctx: RequestContext, key: str) -> Response:
    timeline = timeline_or_404(ctx, key)
    return json_response(timeline.to_json() | {"links": links(ctx, key)})


def events(ctx: RequestContext, key: str) -> Response:
    found = bill_row_or_404(ctx, key)
    try:
        page = bill_events(ctx.session, found.id, cursor=ctx.arg("cursor"), limit=params.limit(ctx))
    except BadCursor as exc:
        raise BadRequest(str(exc)) from None
    next_url = None
    if page.next_cursor:
        path = f"/api/bills/{key}/events"
        next_url = ctx.url(path, limit=ctx.arg("limit"), cursor=page.next_cursor)
    return json_response(
        {
            "bill": key,
            "events": [event_json(e, key) for e in page.events],
            "next_cursor": page.next_cursor,
            "next": next_url,
        }
    )


def votes(ctx: RequestContext, key: str) -> Response:
    """The bill's roll-call votes, oldest first, each with every member's position."""
    bill_row_or_404(ctx, key)
    stored = bill_votes(ctx.session, key)
    return json_response(
        {
            "bill": key,
            "votes": [v.to_json() for v in stored],
            "pending": pending_votes(ctx.session, key),
        }
    )


def openapi(ctx: RequestContext) -> Response:
    return json_response(openapi_doc.document(server=ctx.url("")))


# --- shapes ----------------------------------------------------------------------------


def bill_summary(ctx: RequestContext, bill: BillFacts) -> dict[str, Any]:
    row = status_row(bill, now=ctx.now, stale_after=ctx.stale_after)
    return row.to_json() | {
        "citation": citation_of(bill),
        "stage_label": stage_label(bill.stage) if bill.stage else None,
        "links": links(ctx, bill.key),
    }


def links(ctx: RequestContext, key: str) -> dict[str, str]:
    return {
        "self": ctx.url(f"/api/bills/{key}"),
        "html": ctx.url(f"/bills/{key}"),
        "events": ctx.url(f"/api/bills/{key}/events"),
        "votes": ctx.url(f"/api/bills/{key}/votes"),
        "feed": ctx.url(f"/feeds/bills/{key}.atom"),
    }


def event_json(event: EventRow, key: str) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "significance": event.significance,
        "occurred_on": event.occurred_on.isoformat() if event.occurred_on else None,
        "detected_at": event.detected_at.isoformat(),
        "headline": event_headline(event, key),
        "summary": event.summary,
        "payload": event.payload,
    }


def event_headline(event: EventRow, key: str) -> str:
    return headline(
        event.kind,
        citation=bill_citation(key),
        bill_key=key,
        occurred_on=event.occurred_on,
        payload=event.payload,
        summary=event.summary,
    )


def bill_citation(key: str) -> str:
    return key_citation(key)


# --- lookups shared with the pages and feeds --------------------------------------------


def timeline_or_404(ctx: RequestContext, key: str) -> BillTimeline:
    timeline = load_timeline(ctx.session, key, now=ctx.now, stale_after=ctx.stale_after)
    if timeline is None:
        raise NotFound(f"no bill {key!r} is known here")
    return timeline


def bill_row_or_404(ctx: RequestContext, key: str) -> Bill:
    found = ctx.session.scalars(bills_query().where(Bill.key == key)).one_or_none()
    if found is None:
        raise NotFound(f"no bill {key!r} is known here")
    return found
