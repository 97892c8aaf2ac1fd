"""The web face under hostile or careless clients: a forged Host header, stale caches.

Against the shared filled database (``conftest.served``), over real HTTP.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import delete, select
from werkzeug.test import Client

from db.models import Advocate, Bill
from tests.db_rows import add_advocate, subscribe
from tracker.core.app import App
from tracker.web.app import make_web_app
from tracker.web.page_cache import PageCache

PAGES = (
    "/",
    "/bills/hr4030-115",
    "/api/bills?limit=2",
    "/api/bills/hr4030-115",
    "/api/bills/hr4030-115/events",
    "/api/openapi.json",
    "/feeds/changes.atom",
    "/feeds/bills/hr4924-115.atom",
    "/feeds/schedule.ics",
    "/bills/hr1-999",  # an error page too
)


@pytest.mark.parametrize("path", PAGES)
def test_a_forged_host_header_never_reaches_a_response(served, path):
    for attempt in range(2):  # the second answer may come from the page cache
        response = served.get(path, headers={"Host": "evil.example"})
        text = response.text + "".join(f"{k}: {v}\n" for k, v in response.headers.items())
        assert "evil.example" not in text, (path, attempt)


def test_links_come_from_the_public_url(served):
    body = served.get("/api/bills?limit=2").json()
    assert body["next"].startswith(served.base + "/api/bills?")


def test_a_cached_page_follows_the_data(served):
    web = replace(served.web, page_cache=PageCache())
    client = Client(web)
    before = client.get("/api/bills/hr4396-115").get_json()
    with web.app.sessions.begin() as session:  # the database is shared: undone below
        bill = session.scalars(select(Bill).where(Bill.key == "hr4396-115")).one()
        advocate = add_advocate(session, email="late-follower@example.org")
        subscribe(session, advocate, bill)
    try:
        after = client.get("/api/bills/hr4396-115").get_json()
        assert after["subscribers"] == before["subscribers"] + 1
    finally:
        with web.app.sessions.begin() as session:
            session.execute(delete(Advocate).where(Advocate.email == "late-follower@example.org"))


def test_a_cached_page_expires_with_time(served):
    cache = PageCache(max_age=timedelta(seconds=60))
    web = replace(served.web, page_cache=cache)
    client = Client(web)
    client.get("/")
    assert len(cache._entries) == 1
    clock = served.filled.clock
    clock.now += timedelta(seconds=61)
    try:
        client.get("/")
        (entry,) = cache._entries.values()
        assert entry.stored_at == clock.now
    finally:
        clock.now -= timedelta(seconds=61)


@pytest.mark.parametrize(
    "token",
    [
        "\u00b2.all.x",
        "\u0661.all.x",
        "1.\u00b2.x",
        "1.all.\u00e9",
        "%00",
        "1.all." + "A" * 5000,
        "....",
        "",
    ],
)
def test_a_malformed_unsubscribe_token_is_a_400_page(served, token):
    settings = replace(served.web.app.settings, secret_key="test-signing-key-0123456789")
    app = App.from_settings(settings, clock=served.filled.clock)
    try:
        client = Client(make_web_app(app))
        for response in (
            client.get("/unsubscribe", query_string={"token": token}),
            client.post("/unsubscribe", data={"token": token}),
        ):
            assert response.status_code == 400, (token, response.status_code)
            assert b"Traceback" not in response.data
    finally:
        app.close()


def test_the_whom_to_call_form_refuses_a_district_out_of_range(served):
    page = served.get("/bills/hr4030-115?state=AK&district=3").text
    assert "AK has one at-large seat: use district 0, not 3." in page
    page = served.get("/bills/hr4030-115?state=OR&district=9").text
    assert "OR has no district 9 (it has districts 1-5)." in page
    assert "Rep." not in page.split("Whom to call", 1)[-1].split("Latest actions", 1)[0]
