"""``tracker advocates ...``, ``subscribe`` and ``unsubscribe`` through the real entry point."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from db.engine import make_engine
from db.models import Bill


@pytest.fixture
def env(migrated_url):
    return {"TRACKER_DATABASE_URL": migrated_url}


def _listed(run_cli, env):
    r = run_cli("advocates", "list", "--json", env=env)
    assert r.exit_code == 0, r.stderr
    return {a["email"]: a for a in json.loads(r.stdout)}


def test_add_list_update_remove(run_cli, env):
    r = run_cli(
        "advocates",
        "add",
        "Ana@Example.org",
        "--state",
        "ca",
        "--district",
        "12",
        "--name",
        "Ana Ruiz",
        "--quiet-hours",
        "21-8",
        env=env,
    )
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip() == (
        "added ana@example.org (CA-12, America/Los_Angeles, digest at 8:00, quiet 21-8)"
    )

    ana = _listed(run_cli, env)["ana@example.org"]
    assert ana | {"subscriptions": []} == {
        "email": "ana@example.org",
        "name": "Ana Ruiz",
        "state": "CA",
        "district": 12,
        "uk_constituency": None,
        "timezone": "America/Los_Angeles",  # the state's usual zone
        "digest_hour": 8,
        "quiet_hours": "21-8",
        "state_senate_district": None,
        "state_house_district": None,
        "unsubscribed_at": None,
        "subscriptions": [],
    }

    r = run_cli(
        "advocates",
        "add",
        "ana@example.org",
        "--state",
        "CA",
        "--digest-hour",
        "18",
        "--quiet-hours",
        "none",
        "--timezone",
        "America/New_York",
        env=env,
    )
    assert r.exit_code == 0 and r.stdout.startswith("updated ana@example.org")
    ana = _listed(run_cli, env)["ana@example.org"]
    assert (ana["district"], ana["name"], ana["digest_hour"]) == (12, "Ana Ruiz", 18)
    assert (ana["quiet_hours"], ana["timezone"]) == (None, "America/New_York")

    r = run_cli("advocates", "list", env=env)
    assert "ana@example.org  Ana Ruiz  CA-12  America/New_York  digest 18:00" in r.stdout

    r = run_cli("advocates", "remove", "ANA@example.org", env=env)
    assert r.exit_code == 0 and r.stdout.strip() == "removed ana@example.org"
    assert _listed(run_cli, env) == {}
    r = run_cli("advocates", "remove", "ana@example.org", env=env)
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        "error: no advocate ana@example.org (add one with `tracker advocates add`)"
    )


def test_subscribe_and_unsubscribe(run_cli, env):
    run_cli("advocates", "add", "ana@example.org", "--state", "CA", "--district", "33", env=env)

    r = run_cli(
        "subscribe", "--no-verify", "ana@example.org", "H.R. 4030 (115th Congress)", env=env
    )
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [
        "now tracking hr4030-115",
        "ana@example.org now follows hr4030-115 (stance support, alerts major, digest weekly)",
    ]
    assert [b["id"] for b in json.loads(run_cli("list", "--json", env=env).stdout)] == [
        "hr4030-115"
    ]

    r = run_cli(
        "subscribe",
        "ana@example.org",
        "hr4030-115",
        "--stance",
        "oppose",
        "--digest",
        "daily",
        env=env,
    )
    assert r.stdout.strip() == (
        "ana@example.org updated: hr4030-115 (stance oppose, alerts major, digest daily)"
    )
    r = run_cli(
        "subscribe", "ana@example.org", "--topic", "  Title   IX ", "--alerts", "all", env=env
    )
    assert r.exit_code == 0, r.stderr
    assert "now follows the topic 'Title IX'" in r.stdout
    r = run_cli("subscribe", "ana@example.org", "--topic", "title ix", "--stance", "watch", env=env)
    assert "updated: the topic 'Title IX'" in r.stdout

    follows = _listed(run_cli, env)["ana@example.org"]["subscriptions"]
    assert follows == [
        {
            "bill": "hr4030-115",
            "topic": None,
            "stance": "oppose",
            "alerts": "major",
            "digest": "daily",
        },
        {"bill": None, "topic": "Title IX", "stance": "watch", "alerts": "all", "digest": "weekly"},
    ]
    listed = run_cli("advocates", "list", env=env).stdout
    assert "hr4030-115: stance oppose, alerts major, digest daily" in listed
    assert "topic 'Title IX': stance watch" in listed

    r = run_cli("unsubscribe", "ana@example.org", "hr4030-115", env=env)
    assert r.exit_code == 0 and "no longer follows hr4030-115" in r.stdout
    r = run_cli("unsubscribe", "ana@example.org", "--topic", "TITLE IX", env=env)
    assert r.exit_code == 0
    assert _listed(run_cli, env)["ana@example.org"]["subscriptions"] == []
    # The bill stays tracked: tracking is the operator's decision.
    assert json.loads(run_cli("list", "--json", env=env).stdout)[0]["id"] == "hr4030-115"

    r = run_cli("unsubscribe", "ana@example.org", "hr4030-115", env=env)
    assert (r.exit_code, r.stderr.strip()) == (
        2,
        "error: ana@example.org does not follow hr4030-115",
    )


def test_subscribe_needs_a_bill_or_a_topic_and_a_known_advocate(run_cli, env):
    run_cli("advocates", "add", "ana@example.org", "--state", "CA", env=env)
    assert run_cli("subscribe", "ana@example.org", env=env).exit_code == 2
    r = run_cli(
        "subscribe", "--no-verify", "ana@example.org", "hr4030-115", "--topic", "x", env=env
    )
    assert r.exit_code == 2
    r = run_cli("subscribe", "--no-verify", "bob@example.org", "hr4030-115", env=env)
    assert r.exit_code == 2 and "no advocate bob@example.org" in r.stderr
    r = run_cli("subscribe", "--no-verify", "ana@example.org", "H.R. 4030", env=env)
    assert r.exit_code == 2 and "which Congress?" in r.stderr
    r = run_cli(
        "subscribe", "--no-verify", "ana@example.org", "hr4030-115", "--stance", "love", env=env
    )
    assert r.exit_code == 2


CSV = """\
email,name,state,district,timezone,digest_hour,quiet_hours,notes
ana@example.org,Ana Ruiz,CA,12,America/Los_Angeles,7,21-8,volunteer
bob@example,Bob,CA,12,,,,
"cleo@example.org","Cleo, Jr.",NY,10,,,,"two
lines"
dan@example.org,Dan,ZZ,1,,,,
eve@example.org,Eve,CA,12,Mars/Olympus,,,
ana@example.org,Ana again,CA,12,,,,

