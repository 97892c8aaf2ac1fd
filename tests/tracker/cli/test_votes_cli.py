"""``tracker parse`` on roll-call records and the votes part of ``tracker show``."""

from __future__ import annotations

import json

import pytest

from tests.conftest import BACKENDS, _scratch_database
from tests.report_data import fill

POSITION_KEYS = {"bioguide_id", "lis_member_id", "name", "party", "state", "position"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("house-clerk/2026-roll300.xml", ("house", 119, 2, 300, "2026-09-15", "H.Res. 1530")),
        ("senate-lis/vote_108_2_00213.xml", ("senate", 108, 2, 213, "2004-11-17", "S. 2986")),
        ("senate-lis/vote_115_2_00223.xml", ("senate", 115, 2, 223, "2018-10-06", None)),
    ],
)
def test_parse_prints_a_roll_call(run_cli, test_data, name, expected):
    r = run_cli("parse", str(test_data / "votes" / name), "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert (
        data["chamber"],
        data["congress"],
        data["session"],
        data["number"],
        data["date"],
        data["bill"],
    ) == expected
    assert data["question"] and data["result"]
    assert set(data["totals"]) == {"yea", "nay", "present", "not_voting"}
    assert sum(data["totals"].values()) == len(data["positions"])
    assert all(set(p) >= POSITION_KEYS for p in data["positions"])
    ids = "bioguide_id" if data["chamber"] == "house" else "lis_member_id"
    assert all(p[ids] for p in data["positions"])


def test_parse_says_the_speaker_election_is_not_a_yea_nay_vote(run_cli, test_data):
    path = test_data / "votes" / "house-clerk" / "2025-roll002-speaker-election.xml"
    data = json.loads(run_cli("parse", str(path), "--json").stdout)
    assert data["yea_nay"] is False and data["totals"] is None
    assert data["candidates"][0] == {"candidate": "Johnson (LA)", "total": 218}
    assert data["positions"][0]["position"] == "Jeffries"
    human = run_cli("parse", str(path))
    assert human.exit_code == 0
    assert "not a yea/nay vote: Johnson (LA) 218, Jeffries 215" in " ".join(human.stdout.split())


@pytest.fixture(scope="module", params=BACKENDS)
def filled(request, test_data, tmp_path_factory):
    with _scratch_database(request.param, tmp_path_factory.mktemp("votes-cli")) as url:
        yield fill(url, test_data)


def test_show_gives_each_vote_with_totals_and_a_party_breakdown(run_cli, filled):
    env = {"TRACKER_DATABASE_URL": filled.url}
    data = json.loads(run_cli("show", "hr1865-115", "--json", env=env).stdout)
    house = data["votes"][0]
    assert house["id"] == "house-115-2-91" and "positions" not in house
    assert house["totals"]["yea"] == 214
    assert {t["party"] for t in house["by_party"]} == {"R", "D", "I"}
    text = run_cli("show", "hr1865-115", env=env)
    assert text.exit_code == 0, text.stderr
    out = text.stdout
    assert "house roll call 91: On Agreeing to the Resolution: Passed" in out
    assert "senate roll call 60" in out
    assert "votes not stored yet: senate-115-2-57" in out
