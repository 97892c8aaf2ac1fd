"""The bill page lists the meetings polled from the schedules, with time and status."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from werkzeug.test import Client

from tests.tracker.mail.builders import Clock, add_bill
from tests.tracker.schedule_world import SENATE_PATH, schedule_sources, serve
from tracker.checking.check import FetchRecorder
from tracker.checking.schedules import poll_schedules
from tracker.core.app import App
from tracker.core.settings import Settings
from tracker.web import make_web_app

NOW = datetime(2026, 7, 28, 16, 0, tzinfo=UTC)


def test_bill_page_and_api_show_the_markup(migrated_url, httpserver, test_data):
    feed = test_data / "schedules" / "senate-committee" / "hearings-2026-07-30.xml"
    serve(httpserver, SENATE_PATH, feed.read_bytes())
    httpserver.expect_request(re.compile(r"^/billsthisweek/.*")).respond_with_data("", status=404)
    app = App.from_settings(Settings(database_url=migrated_url), clock=Clock(NOW))
    with app.transaction() as s:
        add_bill(s, "s5038-119", title="Special Education Act <b>draft</b>")
    recorder = FetchRecorder()
    with schedule_sources(httpserver, recorder) as sources:
        poll_schedules(app.sessions, sources, now=NOW, recorder=recorder)
    client = Client(make_web_app(app))
    page = client.get("/bills/s5038-119").get_data(as_text=True)
    assert '<time datetime="2026-07-30T13:45:00+00:00">July 30, 2026, 9:45 AM EDT</time>' in page
    assert "Markup, Health, Education, Labor, and Pensions, SD-430" in page
    assert "<b>draft</b>" not in page  # scraped text stays escaped
    scheduled = client.get("/api/bills/s5038-119").get_json()["scheduled"]
    assert [(s["kind"], s["starts_at"], s["status"]) for s in scheduled] == [
        ("markup", "2026-07-30T13:45:00+00:00", "scheduled")
    ]
    app.close()
