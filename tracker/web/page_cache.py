"""Rendered responses kept between requests until the data behind them changes.

Every visitor of ``/`` or a bill page gets the same bytes (pages name no
advocate, and links come from ``public_url``, never from the request), so a
page is rendered once and served from memory while ``data_version`` (a few
index lookups in one statement) is unchanged, for at most ``max_age`` (which
also bounds how stale "last checked" times and follower counts can be: an
unsubscribe or an unchanged check moves none of the indexed values).

Entries are keyed by path and query string; the least recently used go first
once ``max_entries`` or ``max_bytes`` is reached. Each hit carries an ETag,
so a feed reader polling with ``If-None-Match`` gets a bodiless 304.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.wrappers import Request, Response

from db.models import Bill, BillEvent, Official, Subscription

#: Endpoints whose answer depends only on the stored data and the URL.
CACHEABLE = frozenset(
    {
        "bill_list",
        "bill_page",
        "api_bills",
        "api_bill",
        "api_events",
        "openapi",
        "feed_changes",
        "feed_bill",
        "schedule",
    }
)


def data_version(session: Session) -> tuple[Any, ...]:
    """Moves whenever a bill is stored, an event recorded, a subscription or official added."""
    query = select(
        select(func.max(Bill.last_changed_at)).scalar_subquery(),
        select(func.max(BillEvent.id)).scalar_subquery(),
        select(func.max(Subscription.id)).scalar_subquery(),
        select(func.max(Official.updated_at)).scalar_subquery(),
    )
    return tuple(session.execute(query).one())


@dataclass(frozen=True, slots=True)
class _Entry:
    version: tuple[Any, ...]
    stored_at: datetime
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str


@dataclass
class PageCache:
    max_age: timedelta = timedelta(seconds=60)
    max_entries: int = 1000
    max_bytes: int = 64 * 1024 * 1024
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _entries: OrderedDict[str, _Entry] = field(default_factory=OrderedDict)
    _bytes: int = 0

    def get(self, key: str, version: tuple[Any, ...], now: datetime) -> _Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.version != version or now - entry.stored_at > self.max_age:
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, version: tuple[Any, ...], now: datetime, response: Response) -> None:
        if response.status_code != 200 or response.direct_passthrough:
            return
        body = response.get_data()
        headers = tuple((k, v) for k, v in response.headers.items() if k.lower() != "etag")
        etag = hashlib.blake2b(body, digest_size=12).hexdigest()
        entry = _Entry(version, now, response.status_code, headers, body, etag)
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = entry
            self._bytes += len(body)
            while self._entries and (
                len(self._entries) > self.max_entries or self._bytes > self.max_bytes
            ):
                self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key)
        self._bytes -= len(entry.body)


def respond(entry: _Entry, request: Request) -> Response:
    """A fresh response from a cached entry, 304 when the client already has it."""
    response = Response(entry.body, status=entry.status, headers=list(entry.headers))
    response.set_etag(entry.etag)
    return response.make_conditional(request)


def cache_key(request: Request) -> str:
    return request.full_path
