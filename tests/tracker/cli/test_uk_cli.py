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
