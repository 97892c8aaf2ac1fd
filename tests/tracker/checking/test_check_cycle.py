"""A full check cycle against a real local HTTP server serving real BILLSTATUS documents.

track -> check (baseline) -> 304 -> newer document (events + outbox rows) ->
same content rewritten with a new ETag (nothing) -> a failing bill beside
healthy ones. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import URIPattern
from sqlalchemy import func, select
from werkzeug import Request, Response

from db.models import AlertEvent, Bill, BillAction, BillEvent, Cosponsor, FetchLog, Notification
from tests.billstatus_edit import billstatus_as_of
from tests.db_rows import MutableClock, add_advocate, add_tracked_bill, subscribe
from tracker.checking.check import CheckContext
from tracker.checking.cycle import run_cycle
from tracker.checking.sources import make_client, make_sources
from tracker.core.app import App
from tracker.core.settings import Settings


@dataclass
class FakeGovInfo:
    """Serves whatever document each path currently holds, honouring If-None-Match."""

    docs: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)
    requests: list[tuple[str, str | None]] = field(default_factory=list)

    def publish(self, key: str, content: bytes, etag: str) -> None:
        self.docs[_path(key)] = (content, etag)

    def __call__(self, request: Request) -> Response:
        self.requests.append((request.path, request.headers.get("If-None-Match")))
        if request.path in self.failing:
            return Response("upstream broke", status=500)
        if request.path not in self.docs:
            return Response("not found", status=404)
        content, etag = self.docs[request.path]
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(content, content_type="application/xml", headers={"ETag": etag})


def _path(key: str) -> str:
    bill, congress = key.split("-")
    kind = bill.rstrip("0123456789")
    return f"/bulkdata/BILLSTATUS/{congress}/{kind}/BILLSTATUS-{congress}{bill}.xml"


@pytest.fixture
def govinfo(httpserver) -> FakeGovInfo:
    fake = FakeGovInfo()
    httpserver.expect_request(_Prefix("/bulkdata/BILLSTATUS/"), method="GET").respond_with_handler(
        fake
    )
    return fake


class _Prefix(URIPattern):
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def match(self, uri: str) -> bool:
        return uri.startswith(self.prefix)


@pytest.fixture
def app(migrated_url, httpserver):
    settings = Settings(
        database_url=migrated_url,
        govinfo_base_url=httpserver.url_for("/").rstrip("/"),
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


def _real(test_data: Path, name: str) -> bytes:
    return (test_data / "billstatus" / "govinfo-115" / name).read_bytes()


def _count(app, model, *where) -> int:
    with app.sessions.begin() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_full_cycle_baseline_304_change_rewrite_and_failure(app, ctx, govinfo, test_data):
    real = _real(test_data, "BILLSTATUS-115hr4924.xml")
    with app.transaction() as s:
        bill = add_tracked_bill(s, "hr4924-115")
        advocate = add_advocate(s, "ana@example.org")
        subscribe(s, advocate, bill, alerts="all")
        quiet = add_advocate(s, "major-only@example.org")
        subscribe(s, quiet, bill, alerts="major")
        muted = add_advocate(s, "muted@example.org")
        subscribe(s, muted, bill, alerts="none")
    govinfo.publish("hr4924-115", billstatus_as_of(real, date(2018, 2, 5)), '"v1"')

    # 1. First sight: a baseline, no events, no mail.
    report = run_cycle(ctx, due_only=True)
    assert report.to_json() | {"failures": []} == report.to_json()
    assert (report.checked, report.changed, report.events, report.alerts) == (1, 1, 0, 0)
    with app.sessions.begin() as s:
        stored = s.scalars(select(Bill)).one()
        assert stored.stage == "in_committee"
        assert stored.title == "Congressional Accountability Act of 1995 Reform Act"
        assert stored.etag == '"v1"'
        assert stored.lease_owner is None
        assert stored.next_check_at > app.clock()
    assert _count(app, BillAction) == 5

    # 2. Not due yet: a due-only cycle does nothing; a forced check sends the ETag, gets 304.
    app.clock.advance(minutes=1)
    assert run_cycle(ctx, due_only=True).checked == 0
    report = run_cycle(ctx, due_only=False)
    assert (report.checked, report.unchanged, report.requests) == (1, 1, 1)
    assert govinfo.requests[-1][1] == '"v1"'

    # 3. The bill passes the House: events, and alerts by each advocate's threshold.
    #    (The 115th Congress is over, so the bill is checked monthly: wait for it.)
    app.clock.advance(days=31)
    govinfo.publish("hr4924-115", real, '"v2"')
    report = run_cycle(ctx, due_only=True)
    assert (report.checked, report.changed) == (1, 1)
    kinds = _event_kinds(app)
    assert "stage_changed" in kinds and "vote_recorded" in kinds and "cosponsor_added" in kinds
    assert report.events == len(kinds)
    # One alert per advocate for the whole move (one "all", one "major"), not one per event.
    assert _count(app, Notification) == 2 == report.alerts
    assert _count(app, AlertEvent) == len(kinds) + sum(
        1 for k in kinds if k in {"stage_changed", "vote_recorded"}
    )
    with app.sessions.begin() as s:
        stored = s.scalars(select(Bill)).one()
        assert (stored.stage, stored.stage_chamber) == ("passed_one_chamber", "house")
        assert stored.latest_action_date == date(2018, 2, 7)
    assert _count(app, BillAction) == 12
    assert _count(app, Cosponsor) > 0

    # 4. GovInfo rewrites the file (new ETag), same content: no events, no mail.
    app.clock.advance(days=2)
    govinfo.publish("hr4924-115", real.replace(b"<updateDate>", b"<updateDate >"), '"v3"')
    report = run_cycle(ctx, due_only=False)
    assert (report.unchanged, report.events, report.alerts) == (1, 0, 0)
    assert _count(app, BillEvent) == len(kinds)

    # 5. A failing bill beside healthy ones: recorded, backed off, the cycle goes on.
    app.clock.advance(minutes=1)
    with app.transaction() as s:
        add_tracked_bill(s, "s2952-115", now=app.clock())
        add_tracked_bill(s, "s3749-115", now=app.clock())
    govinfo.publish("s3749-115", _real(test_data, "BILLSTATUS-115s3749.xml"), '"a"')
    govinfo.failing.add(_path("s2952-115"))
    report = run_cycle(ctx, due_only=False)
    assert (report.checked, report.failed) == (3, 1)
    assert report.failures[0]["id"] == "s2952-115" and "500" in report.failures[0]["error"]
    with app.sessions.begin() as s:
        failing = s.scalars(select(Bill).where(Bill.key == "s2952-115")).one()
        assert failing.consecutive_failures == 1 and "500" in failing.last_error
        assert failing.next_check_at - app.clock() == timedelta(minutes=5)
        assert failing.lease_owner is None
        enacted = s.scalars(select(Bill).where(Bill.key == "s3749-115")).one()
        assert enacted.stage == "enacted" and enacted.became_law
        assert enacted.session_ended  # the 115th Congress ended in January 2019
        assert enacted.next_check_at - app.clock() == timedelta(
            seconds=app.settings.check_interval_final
        )
    assert _count(app, FetchLog, FetchLog.status == 500) == 1

    # 6. Checking again with nothing new changes nothing.
    before = (_count(app, BillEvent), _count(app, Notification))
    govinfo.failing.clear()
    govinfo.publish("s2952-115", _real(test_data, "BILLSTATUS-115s2952.xml"), '"b"')
    for _ in range(2):
        app.clock.advance(minutes=1)
        run_cycle(ctx, due_only=False)
    assert (_count(app, BillEvent), _count(app, Notification)) == before


def test_a_bill_missing_at_the_source_is_a_clear_failure(app, ctx, govinfo):
    with app.transaction() as s:
        add_tracked_bill(s, "hr9999-115")
    report = run_cycle(ctx, due_only=True)
    assert report.failed == 1
    assert "404" in report.failures[0]["error"] or "not found" in report.failures[0]["error"]


def test_an_html_error_page_is_a_failure_not_a_snapshot(app, ctx, govinfo):
    with app.transaction() as s:
        add_tracked_bill(s, "hr4030-115")
    govinfo.publish("hr4030-115", b"<!DOCTYPE html><html><body>Maintenance</body></html>", '"x"')
    report = run_cycle(ctx, due_only=True)
    assert report.failed == 1
    with app.sessions.begin() as s:
        bill = s.scalars(select(Bill)).one()
        assert bill.stage is None and bill.snapshot is None  # stored state untouched


def test_a_check_stops_between_bills_and_gives_leases_back(app, ctx, govinfo, test_data):
    with app.transaction() as s:
        for key in ("hr4030-115", "hr4396-115", "hr1865-115"):
            add_tracked_bill(s, key)
    for key, name in (
        ("hr4030-115", "BILLSTATUS-115hr4030.xml"),
        ("hr4396-115", "BILLSTATUS-115hr4396.xml"),
        ("hr1865-115", "BILLSTATUS-115hr1865.xml"),
    ):
        govinfo.publish(key, _real(test_data, name), '"1"')
    done: list[str] = []
    report = run_cycle(
        ctx,
        due_only=True,
        should_stop=lambda: len(done) >= 1,
        progress=lambda r: done.append(r.key),
    )
    assert report.checked == 1
    with app.sessions.begin() as s:
        assert s.scalar(select(func.count()).where(Bill.lease_owner.is_not(None))) == 0
        unchecked = s.scalars(select(Bill.key).where(Bill.last_checked_at.is_(None))).all()
    assert len(unchecked) == 2


def _event_kinds(app) -> list[str]:
    with app.sessions.begin() as s:
        return list(s.scalars(select(BillEvent.kind).order_by(BillEvent.id)))
