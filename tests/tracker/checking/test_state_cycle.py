"""A check cycle with a federal bill and a state bill, through local servers: the Open
States "updated since" listing spares the unchanged state bill, a change is found and
alerted like a federal one, and a 429 keeps the stored state and resumes next cycle.
On SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import URIPattern
from sqlalchemy import select
from werkzeug import Request, Response

from db.bills import track_bill
from db.models import Bill, BillEvent, Notification
from tests.db_rows import MutableClock, add_advocate, add_tracked_bill, subscribe
from tracker.checking.check import CheckContext
from tracker.checking.cycle import run_cycle
from tracker.checking.sources import make_client, make_sources
from tracker.core.app import App
from tracker.core.references import resolve_reference
from tracker.core.settings import Settings

KEY = "os-cycle-key"
STATE_PATH = "/bills/ky/2026RS/SB 197"


class _Prefix(URIPattern):
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def match(self, uri: str) -> bool:
        return uri.startswith(self.prefix)


@dataclass
class FakeServers:
    """GovInfo BILLSTATUS by path, and Open States: one bill and the /bills listing."""

    govinfo: dict[str, bytes] = field(default_factory=dict)
    state_bill: bytes = b""
    listed: list[dict[str, Any]] = field(default_factory=list)  # bills the listing names
    state_status: int = 200
    requests: list[str] = field(default_factory=list)
    keys: list[str | None] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        self.requests.append(request.path)
        if request.path.startswith("/bulkdata/"):
            if request.path in self.govinfo:
                return Response(self.govinfo[request.path], content_type="application/xml")
            return Response("not found", status=404)
        self.keys.append(request.headers.get("X-API-KEY"))
        if self.state_status == 429:
            return Response("Too Many Requests", status=429, headers={"Retry-After": "60"})
        if request.path == "/bills":
            page = {
                "results": self.listed,
                "pagination": {"per_page": 20, "page": 1, "max_page": 1, "total_items": 1},
            }
            return Response(json.dumps(page), content_type="application/json")
        if request.path == STATE_PATH:
            return Response(self.state_bill, content_type="application/json")
        return Response("not found", status=404)

    def state_requests(self) -> list[str]:
        return [p for p in self.requests if p.startswith("/bills")]


@pytest.fixture
def servers(httpserver: Any) -> FakeServers:
    fake = FakeServers()
    httpserver.expect_request(_Prefix("/"), method="GET").respond_with_handler(fake)
    return fake


@pytest.fixture
def app(migrated_url: str, httpserver: Any) -> Any:
    base = httpserver.url_for("/").rstrip("/")
    settings = Settings(
        database_url=migrated_url,
        govinfo_base_url=base,
        openstates_base_url=base,
        openstates_api_key=KEY,
        openstates_min_interval=0,
        min_request_interval=0,
        http_max_retries=0,
        check_jitter=0,
    )
    application = App.from_settings(settings, clock=MutableClock())
    yield application
    application.close()


@pytest.fixture
def ctx(app: Any) -> Any:
    check_ctx = CheckContext(
        sessions=app.sessions, sources={}, settings=app.settings, clock=app.clock, owner="test:1"
    )
    client = make_client(app.settings, on_request=check_ctx.recorder)
    check_ctx.sources = make_sources(app.settings, client)
    yield check_ctx
    client.close()


def _ky_bill(test_data: Path) -> dict[str, Any]:
    path = test_data / "openstates-api" / "v3" / "ky-2026RS-SB197-bill.json"
    if not path.is_file():
        pytest.skip(f"{path} not found (shared data without section 7)")
    return json.loads(path.read_bytes())


def _as_of(bill: dict[str, Any], last_order: int, updated: str) -> bytes:
    """The real bill as it stood when its action ``last_order`` was the latest."""
    actions = [a for a in bill["actions"] if a["order"] <= last_order]
    return json.dumps(dict(bill, actions=actions, updated_at=updated)).encode()


def _stored(app: App, key: str) -> Bill:
    with app.sessions.begin() as s:
        bill = s.scalars(select(Bill).where(Bill.key == key)).one()
        s.expunge(bill)
        return bill


def test_federal_and_state_bill_in_one_cycle_listing_spares_unchanged_then_429(
    app: Any, ctx: Any, servers: FakeServers, test_data: Path
) -> None:
    real_fed = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115s3749.xml"
    servers.govinfo["/bulkdata/BILLSTATUS/115/s/BILLSTATUS-115s3749.xml"] = real_fed.read_bytes()
    ky = _ky_bill(test_data)
    servers.state_bill = _as_of(ky, 9, "2026-03-07T00:00:00+00:00")  # passed the Senate

    resolved = resolve_reference("ky SB 197 2026RS", app.settings)
    assert resolved.source == "openstates"
    with app.transaction() as s:
        add_tracked_bill(s, "s3749-115")
        ref = resolved.ref
        state, _ = track_bill(
            s,
            key=ref.key,
            jurisdiction=ref.jurisdiction,
            bill_session=ref.session,
            bill_type=ref.bill_type,
            number=ref.number,
            source=resolved.source,
            now=app.clock(),
        )
        advocate = add_advocate(s, "ky@example.org", state="KY", district=1)
        subscribe(s, advocate, state, alerts="all")

    # 1. Baseline: each bill fetched once (no listing before a first success).
    report = run_cycle(ctx, due_only=False)
    assert (report.checked, report.changed, report.failed) == (2, 2, 0), report.failures
    assert servers.state_requests() == [STATE_PATH]
    assert set(servers.keys) == {KEY}
    stored = _stored(app, "ky-2026rs-sb197")
    assert (stored.stage, stored.stage_chamber) == ("passed_one_chamber", "senate")
    assert stored.title.startswith("AN ACT providing funding")

    # 2. Nothing changed: the listing (one request) spares the state bill's detail.
    servers.requests.clear()
    app.clock.advance(hours=2)
    report = run_cycle(ctx, due_only=False)
    assert report.skipped_by_listing == 1
    assert servers.state_requests() == ["/bills"]
    assert any(p.startswith("/bulkdata/") for p in servers.requests)  # federal fetched as usual

    # 3. Open States answers 429: the bill keeps its state, one line, backed off.
    servers.requests.clear()
    servers.state_status = 429
    servers.listed = [json.loads(_as_of(ky, 37, "2026-04-28T00:00:00+00:00"))]
    app.clock.advance(hours=2)
    report = run_cycle(ctx, due_only=False)
    failures = [f for f in report.failures if f["id"] == "ky-2026rs-sb197"]
    assert len(failures) == 1 and "429" in failures[0]["error"]
    assert "\n" not in failures[0]["error"] and KEY not in failures[0]["error"]
    kept = _stored(app, "ky-2026rs-sb197")
    assert (kept.stage, kept.consecutive_failures) == ("passed_one_chamber", 1)
    assert kept.latest_action_date == stored.latest_action_date

    # 4. The next cycle resumes: the listing names the bill, its detail is read, and the
    #    move to law is an event and an alert like a federal bill's.
    servers.state_status = 200
    servers.state_bill = _as_of(ky, 37, "2026-04-28T00:00:00+00:00")
    app.clock.advance(hours=2)
    report = run_cycle(ctx, due_only=False)
    assert not [f for f in report.failures if f["id"] == "ky-2026rs-sb197"], report.failures
    now = _stored(app, "ky-2026rs-sb197")
    assert (now.stage, now.became_law, now.consecutive_failures) == ("enacted", True, 0)
    assert now.latest_action_date == date(2026, 4, 27)
    with app.sessions.begin() as s:
        kinds = s.scalars(select(BillEvent.kind).where(BillEvent.bill_id == now.id)).all()
        assert "stage_changed" in kinds
        assert s.scalars(select(Notification)).first() is not None
