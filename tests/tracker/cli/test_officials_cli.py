"""``tracker officials import|list`` through the real entry point, on both databases."""

from __future__ import annotations

import json

import pytest

from scrapers.legislators import FILES


@pytest.fixture
def env(migrated_url):
    return {"TRACKER_DATABASE_URL": migrated_url, "TRACKER_MIN_REQUEST_INTERVAL": "0"}


def test_import_a_folder_twice_then_list(run_cli, env, test_data):
    folder = str(test_data / "legislators" / "current")

    r = run_cli("officials", "import", folder, env=env)
    assert r.exit_code == 0, r.stderr
    assert "officials: 537 added, 0 updated, 0 unchanged, 0 left office" in r.stdout
    assert "memberships: 3879" in r.stdout

    r = run_cli("officials", "import", folder, "--json", env=env)
    report = json.loads(r.stdout)
    assert (report["added"], report["updated"], report["unchanged"]) == (0, 0, 537)

    r = run_cli("officials", "list", "--state", "ca", "--district", "11", "--json", env=env)
    listed = json.loads(r.stdout)
    assert [(o["name"], o["chamber"]) for o in listed] == [
        ("Nancy Pelosi", "house"),
        ("Adam B. Schiff", "senate"),
        ("Alex Padilla", "senate"),
    ]
    assert {o["phone"] for o in listed} == {"202-225-4965", "202-224-3841", "202-224-3553"}


def test_import_from_a_url(run_cli, env, test_data, httpserver):
    folder = test_data / "legislators" / "snapshot-2017-09-28"
    for name in FILES:
        httpserver.expect_request(f"/congress-legislators/{name}").respond_with_data(
            (folder / name).read_bytes(), content_type="text/yaml"
        )

    r = run_cli("officials", "import", httpserver.url_for("/congress-legislators/"), env=env)

    assert r.exit_code == 0, r.stderr
    assert "officials: 540 added" in r.stdout
    user_agents = {req.headers["User-Agent"] for req, _ in httpserver.log}
    assert all(ua.startswith("bill-tracker/") for ua in user_agents)


def test_a_missing_file_is_one_line(run_cli, env, tmp_path, httpserver):
    (tmp_path / "legislators-current.yaml").write_text("[]")
    r = run_cli("officials", "import", str(tmp_path), env=env)
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [
        f"error: {tmp_path} lacks committees-current.yaml, committee-membership-current.yaml"
    ]

    r = run_cli("officials", "import", str(tmp_path / "nothing.yaml"), env=env)
    assert r.exit_code == 2 and "no such file or folder" in r.stderr

    httpserver.expect_request("/x/committees-current.yaml").respond_with_data("gone", status=404)
    r = run_cli("officials", "import", httpserver.url_for("/x/committees-current.yaml"), env=env)
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "404" in r.stderr


def test_help_explains_the_location(run_cli):
    r = run_cli("officials", "import", "--help")
    assert r.exit_code == 0
    # click wraps long words; the URL must survive joined back together.
    assert "https://unitedstates.github.io/congress-legislators/" in "".join(r.stdout.split())
