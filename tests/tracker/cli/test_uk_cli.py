"""UK Parliament bills through the real entry point: parse, track by address, check, status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scrapers.sources.uk_parliament import BUNDLE_FORMAT


def _real(test_data: Path, name: str) -> Any:
    return json.loads((test_data / "uk-parliament" / name).read_text("utf-8"))


@pytest.fixture
def env(database_url: str, httpserver: Any) -> dict[str, str]:
    return {
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_UK_BILLS_BASE_URL": httpserver.url_for("/").rstrip("/"),
        "TRACKER_MIN_REQUEST_INTERVAL": "0",
        "TRACKER_HTTP_MAX_RETRIES": "0",
    }


def serve_2818(httpserver: Any, test_data: Path) -> None:
    httpserver.expect_request("/api/v1/Bills/2818").respond_with_json(
        _real(test_data, "snommoc-bill-2818.json")
    )
    httpserver.expect_request("/api/v1/Bills/2818/Stages").respond_with_json(
        _real(test_data, "snommoc-bill-2818_stages.json")
    )
    # No publications: answered 404 here, as for a bill with nothing published.
    httpserver.expect_request("/api/v1/Bills/2818/Publications").respond_with_json(
        {"status": 404}, status=404
    )


def test_parse_a_saved_bill_and_a_saved_bundle(run_cli, test_data, tmp_path):
    detail = test_data / "uk-parliament" / "snommoc-bill-2818.json"
    bundle = tmp_path / "uk-35-bill2818.json"
    bundle.write_text(
        json.dumps(
            {
                "format": BUNDLE_FORMAT,
                "bill": _real(test_data, "snommoc-bill-2818.json"),
                "stages": _real(test_data, "snommoc-bill-2818_stages.json")["items"],
            }
        )
    )

    alone = json.loads(run_cli("parse", str(detail), "--json").stdout)
    both = json.loads(run_cli("parse", str(bundle), "--json").stdout)

    for data in (alone, both):
        assert data["id"] == "uk-35-bill2818"
        assert data["title"] == "Abolition of Business Rates Bill"
        assert (data["stage"], data["stage_chamber"]) == ("introduced", "commons")
        assert data["sponsor"]["name"] == "Kevin Hollinrake"
        assert data["became_law"] is False
    assert alone["actions"] == []
    assert [(a["date"], a["text"]) for a in both["actions"]] == [("2021-01-12", "1st reading")]


def test_parse_refuses_a_uk_list_naming_the_kinds_it_reads(run_cli, test_data):
    r = run_cli("parse", str(test_data / "uk-parliament" / "snommoc-bill_types.json"))

    assert r.exit_code != 0 and r.stderr.count("\n") == 1
    assert "UK Bills API bill" in r.stderr


def test_track_by_address_check_and_status(run_cli, env, httpserver, test_data):
    serve_2818(httpserver, test_data)
    assert run_cli("init", env=env).exit_code == 0

    r = run_cli("track", "https://bills.parliament.uk/bills/2818/stages", "--json", env=env)

    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout) == [
        {"id": "uk-35-bill2818", "source": "uk_parliament", "new": True}
    ]
    r = run_cli("check", env=env)
    assert r.exit_code == 0, r.stderr
    (row,) = json.loads(run_cli("status", "--json", env=env).stdout)
    assert row["id"] == "uk-35-bill2818"
    assert (row["stage"], row["stage_chamber"]) == ("introduced", "commons")
    table = run_cli("status", env=env).stdout
    assert "uk-35-bill2818" in table or "UK Bill 2818" in table
    assert run_cli("track", "--no-verify", "uk-35-bill2818", env=env).exit_code == 0


def test_an_address_whose_bill_the_api_cannot_give_is_refused_in_one_line(run_cli, env, httpserver):
    httpserver.expect_request("/api/v1/Bills/77").respond_with_json({"status": 404}, status=404)
    run_cli("init", env=env)

    r = run_cli("track", "--no-verify", "https://bills.parliament.uk/bills/77", env=env)

    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and "UK bill 77" in r.stderr and "Traceback" not in r.stderr
    assert run_cli("list", "--json", env=env).stdout.strip() == "[]"


def serve_members(httpserver: Any) -> None:
    from tests.tracker.people import members_api_schema_written as written

    httpserver.expect_request("/api/Members/Search").respond_with_json(
        written.search_page([written.HOLLINRAKE, written.EXAMPLE_NORTH])
    )
    for member_id in (4474, 9001):
        httpserver.expect_request(f"/api/Members/{member_id}/Contact").respond_with_json(
            written.contact(f"020 7946 0{member_id % 1000:03d}")
        )


def test_mps_advocates_and_their_calls_for_a_uk_bill(run_cli, env, httpserver, test_data, tmp_path):
    """Members API answers written from its published schema (no recorded response exists)."""
    serve_2818(httpserver, test_data)
    serve_members(httpserver)
    run_cli("init", env=env)
    base = httpserver.url_for("/").rstrip("/")

    r = run_cli("officials", "import", "--uk", base, "--json", env=env)
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout) | {"unchanged": 0} == {
        "added": 2,
        "updated": 0,
        "unchanged": 0,
        "left_office": 0,
        "complete": True,
    }

    r = run_cli(
        "advocates", "add", "sam@example.org", "--uk-constituency", "Thirsk  and Malton", env=env
    )
    assert r.exit_code == 0, r.stderr
    assert "UK: Thirsk and Malton" in r.stdout and "Europe/London" in r.stdout
    r = run_cli("advocates", "add", "nobody@example.org", env=env)
    assert r.exit_code == 2 and "--uk-constituency" in r.stderr
    sheet = tmp_path / "advocates.csv"
    sheet.write_text(
        "email,name,state,district,timezone,uk_constituency\n"
        "north@example.org,Kim,,,,Example North & Westside\n"
        "bad@example.org,Lee,,,,\n"
    )
    r = run_cli("advocates", "import", str(sheet), env=env)
    assert r.exit_code == 1 and "line 3" in r.stderr and "uk_constituency" in r.stderr

    run_cli("track", "--no-verify", "uk-35-bill2818", env=env)
    assert run_cli("check", env=env).exit_code == 0
    r = run_cli("advocates", "contacts", "sam@example.org", "uk-35-bill2818", "--json", env=env)
    assert r.exit_code == 0, r.stderr
    calls = json.loads(r.stdout)["calls"]
    assert [(c["name"], c["action"], c["phone"]) for c in calls] == [
        ("Kevin Hollinrake", "thank", "020 7946 0474")
    ]
    r = run_cli("advocates", "contacts", "north@example.org", "uk-35-bill2818", env=env)
    assert r.exit_code == 0, r.stderr
    assert "ASK: Alex Example MP (Labour), 020 7946 0001" in r.stdout
    assert "THANK: Kevin Hollinrake MP (Conservative)" in r.stdout
