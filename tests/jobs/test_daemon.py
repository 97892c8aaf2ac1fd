"""`tracker daemon` as a real process: it checks due bills, stops cleanly on SIGTERM,
and refuses a database that is not at the migration head."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytest_httpserver import URIPattern
from sqlalchemy import select
from werkzeug import Request, Response

from db.models import Bill, DaemonHeartbeat
from tests.conftest import REPO
from tests.db_rows import add_tracked_bill
from tracker.core.app import App
from tracker.core.clock import utc_now
from tracker.core.settings import Settings

BILLS = {
    "hr4030-115": "BILLSTATUS-115hr4030.xml",
    "hr4396-115": "BILLSTATUS-115hr4396.xml",
    "s3749-115": "BILLSTATUS-115s3749.xml",
}


class _AnyBillStatus(URIPattern):
    def match(self, uri: str) -> bool:
        return uri.startswith("/bulkdata/BILLSTATUS/")


def _daemon(env: dict[str, str]) -> subprocess.Popen[str]:
    code = "import sys; from tracker.cli import main; main(sys.argv[1:])"
    return subprocess.Popen(
        [sys.executable, "-c", code, "daemon"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _env(url: str, base_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    return env | {
        "TRACKER_DATABASE_URL": url,
        "TRACKER_GOVINFO_BASE_URL": base_url,
        # The schedule tick polls too: the local server, never the real sites.
        "TRACKER_HOUSE_DOCS_BASE_URL": base_url,
        "TRACKER_SENATE_HEARINGS_BASE_URL": base_url,
        "TRACKER_MIN_REQUEST_INTERVAL": "0",
        "TRACKER_HTTP_MAX_RETRIES": "0",
    }


def test_daemon_checks_due_bills_and_stops_cleanly_on_sigterm(
    migrated_url, httpserver, test_data, run_cli
):
    served: set[str] = set()
    all_served = threading.Event()
    folder = test_data / "billstatus" / "govinfo-115"

    def handler(request: Request) -> Response:
        name = Path(request.path).name
        served.add(name)
        if served >= set(BILLS.values()):
            all_served.set()
        return Response((folder / name).read_bytes(), content_type="application/xml")

    httpserver.expect_request(_AnyBillStatus()).respond_with_handler(handler)
    app = App.from_settings(Settings(database_url=migrated_url))
    with app.transaction() as s:
        for key in BILLS:
            add_tracked_bill(s, key, now=utc_now())

    proc = _daemon(_env(migrated_url, httpserver.url_for("/").rstrip("/")))
    try:
        assert all_served.wait(timeout=60), "the daemon never fetched every due bill"
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "daemon stopped" in err and "Traceback" not in err

    with app.sessions.begin() as s:
        bills = {b.key: b for b in s.scalars(select(Bill))}
        beat = s.scalars(select(DaemonHeartbeat)).one()
    assert all(b.last_success_at is not None for b in bills.values())
    assert bills["s3749-115"].stage == "enacted"
    assert all(b.lease_owner is None for b in bills.values())
    assert beat.stopped_at is not None and beat.last_tick_kind is not None
    app.close()
    shown = run_cli("status", env={"TRACKER_DATABASE_URL": migrated_url}).stdout
    assert f"{beat.id}: last tick" in shown and "stopped" in shown


def test_daemon_refuses_a_database_that_is_not_set_up(database_url):
    proc = _daemon(_env(database_url, "http://127.0.0.1:9"))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "tracker init" in err and "Traceback" not in err


@pytest.mark.parametrize("signum", [signal.SIGINT])
def test_ctrl_c_stops_the_daemon_too(migrated_url, signum):
    proc = _daemon(_env(migrated_url, "http://127.0.0.1:9"))
    # Wait for the daemon to say it runs (a line on stderr), then interrupt it.
    assert proc.stderr is not None
    lines = []
    while not any("running on" in line for line in lines) and len(lines) < 50:
        lines.append(proc.stderr.readline())
    assert "running on" in lines[-1], lines
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "daemon stopped" in err
