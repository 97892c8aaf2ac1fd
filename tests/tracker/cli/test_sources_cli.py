"""`tracker sources list` and `tracker sources test` through the real entry point, and
an operator's folder of definitions (TRACKER_PAGE_DEFINITIONS_DIR)."""

from __future__ import annotations

import json
from pathlib import Path

from scrapers.registry import SOURCES
from scrapers.sources.pages import shipped_definitions
from tests.tracker.cli.test_checking_cli import CONTRACT  # the keys of `tracker parse --json`


def _sc_definition() -> Path:
    return Path(next(d.path for d in shipped_definitions() if d.name == "sc"))


def test_sources_list_names_every_registered_source_and_definition(run_cli, tmp_path):
    r = run_cli("sources", "list")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    names = [line.split()[0] for line in lines]
    assert names == list(SOURCES)  # every registry source, whatever helpers add
    by_name = dict(zip(names, lines, strict=True))
    assert "page definition" in by_name["mo-senate"] and "Missouri Senate" in by_name["mo-senate"]
    assert "bulk data" in by_name["govinfo"]
    # An operator's definition is listed after the shipped ones.
    own = tmp_path / "defs"
    own.mkdir()
    text = _sc_definition().read_text(encoding="utf-8")
    (own / "sc-copy.toml").write_text(
        text.replace('name = "sc"', 'name = "sc-copy"').replace(
            'covers = "South Carolina', 'covers = "Copy of South Carolina'
        ),
        encoding="utf-8",
    )
    r = run_cli("sources", "list", "--json", env={"TRACKER_PAGE_DEFINITIONS_DIR": str(own)})
    assert r.exit_code == 0, r.stderr
    listed = json.loads(r.stdout)["sources"]
    assert [s["name"] for s in listed] == [*SOURCES, "sc-copy"]
    assert listed[-1]["covers"].startswith("Copy of South Carolina")
    assert listed[-1]["definition"] == str(own / "sc-copy.toml")


def test_sources_test_prints_what_a_saved_page_gives(run_cli, test_data):
    mo = test_data / "html" / "state" / "mo"
    r = run_cli(
        "sources",
        "test",
        "mo-senate",
        str(mo / "senate-SB70-2011-billdetail.html"),
        "--page",
        f"actions={mo / 'senate-SB70-2011-actions.html'}",
    )
    assert r.exit_code == 0, r.stderr
    assert "bill:        mo-2011-sb70" in r.stdout
    assert "title:       Modifies provisions relating to the Missouri Family Trust" in r.stdout
    assert "sponsor:     Schaefer" in r.stdout
    assert "stage:       enacted (2011-07-05, executive)" in r.stdout
    assert "actions:     43" in r.stdout
    assert "2011-04-07  senate    S Third Read and Passed" in r.stdout
    # The co-sponsors page was not given: said so, not reported as a miss.
    assert "not checked (their page was not given): cosponsors" in r.stdout
    assert "matched nothing" not in r.stdout


