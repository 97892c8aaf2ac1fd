# ruff: noqa: F811  (the check-cycle fixtures are imported, then used as arguments)
"""A source that serves an older copy after a newer one never moves a bill back.

Real documents from a real local server: GovInfo BILLSTATUS (H.R. 1865-115,
Public Law 115-164, enacted, then an earlier state of the same file) and the
Congress.gov API (H.R. 21, 117th, then an answer stamped a day earlier with
fewer actions). Both ways of knowing "older" are covered: the source's own
update stamp, and, where a copy has no newer stamp, the action history.
"""

from __future__ import annotations

import copy
from datetime import date

import pytest
from lxml import etree
from sqlalchemy import func, select

from db.models import Bill, BillEvent, Notification
from scrapers.model import Action, BillRef, BillSnapshot, Stage, StageInfo
from tests.billstatus_edit import billstatus_as_of
from tests.db_rows import MutableClock, add_advocate, add_tracked_bill, subscribe
from tests.scrapers.test_congress_gov import (
    API_KEY_HEADER,
    HR21_PARTS,
    KEY,
    load,
    local,
    page_query,
)
from tests.tracker.checking.test_check_cycle import app, ctx, govinfo  # noqa: F401  (fixtures)
from tracker.checking.check import CheckContext
from tracker.checking.cycle import run_cycle
from tracker.checking.recency import older_than_stored
from tracker.checking.sources import make_client, make_sources
from tracker.core.app import App
from tracker.core.settings import Settings

ENACTED = "BILLSTATUS-115hr1865.xml"


def _counts(app) -> tuple[int, int]:
    with app.sessions.begin() as s:
        events = s.scalar(select(func.count()).select_from(BillEvent)) or 0
        alerts = s.scalar(select(func.count()).select_from(Notification)) or 0
    return events, alerts


def _state(app, key: str) -> tuple[str | None, str | None, int]:
    with app.sessions.begin() as s:
        bill = s.scalars(select(Bill).where(Bill.key == key)).one()
        return bill.stage, bill.content_hash, len(bill.snapshot["actions"])


def _enacted(test_data) -> bytes:
    return (test_data / "billstatus" / "govinfo-115" / ENACTED).read_bytes()


def _with_update_date(content: bytes, stamp: str) -> bytes:
    root = etree.fromstring(content)
    for element in root.iter("updateDate"):
        if element.getparent() is not None and element.getparent().tag == "bill":
            element.text = stamp
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("stamped", [True, False], ids=["older-stamp", "same-stamp"])
def test_govinfo_older_file_after_the_enacted_one_changes_nothing(
    app, ctx, govinfo, test_data, stamped
):
    real = _enacted(test_data)
    with app.transaction() as s:
        bill = add_tracked_bill(s, "hr1865-115")
        subscribe(s, add_advocate(s, "ana@example.org"), bill, alerts="all")
    govinfo.publish("hr1865-115", real, '"new"')
    run_cycle(ctx, due_only=False)  # the baseline: enacted
    before = _state(app, "hr1865-115")
    assert before[0] == "enacted"

    older = billstatus_as_of(real, date(2017, 12, 31))  # still in committee then
    if stamped:
        older = _with_update_date(older, "2017-12-31T12:00:00Z")
    govinfo.publish("hr1865-115", older, '"stale"')
    app.clock.advance(days=1)
    report = run_cycle(ctx, due_only=False)

    assert (report.older, report.changed, report.events, report.alerts) == (1, 0, 0, 0)
    assert _state(app, "hr1865-115") == before
    assert _counts(app) == (0, 0)
    with app.sessions.begin() as s:  # the good validators stay for the next conditional GET
        assert s.scalars(select(Bill.etag)).one() == '"new"'

    govinfo.publish("hr1865-115", real, '"new"')  # the real file comes back: nothing new
    app.clock.advance(days=1)
    back = run_cycle(ctx, due_only=False)
    assert (back.changed, back.events, back.alerts) == (0, 0, 0)
    assert _counts(app) == (0, 0)


