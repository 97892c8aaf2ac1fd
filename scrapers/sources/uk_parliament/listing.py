"""The "changed since" listing: bills whose Bills API record moved after a time.

The API has no "updated since" filter, but ``GET /api/v1/Bills`` sorts by
``SortOrder=DateUpdatedDescending`` and filters by ``Session``: read pages
newest first and stop at the first bill whose ``lastUpdate`` is older than
``since``. The listing only decides what to fetch (DESIGN.md: listing dates
are not trusted for change).

Imports ``scrapers`` and the standard library only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapers.errors import ParseError
from scrapers.model import BillRef
from scrapers.sources.uk_parliament.fetch import SOURCE, BillsApi
from scrapers.sources.uk_parliament.parse import LONDON, uk_ref

SORT_NEWEST_FIRST = "DateUpdatedDescending"
#: ``lastUpdate`` is London wall-clock time with no zone; a bill updated in the
#: hour a clock change repeats could read up to an hour "older". Look that far back.
_CLOCK_SLACK = timedelta(hours=1)


def list_changed_bills(
    api: BillsApi, since: datetime, *, sessions: frozenset[str]
) -> Iterator[BillRef]:
    """Bills of the given sessions (API session ids) updated after ``since`` (aware)."""
    if since.tzinfo is None:
        raise ValueError(f"need an aware datetime, not {since.isoformat()}")
    floor = since.astimezone(UTC) - _CLOCK_SLACK
    seen: set[BillRef] = set()
    for session in sorted(sessions):
        if not session.strip().isdecimal():
            raise ValueError(f"a UK session is a Bills API session id, not {session!r}")
        params = {"Session": session.strip(), "SortOrder": SORT_NEWEST_FIRST}
        for ref in _newer_than(api, params, floor):
            if ref not in seen:
                seen.add(ref)
                yield ref


def _newer_than(api: BillsApi, params: dict[str, str], floor: datetime) -> Iterator[BillRef]:
    where = api.url("/api/v1/Bills")
    for page in api.pages("/api/v1/Bills", params):
        for item in page:
            if not isinstance(item, Mapping):
                raise ParseError(SOURCE, where, "items[]", "not an object")
            if _updated(item, where) < floor:
                return  # newest first: everything after this is older still
            yield _ref(item, where)


def _updated(item: Mapping[str, Any], where: str) -> datetime:
    value = item.get("lastUpdate")
    if not isinstance(value, str):
        raise ParseError(SOURCE, where, "items[].lastUpdate", "missing")
    try:
        moment = datetime.fromisoformat(value.split(".")[0])
    except ValueError:
        raise ParseError(SOURCE, where, "items[].lastUpdate", f"not a date: {value!r}") from None
    return moment.replace(tzinfo=LONDON) if moment.tzinfo is None else moment


def _ref(item: Mapping[str, Any], where: str) -> BillRef:
    bill_id, session = item.get("billId"), item.get("introducedSessionId")
    if not isinstance(bill_id, int) or not isinstance(session, int):
        raise ParseError(SOURCE, where, "items[].billId", "missing billId or introducedSessionId")
    return uk_ref(bill_id, session)