def test_sources_test_json_has_the_parse_keys(run_cli, test_data):
    page = test_data / "html" / "thomas" / "hr3590-111.information.html"
    r = run_cli("sources", "test", "thomas", str(page), "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) >= CONTRACT
    assert data["id"] == "hr3590-111"
    assert (data["stage"], data["became_law"]) == ("enacted", True)
    assert data["sponsor"]["name"] == "Rep Rangel, Charles B."
    assert data["source"] == "thomas"


def test_sources_test_names_the_selectors_that_matched_nothing(run_cli, test_data, tmp_path):
    broken = tmp_path / "sc-broken.toml"
    text = _sc_definition().read_text(encoding="utf-8")
    broken.write_text(text.replace('"a[name] > b"', '"a[name] > strong"'), encoding="utf-8")
    page = test_data / "html" / "state" / "sc" / "S494-2011-billinfo.html"
    r = run_cli("sources", "test", str(broken), str(page))
    assert r.exit_code == 1
    assert "selectors that matched nothing:" in r.stdout
    assert "sponsor: 'a[name] > strong' (required): matched nothing in" in r.stdout
    assert "title:       A BILL TO AMEND SECTION 40-15-110" in r.stdout  # the rest still shown


def test_sources_test_unknown_definition_and_syntax_error(run_cli, test_data, tmp_path):
    page = test_data / "html" / "state" / "sc" / "S494-2011-billinfo.html"
    r = run_cli("sources", "test", "nowhere", str(page))
    assert r.exit_code == 2
    assert (
        "no page definition 'nowhere'; definitions: mo-house, mo-senate, or, sc, thomas" in r.stderr
    )
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\njurisdiction = "xx\n', encoding="utf-8")
    r = run_cli("sources", "test", str(bad), str(page))
    assert r.exit_code == 2
    assert r.stderr.strip().startswith(f"error: {bad}:2: TOML syntax error")
    assert len(r.stderr.strip().splitlines()) == 1


def test_a_syntax_error_in_the_definitions_folder_is_a_bad_setting(run_cli, tmp_path):
    own = tmp_path / "defs"
    own.mkdir()
    (own / "broken.toml").write_text('name = "x"\n\n[types\n', encoding="utf-8")
    r = run_cli("sources", "list", env={"TRACKER_PAGE_DEFINITIONS_DIR": str(own)})
    assert r.exit_code == 2
    line = r.stderr.strip()
    assert line.startswith(
        f"error: TRACKER_PAGE_DEFINITIONS_DIR: {own / 'broken.toml'}:3: TOML syntax"
    )
    assert len(line.splitlines()) == 1


def test_an_operator_definition_may_not_take_a_builtin_name(run_cli, tmp_path):
    own = tmp_path / "defs"
    own.mkdir()
    (own / "thomas.toml").write_text(
        _sc_definition().read_text(encoding="utf-8").replace('name = "sc"', 'name = "thomas"'),
        encoding="utf-8",
    )
    r = run_cli("sources", "list", env={"TRACKER_PAGE_DEFINITIONS_DIR": str(own)})
    assert r.exit_code == 2
    assert "name 'thomas' is taken by a built-in source" in r.stderr


def test_a_state_bill_page_url_and_key_resolve(run_cli, tmp_path):
    r = run_cli("sources", "list")
    assert r.exit_code == 0
    from tracker.core.references import resolve_reference
    from tracker.core.settings import Settings

    found = resolve_reference(
        "https://house.mo.gov/BillSummary.aspx?bill=HB45&year=2011&code=R", Settings()
    )
    assert (found.ref.key, found.source) == ("mo-2011-hb45", "mo-house")
    found = resolve_reference("mo-2011-sb70", Settings())
    assert (found.ref.key, found.source) == ("mo-2011-sb70", "mo-senate")
    found = resolve_reference("hr4030-115", Settings())
    assert found.source == "govinfo"  # federal keys stay with the federal source


def test_sources_test_fetches_a_url_and_the_bill_s_other_pages(run_cli, test_data, httpserver):
    mo = test_data / "html" / "state" / "mo"
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/BillSummaryPrn.aspx").respond_with_data(
        (mo / "house-HB45-2011-billdetail.html").read_bytes(), content_type="text/html"
    )
    httpserver.expect_request("/BillActionsPrn.aspx").respond_with_data(
        (mo / "house-HB45-2011-actions.html").read_bytes(), content_type="text/html"
    )
    url = httpserver.url_for("/BillSummaryPrn.aspx") + "?bill=HB45&year=2011&code=R"
    r = run_cli(
        "sources", "test", "mo-house", url, "--json", env={"TRACKER_MIN_REQUEST_INTERVAL": "0"}
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert (data["id"], data["stage"], len(data["actions"])) == ("mo-2011-hb45", "enacted", 41)
    assert data["source_url"] == url
    asked = [req.path for req, _ in httpserver.log]
    assert "/BillActionsPrn.aspx" in asked
