"""The "changed since" listing: bills whose Congress.gov record moved after a time.

Reads ``/v3/bill/{congress}`` with ``fromDateTime`` (the API filters on its
own update date) and ``sort=updateDate+desc``, following pagination. The
listing only decides *what to fetch*; whether anything really changed is
decided later from the parsed content (DESIGN.md: listing dates are not
trustworthy).

Imports ``scrapers`` and the standard library only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from scrapers.errors import ParseError
from scrapers.model import BillRef
from scrapers.refs import federal_ref
from scrapers.sources.congress_gov.fetch import SOURCE, ApiCaller, list_at

logger = logging.getLogger(__name__)

#: Newest first: a bill updated while we page moves to the top, so the rest
#: shift later and are seen (perhaps twice), never skipped; the bill that
#: moved is caught by the next listing, whose ``since`` is this one's start.
#: The space is a literal "+" once form-encoded, as the API documents it.
SORT_NEWEST_FIRST = "updateDate desc"


def list_changed_bills(
    api: ApiCaller, since: datetime, *, sessions: frozenset[str]
) -> Iterator[BillRef]:
    """Bills of the given Congresses the API says were updated after ``since``."""
    params = {"fromDateTime": api_datetime(since), "sort": SORT_NEWEST_FIRST}
    seen: set[BillRef] = set()
    for congress in _congresses(sessions):
        path = f"/v3/bill/{congress}"
        for item in api.items(path, list_at("bills"), params):
            ref = _ref_of(item, path)
            if ref is not None and ref not in seen:
                seen.add(ref)
                yield ref


def api_datetime(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` in UTC, the form ``fromDateTime`` takes (swagger.json)."""
    if moment.tzinfo is None:
        raise ValueError(f"need an aware datetime, not {moment.isoformat()}")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _congresses(sessions: Iterable[str]) -> list[int]:
    congresses = []
    for session in sessions:
        if not session.strip().isdecimal():
            raise ValueError(f"a federal session is a Congress number, not {session!r}")
        congresses.append(int(session))
    return sorted(congresses)


def _ref_of(item: Any, where: str) -> BillRef | None:
    if not isinstance(item, Mapping):
        raise ParseError(SOURCE, where, "bills[]", "not an object")
    parts = {key: item.get(key) for key in ("congress", "type", "number")}
    for key, value in parts.items():
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise ParseError(SOURCE, where, f"bills[].{key}", "missing")
    number, congress = str(parts["number"]), str(parts["congress"])
    if not (number.isdecimal() and congress.isdecimal()):
        # Historical numbers such as "1/2" exist (LOC ChangeLog, June 2023);
        # no BillRef can name them.
        logger.debug("%s: skipping bill number %r", where, number)
        return None
    ref = federal_ref(str(parts["type"]), number, congress)
    if ref is None:
        logger.debug("%s: skipping %s %s (%s)", where, parts["type"], number, congress)
    return ref
