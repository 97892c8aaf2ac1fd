"""`tracker parse` on schedule documents and the `tracker schedules` commands."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from db.engine import make_engine
from db.models import Advocate
from tests.tracker.schedule_world import SENATE_PATH, serve

FIELDS = {"chamber", "committee", "kind", "starts_at", "location", "title", "bills", "status"}
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("house-committee/HHRG115955-II10-20230523.xml", 1),
        ("house-committee/HMTG102252-rules-20140519.xml", 1),
        ("house-committee/witnesses-102266-GO25-20140522.xml", 0),
        ("house-floor/billsthisweek-20260914.xml", 78),
        ("senate-committee/hearings-2026-07-30.xml", 17),
        ("senate-committee/hearings-2026-10-02-empty.xml", 0),
    ],
)
def test_parse_prints_the_meetings_of_every_schedule_sample(run_cli, test_data, name, count):
    r = run_cli("parse", str(test_data / "schedules" / name), "--json")
    assert r.exit_code == 0, r.stderr
    meetings = json.loads(r.stdout)["meetings"]
    assert len(meetings) == count
    for m in meetings:
        assert set(m) >= FIELDS
        assert ISO_WITH_OFFSET.match(m["starts_at"]), m["starts_at"]
        assert m["kind"] in ("hearing", "markup", "floor")
        assert m["status"] in ("scheduled", "postponed", "cancelled")


def test_parse_the_rules_committee_meeting(run_cli, test_data):
    path = test_data / "schedules" / "house-committee" / "HMTG102252-rules-20140519.xml"
    (m,) = json.loads(run_cli("parse", str(path), "--json").stdout)["meetings"]
    assert (m["chamber"], m["committee"], m["kind"]) == ("house", "Committee on Rules", "markup")
    assert (m["starts_at"], m["location"]) == ("2014-05-19T17:00:00-04:00", "H-313 CAPITOL")
    assert m["bills"] == [
        {"citation": "H.R. 4435", "congress": 113, "id": "hr4435-113"},
        {"citation": "H.R. 4660", "congress": 113, "id": "hr4660-113"},
    ]
    human = run_cli("parse", str(path)).stdout
    assert "1 meetings" in human and "H.R. 4435, H.R. 4660" in human


def test_reminders_can_be_turned_off_and_on(run_cli, migrated_url):
    env = {"TRACKER_DATABASE_URL": migrated_url}
    assert run_cli("advocates", "add", "ana@example.org", "--state", "CA", env=env).exit_code == 0
    r = run_cli("schedules", "reminders", "ana@example.org", "--off", env=env)
    assert r.exit_code == 0 and "reminders off" in r.stdout
    engine = make_engine(migrated_url)
    with engine.connect() as conn:
        assert conn.scalar(select(Advocate.reminders)) is False
    run_cli("schedules", "reminders", "ana@example.org", "--on", env=env)
    with engine.connect() as conn:
        assert conn.scalar(select(Advocate.reminders)) is True
    engine.dispose()
    missing = run_cli("schedules", "reminders", "bob@example.org", "--off", env=env)
    assert missing.exit_code != 0 and "bob@example.org" in missing.stderr


def test_schedules_poll_reads_the_local_mirror(run_cli, migrated_url, httpserver, test_data):
    base = httpserver.url_for("/").rstrip("/")
    env = {
        "TRACKER_DATABASE_URL": migrated_url,
        "TRACKER_SENATE_HEARINGS_BASE_URL": base,
        "TRACKER_HOUSE_DOCS_BASE_URL": base,
        "TRACKER_MIN_REQUEST_INTERVAL": "0",
    }
    serve(
        httpserver,
        SENATE_PATH,
        (
            test_data / "schedules" / "senate-committee" / "hearings-2026-10-02-empty.xml"
        ).read_bytes(),
    )
    httpserver.expect_request(re.compile(r"^/billsthisweek/.*")).respond_with_data("", status=404)
    # Nothing tracked: nothing is worth a request.
    r = run_cli("schedules", "poll", "--json", env=env)
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["requests"] == 0
    assert run_cli("track", "--no-verify", "s5038-119", env=env).exit_code == 0
    r = run_cli("schedules", "poll", "--json", env=env)
    assert r.exit_code == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["requests"] == 3 and report["failures"] == []  # Senate feed, two floor weeks
    listed = run_cli("schedules", "list", "--json", env=env)
    assert json.loads(listed.stdout) == {"meetings": []}  # the real empty feed


def test_schedules_list_shows_what_is_coming(run_cli, migrated_url, httpserver, test_data):
    base = httpserver.url_for("/").rstrip("/")
    env = {
        "TRACKER_DATABASE_URL": migrated_url,
        "TRACKER_SENATE_HEARINGS_BASE_URL": base,
        "TRACKER_HOUSE_DOCS_BASE_URL": base,
        "TRACKER_MIN_REQUEST_INTERVAL": "0",
    }
    # The real feed, moved into the future (the command runs on the real clock).
    feed = test_data / "schedules" / "senate-committee" / "hearings-2026-07-30.xml"
    serve(httpserver, SENATE_PATH, feed.read_bytes().replace(b"2026-08-05", b"2099-08-05"))
    httpserver.expect_request(re.compile(r"^/billsthisweek/.*")).respond_with_data("", status=404)
    assert run_cli("track", "--no-verify", "s737-119", env=env).exit_code == 0
    assert run_cli("schedules", "poll", env=env).exit_code == 0
    listed = run_cli("schedules", "list", env=env).stdout
    assert "2099-08-05 10:00 AM EDT markup: S. 737 Commerce, Science, and Transportation" in listed
    assert "SR-253" in listed
    (m,) = json.loads(run_cli("schedules", "list", "--json", env=env).stdout)["meetings"]
    assert (m["kind"], m["starts_at"], m["status"]) == (
        "markup",
        "2099-08-05T14:00:00+00:00",
        "scheduled",
    )
