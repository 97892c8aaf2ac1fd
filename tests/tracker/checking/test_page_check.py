"""Check cycles mixing a federal bill (BILLSTATUS) and a state bill read with a page
definition (the Missouri House, two saved pages), through a real local HTTP server.

A page whose ads or timestamps change is "unchanged" (the extracted snapshot is
fingerprinted, never the HTML); a new action is news; a definition whose required
selector no longer matches fails the bill with a clear error and leaves it untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from pytest_httpserver import URIPattern
from sqlalchemy import select
from werkzeug import Request, Response

from db.bills import track_bill
from db.models import Bill, BillAction, BillEvent
from scrapers.registry import SOURCES
from scrapers.sources.pages import page_source_class
from tests.db_rows import MutableClock, add_tracked_bill
from tracker.checking.check import CheckContext
from tracker.checking.cycle import run_cycle
from tracker.checking.sources import make_client, make_sources
from tracker.core.app import App
from tracker.core.settings import Settings


@dataclass
class FakeSites:
    """Serves whatever each path holds (query ignored), honouring If-None-Match."""

    docs: dict[str, tuple[bytes, str, str]] = field(default_factory=dict)
    robots: bytes = b"User-agent: *\nAllow: /\n"
    requests: list[str] = field(default_factory=list)

    def publish(self, path: str, content: bytes, etag: str, content_type: str) -> None:
        self.docs[path] = (content, etag, content_type)

    def __call__(self, request: Request) -> Response:
        self.requests.append(request.full_path)
        if request.path == "/robots.txt":
            return Response(self.robots, content_type="text/plain")
        if request.path not in self.docs:
            return Response("not found", status=404)
        content, etag, content_type = self.docs[request.path]
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(content, content_type=content_type, headers={"ETag": etag})


class _Anything(URIPattern):
    def match(self, uri: str) -> bool:
        return True


@pytest.fixture
def sites(httpserver) -> FakeSites:
    fake = FakeSites()
    httpserver.expect_request(_Anything()).respond_with_handler(fake)
    return fake


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
def ctx(app, httpserver):
    check_ctx = CheckContext(
        sessions=app.sessions, sources={}, settings=app.settings, clock=app.clock, owner="test:1"
    )
    client = make_client(app.settings, on_request=check_ctx.recorder)
    check_ctx.sources = make_sources(app.settings, client)
    # The Missouri House definition, its pages served from the local server.
    check_ctx.sources["mo-house"] = SOURCES["mo-house"](client, base_url=httpserver.url_for("/"))
    yield check_ctx, client
    client.close()


BILLSTATUS = "/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr4924.xml"
SUMMARY = "/BillSummaryPrn.aspx"
ACTIONS = "/BillActionsPrn.aspx"
# The Governor's two rows of the HB 45 activity history (7/08/2011).
_GOVERNOR_ROWS = re.compile(rb"<tr><td>7/08/2011</td>.*?</tr>", re.S)


def _mo(test_data: Path, name: str) -> bytes:
    return (test_data / "html" / "state" / "mo" / name).read_bytes()


def _publish_all(
    sites: FakeSites, test_data: Path, *, actions: bytes, detail: bytes | None = None
) -> None:
    real = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4924.xml"
    sites.publish(BILLSTATUS, real.read_bytes(), '"f1"', "application/xml")
    detail = detail or _mo(test_data, "house-HB45-2011-billdetail.html")
    sites.publish(SUMMARY, detail, '"d1"', "text/html")
    sites.publish(ACTIONS, actions, '"a1"', "text/html")


def _track_state(app, key: str, source: str) -> None:
    jurisdiction, session, bill = key.split("-")
    bill_type = bill.rstrip("0123456789")
    with app.transaction() as s:
        track_bill(
            s,
            key=key,
            jurisdiction=jurisdiction,
            bill_session=session,
            bill_type=bill_type,
            number=int(bill[len(bill_type) :]),
            source=source,
            now=app.clock(),
        )


def _track_both(app) -> None:
    with app.transaction() as s:
        add_tracked_bill(s, "hr4924-115", now=app.clock())
    _track_state(app, "mo-2011-hb45", "mo-house")


def _bill(app, key: str) -> dict:
    with app.sessions.begin() as s:
        b = s.scalars(select(Bill).where(Bill.key == key)).one()
        return {
            "title": b.title,
            "stage": b.stage,
            "stage_date": b.stage_date,
            "hash": b.content_hash,
            "snapshot": b.snapshot,
            "error": b.last_error,
            "failures": b.consecutive_failures,
            "source": b.source,
        }


def _count(app, model, *where) -> int:
    with app.sessions.begin() as s:
        return len(s.scalars(select(model).where(*where)).all())


def test_cycle_with_a_federal_bill_and_a_page_defined_state_bill(
    app, ctx, sites, test_data, httpserver
):
    ctx, _ = ctx
    full = _mo(test_data, "house-HB45-2011-actions.html")
    before_governor, removed = _GOVERNOR_ROWS.subn(b"", full)
    assert removed == 2
    _publish_all(sites, test_data, actions=before_governor)
    _track_both(app)

    # 1. First sight of both: baselines.
    report = run_cycle(ctx, due_only=True)
    assert (report.checked, report.changed, report.failed) == (2, 2, 0), report.to_json()
    mo = _bill(app, "mo-2011-hb45")
    assert mo["title"].startswith("Changes the laws regarding the Big Government")
    assert (mo["stage"], str(mo["stage_date"])) == ("sent_to_executive", "2011-05-26")
    assert mo["snapshot"]["source"] == "mo-house"
    assert mo["snapshot"]["source_url"].endswith("/BillSummaryPrn.aspx?bill=HB45&year=2011&code=R")
    assert _bill(app, "hr4924-115")["snapshot"]["source"] == "govinfo"
    with app.sessions.begin() as s:
        mo_id = s.scalars(select(Bill.id).where(Bill.key == "mo-2011-hb45")).one()
    assert _count(app, BillAction, BillAction.bill_id == mo_id) == 39
    # robots.txt was asked for the HTML pages (not for the XML).
    assert any(r.startswith("/robots.txt") for r in sites.requests)

    # 2. The page's timestamp and view state change, nothing else: unchanged.
    detail = _mo(test_data, "house-HB45-2011-billdetail.html")
    restamped = detail.replace(b"7/31/2011 11:18:38 AM", b"8/01/2011 09:00:00 AM").replace(
        b'value="/wEPDwUKLTQ1', b'value="/wEPDwUKLTQ2'
    )
    assert restamped != detail
    sites.publish(SUMMARY, restamped, '"d2"', "text/html")
    app.clock.advance(days=40)
    report = run_cycle(ctx, due_only=False)
    assert (report.checked, report.unchanged, report.changed, report.events) == (2, 2, 0, 0)
    assert _bill(app, "mo-2011-hb45")["hash"] == mo["hash"]

    # 3. The Governor signs: the actions page gains two rows; the state bill moves.
    sites.publish(ACTIONS, full, '"a2"', "text/html")
    app.clock.advance(days=1)
    report = run_cycle(ctx, due_only=False)
    assert (report.checked, report.changed, report.unchanged) == (2, 1, 1)
    moved = _bill(app, "mo-2011-hb45")
    assert (moved["stage"], str(moved["stage_date"])) == ("enacted", "2011-07-08")
    with app.sessions.begin() as s:
        kinds = set(s.scalars(select(BillEvent.kind).where(BillEvent.bill_id == mo_id)).all())
    assert "stage_changed" in kinds


def test_a_definition_whose_selector_broke_fails_the_bill_and_keeps_it(
    app, ctx, sites, test_data, httpserver
):
    ctx, client = ctx
    _publish_all(sites, test_data, actions=_mo(test_data, "house-HB45-2011-actions.html"))
    _track_both(app)
    assert run_cycle(ctx, due_only=True).changed == 2
    stored = _bill(app, "mo-2011-hb45")
    federal = _bill(app, "hr4924-115")
    events = _count(app, BillEvent)

    # The site renamed its title element: the definition's required selector finds nothing.
    defn = SOURCES["mo-house"].definition
    fields = dict(defn.fields)
    fields["title"] = replace(fields["title"], selector=".BillTitle")
    broken = page_source_class(replace(defn, fields=fields))
    ctx.sources["mo-house"] = broken(client, base_url=httpserver.url_for("/"))
    app.clock.advance(days=1)
    report = run_cycle(ctx, due_only=False)
    assert (report.checked, report.failed, report.unchanged) == (2, 1, 1)
    failure = report.failures[0]
    assert failure["id"] == "mo-2011-hb45"
    error = failure["error"]
    assert error.startswith("mo-house: http://")
    assert "/BillSummaryPrn.aspx" in error
    assert "'.BillTitle' (title): matched nothing" in error
    after = _bill(app, "mo-2011-hb45")
    # Stored state untouched: same content, same stage; only the failure is recorded.
    for key in ("title", "stage", "stage_date", "hash", "snapshot"):
        assert after[key] == stored[key], key
    assert (after["failures"], after["error"]) == (1, error)
    assert _count(app, BillEvent) == events  # no spurious "stage changed"
    assert _bill(app, "hr4924-115")["hash"] == federal["hash"]


def test_robots_txt_disallowing_the_pages_fails_the_bill(app, ctx, sites, test_data, httpserver):
    ctx, _ = ctx
    _publish_all(sites, test_data, actions=_mo(test_data, "house-HB45-2011-actions.html"))
    sites.robots = b"User-agent: *\nDisallow: /BillSummaryPrn.aspx\n"
    _track_both(app)
    report = run_cycle(ctx, due_only=True)
    assert (report.changed, report.failed) == (1, 1)
    assert "robots.txt disallows" in report.failures[0]["error"]
    assert not any(r.startswith(SUMMARY) for r in sites.requests)
    assert _bill(app, "mo-2011-hb45")["snapshot"] is None


def test_a_one_page_definition_checks_conditionally(app, ctx, sites, test_data, httpserver):
    """South Carolina's bill is one page: its ETag goes back, a 304 is "unchanged"."""
    ctx, client = ctx
    ctx.sources["sc"] = SOURCES["sc"](client, base_url=httpserver.url_for("/"))
    page = (test_data / "html" / "state" / "sc" / "S494-2011-billinfo.html").read_bytes()
    sites.publish("/billsearch.php", page, '"s1"', "text/html")
    _track_state(app, "sc-119-s494", "sc")
    assert run_cycle(ctx, due_only=True).changed == 1
    stored = _bill(app, "sc-119-s494")
    assert stored["stage"] == "passed_one_chamber"
    app.clock.advance(days=1)
    report = run_cycle(ctx, due_only=False)
    assert (report.unchanged, report.changed) == (1, 0)
    with app.sessions.begin() as s:
        assert s.scalars(select(Bill.etag).where(Bill.key == "sc-119-s494")).one() == '"s1"'
    page_requests = [r for r in sites.requests if r.startswith("/billsearch.php")]
    assert len(page_requests) == 2
    assert "billnumbers=494&session=119" in page_requests[0]


