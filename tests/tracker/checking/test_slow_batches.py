"""Issue 13, item 5: a slow batch keeps its leases, and a hanging bill holds up nobody.

Real BILLSTATUS documents served by a real local HTTP server. The batch is
"slow" on the injected clock (each request moves it on by half a lease), so
nothing sleeps and nothing is timed; the hanging server really hangs, and the
per-bill bound is shown by what was stored and how often the server was asked.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from werkzeug import Request, Response

from db.claims import ClaimedBill, claim_bills
from db.models import Bill
from tests.db_rows import MutableClock, add_tracked_bill
from tracker.checking.cycle import run_cycle
from tracker.checking.sources import open_check_context
from tracker.core.app import App
from tracker.core.settings import Settings

BILLS = ["hr1-115", "hr1865-115", "hr4396-115", "hr4641-115", "hr4924-115", "s3749-115"]
LEASE = 600


def _path(key: str) -> str:
    bill, congress = key.split("-")
    kind = bill.rstrip("0123456789")
    return f"/bulkdata/BILLSTATUS/{congress}/{kind}/BILLSTATUS-{congress}{bill}.xml"


def _documents(test_data: Path) -> dict[str, bytes]:
    folder = test_data / "billstatus" / "govinfo-115"
    return {_path(k): (folder / f"BILLSTATUS-115{k.split('-')[0]}.xml").read_bytes() for k in BILLS}


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    # Threaded, so a hanging answer holds up no other request at the server.
    httpserver = HTTPServer(threaded=True)
    httpserver.start()
    yield httpserver
    httpserver.clear()
    httpserver.stop()


def _app(url: str, server: HTTPServer, **overrides: float) -> App:
    settings = Settings(
        database_url=url,
        govinfo_base_url=server.url_for("/").rstrip("/"),
        min_request_interval=0,
        check_jitter=0,
        lease_seconds=LEASE,
        **overrides,  # type: ignore[arg-type]
    )
    return App.from_settings(settings, clock=MutableClock())


def _track_all(app: App) -> None:
    with app.transaction() as s:
        for key in BILLS:
            add_tracked_bill(s, key, now=app.clock())


def test_a_batch_slower_than_its_lease_keeps_it(migrated_url, server, test_data):
    """Each request takes half a lease: the batch of 6 spans three leases. Another
    daemon claiming at every request gets none of its bills; each is fetched once."""
    docs = _documents(test_data)
    app = _app(migrated_url, server, http_max_retries=0)
    _track_all(app)
    hits: Counter[str] = Counter()
    rival_claims: list[list[ClaimedBill]] = []

    def slow(request: Request) -> Response:
        hits[request.path] += 1
        now = app.clock.advance(seconds=LEASE / 2)
        with app.sessions.begin() as s:
            rival_claims.append(
                claim_bills(
                    s,
                    owner="rival:2",
                    now=now,
                    lease_until=now + timedelta(seconds=LEASE),
                    limit=50,
                )
            )
        return Response(docs[request.path], content_type="application/xml")

    for path in docs:
        server.expect_request(path, method="GET").respond_with_handler(slow)
    try:
        with open_check_context(app, owner="slow:1") as ctx:
            ctx.votes = None  # bills only: no roll calls fetched
            report = run_cycle(ctx, due_only=True, batch_size=len(BILLS))
        assert (report.claimed, report.changed, report.lost_lease) == (6, 6, 0)
        assert len(rival_claims) == 6 and all(c == [] for c in rival_claims)
        assert hits == Counter(dict.fromkeys(docs, 1))
        with app.sessions.begin() as s:
            bills = s.scalars(select(Bill)).all()
            assert all(b.stage and b.lease_owner is None and b.last_error is None for b in bills)
    finally:
        app.close()


def test_a_hanging_bill_fails_alone_within_its_bound(migrated_url, server, test_data):
    """One bill's server never answers: it fails with one line, the others are stored."""
    docs = _documents(test_data)
    hanging = _path("hr4396-115")
    released = threading.Event()
    hits: Counter[str] = Counter()

    def answer(request: Request) -> Response:
        hits[request.path] += 1
        if request.path == hanging:
            released.wait(10)  # far past every timeout; let go when the test ends
        return Response(docs[request.path], content_type="application/xml")

    for path in docs:
        server.expect_request(path, method="GET").respond_with_handler(answer)
    # Without the bound: 5 attempts of 0.3 s and 2+4+8+16 s of backoff for this one bill.
    app = _app(migrated_url, server, http_timeout=0.3, http_max_retries=4, check_bill_timeout=1)
    _track_all(app)
    try:
        with open_check_context(app, owner="one:1") as ctx:
            ctx.votes = None
            report = run_cycle(ctx, due_only=True, batch_size=len(BILLS))
        assert (report.checked, report.changed, report.failed) == (6, 5, 1)
        assert report.failures[0]["id"] == "hr4396-115"
        error = report.failures[0]["error"]
        assert error.startswith("timed out after 1 s: ") and "\n" not in error
        assert hits[hanging] < 5  # the retries stopped when the bound was spent
        assert all(hits[p] == 1 for p in docs if p != hanging)
        with app.sessions.begin() as s:
            by_key = {b.key: b for b in s.scalars(select(Bill))}
        stuck = by_key.pop("hr4396-115")
        assert stuck.last_error == error and stuck.consecutive_failures == 1
        assert stuck.stage is None and stuck.lease_owner is None
        assert stuck.next_check_at > app.clock()  # retried later, by the usual backoff
        assert all(b.stage and b.last_success_at == app.clock() for b in by_key.values())
    finally:
        released.set()
        app.close()