fay@example.org,,DC,,,,,
"""


def test_csv_import_keeps_good_rows_and_reports_bad_ones(run_cli, env, tmp_path):
    path = tmp_path / "advocates.csv"
    path.write_text(CSV)

    r = run_cli("advocates", "import", str(path), env=env)

    assert r.exit_code == 1
    assert r.stdout.strip() == "imported 3 advocates (3 added, 0 updated); 4 rows refused"
    assert r.stderr.splitlines() == [
        "ignored columns: notes",
        "advocates.csv: line 3: invalid email address 'bob@example': the domain is not valid "
        "(it needs a dot, e.g. example.org)",
        "advocates.csv: line 6: unknown state 'ZZ': use a two-letter code such as CA "
        "(the 50 states, DC, AS, GU, MP, PR, VI)",
        "advocates.csv: line 7: unknown time zone 'Mars/Olympus': use a name such as "
        "America/Los_Angeles",
        "advocates.csv: line 8: ana@example.org already appears on line 2",
    ]
    listed = _listed(run_cli, env)
    assert sorted(listed) == ["ana@example.org", "cleo@example.org", "fay@example.org"]
    assert (listed["ana@example.org"]["digest_hour"], listed["ana@example.org"]["quiet_hours"]) == (
        7,
        "21-8",
    )
    assert listed["cleo@example.org"]["name"] == "Cleo, Jr."
    assert listed["cleo@example.org"]["timezone"] == "America/New_York"
    assert (listed["fay@example.org"]["state"], listed["fay@example.org"]["district"]) == (
        "DC",
        None,
    )

    # Re-importing updates in place.
    path.write_text("email,name,state,district,timezone\nana@example.org,Ana R.,CA,13,\n")
    r = run_cli("advocates", "import", str(path), env=env)
    assert r.exit_code == 0, r.stderr
    assert "(0 added, 1 updated)" in r.stdout
    ana = _listed(run_cli, env)["ana@example.org"]
    assert (ana["name"], ana["district"], ana["timezone"], ana["digest_hour"]) == (
        "Ana R.",
        13,
        "America/Los_Angeles",
        7,
    )


def test_csv_without_the_required_header_is_refused(run_cli, env, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("email,state\nana@example.org,CA\n")
    r = run_cli("advocates", "import", str(path), env=env)
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        "error: people.csv: line 1: the header lacks name, district, timezone "
        "(it must name email,name,state,district,timezone)"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["not-an-email", "--state", "CA"], "invalid email address 'not-an-email'"),
        (["a@b@example.org", "--state", "CA"], "give one plain address"),
        (["Ana <ana@example.org>", "--state", "CA"], "give one plain address"),
        (["ana@example.org\r\nBcc: x@evil.example", "--state", "CA"], "contains a line break"),
        (["ana@example.org\n", "--state", "CA"], "contains a line break"),
        (["a" * 65 + "@example.org", "--state", "CA"], "the part before @ is not valid"),
        (["ana@example.org", "--state", "XX"], "unknown state 'XX'"),
        (["ana@example.org", "--state", "CA", "--district", "60"], "district 60: use 1-53"),
        (["ana@example.org", "--state", "DC", "--district", "1"], "DC has one at-large seat"),
        (["ana@example.org", "--state", "CA", "--timezone", "Pacific"], "unknown time zone"),
        (["ana@example.org", "--state", "CA", "--timezone", "localtime"], "unknown time zone"),
        (["ana@example.org", "--state", "CA", "--quiet-hours", "9pm"], "quiet hours '9pm'"),
        (["ana@example.org", "--state", "CA", "--quiet-hours", "8-8"], "two different hours"),
        (["ana@example.org", "--state", "CA", "--digest-hour", "24"], "digest hour 24"),
    ],
)
def test_invalid_input_is_one_line_and_exit_2(run_cli, env, args, message):
    r = run_cli("advocates", "add", *args, env=env)
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert _listed(run_cli, env) == {}


def test_districts_are_checked_against_imported_officials(run_cli, env, test_data):
    r = run_cli("officials", "import", str(test_data / "legislators" / "current"), env=env)
    assert r.exit_code == 0, r.stderr

    r = run_cli("advocates", "add", "ana@example.org", "--state", "CA", "--district", "53", env=env)
    assert (r.exit_code, r.stderr.strip()) == (
        2,
        "error: CA has no district 53 (it has districts 1-52)",
    )
    r = run_cli("advocates", "add", "ana@example.org", "--state", "WY", "--district", "1", env=env)
    assert "WY has one at-large seat: use district 0, not 1" in r.stderr
    r = run_cli("advocates", "add", "ana@example.org", "--state", "CA", "--district", "0", env=env)
    assert "CA has no at-large seat" in r.stderr
    r = run_cli("advocates", "add", "ana@example.org", "--state", "CA", "--district", "52", env=env)
    assert r.exit_code == 0, r.stderr


def test_every_command_has_help(run_cli):
    for command in (
        ["advocates"],
        ["advocates", "add"],
        ["advocates", "import"],
        ["advocates", "list"],
        ["advocates", "remove"],
        ["subscribe"],
        ["unsubscribe"],
        ["officials"],
        ["officials", "list"],
    ):
        r = run_cli(*command, "--help")
        assert r.exit_code == 0 and len(r.stdout.split("\n\n")[1].strip()) > 20, command


def test_contacts_shows_whom_to_call_and_a_script(run_cli, env, test_data, migrated_url):
    folder = test_data / "legislators" / "current"
    assert run_cli("officials", "import", str(folder), env=env).exit_code == 0
    run_cli("advocates", "add", "ana@example.org", "--state", "CA", "--district", "11", env=env)
    run_cli("subscribe", "--no-verify", "ana@example.org", "hr4030-115", env=env)
    _as_if_checked(migrated_url, "hr4030-115")

    # As of a day of the 115th Congress: in committee in the House.
    as_of = ("--as-of", "2018-01-02")
    r = run_cli("advocates", "contacts", "ana@example.org", "hr4030-115", *as_of, "--json", env=env)

    assert r.exit_code == 0, r.stderr
    found = json.loads(r.stdout)
    assert (found["moment"], found["dead"]) == ("in_committee", False)
    calls = found["calls"]
    # Only the House acts now: the senators have nothing to do with it yet.
    assert [(c["name"], c["action"], c["priority"]) for c in calls] == [("Nancy Pelosi", "ask", 1)]
    assert "I ask Representative Nancy Pelosi to cosponsor it." in calls[0]["script"]
    assert "H.R. 4030, the Title IX Protection Act" in calls[0]["script"]

    r = run_cli(
        "advocates", "contacts", "ana@example.org", "hr4030-115", "--stance", "oppose", *as_of,
        env=env,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "hr4030-115: It is in committee in the House."
    assert lines[1] == "1. URGE_OPPOSE: Rep. Nancy Pelosi (Democrat), 202-225-4965"
    assert "   - the House acts on the bill next" in r.stdout

    # Today: the 115th Congress is over, and nobody is asked anything.
    r = run_cli("advocates", "contacts", "ana@example.org", "hr4030-115", env=env)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [
        "hr4030-115: Died at the end of the 115th Congress, January 3, 2019.",
        "nobody to call: the bill can no longer move",
    ]


def _as_if_checked(url, key):
    """What a first check of H.R. 4030 would store (the check cycle is tested elsewhere)."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            update(Bill)
            .where(Bill.key == key)
            .values(
                title="Title IX Protection Act",
                short_title="Title IX Protection Act",
                stage="in_committee",
                next_chamber="house",
                sponsor_bioguide_id="S001175",
            )
        )
    engine.dispose()
