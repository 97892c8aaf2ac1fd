"""One check cycle over three kinds of legislature, on one local server (issue 16).

A federal bill (a real BILLSTATUS file), a Missouri House bill read with the
``mo-house`` page definition (the real saved pages) and a UK bill from the
Bills API (bill 2818's real answers). Each source reads its own documents from
the same host; a move in two of them is news for those two only, and the third
stays unchanged.
"""

# ruff: noqa: F811
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from db.models import Bill, BillEvent
from scrapers.registry import SOURCES
from tests.db_rows import MutableClock
from tests.tracker.checking.test_page_check import (  # noqa: F401
    _GOVERNOR_ROWS,
    FakeSites,
    _bill,
    _mo,
    _publish_all,
    _track_both,
    sites,
)
from tests.uk_bill_2818 import KEY as UK_KEY
from tests.uk_bill_2818 import moved_to_committee, real_bill, real_stages, track_2818
from tracker.checking.check import CheckContext
from tracker.checking.cycle import run_cycle
from tracker.checking.sources import make_client, make_sources
from tracker.core.app import App
from tracker.core.settings import Settings

_UK_BILL = "/api/v1/Bills/2818"


def _publish_uk(sites: FakeSites, bill: dict, stages: dict, etag: str) -> None:
    sites.publish(_UK_BILL, json.dumps(bill).encode(), etag, "application/json")
    sites.publish(f"{_UK_BILL}/Stages", json.dumps(stages).encode(), etag, "application/json")
    empty = {"billId": 2818, "publications": []}  # hand-made: the real answer is another bill's
    sites.publish(f"{_UK_BILL}/Publications", json.dumps(empty).encode(), etag, "application/json")


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
def ctx(app, httpserver):
    check_ctx = CheckContext(
        sessions=app.sessions, sources={}, settings=app.settings, clock=app.clock, owner="test:1"
    )
    client = make_client(app.settings, on_request=check_ctx.recorder)
    check_ctx.sources = make_sources(app.settings, client)
    check_ctx.sources["mo-house"] = SOURCES["mo-house"](client, base_url=httpserver.url_for("/"))
    yield check_ctx
    client.close()


def test_a_federal_a_page_defined_and_a_uk_bill_in_one_cycle(app, ctx, sites, test_data):
    full = _mo(test_data, "house-HB45-2011-actions.html")
    before_governor, removed = _GOVERNOR_ROWS.subn(b"", full)
    assert removed == 2
    _publish_all(sites, test_data, actions=before_governor)
    uk_bill, uk_stages = real_bill(test_data), real_stages(test_data)
    _publish_uk(sites, uk_bill, uk_stages, '"u1"')
    _track_both(app)
    with app.transaction() as s:
        track_2818(s, now=app.clock())

    # 1. First sight of all three: baselines, each from its own source.
    report = run_cycle(ctx, due_only=False)
    assert (report.checked, report.changed, report.failed) == (3, 3, 0), report.to_json()
    sources = {key: _bill(app, key)["source"] for key in ("hr4924-115", "mo-2011-hb45", UK_KEY)}
    assert sources == {
        "hr4924-115": "govinfo",
        "mo-2011-hb45": "mo-house",
        UK_KEY: "uk_parliament",
    }
    assert _bill(app, "mo-2011-hb45")["stage"] == "sent_to_executive"
    assert _bill(app, UK_KEY)["stage"] == "introduced"

    # 2. The Governor signs the Missouri bill and the UK bill goes to committee;
    #    the federal bill is unchanged.
    sites.publish("/BillActionsPrn.aspx", full, '"a2"', "text/html")
    moved_bill, items = moved_to_committee(uk_bill, uk_stages["items"])
    _publish_uk(
        sites, moved_bill, {**uk_stages, "items": items, "totalResults": len(items)}, '"u2"'
    )
    app.clock.advance(days=1)
    report = run_cycle(ctx, due_only=False)
    assert (report.checked, report.changed, report.unchanged, report.failed) == (3, 2, 1, 0)
    assert _bill(app, "mo-2011-hb45")["stage"] == "enacted"
    assert _bill(app, UK_KEY)["stage"] == "in_committee"
    with app.sessions.begin() as s:
        moved = set(
            s.scalars(
                select(Bill.key)
                .join(BillEvent, BillEvent.bill_id == Bill.id)
                .where(BillEvent.kind == "stage_changed")
            )
        )
    assert moved == {"mo-2011-hb45", UK_KEY}
