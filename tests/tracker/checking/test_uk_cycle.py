"""A check cycle mixing a federal bill and a UK bill, against real local HTTP servers.

GovInfo serves a real BILLSTATUS file; the Bills API serves bill 2818's real
detail and stages (test data README, section 6.2). The UK bill then moves:
its second reading sits and it goes to committee, which the test adds on top
of the real answer (a new sitting, a committee stage, a later ``lastUpdate``),
as the API would show it. The lead adds a page-defined state bill to this
cycle after merging.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import func, select
from werkzeug import Request, Response

from db.models import Bill, BillAction, BillEvent, Notification
from tests.db_rows import MutableClock, add_advocate, add_tracked_bill, subscribe
from tests.tracker.checking.test_check_cycle import FakeGovInfo, _Prefix
from tests.uk_bill_2818 import KEY as UK_KEY
from tests.uk_bill_2818 import moved_to_committee, real_bill, real_stages, track_2818
from tracker.checking.check import CheckContext
from tracker.checking.cycle import run_cycle
from tracker.checking.sources import make_client, make_sources
from tracker.core.app import App
from tracker.core.settings import Settings


@dataclass
class FakeBillsApi:
    """Serves bill 2818 and its stages as the Bills API does (Skip/Take on the stages)."""

    bill: dict[str, Any]
    stages: dict[str, Any]
    broken: bool = False
    paths: list[str] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        self.paths.append(request.path)
        if self.broken:
            return Response("<html>maintenance</html>", content_type="text/html")
        if request.path == "/api/v1/Bills/2818":
            return Response(json.dumps(self.bill), content_type="application/json")
        if request.path == "/api/v1/Bills/2818/Stages":
            return Response(json.dumps(self.stages), content_type="application/json")
        if request.path == "/api/v1/Bills/2818/Publications":
            # Hand-made: the one real publications answer is another bill's.
            empty = {"billId": 2818, "publications": []}
            return Response(json.dumps(empty), content_type="application/json")
        return Response(json.dumps({"status": 404}), status=404, content_type="application/json")


@pytest.fixture
def bills_api(httpserver, test_data) -> FakeBillsApi:
    fake = FakeBillsApi(bill=real_bill(test_data), stages=real_stages(test_data))
    httpserver.expect_request(_Prefix("/api/v1/Bills"), method="GET").respond_with_handler(fake)
    return fake


@pytest.fixture
def govinfo(httpserver) -> FakeGovInfo:
    fake = FakeGovInfo()
    httpserver.expect_request(_Prefix("/bulkdata/BILLSTATUS/"), method="GET").respond_with_handler(
        fake
    )
    return fake


@pytest.fixture
def app(migrated_url, httpserver):
    base = httpserver.url_for("/").rstrip("/")
    settings = Settings(
        database_url=migrated_url,
        govinfo_base_url=base,
        uk_bills_base_url=base,
        min_request_interval=0,
        http_max_retries=0,
        check_jitter=0,
    )
    application = App.from_settings(settings, clock=MutableClock())
    yield application
    application.close()


@pytest.fixture
def ctx(app):
    check_ctx = CheckContext(
        sessions=app.sessions, sources={}, settings=app.settings, clock=app.clock, owner="test:1"
    )
    client = make_client(app.settings, on_request=check_ctx.recorder)
    check_ctx.sources = make_sources(app.settings, client)
    yield check_ctx
    client.close()


def add_uk_bill(session) -> Bill:
    return track_2818(session, now=MutableClock().now)


def _bill(app, key: str) -> Bill:
    with app.sessions.begin() as s:
        bill = s.scalars(select(Bill).where(Bill.key == key)).one()
        s.expunge(bill)
        return bill


def _count(app, model, *where) -> int:
    with app.sessions.begin() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _second_reading_and_committee(api: FakeBillsApi) -> None:
    api.bill, items = moved_to_committee(api.bill, api.stages["items"])
    api.stages = {**api.stages, "items": items, "totalResults": len(items)}


def test_a_federal_and_a_uk_bill_in_one_cycle(app, ctx, govinfo, bills_api, test_data):
    federal = (test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115s3749.xml").read_bytes()
    govinfo.publish("s3749-115", federal, '"a"')
    with app.transaction() as s:
        add_tracked_bill(s, "s3749-115")
        uk = add_uk_bill(s)
        advocate = add_advocate(s, "ana@example.org")
        subscribe(s, advocate, uk, alerts="all")

    # 1. Baseline for both.
    report = run_cycle(ctx, due_only=False)
    assert (report.checked, report.failed, report.events) == (2, 0, 0)
    stored = _bill(app, UK_KEY)
    assert (stored.source, stored.jurisdiction, stored.session) == ("uk_parliament", "uk", "35")
    assert stored.title == "Abolition of Business Rates Bill"
    assert (stored.stage, stored.stage_chamber) == ("introduced", "commons")
    assert _bill(app, "s3749-115").stage == "enacted"
    uk_actions = _count(app, BillAction, BillAction.bill_id == stored.id)
    assert uk_actions == 1

    # 2. Unchanged: one request for the UK bill (lastUpdate held), nothing new.
    bills_api.paths.clear()
    app.clock.advance(minutes=1)
    report = run_cycle(ctx, due_only=False)
    assert report.events == 0
    assert bills_api.paths == ["/api/v1/Bills/2818"]

    # 3. Second reading sits and the bill goes to committee: events and an alert.
    _second_reading_and_committee(bills_api)
    app.clock.advance(minutes=1)
    report = run_cycle(ctx, due_only=False)
    assert report.failed == 0
    stored = _bill(app, UK_KEY)
    assert (stored.stage, stored.stage_chamber) == ("in_committee", "commons")
    with app.sessions.begin() as s:
        kinds = set(s.scalars(select(BillEvent.kind).where(BillEvent.bill_id == stored.id)))
    assert {"stage_changed", "action_added"} <= kinds
    assert _count(app, Notification) == 1 == report.alerts

    # 4. The API answers HTML: a failure, the stored bill untouched.
    bills_api.broken = True
    app.clock.advance(minutes=1)
    report = run_cycle(ctx, due_only=False)
    assert report.failed == 1 and report.failures[0]["id"] == UK_KEY
    after = _bill(app, UK_KEY)
    assert (after.stage, after.title, after.consecutive_failures) == (
        "in_committee",
        stored.title,
        1,
    )


def test_a_checked_uk_bill_downstream_web_api_search_feeds_status(app, ctx, bills_api, test_data):
    """After real checks, the UK bill reads everywhere a federal one does."""
    from datetime import timedelta

    from werkzeug.test import Client

    from tracker.report.status import StatusFilter, status_rows
    from tracker.web import make_web_app

    with app.transaction() as s:
        add_uk_bill(s)
    run_cycle(ctx, due_only=False)
    _second_reading_and_committee(bills_api)
    app.clock.advance(minutes=1)
    assert run_cycle(ctx, due_only=False).failed == 0

    with app.sessions.begin() as s:
        (row,) = status_rows(
            s, filters=StatusFilter(), now=app.clock(), stale_after=timedelta(days=2)
        )
    assert (row.id, row.stage, row.stage_chamber) == (UK_KEY, "in_committee", "commons")
    assert row.source_url == "https://bills.parliament.uk/bills/2818"

    web = Client(make_web_app(app))
    page = web.get(f"/bills/{UK_KEY}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Abolition of Business Rates Bill" in html and "Royal Assent" in html
    assert "Governor" not in html and "President" not in html
    assert "https://members.parliament.uk/FindYourMP" in html  # whom to contact, no US state
    assert "Kevin Hollinrake" in html

    listed = web.get("/api/bills?q=business rates").get_json()
    assert [b["id"] for b in listed["bills"]] == [UK_KEY]
    events = web.get(f"/api/bills/{UK_KEY}/events").get_json()
    assert "stage_changed" in {e["kind"] for e in events["events"]}
    feed = web.get(f"/feeds/bills/{UK_KEY}.atom")
    assert feed.status_code == 200 and b"referred to committee" in feed.get_data()
    assert web.get("/").status_code == 200
