"""A database filled the way production fills it, for the report, web and feed tests.

Real BILLSTATUS documents are served by a local HTTP server and read by real
check cycles: first an older state of two bills (cut from the real files), then
the real files, so there are change events; one bill is missing at the source
(a failing bill). H.R. 1865's House roll 91 and Senate vote 60 are served (real
records renumbered, ``tests.roll_call_edit``); the other votes named are 404s.
Then the 2017 congress-legislators data, advocates with
distinctive emails and addresses (the leak canaries), their subscriptions, and
announcements of a hearing and a vote (BILLSTATUS announces none, so these are
written through the same code the check uses: ``insert_events`` and a stored
snapshot with a ``scheduled`` entry).

Built once per backend per test module; tests only read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer, URIPattern
from sqlalchemy import select
from werkzeug import Request, Response

from db import migrate
from db.engine import make_engine
from db.models import Bill
from scrapers.model import Chamber, ScheduledEvent, ScheduledKind
from tests.billstatus_edit import billstatus_as_of
from tests.db_rows import MutableClock, add_advocate, add_tracked_bill, subscribe
from tests.roll_call_edit import (
    HOUSE_91,
    SENATE_115_2,
    house_roll_91_of_2018,
    senate_vote_115_2,
)
from tests.tracker.people._legislators import parsed
from tracker.checking.alerts import insert_events
from tracker.checking.check import CheckContext
from tracker.checking.cycle import run_cycle
from tracker.checking.sources import make_client, make_sources, make_vote_sources
from tracker.core.app import App
from tracker.core.clock import utc_now
from tracker.core.settings import Settings
from tracker.people.officials import store_officials
from tracker.vocab import events as ev
from tracker.vocab.serialize import snapshot_from_dict, snapshot_to_dict

#: Bills checked from their real documents, and the day their older state stops.
REAL_BILLS = {
    "hr4030-115": None,  # the Title IX Protection Act: in committee
    "hr4924-115": date(2018, 2, 5),  # in committee, then passes the House
    "s3749-115": None,  # enacted
    "hr1865-115": None,  # enacted
    "sres44-115": date(2017, 2, 5),  # a simple resolution in committee, then adopted
    "s2952-115": None,  # passed the Senate
    "hr4396-115": None,  # in committee
}
MISSING = "hr9999-115"  # 404 at the source: a failing bill
#: Strings that must never appear in any page, API answer or feed.
CANARIES = (
    "canary-ana-7f3a@example.org",
    "canary-ben-19c2@example.org",
    "Zebulon Canaryname",
    "94107-CANARY",
)
HEARING_DESCRIPTION = 'Markup of H.R. 4030; "Title IX", <b>bold</b>, and a\nsecond line'


@dataclass
class Filled:
    url: str
    clock: MutableClock
    settings: Settings
    keys: tuple[str, ...] = field(default_factory=tuple)


def fill(url: str, test_data: Path) -> Filled:
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        return _fill(url, test_data, server)
    finally:
        server.clear()
        server.stop()


def _fill(url: str, test_data: Path, server: HTTPServer) -> Filled:
    docs: dict[str, bytes] = {}
    server.expect_request(_Prefix("/bulkdata/BILLSTATUS/")).respond_with_handler(
        lambda request: _serve(docs, request)
    )
    # H.R. 1865's House and Senate passage votes; every other vote named is a 404.
    votes = {
        HOUSE_91: house_roll_91_of_2018(test_data),
        SENATE_115_2.format(60): senate_vote_115_2(test_data, 60),
    }
    for prefix in ("/evs/", "/legislative/"):
        server.expect_request(_Prefix(prefix)).respond_with_handler(
            lambda request: _serve(votes, request)
        )
    # Checked two hours ago, then an hour ago: "ok" to a report read now.
    clock = MutableClock(utc_now().replace(microsecond=0) - timedelta(hours=2))
    settings = Settings(
        database_url=url,
        govinfo_base_url=server.url_for("/").rstrip("/"),
        house_clerk_base_url=server.url_for("/").rstrip("/"),
        senate_lis_base_url=server.url_for("/").rstrip("/"),
        min_request_interval=0,
        http_max_retries=0,
        check_jitter=0,
    )
    app = App.from_settings(settings, clock=clock)
    try:
        _track_and_check(app, test_data, docs)
        _people(app, test_data)
        _announcements(app)
    finally:
        app.close()
    return Filled(url=url, clock=clock, settings=settings, keys=(*REAL_BILLS, MISSING))


def _track_and_check(app: App, test_data: Path, docs: dict[str, bytes]) -> None:
    with app.transaction() as s:
        for key in (*REAL_BILLS, MISSING):
            add_tracked_bill(s, key, now=app.clock())
    for key, older in REAL_BILLS.items():
        real = _real(test_data, key)
        docs[_path(key)] = billstatus_as_of(real, older) if older else real
    _cycle(app)
    app.clock.advance(hours=1)
    for key, older in REAL_BILLS.items():
        if older:
            docs[_path(key)] = _real(test_data, key)
    _cycle(app)


def _cycle(app: App) -> None:
    ctx = CheckContext(
        sessions=app.sessions, sources={}, settings=app.settings, clock=app.clock, owner="fill:1"
    )
    client = make_client(app.settings, on_request=ctx.recorder)
    ctx.sources = make_sources(app.settings, client)
    ctx.votes = make_vote_sources(app.settings, client)
    try:
        run_cycle(ctx, due_only=False)
    finally:
        client.close()


def _people(app: App, test_data: Path) -> None:
    with app.transaction() as s:
        store_officials(
            s, parsed(test_data / "legislators" / "snapshot-2017-09-28"), now=app.clock()
        )
        bills = {b.key: b for b in s.scalars(select(Bill))}
        ana = add_advocate(s, CANARIES[0], name=CANARIES[2], state="CA", district=12)
        ben = add_advocate(s, CANARIES[1], name=f"Ben {CANARIES[3]}", state="NY", district=10)
        for advocate in (ana, ben):
            subscribe(s, advocate, bills["hr4030-115"])
        subscribe(s, ana, bills["hr4924-115"], stance="oppose")


def _announcements(app: App) -> None:
    with app.transaction() as s:
        hr4030 = s.scalars(select(Bill).where(Bill.key == "hr4030-115")).one()
        hearing = ev.HearingScheduled(
            bill_key=hr4030.key,
            occurred_on=None,
            session=ScheduledKind.MARKUP,
            scheduled_for=date(2018, 3, 14),
            description=HEARING_DESCRIPTION,
            committee="House Committee on Education and the Workforce",
            chamber=Chamber.HOUSE,
            location="2175 Rayburn House Office Building",
        )
        vote = ev.VoteScheduled(
            bill_key=hr4030.key,
            occurred_on=None,
            scheduled_for=date(2018, 4, 10),
            description="Floor vote on passage",
            chamber=Chamber.HOUSE,
        )
        insert_events(s, hr4030, [hearing, vote], now=app.clock())
        # Announced before the first check: only the snapshot knows it.
        hr4396 = s.scalars(select(Bill).where(Bill.key == "hr4396-115")).one()
        snapshot = snapshot_from_dict(hr4396.snapshot or {})
        announced = ScheduledEvent(
            kind=ScheduledKind.HEARING,
            on=date(2018, 1, 17),
            chamber=Chamber.HOUSE,
            description="Hearing on the bill",
            committee="House Judiciary",
        )
        hr4396.snapshot = snapshot_to_dict(replace(snapshot, scheduled=(announced,)))


def _real(test_data: Path, key: str) -> bytes:
    bill, congress = key.split("-")
    return (
        test_data / "billstatus" / "govinfo-115" / f"BILLSTATUS-{congress}{bill}.xml"
    ).read_bytes()


def _path(key: str) -> str:
    bill, congress = key.split("-")
    kind = bill.rstrip("0123456789")
    return f"/bulkdata/BILLSTATUS/{congress}/{kind}/BILLSTATUS-{congress}{bill}.xml"


def _serve(docs: dict[str, bytes], request: Request) -> Response:
    if request.path not in docs:
        return Response("not found", status=404)
    return Response(docs[request.path], content_type="application/xml")


class _Prefix(URIPattern):
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def match(self, uri: str) -> bool:
        return uri.startswith(self.prefix)
