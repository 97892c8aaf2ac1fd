"""State legislatures through the real entry point: people import, advocates' state
districts (options and CSV), saved Open States responses, references without session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def env(migrated_url):
    return {"TRACKER_DATABASE_URL": migrated_url}


def _v3(test_data: Path, name: str) -> Path:
    path = test_data / "openstates-api" / "v3" / name
    if not path.is_file():
        pytest.skip(f"{path} not found (shared data without section 7)")
    return path


def test_people_import_and_advocate_state_districts(run_cli, env, test_data, tmp_path):
    people = test_data / "openstates-people"
    if not people.is_dir():
        pytest.skip(f"{people} not found")
    r = run_cli("officials", "import", str(people), "--json", env=env)
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout) == {
        "states": ["ca", "ny"],
        "state_legislators": 10,
        "state_committee_seats": 23,
    }
    r = run_cli(
        "advocates", "add", "ana@example.org", "--state", "CA",
        "--state-senate-district", "010", "--state-house-district", "14", env=env,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    csv = tmp_path / "a.csv"
    csv.write_text(
        "email,name,state,district,timezone,state_senate_district,state_house_district\n"
        "bo@example.org,Bo,NY,12,,35,73\n"
        "cy@example.org,Cy,NY,12,,bad/district,\n"
    )
    r = run_cli("advocates", "import", str(csv), env=env)
    assert "line 3" in r.stdout + r.stderr and "bad/district" in r.stdout + r.stderr
    r = run_cli("advocates", "list", "--json", env=env)
    listed = {a["email"]: a for a in json.loads(r.stdout)}
    assert (
        listed["ana@example.org"]["state_senate_district"],
        listed["ana@example.org"]["state_house_district"],
    ) == ("10", "14")
    assert (
        listed["bo@example.org"]["state_senate_district"],
        listed["bo@example.org"]["state_house_district"],
    ) == ("35", "73")
    assert "cy@example.org" not in listed


def test_parse_a_bills_page_prints_one_json_object_per_line(run_cli, test_data):
    r = run_cli("parse", str(_v3(test_data, "tx-bills-include-actions.json")), "--json")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 10
    first = json.loads(lines[0])
    assert (first["id"], first["jurisdiction"], first["session"]) == ("tx-89r-hb2", "tx", "89R")
    assert (first["stage"], first["stage_chamber"], first["stage_date"]) == (
        "enacted", "executive", "2025-06-20",
    )  # fmt: skip
    assert first["latest_action"]["text"] == "See remarks for effective date"
    dates = [a["date"] for a in first["actions"]]
    assert dates == sorted(dates)
    r = run_cli("parse", str(_v3(test_data, "ky-2026RS-SB197-bill.json")), "--json")
    (one,) = [json.loads(line) for line in r.stdout.splitlines()]
    assert one["sponsor"]["name"] == "Phillip Wheeler" and len(one["cosponsors"]) == 4


def test_state_bill_without_session_is_refused_with_a_hint(run_cli):
    r = run_cli("fetch", "ca AB 123")
    assert r.exit_code != 0
    assert "which session?" in r.stderr and "'ca AB 123 2023-2024'" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = run_cli("fetch", "ca AB 123 2023-2024")
    assert "TRACKER_OPENSTATES_API_KEY" in r.stderr and r.exit_code != 0
