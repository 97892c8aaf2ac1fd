"""The operator's first session, through the real entry point, on both databases."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def env(database_url: str) -> dict[str, str]:
    return {"TRACKER_DATABASE_URL": database_url}


def test_round_trip_init_track_list_status_untrack(run_cli, env):
    r = run_cli("init", env=env)
    assert r.exit_code == 0, r.stderr
    assert "upgraded empty" in r.stdout
    assert "already up to date" in run_cli("init", env=env).stdout

    url = "https://www.congress.gov/bill/115th-congress/house-bill/4030/all-actions?q=%7B%7D"
    r = run_cli("track", "--no-verify", url, "S. 2952 (115th Congress)", env=env)
    assert r.exit_code == 0, r.stderr
    assert "now tracking hr4030-115" in r.stdout
    assert "now tracking s2952-115" in r.stdout
    r = run_cli("track", "--no-verify", "hr4030-115", env=env)
    assert "already tracking hr4030-115" in r.stdout

    listed = json.loads(run_cli("list", "--json", env=env).stdout)
    assert [b["id"] for b in listed] == ["hr4030-115", "s2952-115"]
    assert all(b["health"] == "pending" and b["next_check"] for b in listed)
    assert listed[0]["source"] == "govinfo"

    status = json.loads(run_cli("status", "--json", env=env).stdout)
    assert {"id", "title", "stage", "stage_date", "latest_action", "last_checked"} <= set(status[0])

    r = run_cli("untrack", "s2952-115", env=env)
    assert r.exit_code == 0 and "stopped tracking s2952-115" in r.stdout
    assert [b["id"] for b in json.loads(run_cli("list", "--json", env=env).stdout)] == [
        "hr4030-115"
    ]
    everything = json.loads(run_cli("list", "--all", "--json", env=env).stdout)
    assert {b["id"] for b in everything} == {"hr4030-115", "s2952-115"}


def test_status_table_on_a_terminal_names_each_bill(run_cli, env):
    run_cli("init", env=env)
    run_cli("track", "--no-verify", "hjres64-111", env=env)
    r = run_cli("status", env=env)
    assert r.exit_code == 0
    assert "hjres64-111" in r.stdout and "pending" in r.stdout


def test_unreadable_reference_exits_2_with_the_accepted_forms(run_cli, env):
    run_cli("init", env=env)
    r = run_cli("track", "--no-verify", "H.R. 4030", env=env)
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1, "one line, no traceback"
    assert "which Congress" in r.stderr and "hr4030-115" in r.stderr
    assert run_cli("list", "--json", env=env).stdout.strip() == "[]"


def test_a_bad_reference_among_good_ones_tracks_nothing(run_cli, env):
    run_cli("init", env=env)
    assert run_cli("track", "--no-verify", "hr1-115", "nonsense", env=env).exit_code == 2
    assert json.loads(run_cli("list", "--json", env=env).stdout) == []


def test_untracking_an_unknown_bill_is_one_clear_line(run_cli, env):
    run_cli("init", env=env)
    r = run_cli("untrack", "hr9-115", env=env)
    assert r.exit_code == 1
    assert r.stderr == "error: hr9-115 is not tracked (see `tracker list`)\n"


def test_commands_refuse_a_database_that_is_not_set_up(run_cli, env):
    r = run_cli("list", env=env)
    assert r.exit_code == 1
    assert "run `tracker init`" in r.stderr
    assert "Traceback" not in r.stderr


def test_debug_shows_the_traceback(run_cli, env):
    with pytest.raises(Exception, match="tracker init"):
        run_cli("--debug", "list", env=env)


def test_db_commands_wrap_alembic(run_cli, env):
    assert "database: empty" in run_cli("db", "current", env=env).stdout
    assert run_cli("db", "upgrade", env=env).exit_code == 0
    r = run_cli("db", "current", env=env)
    lines = r.stdout.splitlines()
    assert lines[0].split()[-1] == lines[1].split()[-1]
    assert "at revision base" in run_cli("db", "downgrade", "base", "--yes", env=env).stdout


def test_every_command_has_help(run_cli):
    for command in ("init", "track", "untrack", "list", "status", "db"):
        r = run_cli(command, "--help")
        assert r.exit_code == 0 and "Usage:" in r.stdout, command
