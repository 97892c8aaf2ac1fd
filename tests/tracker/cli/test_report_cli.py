"""``tracker status`` filters and formats, ``tracker show`` and ``tracker serve``.

Against one database per backend filled by real check cycles over real
BILLSTATUS documents (``tests/report_data.py``), built once for this module.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
import requests

from tests.conftest import BACKENDS, REPO, _scratch_database
from tests.report_data import MISSING, REAL_BILLS, fill
from tracker.cli._tables import CSV_COLUMNS
from tracker.core.clock import utc_now

#: The keys ``tracker status --json`` has always had: the contract.
CONTRACT = {
    "id",
    "title",
    "stage",
    "stage_chamber",
    "stage_date",
    "latest_action",
    "days_since_moved",
    "tracked",
    "source",
    "source_url",
    "last_checked",
    "last_changed",
    "next_check",
    "health",
    "error",
}


@pytest.fixture(scope="module", params=BACKENDS)
def filled(request, test_data, tmp_path_factory):
    with _scratch_database(request.param, tmp_path_factory.mktemp("cli")) as url:
        yield fill(url, test_data)


@pytest.fixture
def env(filled):
    return {"TRACKER_DATABASE_URL": filled.url}


def _json(run_cli, env, *args):
    r = run_cli(*args, env=env)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _ids(run_cli, env, *args):
    return {b["id"] for b in _json(run_cli, env, "status", "--json", *args)}


def test_status_json_keeps_its_contract_and_adds_fields(run_cli, env):
    rows = {b["id"]: b for b in _json(run_cli, env, "status", "--json")}
    assert set(rows) == {*REAL_BILLS, MISSING}
    for row in rows.values():
        assert set(row) >= CONTRACT
        assert {"short_title", "policy_area", "last_success"} <= set(row)
    hr4924 = rows["hr4924-115"]
    assert (hr4924["stage"], hr4924["stage_date"]) == ("passed_one_chamber", "2018-02-06")
    assert hr4924["latest_action"]["date"] == "2018-02-07"
    assert hr4924["health"] == "ok" and hr4924["days_since_moved"] > 3000
    assert rows[MISSING]["health"] == "failing" and "404" in rows[MISSING]["error"]


def test_status_filters_combine(run_cli, env):
    assert _ids(run_cli, env, "--stage", "enacted") == {"hr1865-115", "s3749-115"}
    assert _ids(run_cli, env, "--stage", "enacted", "--stage", "adopted") == {
        "hr1865-115",
        "s3749-115",
        "sres44-115",
    }
    assert _ids(run_cli, env, "--subject", "human trafficking") == {"hr1865-115"}  # a subject
    assert _ids(run_cli, env, "--subject", "EDUCATION", "--stage", "adopted") == {"sres44-115"}
    tomorrow = (utc_now() + timedelta(days=1)).date().isoformat()
    assert _ids(run_cli, env, "--changed-since", tomorrow) == set()
    assert _ids(run_cli, env, "--changed-since", "2001-01-01") == set(REAL_BILLS)


def test_status_csv_has_a_header_and_one_line_per_bill(run_cli, env):
    r = run_cli("status", "--csv", "--stage", "in_committee", env=env)
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert {b["id"] for b in body} == {"hr4030-115", "hr4396-115"}
    hr4030 = next(b for b in body if b["id"] == "hr4030-115")
    assert hr4030["short_title"] == "Title IX Protection Act"
    assert hr4030["latest_action_date"] == "2017-10-12" and hr4030["health"] == "ok"


def test_status_json_and_csv_exclude_each_other(run_cli, env):
    r = run_cli("status", "--json", "--csv", env=env)
    assert r.exit_code == 2 and "--json" in r.stderr


def test_status_table_shows_freshness_and_warns_of_a_silent_source(run_cli, env):
    r = run_cli("status", env=env)
    assert r.exit_code == 0, r.stderr
    assert "hr4924-115" in r.stdout and "source govinfo: 8 tracked bills, answered" in r.stdout
    assert "warning" not in r.stdout
    # Nothing answered within 0 hours: govinfo has been silent "for a day".
    silent = env | {"TRACKER_STALE_AFTER_HOURS": "0"}
    r = run_cli("status", env=silent)
    assert "warning: source govinfo has not answered for" in r.stdout
    r = run_cli("status", "--json", env=silent)
    assert json.loads(r.stdout) and "warning: source govinfo" in r.stderr  # JSON stays clean


def test_show_gives_the_timeline(run_cli, env):
    body = _json(run_cli, env, "show", "H.R. 4924 (115th Congress)", "--json")
    assert set(body) >= CONTRACT
    assert [s["stage"] for s in body["stages"]] == [
        "introduced",
        "in_committee",
        "passed_one_chamber",
    ]
    # 12 stored actions, 8 facts: copies from a second source system are shown once.
    assert len(body["actions"]) == 8 and body["subscribers"] == 1
    assert body["cosponsors_over_time"][-1]["count"] == body["cosponsor_count"] > 0
    assert body["committees"]
    r = run_cli("show", "sres44-115", env=env)
    assert r.exit_code == 0, r.stderr
    assert "stages reached" in r.stdout and "Adopted" in r.stdout
    assert "S.Res. 44" in r.stdout


def test_show_refuses_unknown_bills_in_one_line(run_cli, env):
    r = run_cli("show", "hr1-110", env=env)
    assert r.exit_code == 1 and r.stderr == "error: hr1-110 is not known (see `tracker track`)\n"
    assert run_cli("show", "H.R. 1", env=env).exit_code == 2


def test_the_new_commands_have_help(run_cli):
    for command in ("status", "show", "serve"):
        r = run_cli(command, "--help")
        assert r.exit_code == 0 and "Usage:" in r.stdout, command
    assert "--changed-since" in run_cli("status", "--help").stdout


def test_serve_answers_on_the_given_port(filled):
    if not filled.url.startswith("sqlite"):
        pytest.skip("one server start (on SQLite) is enough")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env = {
        **inherited,
        "TRACKER_DATABASE_URL": filled.url,
        "TRACKER_WEB_THREADS": "2",
        "TRACKER_WEB_CHANNEL_TIMEOUT": "2",
    }
    command = [sys.executable, "-c", "from tracker.cli import main; main()"]
    server = subprocess.Popen(
        [*command, "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    idle: list[socket.socket] = []
    try:
        # waitress logs "Serving on ..." once it listens: no polling, no sleep.
        for line in server.stderr:
            if "Serving on" in line:
                break
        else:
            pytest.fail(f"tracker serve exited with {server.wait()}")
        assert f"http://127.0.0.1:{port}" in line  # binds to loopback by default
        # Forty idle clients with two threads: each holds a socket, none holds a thread.
        idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(40)]
        response = requests.get(f"http://127.0.0.1:{port}/api/bills?limit=1", timeout=30)
        assert response.status_code == 200 and response.json()["bills"]
        assert response.headers["Server"] == "bill-tracker"  # waitress, not werkzeug's dev server
        # ... and an idle client is let go after web_channel_timeout.
        assert idle[0].recv(1) == b""
    finally:
        for s in idle:
            s.close()
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()


def test_show_names_the_sponsor_and_says_when_the_bill_ended(run_cli, env):
    out = run_cli("show", "hr1865-115", env=env).stdout
    head = "\n".join(out.splitlines()[:4])
    assert "sponsor: Rep. Wagner, Ann [R-MO-2]" in head
    assert "now: Became law on April 11, 2018; no advocate follows it" in head  # not "since"