def test_the_missouri_senate_bill_page_is_found_in_the_bill_list(
    app, ctx, sites, test_data, httpserver
):
    """Its bill URLs carry an internal BillID: the list (hand-made here, around the real
    link form) names the page; the actions page is the bill page's "All Actions" link."""
    ctx, client = ctx
    ctx.sources["mo-senate"] = SOURCES["mo-senate"](client, base_url=httpserver.url_for("/"))
    listing = (
        b"<html><body><table>"
        b'<tr><td><a href="Bill.aspx?SessionType=R&amp;BillID=4065289">SB 1</a></td></tr>'
        b'<tr><td><a href="Bill.aspx?SessionType=R&amp;BillID=4068821">SB 70</a></td></tr>'
        b"</table></body></html>"
    )
    sites.publish("/11info/BTS_Web/BillList.aspx", listing, '"l1"', "text/html")
    sites.publish(
        "/11info/BTS_Web/Bill.aspx",
        _mo(test_data, "senate-SB70-2011-billdetail.html"),
        '"b1"',
        "text/html",
    )
    sites.publish(
        "/11info/BTS_Web/Actions.aspx",
        _mo(test_data, "senate-SB70-2011-actions.html"),
        '"c1"',
        "text/html",
    )
    _track_state(app, "mo-2011-sb70", "mo-senate")
    report = run_cycle(ctx, due_only=True)
    assert (report.changed, report.failed) == (1, 0), report.to_json()
    stored = _bill(app, "mo-2011-sb70")
    assert (stored["stage"], str(stored["stage_date"])) == ("enacted", "2011-07-05")
    assert stored["snapshot"]["source_url"].endswith(
        "/11info/BTS_Web/Bill.aspx?SessionType=R&BillID=4068821"
    )
    assert len(stored["snapshot"]["actions"]) == 43
    assert any(
        r.startswith("/11info/BTS_Web/Bill.aspx?SessionType=R&BillID=4068821")
        for r in sites.requests
    )
    # The list is read once per process: the next check goes straight to the bill page.
    app.clock.advance(days=1)
    lists = sum(r.startswith("/11info/BTS_Web/BillList.aspx") for r in sites.requests)
    assert run_cycle(ctx, due_only=False).unchanged == 1
    assert sum(r.startswith("/11info/BTS_Web/BillList.aspx") for r in sites.requests) == lists == 1
