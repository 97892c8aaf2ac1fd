"""``tracker import``, ``tracker search`` and ``tracker topics`` through the real entry point."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from werkzeug import Response

from tests.bulk_import import copy_real_files

GOVINFO_115 = ("billstatus", "govinfo-115")


@pytest.fixture
def env(migrated_url):
    return {"TRACKER_DATABASE_URL": migrated_url}


def test_import_a_folder_then_search_it(run_cli, env, test_data):
    r = run_cli("import", str(test_data / "billstatus"), "--jobs", "1", env=env)
    assert r.exit_code == 0, r.stderr
    assert "read 42 documents: 37 new bills, 4 updated, 1 unchanged" in r.stdout

    again = run_cli("import", str(test_data / "billstatus"), "--json", env=env)
    assert again.exit_code == 0, again.stderr
    report = json.loads(again.stdout)
    assert (report["new"], report["updated"], report["unchanged"]) == (0, 0, 38)

    r = run_cli("search", "title ix", env=env)
    assert r.exit_code == 0, r.stderr
    first, snippet = r.stdout.splitlines()[:2]
    assert first.startswith("hr4030-115") and "Title IX Protection Act" in first
    assert "[Title IX]" in snippet
    # The Bipartisan Budget Act's "TITLE I--BUDGET ENFORCEMENT" is a label, not a match.
    assert "[TITLE]" not in r.stdout and "hr1314-114" not in r.stdout

    r = run_cli("search", "budget", "--congress", "114", "--limit", "2", "--json", env=env)
    hits = json.loads(r.stdout)
    assert len(hits) == 2 and {h["congress"] for h in hits} == {"114"}
    assert run_cli("search", "zzzyzx", env=env).stdout.strip() == "no bill matches"


def test_a_document_that_does_not_parse_is_named_and_the_exit_code_is_1(
    run_cli, env, test_data, tmp_path
):
    folder = copy_real_files(test_data, tmp_path / "bills")
    broken = folder / "govinfo-115" / "BILLSTATUS-115hr2000.xml"
    broken.write_bytes(b"<billStatus><bill>")
    r = run_cli("import", str(folder), env=env)
    assert r.exit_code == 1
    assert "37 new bills" in r.stdout and "1 failed" in r.stdout
    assert f"failed {broken}: govinfo: " in r.stderr


def test_topics_list_what_matches_now(run_cli, env, test_data):
    run_cli("import", str(test_data.joinpath(*GOVINFO_115)), env=env)
    assert run_cli("topics", env=env).stdout.strip() == "no topic subscriptions"
    run_cli("advocates", "add", "ana@example.org", "--state", "CA", env=env)
    r = run_cli("subscribe", "ana@example.org", "--topic", "Title IX", env=env)
    assert r.exit_code == 0, r.stderr

    r = run_cli("topics", "ana@example.org", env=env)
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == (
        "ana@example.org follows \u201cTitle IX\u201d (alerts major, digest weekly): 1 bills match"
    )
    assert lines[1].strip().startswith("hr4030-115")
    data = json.loads(run_cli("topics", "--json", env=env).stdout)
    assert [b["id"] for b in data[0]["bills"]] == ["hr4030-115"]
    assert run_cli("topics", "nobody@example.org", env=env).exit_code == 2


def test_import_govinfo_downloads_the_bulk_zips(run_cli, httpserver, test_data, tmp_path):
    """The real HTTP path: one ZIP per bill type, a type GovInfo lacks is named, the rest import."""
    files = sorted(test_data.joinpath(*GOVINFO_115).glob("*.xml"))
    for bill_type in ("hr", "s"):
        archive = tmp_path / f"BILLSTATUS-115-{bill_type}.zip"
        with zipfile.ZipFile(archive, "w") as z:
            for f in files:
                if re.fullmatch(rf"BILLSTATUS-115{bill_type}\d+\.xml", f.name):
                    z.write(f, f.name)
        httpserver.expect_request(
            f"/bulkdata/BILLSTATUS/115/{bill_type}/BILLSTATUS-115-{bill_type}.zip"
        ).respond_with_response(Response(archive.read_bytes(), content_type="application/zip"))
    httpserver.expect_request(
        "/bulkdata/BILLSTATUS/115/sres/BILLSTATUS-115-sres.zip"
    ).respond_with_data("not here", status=404)
    env = {
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        "TRACKER_GOVINFO_BASE_URL": httpserver.url_for("/"),
        "TRACKER_MIN_REQUEST_INTERVAL": "0",
        "TRACKER_HTTP_MAX_RETRIES": "0",
    }
    assert run_cli("init", env=env).exit_code == 0

    r = run_cli("import", "govinfo", "--congress", "115", "--type", "hr,s,sres", "--json", env=env)

    assert r.exit_code == 1, r.stderr
    report = json.loads(r.stdout)
    assert (report["new"], report["failed"]) == (8, 1)  # 6 House bills, 2 Senate bills
    assert "BILLSTATUS-115-sres.zip" in report["failures"][0]["name"]
    assert "404" in report["failures"][0]["reason"]
    agents = {request.headers.get("User-Agent", "") for request, _ in httpserver.log}
    assert all(agent.startswith("bill-tracker/") for agent in agents)
    hits = json.loads(run_cli("search", "Title IX", "--json", env=env).stdout)
    assert hits[0]["id"] == "hr4030-115" and hits[0]["tracked"] is False


def test_usage_errors(run_cli, env, tmp_path):
    r = run_cli("import", "govinfo", env=env)
    assert r.exit_code == 2 and "--congress" in r.stderr
    r = run_cli("import", "govinfo", "--congress", "115", "--type", "hr,xx", env=env)
    assert r.exit_code == 2 and "unknown bill type xx" in r.stderr
    r = run_cli("import", str(tmp_path / "missing"), env=env)
    assert r.exit_code == 2 and "no such file or folder" in r.stderr


@pytest.mark.parametrize("command", ["import", "search", "topics"])
def test_every_command_has_help(run_cli, command):
    r = run_cli(command, "--help")
    assert r.exit_code == 0
    assert "Usage: tracker " + command in r.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_document_size_limit_setting_reaches_the_workers(run_cli, env, test_data, jobs):
    """TRACKER_IMPORT_MAX_DOCUMENT_BYTES: each larger file is named and skipped, nothing is
    written, and the exit code says so (with workers, who read the files themselves)."""
    limited = {**env, "TRACKER_IMPORT_MAX_DOCUMENT_BYTES": "1024"}
    r = run_cli("import", str(test_data / "billstatus"), "--jobs", jobs, "--json", env=limited)
    assert r.exit_code == 1
    report = json.loads(r.stdout)
    assert report["documents"] == 42 and report["failed"] == 42 and report["new"] == 0
    reasons = {f["reason"].split(", ", 1)[1] for f in report["failures"]}
    assert reasons == {"over the limit of 1,024 bytes per document; skipped"}
