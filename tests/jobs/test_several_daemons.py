"""Several checker processes on one PostgreSQL database share the work safely.

Three real processes run the daemon's check cycle (`tracker check --due`, the
same `run_cycle` the check tick calls) over a few hundred bills served by a
local HTTP server: every due bill is fetched exactly once, and no event or
alert is written twice. Then a process is killed with SIGKILL mid-cycle: what
it finished stays, its leases block others until they expire, and after
expiry (an injected clock, no sleeping) the rest is checked exactly once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer, URIPattern
from sqlalchemy import func, select, update
from werkzeug import Request, Response

from db import migrate
from db.models import AlertEvent, Bill, BillEvent, Notification
from tests.billstatus_edit import billstatus_as_of
from tests.conftest import REPO
from tests.db_rows import add_advocate, add_tracked_bill, subscribe
from tracker.checking.check import CheckContext
from tracker.checking.cycle import run_cycle
from tracker.checking.sources import make_client, make_sources
from tracker.core.app import App
from tracker.core.clock import utc_now
from tracker.core.settings import Settings

BILLS = 150
FIRST = 5000  # bill numbers hr5000-115 .. hr5239-115
pytestmark = pytest.mark.slow


class _Prefix(URIPattern):
    def match(self, uri: str) -> bool:
        return uri.startswith("/bulkdata/BILLSTATUS/115/hr/")


class Mirror:
    """A GovInfo mirror whose documents are real H.R. 4924 renumbered per bill."""

    def __init__(self, real: bytes) -> None:
        self.real = real
        self.older = billstatus_as_of(real, date(2018, 2, 5))
        self.current = self.older
        self.hits: Counter[int] = Counter()
        self.block_number: int | None = None
        self.blocked = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        number = int(request.path.rsplit("hr", 1)[1].removesuffix(".xml"))
        with self.lock:
            self.hits[number] += 1
        if number == self.block_number:
            self.blocked.set()
            self.release.wait(timeout=30)
        body = self.current.replace(b"<billNumber>4924<", f"<billNumber>{number}<".encode())
        return Response(body, content_type="application/xml")


@pytest.fixture
def mirror(test_data: Path):
    real = (test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4924.xml").read_bytes()
    fake = Mirror(real)
    server = HTTPServer(threaded=True)
    server.expect_request(_Prefix()).respond_with_handler(fake)
    server.start()
    fake.base_url = server.url_for("/").rstrip("/")  # type: ignore[attr-defined]
    yield fake
    fake.release.set()
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def postgres_url(database_url: str) -> str:
    if not database_url.startswith("postgresql"):
        pytest.skip("several daemons share work on PostgreSQL (SQLite runs one daemon)")
    return database_url


def _env(url: str, mirror: Mirror, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env |= {
        "TRACKER_DATABASE_URL": url,
        "TRACKER_GOVINFO_BASE_URL": mirror.base_url,  # type: ignore[attr-defined]
        "TRACKER_MIN_REQUEST_INTERVAL": "0",
        "TRACKER_HTTP_MAX_RETRIES": "0",
        "TRACKER_CHECK_BATCH_SIZE": "7",
    }
    return env | extra


def _checker(url: str, mirror: Mirror, **extra: str) -> subprocess.Popen[str]:
    code = "import sys; from tracker.cli import main; main(sys.argv[1:])"
    return subprocess.Popen(
        [sys.executable, "-c", code, "check", "--due", "--json"],
        cwd=REPO,
        env=_env(url, mirror, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run_three(url: str, mirror: Mirror) -> list[dict[str, int]]:
    procs = [_checker(url, mirror) for _ in range(3)]
    reports = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
        reports.append(json.loads(out))
    return reports


def _setup(url: str) -> App:
    app = App.from_settings(Settings(database_url=url))
    migrate.upgrade(app.engine)
    with app.transaction() as s:
        advocate = add_advocate(s, "everything@example.org")
        for n in range(FIRST, FIRST + BILLS):
            bill = add_tracked_bill(s, f"hr{n}-115", now=utc_now())
            subscribe(s, advocate, bill, alerts="all")
    return app


def _make_all_due(app: App) -> None:
    with app.transaction() as s:
        s.execute(update(Bill).values(next_check_at=utc_now() - timedelta(seconds=1)))


def _scalar(app: App, stmt) -> int:
    with app.sessions.begin() as s:
        return s.scalar(stmt) or 0


def test_three_processes_check_each_due_bill_exactly_once(postgres_url, mirror):
    app = _setup(postgres_url)
    try:
        reports = _run_three(postgres_url, mirror)
        assert sum(r["checked"] for r in reports) == BILLS
        assert sum(r["changed"] for r in reports) == BILLS  # baselines
        assert sorted(mirror.hits.values()) == [1] * BILLS
        assert sum(1 for r in reports if r["checked"]) >= 2, "the work was shared"

        # The bill moves on everywhere: events and alerts, each written once.
        mirror.current = mirror.real
        mirror.hits.clear()
        _make_all_due(app)
        reports = _run_three(postgres_url, mirror)
        assert sum(r["checked"] for r in reports) == BILLS
        assert sorted(mirror.hits.values()) == [1] * BILLS
        events = _scalar(app, select(func.count()).select_from(BillEvent))
        assert events == sum(r["events"] for r in reports) > 0
        per_bill = _scalar(app, select(func.count()).select_from(BillEvent)) // BILLS
        assert events == per_bill * BILLS
        # One alert per bill (one advocate follows each), telling all of that bill's events.
        alerts = _scalar(app, select(func.count()).select_from(Notification))
        assert alerts == BILLS == sum(r["alerts"] for r in reports)
        assert _scalar(app, select(func.count()).select_from(AlertEvent)) == events
        assert _scalar(app, select(func.count()).where(Bill.lease_owner.is_not(None))) == 0
    finally:
        app.close()


def test_a_killed_checker_loses_nothing_and_its_bills_are_taken_over(postgres_url, mirror):
    app = _setup(postgres_url)
    try:
        mirror.block_number = FIRST + 30
        victim = _checker(postgres_url, mirror, TRACKER_LEASE_SECONDS="600")
        assert mirror.blocked.wait(timeout=120), "the checker never reached the blocking bill"
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=30)
        mirror.release.set()

        done = _scalar(app, select(func.count()).where(Bill.last_success_at.is_not(None)))
        leased = _scalar(app, select(func.count()).where(Bill.lease_owner.is_not(None)))
        assert 0 < done < BILLS and leased > 0
        checked_before = set(_keys(app, Bill.last_success_at.is_not(None)))

        # While the dead process's leases last, nobody takes those bills.
        settings = Settings(
            database_url=postgres_url,
            govinfo_base_url=mirror.base_url,  # type: ignore[attr-defined]
            min_request_interval=0,
            http_max_retries=0,
        )
        report = _cycle(app, settings, clock=utc_now)
        assert report.checked == BILLS - done - leased

        # After expiry (an injected clock, not a sleep) they are checked, once.
        orphaned = _keys(app, Bill.last_success_at.is_(None))
        assert len(orphaned) == leased and not set(orphaned) & checked_before
        mirror.hits.clear()
        later = utc_now() + timedelta(seconds=601)
        report = _cycle(app, settings, clock=lambda: later)
        assert report.checked == leased
        assert sorted(mirror.hits) == sorted(int(k[2:6]) for k in orphaned)
        assert set(mirror.hits.values()) == {1}
        assert _scalar(app, select(func.count()).where(Bill.last_success_at.is_(None))) == 0
        assert _scalar(app, select(func.count()).where(Bill.lease_owner.is_not(None))) == 0
        assert _scalar(app, select(func.count()).select_from(BillEvent)) == 0  # baselines only
    finally:
        app.close()


def _cycle(app: App, settings: Settings, *, clock):
    ctx = CheckContext(
        sessions=app.sessions, sources={}, settings=settings, clock=clock, owner="recovery:1"
    )
    with make_client(settings, on_request=ctx.recorder) as client:
        ctx.sources = make_sources(settings, client)
        return run_cycle(ctx, due_only=True)


def _keys(app: App, *where) -> list[str]:
    with app.sessions.begin() as s:
        return list(s.scalars(select(Bill.key).where(*where)))
