"""`tracker parse`, `tracker fetch` and `tracker check` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CONTRACT = {
    "id",
    "title",
    "stage",
    "stage_chamber",
    "stage_date",
    "latest_action",
    "actions",
    "sponsor",
    "cosponsors",
    "became_law",
}


def _billstatus_files(root: Path) -> list[Path]:
    return sorted((root / "billstatus").rglob("*.xml"))


def test_parse_prints_the_contract_fields_for_every_real_document(run_cli, test_data):
    for path in _billstatus_files(test_data):
        r = run_cli("parse", str(path), "--json")
        assert r.exit_code == 0, (path.name, r.stderr)
        data = json.loads(r.stdout)
        assert set(data) >= CONTRACT, path.name
        assert isinstance(data["actions"], list) and data["actions"], path.name
        assert {"date", "text"} <= set(data["actions"][0])
        assert isinstance(data["became_law"], bool)


def test_parse_title_ix_protection_act(run_cli, test_data):
    path = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4030.xml"
    data = json.loads(run_cli("parse", str(path), "--json").stdout)
    assert data["id"] == "hr4030-115"
    assert data["title"] == "Title IX Protection Act"
    assert (data["stage"], data["stage_chamber"]) == ("in_committee", "house")
    assert data["stage_date"] == "2017-10-12"
    latest = data["latest_action"]
    assert latest["date"] == "2017-10-12"
    assert latest["text"] == "Referred to the House Committee on Education and the Workforce."
    assert data["sponsor"]["bioguide_id"] == "S001175"
    assert len(data["cosponsors"]) == 41
    assert data["became_law"] is False
    human = run_cli("parse", str(path))
    assert "Title IX Protection Act" in human.stdout and "in_committee" in human.stdout


def test_parse_an_enacted_bill(run_cli, test_data):
    path = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115s3749.xml"
    data = json.loads(run_cli("parse", str(path), "--json").stdout)
    assert (data["stage"], data["became_law"]) == ("enacted", True)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "not a document"),
        (b"", "not a document"),
        (b"\x00\x01\x02garbage", "not a document"),
    ],
)
def test_parse_refuses_what_no_source_recognises(run_cli, tmp_path, content, fragment):
    path = tmp_path / "page.xml"
    path.write_bytes(content)
    r = run_cli("parse", str(path), "--json")
    assert r.exit_code != 0
    assert r.stderr.count("\n") == 1 and str(path) in r.stderr and fragment in r.stderr
    assert r.stdout == ""


def test_parse_a_truncated_billstatus_names_the_file_and_why(run_cli, tmp_path, test_data):
    real = (test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4924.xml").read_bytes()
    path = tmp_path / "BILLSTATUS-115hr4924.xml"
    path.write_bytes(real[: len(real) // 2])
    r = run_cli("parse", str(path), "--json")
    assert r.exit_code != 0
    assert r.stderr.count("\n") == 1 and str(path) in r.stderr
    assert "Traceback" not in r.stderr


def test_parse_a_missing_file(run_cli, tmp_path):
    r = run_cli("parse", str(tmp_path / "nope.xml"))
    assert r.exit_code != 0 and "nope.xml" in r.stderr and r.stderr.count("\n") == 1


def test_fetch_reads_from_the_configured_base_url(run_cli, httpserver, test_data):
    doc = (test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4396.xml").read_bytes()
    httpserver.expect_request(
        "/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr4396.xml"
    ).respond_with_data(doc, content_type="application/xml")
    env = {"TRACKER_GOVINFO_BASE_URL": httpserver.url_for("/").rstrip("/")}
    r = run_cli(
        "fetch", "https://www.congress.gov/bill/115th-congress/house-bill/4396", "--json", env=env
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["id"] == "hr4396-115" and data["title"] == "ME TOO Congress Act"
    assert len(data["cosponsors"]) == 151


def test_fetch_an_unknown_bill_is_one_line(run_cli, httpserver):
    httpserver.expect_request(
        "/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr99999.xml"
    ).respond_with_data("no such file", status=404)
    env = {
        "TRACKER_GOVINFO_BASE_URL": httpserver.url_for("/").rstrip("/"),
        "TRACKER_HTTP_MAX_RETRIES": "0",
    }
    r = run_cli("fetch", "hr99999-115", env=env)
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and "404" in r.stderr


def test_check_json_reports_the_contract_counts(run_cli, migrated_url, httpserver, test_data):
    doc = (test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4030.xml").read_bytes()
    httpserver.expect_request(
        "/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr4030.xml"
    ).respond_with_data(doc, content_type="application/xml", headers={"ETag": '"t9"'})
    env = {
        "TRACKER_DATABASE_URL": migrated_url,
        "TRACKER_GOVINFO_BASE_URL": httpserver.url_for("/").rstrip("/"),
        "TRACKER_MIN_REQUEST_INTERVAL": "0",
    }
    run_cli("track", "hr4030-115", env=env)
    r = run_cli("check", "--json", env=env)
    assert r.exit_code == 0, r.stderr
    report = json.loads(r.stdout)
    assert {"checked", "unchanged", "changed", "failed", "events"} <= set(report)
    assert (report["checked"], report["changed"], report["failed"]) == (1, 1, 0)
    assert json.loads(run_cli("check", "--due", "--json", env=env).stdout)["checked"] == 0

    r = run_cli("check", "hr4030-115", env=env)
    assert r.exit_code == 0 and "checked 1" in r.stdout
    status = json.loads(run_cli("status", "--json", env=env).stdout)
    assert status[0]["title"] == "Title IX Protection Act" and status[0]["last_checked"]

    r = run_cli("check", "hr1-115", env=env)
    assert r.exit_code == 1 and "not tracked: hr1-115" in r.stderr
