"""The operator's first hour: typos caught when typed, a dead source that fails fast.

Real parts: a local GovInfo (pytest-httpserver) that knows one bill, a port that
refuses connections, and the real ``tracker`` entry point on both databases.
"""

from __future__ import annotations

import json
import logging
import socket
import time

import pytest
from sqlalchemy import func, select

from db.engine import make_engine
from db.models import Bill, FetchLog

BILL_PATH = "/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr4030.xml"


@pytest.fixture
def govinfo(httpserver, test_data):
    doc = (test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4030.xml").read_bytes()
    httpserver.expect_request(BILL_PATH).respond_with_data(doc, content_type="application/xml")
    return httpserver  # every other path answers 500 in pytest-httpserver: make 404 explicit


@pytest.fixture
def env(migrated_url, govinfo):
    govinfo.expect_request(
        "/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr99999.xml"
    ).respond_with_data("not found", status=404)
    return {
        "TRACKER_DATABASE_URL": migrated_url,
        "TRACKER_GOVINFO_BASE_URL": govinfo.url_for("/").rstrip("/"),
        "TRACKER_MIN_REQUEST_INTERVAL": "0",
    }


def _bill_keys(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.scalars(select(Bill.key).order_by(Bill.key)))
    finally:
        engine.dispose()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_typo_is_refused_when_typed_and_nothing_is_stored(run_cli, env, migrated_url):
    r = run_cli("track", "hr4030-115", "hr99999-115", env=env)
    assert r.exit_code == 2
    assert r.stderr.strip() == ("error: no such bill at govinfo: hr99999-115 (nothing stored)")
    assert (
        _bill_keys(migrated_url) == []
    )  # the good one is not stored either: one command, one answer

    r = run_cli("track", "hr4030-115", env=env)
    assert r.exit_code == 0, r.stderr
    assert "now tracking hr4030-115" in r.stdout
    assert _bill_keys(migrated_url) == ["hr4030-115"]


def test_subscribe_refuses_a_typo_too(run_cli, env, migrated_url):
    assert run_cli("advocates", "add", "ana@example.org", "--state", "CA", env=env).exit_code == 0
    r = run_cli("subscribe", "ana@example.org", "hr99999-115", env=env)
    assert r.exit_code == 2
    assert "no such bill at govinfo: hr99999-115" in r.stderr
    assert _bill_keys(migrated_url) == []
    r = run_cli("subscribe", "ana@example.org", "hr4030-115", env=env)
    assert r.exit_code == 0, r.stderr
    assert _bill_keys(migrated_url) == ["hr4030-115"]


def test_a_known_bill_is_not_looked_up_again(run_cli, env, govinfo):
    assert run_cli("track", "hr4030-115", env=env).exit_code == 0
    asked = len(govinfo.log)
    assert run_cli("untrack", "hr4030-115", env=env).exit_code == 0
    assert run_cli("track", "hr4030-115", env=env).exit_code == 0
    assert len(govinfo.log) == asked


def test_an_unreachable_source_stores_the_bill_with_a_warning(run_cli, migrated_url):
    env = {
        "TRACKER_DATABASE_URL": migrated_url,
        "TRACKER_GOVINFO_BASE_URL": f"http://127.0.0.1:{_closed_port()}",
    }
    r = run_cli("track", "hr4030-115", env=env)
    assert r.exit_code == 0, r.stderr
    assert r.stderr.strip().startswith("warning: could not verify hr4030-115 at govinfo (")
    assert "unreachable: connection refused" in r.stderr
    assert "now tracking hr4030-115" in r.stdout
    assert _bill_keys(migrated_url) == ["hr4030-115"]


def test_subscribe_without_a_bill_or_topic_says_what_is_missing(run_cli, env):
    run_cli("advocates", "add", "ana@example.org", "--state", "CA", env=env)
    r = run_cli("subscribe", "ana@example.org", env=env)
    assert r.exit_code == 2
    assert "name what to follow: a bill REF (e.g. hr4030-115) or --topic TEXT" in r.stderr


def test_a_dead_host_fails_fifty_bills_in_one_attempt(run_cli, migrated_url, caplog):
    env = {
        "TRACKER_DATABASE_URL": migrated_url,
        "TRACKER_GOVINFO_BASE_URL": f"http://127.0.0.1:{_closed_port()}",
        "TRACKER_MIN_REQUEST_INTERVAL": "0",
    }
    refs = [f"hr{n}-115" for n in range(1, 51)]
    assert run_cli("track", "--no-verify", *refs, env=env).exit_code == 0
    caplog.set_level(logging.WARNING)
    started = time.monotonic()
    r = run_cli("check", "--json", env=env)
    elapsed = time.monotonic() - started
    report = json.loads(r.stdout)
    assert (report["checked"], report["failed"]) == (50, 50)

    engine = make_engine(migrated_url)
    with engine.connect() as conn:
        attempts = conn.scalar(select(func.count()).select_from(FetchLog))
        errors = list(conn.scalars(select(Bill.last_error)))
    engine.dispose()
    assert attempts == 1  # one connection attempt for the whole cycle, not five per bill
    assert len(errors) == 50
    assert all(e is not None and "unreachable: connection refused" in e for e in errors)
    assert all("\n" not in e and len(e) < 120 for e in errors)
    failures = [rec for rec in caplog.records if "failed" in rec.getMessage()]
    assert len(failures) == 50  # one line per bill, no retry chatter
    assert all(rec.exc_info is None for rec in failures)
    print(f"check of 50 bills against a refusing host: {elapsed:.2f} s wall")


@pytest.mark.parametrize(
    ("variable", "value", "allowed"),
    [
        ("TRACKER_FEDERAL_SOURCE", "bogus", "use congress_gov or govinfo"),
        ("TRACKER_LOG_LEVEL", "LOUD", "use DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("TRACKER_DATABASE_URL", "garbage", "use a database URL such as sqlite:///"),
        ("TRACKER_DATABASE_URL", "mysql://db/x", "postgresql://user@host/db"),
        ("TRACKER_GOVINFO_BASE_URL", "www.govinfo.gov", "use an http:// or https:// URL"),
        ("TRACKER_CHECK_JITTER", "3", "use a fraction from 0 to 1"),
        ("TRACKER_WEB_PORT", "0", "use a port from 1 to 65535"),
        ("TRACKER_HTTP_TIMEOUT", "soon", "must be a number"),
    ],
)
@pytest.mark.parametrize("command", [("status",), ("fetch", "hr4030-115"), ("track", "hr1-115")])
def test_a_bad_setting_is_one_line_naming_it_for_every_command(
    run_cli, tmp_path, command, variable, value, allowed
):
    env = {"TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}", variable: value}
    r = run_cli(*command, env=env)
    assert r.exit_code == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr
    assert variable.split("TRACKER_")[1].lower() in lines[0].lower()
    assert allowed in lines[0]


def test_a_bad_smtp_url_is_refused_without_echoing_it(run_cli, tmp_path):
    env = {
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}",
        "TRACKER_SMTP_URL": "mailto://user:hunter2@mail.example.org",
    }
    r = run_cli("status", env=env)
    assert r.exit_code == 2
    assert "TRACKER_SMTP_URL" in r.stderr and "hunter2" not in r.stderr


def test_untrack_names_the_followers_and_asks_for_yes(run_cli, env, migrated_url):
    for n in range(6):
        run_cli("advocates", "add", f"a{n}@example.org", "--state", "CA", env=env)
        assert run_cli("subscribe", f"a{n}@example.org", "hr4030-115", env=env).exit_code == 0
    r = run_cli("untrack", "hr4030-115", env=env)
    assert r.exit_code == 2
    assert "hr4030-115 is followed by 6 advocates" in r.stderr and "--yes" in r.stderr
    assert json.loads(run_cli("list", "--json", env=env).stdout)[0]["id"] == "hr4030-115"
    r = run_cli("untrack", "hr4030-115", "--yes", env=env)
    assert r.exit_code == 0, r.stderr
    assert "stopped tracking hr4030-115" in r.stdout
    assert "6 advocates still subscribed" in r.stdout
    assert json.loads(run_cli("list", "--json", env=env).stdout) == []


def test_a_first_check_reads_as_a_baseline_not_a_change(run_cli, env):
    run_cli("track", "hr4030-115", env=env)
    r = run_cli("check", env=env)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("checked 1: 1 first checked (baseline, nothing sent), 0 unchanged")
    assert "0 changed" in r.stdout and "1 tracked bills" not in r.stdout
    assert json.loads(run_cli("check", "--json", env=env).stdout)["baseline"] == 0


def test_officials_list_refuses_a_district_out_of_range(run_cli, env, test_data):
    folder = test_data / "legislators" / "current"
    assert run_cli("officials", "import", str(folder), env=env).exit_code == 0
    r = run_cli("officials", "list", "--state", "CA", "--district", "53", env=env)
    assert r.exit_code == 2
    assert "CA has no district 53 (it has districts 1-52)" in r.stderr
    r = run_cli("officials", "list", "--district", "3", env=env)
    assert r.exit_code == 2 and "--district needs --state" in r.stderr
    assert run_cli("officials", "list", "--state", "CA", "--district", "12", env=env).exit_code == 0
