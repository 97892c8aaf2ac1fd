"""Reading query parameters: anything malformed is a 400 that says what was wrong."""

from __future__ import annotations

from datetime import UTC, datetime

from werkzeug.exceptions import BadRequest

from scrapers.model import Stage
from tracker.web.context import RequestContext
from tracker.web.queries import DEFAULT_LIMIT, MAX_LIMIT, BillQuery

STAGES = tuple(s.value for s in Stage)


def bill_query(ctx: RequestContext) -> BillQuery:
    """The list filters of the page and of ``/api/bills``."""
    return BillQuery(
        stage=stage(ctx),
        q=ctx.arg("q"),
        changed_since=changed_since(ctx),
        cursor=ctx.arg("cursor"),
        limit=limit(ctx),
    )


def stage(ctx: RequestContext) -> str | None:
    value = ctx.arg("stage")
    if value is not None and value not in STAGES:
        raise BadRequest(f"unknown stage {value!r}: use one of {', '.join(STAGES)}")
    return value


def changed_since(ctx: RequestContext) -> datetime | None:
    """A day (``2018-02-06``) or an instant (``2018-02-06T12:00:00Z``); naive means UTC."""
    value = ctx.arg("changed_since")
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(f"changed_since {value!r} is not an ISO date or date-time") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def limit(ctx: RequestContext) -> int:
    value = ctx.arg("limit")
    if value is None:
        return DEFAULT_LIMIT
    if not value.isdigit() or not 1 <= int(value) <= MAX_LIMIT:
        raise BadRequest(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return int(value)