@pytest.fixture
def congress_app(migrated_url, httpserver):
    settings = Settings(
        database_url=migrated_url,
        federal_source="congress_gov",
        congress_api_base_url=httpserver.url_for("/").rstrip("/"),
        congress_api_key=KEY,
        min_request_interval=0,
        http_max_retries=0,
        check_jitter=0,
    )
    application = App.from_settings(settings, clock=MutableClock())
    check_ctx = CheckContext(
        sessions=application.sessions,
        sources={},
        settings=settings,
        clock=application.clock,
        owner="test:1",
    )
    client = make_client(settings, on_request=check_ctx.recorder)
    check_ctx.sources = make_sources(settings, client)
    yield application, check_ctx
    client.close()
    application.close()


def _serve_hr21(httpserver, test_data, *, stamp: str | None = None, actions: int | None = None):
    headers = {API_KEY_HEADER: KEY}
    item = load(test_data, "loc-samples", "bill_117_hr_21.json")
    if stamp is not None:
        item = copy.deepcopy(item)
        item["bill"]["updateDate"] = stamp
        item["bill"]["updateDateIncludingText"] = stamp
    httpserver.clear()
    httpserver.expect_request(
        "/v3/bill/117/hr/21", query_string={"format": "json"}, headers=headers
    ).respond_with_json(local(httpserver, item))
    for endpoint, (suffix, _key, _keys) in HR21_PARTS.items():
        answer = load(test_data, "loc-samples", f"bill_117_hr_21_{suffix}.json")
        if endpoint == "actions" and actions is not None:
            answer = copy.deepcopy(answer)
            answer["actions"] = answer["actions"][-actions:]  # newest first: keep the oldest
        httpserver.expect_request(
            f"/v3/bill/117/hr/21/{endpoint}", query_string=page_query(0, 250), headers=headers
        ).respond_with_json(local(httpserver, answer))


def test_congress_gov_older_answer_after_a_newer_one_changes_nothing(
    congress_app, httpserver, test_data
):
    app, ctx = congress_app
    with app.transaction() as s:
        bill = add_tracked_bill(s, "hr21-117", source="congress_gov")
        subscribe(s, add_advocate(s, "ana@example.org"), bill, alerts="all")
    _serve_hr21(httpserver, test_data)
    assert run_cycle(ctx, due_only=False).changed == 1  # the baseline
    before = _state(app, "hr21-117")

    _serve_hr21(httpserver, test_data, stamp="2022-03-24T01:16:59Z", actions=3)
    app.clock.advance(days=1)
    report = run_cycle(ctx, due_only=False)

    assert (report.older, report.changed, report.failed, report.events) == (1, 0, 0, 0)
    assert _state(app, "hr21-117") == before
    assert _counts(app) == (0, 0)


def _snapshot(actions: list[tuple[str, str]], *, stamp=None) -> BillSnapshot:
    return BillSnapshot(
        ref=BillRef(session="115", bill_type="hr", number=1),
        title="A bill",
        source="test",
        source_url="http://127.0.0.1/hr1-115",
        stage=StageInfo(stage=Stage.INTRODUCED, on=None),
        actions=tuple(Action(on=date.fromisoformat(d), text=t) for d, t in actions),
        updated_at=stamp,
    )


def test_the_rule_without_stamps_reads_the_action_history():
    stored = _snapshot([("2017-01-03", "Introduced"), ("2017-02-01", "Reported")])
    fewer = _snapshot([("2017-01-03", "Introduced")])
    more = _snapshot(
        [("2017-01-03", "Introduced"), ("2017-02-01", "Reported"), ("2017-03-01", "x")]
    )
    reworded = _snapshot([("2017-01-03", "Introduced"), ("2017-02-01", "Reported (amended)")])
    assert older_than_stored(fewer, stored, None) == "1 stored action(s) missing and none new"
    assert older_than_stored(more, stored, None) is None
    assert older_than_stored(reworded, stored, None) is None  # a correction is taken
    assert older_than_stored(fewer, None, None) is None  # nothing stored: a first sight
