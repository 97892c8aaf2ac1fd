"""Talking to the Open States API v3: the key, the request budget, one bill, the listing.

Every request carries the key in the ``X-API-KEY`` header (Open States also takes
``?apikey=``; we never use it, so the key is in no URL that is logged or stored).

Budget: Open States' free tier is small (reported as 10 requests a minute and 250 a
day for a default key; a key's own tier may allow more). Requests are spaced by
``min_interval`` (setting ``openstates_min_interval``) and counted
over a rolling day (``daily_budget``): past it, ``TransientFetchError`` says so in one
line and the check cycle backs the bill off; nothing stored changes. A 429 is read
by the polite client (``Retry-After``); a long wait is the same one-line error.

Imports ``scrapers`` and the standard library only.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from scrapers.errors import ParseError, Refused, TransientFetchError
from scrapers.http import PoliteClient
from scrapers.model import BillRef
from scrapers.source import Fetched
from scrapers.sources.openstates.parse import SOURCE, bill_objects, ref_of
from scrapers.sources.openstates.refs import identifier_of

DEFAULT_BASE_URL = "https://v3.openstates.org"
API_KEY_HEADER = "X-API-KEY"
KEY_SETTING = "TRACKER_OPENSTATES_API_KEY"
INCLUDE = ("actions", "sponsorships", "versions", "votes", "abstracts")
#: The largest ``per_page`` the /bills listing takes.
MAX_PAGE_SIZE = 20
#: A listing longer than this many pages is more than a check cycle should spend:
#: the cycle then fetches bills one by one as usual.
MAX_LISTING_PAGES = 25
_DAY = 86400.0


class OpenStatesCaller:
    """GETs JSON with the key in a header, within a rolling daily request budget."""

    def __init__(
        self,
        client: PoliteClient,
        *,
        base_url: str,
        api_key: str | None,
        daily_budget: int,
        min_interval: float,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._base = base_url.rstrip("/")
        self._key = api_key or None
        self._budget = daily_budget
        self._min_interval = min_interval
        self._monotonic = monotonic
        self._sleep = sleep
        self._spent: deque[float] = deque()
        self._last_at: float | None = None

    def url(self, path: str) -> str:
        return f"{self._base}{path}"

    def get(self, url: str, params: Mapping[str, str | list[str]]) -> bytes:
        if self._key is None:
            raise Refused(
                f"no Open States API key: set {KEY_SETTING} "
                "(a free key comes from https://open.pluralpolicy.com/accounts/profile/)",
                url=url,
            )
        self._charge(url)
        self._wait_turn()
        flat = {k: v if isinstance(v, str) else ",".join(v) for k, v in params.items()}
        headers = {API_KEY_HEADER: self._key, "Accept": "application/json"}
        return self._client.get(url, params=flat, headers=headers).content

    def _wait_turn(self) -> None:
        # Spaced here rather than per host on the shared client: a mirror or test
        # server on the same host as other sources must not slow them down.
        if self._last_at is not None:
            wait = self._last_at + self._min_interval - self._monotonic()
            if wait > 0:
                self._sleep(wait)
        self._last_at = self._monotonic()

    def _charge(self, url: str) -> None:
        now = self._monotonic()
        while self._spent and now - self._spent[0] >= _DAY:
            self._spent.popleft()
        if len(self._spent) >= self._budget:
            wait = _DAY - (now - self._spent[0])
            raise TransientFetchError(
                f"Open States daily budget of {self._budget} requests spent "
                f"(openstates_daily_requests); next request in {wait / 3600:.1f} h",
                url=url,
            )
        self._spent.append(now)


def bill_url(api: OpenStatesCaller, ref: BillRef) -> str:
    path = "/".join(
        quote(part, safe="") for part in (ref.jurisdiction, ref.session, identifier_of(ref))
    )
    return api.url(f"/bills/{path}")


def fetch_bill(api: OpenStatesCaller, ref: BillRef) -> Fetched:
    """One bill with its actions, sponsorships, versions, votes and abstracts."""
    url = bill_url(api, ref)
    content = api.get(url, {"include": list(INCLUDE)})
    bills = bill_objects(content, ref.key)
    if len(bills) != 1:
        raise ParseError(SOURCE, ref.key, "$", f"{len(bills)} bills, expected one")
    return Fetched(ref=ref, url=url, content=content, content_type="application/json")


def list_changed(
    api: OpenStatesCaller, since: datetime, *, jurisdiction: str, session: str
) -> Iterator[BillRef]:
    """Bills of one state session Open States updated after ``since`` (aware), paged."""
    if since.tzinfo is None:
        raise ValueError(f"need an aware datetime, not {since.isoformat()}")
    params: dict[str, str | list[str]] = {
        "jurisdiction": jurisdiction,
        "session": session,
        "updated_since": since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        # Newest first: a bill updated while we page moves to page 1 and is seen by
        # the next cycle, whose ``since`` is no later than this one's start.
        "sort": "updated_desc",
        "per_page": str(MAX_PAGE_SIZE),
    }
    url = api.url("/bills")
    for page in range(1, MAX_LISTING_PAGES + 1):
        content = api.get(url, {**params, "page": str(page)})
        where = f"{url} page {page}"
        for bill in bill_objects(content, where):
            yield ref_of(bill, where)
        if page >= _max_page(content, where):
            return
    raise ParseError(SOURCE, url, "pagination.max_page", f"more than {MAX_LISTING_PAGES} pages")


def _max_page(content: bytes, where: str) -> int:
    doc: Any = json.loads(content)
    pagination = doc.get("pagination") if isinstance(doc, dict) else None
    value = pagination.get("max_page") if isinstance(pagination, dict) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ParseError(SOURCE, where, "pagination.max_page", "missing")
    return value
